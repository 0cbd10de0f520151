//! Reported speech: a reporting verb, its source and its content.

use super::cues::cue_at;
use super::source::{apposed_subject, end_through, extend_apposition, parenthesised_subject};
use super::Quote;
use crate::casualties::claimant::{
    apposed_claimant, apposition_subject, is_determiner, phrase_after, subject_before, trim,
};
use crate::numbers::words::{is, is_any, Word};
use veille_model::Span;

/// Reported statements of a sentence (`ws` are its words, `off` its offset
/// in the document).
pub(crate) fn reported(text: &str, ws: &[Word], off: usize, lang: &str) -> Vec<Quote> {
    let mut out = Vec::new();
    let span = |s: usize, e: usize| {
        Span::new(
            off + ws[s].span.start as usize,
            off + ws[e - 1].span.end as usize,
        )
    };
    let text_end = text.trim_end_matches(['.', ' ', '\n', '"', '”', '»']).len();
    if let Some(q) = colon_speaker(text, ws, off, lang) {
        out.push(q);
    }
    let mut i = 0;
    while i < ws.len() {
        // "selon X, …" / "according to X, …"
        let lead = if ws[i].key == "selon" {
            Some(i + 1)
        } else if ws[i].key == "according" && is(ws, i + 1, "to") {
            Some(i + 2)
        } else {
            None
        };
        if let Some(a) = lead {
            if let Some((s, e)) = phrase_after(ws, a) {
                let content = if i == 0 || ws[i].before.stop {
                    // "Selon X, content."
                    (e < ws.len()).then(|| {
                        Span::new(
                            off + ws[e].span.start as usize,
                            off + text_end.max(ws[e].span.start as usize),
                        )
                    })
                } else {
                    // "content, according to X."
                    let end = ws[i - 1].span.end as usize;
                    (end > 0).then(|| Span::new(off, off + end))
                };
                if let Some(c) = content.filter(|c| !c.is_empty()) {
                    out.push(Quote {
                        speaker: Some(span(s, e)),
                        mention: Some(span(s, e)),
                        cue: Some(span(i, a)),
                        content: c,
                        direct: false,
                    });
                }
                i = e;
                continue;
            }
        }
        let Some(cue_end) = cue_at(ws, i) else {
            i += 1;
            continue;
        };
        if ws[i].key == "according" {
            i += 1;
            continue;
        }
        // `Flynn, a top Trump surrogate, said`: the source runs to the
        // comma; `Trey Gowdy (R-S.C.) said`: to the closing parenthesis
        let plain = subject_before(ws, i)
            .or_else(|| apposition_subject(ws, i))
            .filter(|&(s, e)| plausible_source(ws, s, e));
        let marked = if plain.is_none() {
            apposed_subject(ws, i)
                .map(|r| (r, ','))
                .or_else(|| parenthesised_subject(text, ws, i).map(|r| (r, ')')))
        } else {
            None
        };
        // `La défense, pour sa part, a demandé`, `Le gouverneur du Texas,
        // Greg Abbott, a déclaré`: a subject before an apposition that
        // closes at the verb, so the content follows (not `…, a déclaré X`)
        // (it wins over a subject found right before the verb: `Cette
        // région, soutenue par Erevan, a déclaré son indépendance`)
        let apposed = if marked.is_none() {
            apposed_claimant(ws, i).filter(|&(s, e)| plausible_source(ws, s, e))
        } else {
            None
        };
        // checked by their shape; an apposition may be long
        let source = apposed.or(plain).or(marked.map(|(r, _)| r));
        let source_span = |r: (usize, usize)| match marked {
            Some((m, mark)) if m == r => Span::new(
                off + ws[r.0].span.start as usize,
                off + end_through(text, ws, r, mark),
            ),
            _ => span(r.0, r.1),
        };
        // content after: "X said (that) …", "X a déclaré que …"
        let after_ok = cue_end < ws.len() && !ws[cue_end].before.stop;
        let postposed = i > 0
            && apposed.is_none()
            && (ws[i].before.comma
                || ws[i].before.quote
                || (kinds_aux(&ws[i - 1].key) && ws[i - 1].before.breaks()));
        if let (Some((s, e)), true, false) = (source, after_ok, postposed) {
            let starts_clause = is_any(ws, cue_end, &["que", "qu'", "that", "avoir"])
                || ws[cue_end].before.comma
                || ws[cue_end].before.quote
                || ws[cue_end].cap
                || is_pronoun(&ws[cue_end].key)
                || speech_verb(&ws[i].key);
            if starts_clause {
                let c0 = ws[cue_end].span.start as usize;
                if text_end > c0 {
                    out.push(Quote {
                        speaker: Some(source_span((s, e))),
                        mention: Some(source_span((s, e))),
                        cue: Some(span(i, cue_end)),
                        content: Span::new(off + c0, off + text_end),
                        direct: false,
                    });
                    i = cue_end;
                    continue;
                }
            }
        }
        // content before: "…, X said." / "…, said X." (not when the subject
        // stands before an apposition: `Cette région, soutenue par Erevan, a
        // déclaré son indépendance` declares nothing it reports)
        if i > 1 && apposed.is_none() {
            let clause = (1..=i)
                .rev()
                .find(|&j| ws[j].before.comma || ws[j].before.quote);
            if let Some(b) = clause {
                let content_end = ws[b - 1].span.end as usize;
                // a participle (`…, affirmant tous deux contrôler la
                // situation`, `…, saying he…`) has no subject after it: it
                // is the subject of a cue before it in the sentence
                let participle = b == i
                    && ws[i].key.len() > 4
                    && (ws[i].key.ends_with("ant") || ws[i].key.ends_with("ing"));
                let speaker = if marked.is_some() {
                    source
                } else if participle {
                    participle_subject(ws, b, &out, off)
                } else if b == i || (b + 1 == i && kinds_aux(&ws[b].key)) {
                    phrase_after(ws, cue_end)
                        .map(|(s, e)| (s, extend_apposition(ws, (s, e))))
                        .and_then(|r| trim(r, ws))
                        .filter(|&(s, e)| plausible_source(ws, s, e))
                } else {
                    source.filter(|&(s, _)| s >= b)
                };
                let rest_is_short = ws[cue_end.min(ws.len() - 1)..]
                    .iter()
                    .skip(1)
                    .all(|w| !w.before.stop);
                // what a participle reports follows it
                let content = if participle && cue_end < ws.len() {
                    let c0 = ws[cue_end].span.start as usize;
                    Span::new(off + c0, off + text_end.max(c0))
                } else {
                    Span::new(off, off + content_end)
                };
                if let Some((s, e)) = speaker {
                    if content_end > 0 && rest_is_short && !content.is_empty() {
                        out.push(Quote {
                            speaker: Some(source_span((s, e))),
                            mention: Some(source_span((s, e))),
                            cue: Some(span(i, cue_end)),
                            content,
                            direct: false,
                        });
                        i = cue_end;
                        continue;
                    }
                }
            }
        }
        i = cue_end;
    }
    out
}

/// Who speaks through a participle at `b` (`…, a estimé M. Lemoyne,
/// annonçant une réunion`, `Les autorités ont assuré …, ajoutant que …`):
/// the speaker of the statement before it in the sentence, else the subject
/// of the first cue when it names someone (a capital or a determiner first,
/// not a pronoun: `qui`, `j'`, `Après avoir` are no speakers).
fn participle_subject(
    ws: &[Word],
    b: usize,
    found: &[Quote],
    off: usize,
) -> Option<(usize, usize)> {
    let before = found
        .iter()
        .rev()
        .filter(|q| {
            q.cue
                .is_some_and(|c| (c.end as usize) <= off + ws[b].span.start as usize)
        })
        .find_map(|q| q.speaker)
        .and_then(|sp| {
            let s = ws
                .iter()
                .position(|w| off + w.span.start as usize == sp.start as usize)?;
            let e = ws
                .iter()
                .rposition(|w| off + w.span.end as usize == sp.end as usize)?;
            Some((s, e + 1))
        });
    let names = |(s, e): (usize, usize)| {
        e - s <= 10 && opens_a_name(&ws[s]) && !ws[s..e].iter().skip(1).any(|w| w.before.breaks())
    };
    before
        .or_else(|| (0..b).find_map(|j| cue_at(ws, j).and_then(|_| subject_before(ws, j))))
        .filter(|&r| names(r))
}

/// Whether a speaker opening with `w` names someone: a capital or a
/// determiner first (`Édouard Philippe`, `le ministre`, `une source`), not
/// a pronoun or a relative (`je`, `il`, `qui`: someone named further back)
/// nor a clause the rules took for a speaker (`a-t-elle d'abord`, `Après
/// avoir`).
pub(super) fn opens_a_name(w: &Word) -> bool {
    let k = w.key.as_str();
    (w.cap || is_determiner(k) || matches!(k, "the" | "an"))
        && !matches!(
            k,
            "je" | "j'"
                | "tu"
                | "il"
                | "elle"
                | "ils"
                | "elles"
                | "on"
                | "nous"
                | "vous"
                | "t-il"
                | "t-elle"
                | "qui"
                | "apres"
                | "aujourd'hui"
                | "i"
                | "you"
                | "he"
                | "she"
                | "we"
                | "they"
                | "it"
                | "who"
        )
}

/// English reporting verbs that introduce a clause without `that` (`Trump
/// said the economy …`); ambiguous cues (`report`, `found`, `called`,
/// `expected`) still need a clause mark after them.
fn speech_verb(k: &str) -> bool {
    matches!(
        k,
        "said"
            | "says"
            | "added"
            | "adds"
            | "stated"
            | "argued"
            | "argues"
            | "insisted"
            | "insists"
            | "warned"
            | "warns"
            | "believes"
            | "thinks"
            | "acknowledged"
            | "admitted"
            | "predicted"
            | "declared"
            | "suggested"
            | "suggests"
            | "contended"
            | "asserted"
            | "conceded"
            | "stressed"
            | "emphasized"
            | "noted"
            | "explained"
            | "told"
            | "tells"
            | "wrote"
            | "writes"
            | "claimed"
            | "announced"
            | "confirmed"
            | "testified"
            | "recalled"
            | "replied"
    )
}

/// Words that make the next one a noun.
const DETERMINERS: &[&str] = &[
    "un",
    "une",
    "cette",
    "ce",
    "son",
    "sa",
    "ses",
    "leur",
    "autre",
    "nouvelle",
    "nouvel",
    "derniere",
    "premiere",
    "principale",
    "seule",
    "grande",
    "a",
    "an",
    "the",
    "another",
];

/// Object pronouns and auxiliaries written between a French subject and
/// its verb.
const BEFORE_VERB: &[&str] = &[
    "l'", "le", "la", "les", "lui", "leur", "m'", "me", "t'", "te", "s'", "se", "nous", "vous",
    "y", "en", "ai", "as", "a", "avons", "avez", "ont", "avais", "avait", "avaient", "suis", "es",
    "est", "sommes", "etes", "sont", "etait", "has", "have", "had",
];

fn kinds_aux(k: &str) -> bool {
    matches!(k, "a" | "ont" | "avait" | "has" | "have" | "had")
}

fn is_pronoun(k: &str) -> bool {
    matches!(
        k,
        "il" | "elle"
            | "ils"
            | "elles"
            | "on"
            | "he"
            | "she"
            | "they"
            | "we"
            | "i"
            | "it"
            | "the"
            | "a"
            | "there"
            | "this"
            | "le"
            | "la"
            | "les"
    )
}

/// A source is a noun phrase: not a lone conjunction or relative word.
fn plausible_source(ws: &[Word], s: usize, e: usize) -> bool {
    let k = ws[s].key.as_str();
    e - s <= 10
        && !matches!(
            k,
            "which"
                | "what"
                | "qui"
                | "ce"
                | "cela"
                | "this"
                | "that"
                | "to"
                | "as"
                | "if"
                | "when"
                | "but"
                | "so"
        )
}

/// A label and a colon opening the sentence, when they attribute what
/// follows:
///
/// - a name before a quotation (`Aquilino Morelle : "Hollande ne voulait
///   pas…"`, `Le ministre : « … »`) or, in English, a transcript speaker in
///   capitals (`WALLACE: Let's start…`; French capitals are acronyms of
///   topics, `SNCF :`, `RATP :`): the label is the speaker, the colon the cue;
/// - a reporting phrase (`Et d'ajouter : "…"`, `Avant de conclure : …`, `Il
///   ajoute : …`): the phrase is the cue; a subject before its verb is the
///   speaker (a pronoun only its mention: [`super::rule_quotes`] takes the
///   speaker from the previous sentence, as it does when there is none).
///
/// A label before anything else is a topic, not a speaker: French titles
/// are written `Coronavirus : le Bac 2020 en contrôle continu`, `Tunisie :
/// le groupe Etat islamique revendique…` (on OrangeSum, 19,500 of the
/// 21,700 colon labels the rule took before had no quotation after them).
fn colon_speaker(text: &str, ws: &[Word], off: usize, lang: &str) -> Option<Quote> {
    let n = (1..ws.len().min(5)).find(|&j| ws[j].before.stop)?;
    if !ws[0].cap
        || ws[..n]
            .iter()
            .any(|w| w.before.breaks() && w.span.start > 0)
    {
        return None;
    }
    let (gap_start, gap_end) = (ws[n - 1].span.end as usize, ws[n].span.start as usize);
    let colon = gap_start + text.get(gap_start..gap_end)?.find(':')?;
    let content_start = ws[n].span.start as usize;
    let end = text
        .trim_end_matches(['.', ' ', '\n'])
        .len()
        .max(content_start);
    let span = |s: usize, e: usize| {
        Span::new(
            off + ws[s].span.start as usize,
            off + ws[e - 1].span.end as usize,
        )
    };
    let quote = |speaker: Option<Span>, mention: Option<Span>, cue: Span| Quote {
        speaker,
        mention,
        cue: Some(cue),
        content: Span::new(off + content_start, off + end),
        direct: false,
    };
    // a verb in the label (`Il ajoute :`, `Le ministre précise :`); not a
    // noun (a cue word opening the label, in a compound or after a
    // determiner: `Demande de réparations :`, `Bande-annonce :`, `Autre
    // annonce :`), an adjective after a copula (`Leur méthode est précise :`
    // but `Je me suis dit :`) or a participle without its auxiliary
    // (`Darmanin accusé de viol :`, `Coût estimé :`)
    let copula = |j: usize| {
        is_any(
            ws,
            j - 1,
            &[
                "est", "sont", "etait", "etaient", "is", "are", "was", "were",
            ],
        ) && (j < 2
            || !is_any(
                ws,
                j - 2,
                &["s'", "se", "m'", "me", "t'", "te", "nous", "vous"],
            ))
    };
    let participle = |j: usize| {
        let w = &text[ws[j].span.start as usize..ws[j].span.end as usize];
        ["é", "ée", "és", "ées"].iter().any(|x| w.ends_with(x)) && !is_any(ws, j - 1, BEFORE_VERB)
    };
    let verb = |j: usize| {
        let noun = ws[j].before.hyphen
            || is_any(ws, j - 1, DETERMINERS)
            || (j == 1 && is_any(ws, 0, &["le", "la", "les", "l'"]));
        !(noun || copula(j) || participle(j))
    };
    if let Some((j, e)) =
        (1..n).find_map(|j| cue_at(ws, j).filter(|&e| e <= n && verb(j)).map(|e| (j, e)))
    {
        // without the pronouns and auxiliary before the verb (`Gérald
        // Darmanin l'assure`, `Je lui ai dit`)
        let mut k = j;
        while k > 1 && is_any(ws, k - 1, BEFORE_VERB) {
            k -= 1;
        }
        // `Et on vous dit :`, `Mais elle l'assure :`
        let s = usize::from(k > 1 && is_any(ws, 0, &["et", "mais", "puis", "alors", "and", "but"]));
        let subject = span(s, k);
        return Some(
            if k == s + 1 && (is_pronoun(&ws[s].key) || is_any(ws, s, &["je", "j'"])) {
                quote(None, Some(subject), span(j, e))
            } else if plausible_source(ws, s, k) {
                quote(Some(subject), Some(subject), span(j, e))
            } else {
                quote(None, None, span(j, e))
            },
        );
    }
    // `Et d'ajouter :`, `Avant de conclure :`, `Puis de préciser :`
    if n >= 3 && is_any(ws, 0, &["et", "avant", "puis", "enfin"]) && is_any(ws, 1, &["de", "d'"]) {
        return Some(quote(None, None, span(1, n)));
    }
    let label = &text[ws[0].span.start as usize..gap_start];
    let transcript = lang == "en"
        && label.chars().any(char::is_alphabetic)
        && !label.chars().any(char::is_lowercase)
        && label.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !super::labels::NOT_SPEAKERS.contains(&label.to_lowercase().as_str());
    if !(ws[n].before.quote || transcript) || (!ws[n - 1].cap && n == 1) {
        return None;
    }
    let speaker = Some(Span::new(off + ws[0].span.start as usize, off + gap_start));
    Some(quote(
        speaker,
        speaker,
        Span::new(off + colon, off + colon + 1),
    ))
}
