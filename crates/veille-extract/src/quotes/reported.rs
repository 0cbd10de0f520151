//! Reported speech: a reporting verb, its source and its content.

use super::cues::cue_at;
use super::source::{apposed_subject, end_through, extend_apposition, parenthesised_subject};
use super::Quote;
use crate::casualties::claimant::{
    apposed_claimant, apposition_subject, phrase_after, subject_before, trim,
};
use crate::numbers::words::{is, is_any, Word};
use veille_model::Span;

/// Reported statements of a sentence (`ws` are its words, `off` its offset
/// in the document).
pub(crate) fn reported(text: &str, ws: &[Word], off: usize) -> Vec<Quote> {
    let mut out = Vec::new();
    let span = |s: usize, e: usize| {
        Span::new(
            off + ws[s].span.start as usize,
            off + ws[e - 1].span.end as usize,
        )
    };
    let text_end = text.trim_end_matches(['.', ' ', '\n', '"', '”', '»']).len();
    if let Some(q) = colon_speaker(text, ws, off) {
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
        let apposed = if plain.is_none() && marked.is_none() {
            apposed_claimant(ws, i).filter(|&(s, e)| plausible_source(ws, s, e))
        } else {
            None
        };
        // checked by their shape; an apposition may be long
        let source = plain.or(marked.map(|(r, _)| r)).or(apposed);
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
        // content before: "…, X said." / "…, said X."
        if i > 1 {
            let clause = (1..=i)
                .rev()
                .find(|&j| ws[j].before.comma || ws[j].before.quote);
            if let Some(b) = clause {
                let content_end = ws[b - 1].span.end as usize;
                let speaker = if marked.is_some() {
                    source
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
                if let Some((s, e)) = speaker {
                    if content_end > 0 && rest_is_short {
                        out.push(Quote {
                            speaker: Some(source_span((s, e))),
                            mention: Some(source_span((s, e))),
                            cue: Some(span(i, cue_end)),
                            content: Span::new(off, off + content_end),
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

/// A transcript or headline line: `WALLACE: …`, `Pence: …`, `Le ministre : …`.
/// The speaker is up to four leading words with a capitalised head, the cue
/// the colon, the content the rest of the sentence.
fn colon_speaker(text: &str, ws: &[Word], off: usize) -> Option<Quote> {
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
    if !ws[n - 1].cap && n == 1 {
        return None;
    }
    let content_start = ws[n].span.start as usize;
    let end = text
        .trim_end_matches(['.', ' ', '\n'])
        .len()
        .max(content_start);
    let speaker = Some(Span::new(off + ws[0].span.start as usize, off + gap_start));
    Some(Quote {
        speaker,
        mention: speaker,
        cue: Some(Span::new(off + colon, off + colon + 1)),
        content: Span::new(off + content_start, off + end),
        direct: false,
    })
}
