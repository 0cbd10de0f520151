//! Quotes with their speaker, and accusations and denials.
//!
//! Direct quotes ([`direct`]) are the text between `«…»`, `“…”` or `"…"`
//! marks with a reporting verb beside them: after the closing mark (`… »,
//! a déclaré X`, `…," X said`, `…," said X`, `a-t-il déclaré`) or before the
//! opening mark (`X a affirmé que «…»`, `X said: "…"`). A pronoun speaker
//! (`a-t-il déclaré`, `she said`) is resolved to the subject of the previous
//! sentence's reporting verb when there is one. Quoted words without a cue
//! beside them (scare quotes: `"venger"`) are not quotes.
//!
//! Reported speech ([`reported`]) is a reporting verb with its source and
//! content: `X a déclaré que …`, `X said (that) …`, `…, X said`, `…, said X`,
//! `selon X, …`, `according to X, …`. An unambiguous English speech verb
//! (`said`, `added`, `argued`, …) takes its content without `that` (`Trump
//! said the economy …`; PolNeAR dev source F1 0.360 → 0.377 exact, 0.520 →
//! 0.542 overlap); ambiguous cues (`report`, `found`, `called`) still need a
//! clause mark after them.
//!
//! A source's boundaries ([`source`]): clause openers, auxiliaries, adverbs
//! and time phrases are shaved off a subject found by position; a subject
//! set off by commas (`Flynn, a top Trump surrogate, said`) or followed by a
//! party in parentheses (`Trey Gowdy (R-S.C.) said`) runs to the closing
//! mark; a speaker after its cue keeps its apposition. A pronoun speaker is
//! kept as the quote's `mention` and resolved to the previous sentence's
//! speaker in `speaker`. Together with titles (`Mr.`, `Gov.`, `M.`) no
//! longer ending a phrase: PolNeAR dev source F1 0.377 → 0.530 exact, 0.542
//! → 0.597 overlap (reports/claims.md).
//!
//! Accusations and denials ([`stance`]) come from `accuser`/`accuse`/`blame`
//! and `démentir`/`deny`/`rejeter la responsabilité`.

pub mod contextual;
mod cues;
mod direct;
mod labels;
pub mod learned;
mod reported;
mod source;
mod stance;

use crate::casualties::SentenceInput;
use crate::casualties::{casualties_in, CasualtyClaim};
use crate::numbers::words::{words, Word};
use learned::AttributionModel;
use serde::Serialize;
use veille_model::Span;

/// A quote or a reported statement. Spans are in document offsets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    /// Who speaks, when found (`le président Aliev`, `police`); for a pronoun
    /// (`a-t-il déclaré`, `he said`), whom it stands for when that is found.
    pub speaker: Option<Span>,
    /// The words of this sentence that name the speaker, a pronoun included
    /// (`il`, `he`): the same as `speaker` unless that was resolved from the
    /// previous sentence.
    pub mention: Option<Span>,
    /// The reporting verb (`a déclaré`, `said`, `selon`).
    pub cue: Option<Span>,
    /// What is said: inside the quotation marks for a direct quote.
    pub content: Span,
    /// Between quotation marks.
    pub direct: bool,
}

/// Whether a stance accuses or denies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StanceKind {
    Accusation,
    Denial,
}

impl StanceKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            StanceKind::Accusation => "accusation",
            StanceKind::Denial => "denial",
        }
    }
}

/// Who accuses whom of what, or who denies what. Spans are in document offsets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stance {
    pub kind: StanceKind,
    /// Who accuses or denies.
    pub actor: Span,
    /// Whom an accusation targets.
    pub target: Option<Span>,
    /// Of what (`d'avoir tué 21 personnes`, `avoir mené cette attaque`).
    pub content: Span,
}

/// Every quote and reported statement of one sentence.
pub fn extract_quotes(input: &SentenceInput<'_>) -> Vec<Quote> {
    quotes_in(input, &words(input.text))
}

/// How quotes are found: the rules of [`direct`] and [`reported`], or the
/// learned English model of [`learned`] (cue and source), with the content
/// of a rule quote on the same cue when there is one.
#[derive(Debug, Clone, Copy)]
pub enum QuoteMethod<'m> {
    Rules,
    Learned(&'m AttributionModel),
    /// The learned model with features of each word's contextual vector
    /// ([`contextual`]), the vectors from the given source.
    Contextual(
        &'m contextual::ContextualModel,
        &'m dyn contextual::WordVectorSource,
    ),
}

impl QuoteMethod<'static> {
    /// What each language uses: the learned model for English when its
    /// weights are in `$VEILLE_MODELS` (PolNeAR dev source F1,
    /// reports/claims.md), the rules elsewhere (no training data) or without them.
    pub fn for_lang(lang: &str) -> QuoteMethod<'static> {
        if lang == "en" {
            if let Some((model, vectors)) = contextual::installed() {
                return QuoteMethod::Contextual(model, vectors);
            }
        }
        // French and others never load the English weights
        match (lang == "en")
            .then(AttributionModel::builtin_trained)
            .flatten()
        {
            Some(model) => QuoteMethod::Learned(model),
            None => QuoteMethod::Rules,
        }
    }
}

/// Every quote and reported statement of one sentence, found by `method`.
pub fn extract_quotes_with(input: &SentenceInput<'_>, method: QuoteMethod<'_>) -> Vec<Quote> {
    quotes_by(input, &words(input.text), method)
}

fn quotes_in(input: &SentenceInput<'_>, ws: &[Word]) -> Vec<Quote> {
    quotes_by(input, ws, QuoteMethod::for_lang(input.lang))
}

fn quotes_by(input: &SentenceInput<'_>, ws: &[Word], method: QuoteMethod<'_>) -> Vec<Quote> {
    let rules = rule_quotes(input, ws);
    let mut out = match method {
        QuoteMethod::Rules => return rules,
        QuoteMethod::Learned(model) => learned_quotes(input, ws, model, None, &rules),
        QuoteMethod::Contextual(model, vectors) => {
            let context = model.context(input.text, ws, vectors);
            learned_quotes(input, ws, &model.model, context.as_ref(), &rules)
        }
    };
    // punctuation cues the word view cannot tag (`PENCE:`, `” ― Name`)
    for q in labels::speaker_labels(input.text, input.span.start as usize) {
        let overlaps = |a: Span, b: Span| a.start < b.end && b.start < a.end;
        if !out.iter().any(|o| match (o.mention, q.mention) {
            (Some(a), Some(b)) => overlaps(a, b),
            _ => false,
        }) {
            out.push(q);
        }
    }
    out
}

/// The model's cues and sources as quotes. The content is that of a direct
/// quote (rules) whose cue overlaps, else what precedes a source set off by
/// punctuation or following its cue (`…, X said`, `…, said X`), else what
/// follows the cue (`X said …`). A pronoun source
/// stays the `mention`; the `speaker` is then the previous sentence's.
fn learned_quotes(
    input: &SentenceInput<'_>,
    ws: &[Word],
    model: &AttributionModel,
    context: Option<&learned::WordIds>,
    rules: &[Quote],
) -> Vec<Quote> {
    let off = input.span.start as usize;
    let span = |(s, e): learned::Range| {
        Span::new(
            off + ws[s].span.start as usize,
            off + ws[e - 1].span.end as usize,
        )
    };
    let text_end = input
        .text
        .trim_end_matches(['.', ' ', '\n', '"', '”', '»'])
        .len();
    model
        .on_words(ws, context)
        .into_iter()
        .map(|(c, src)| {
            let cue = span(c);
            let rule = rules.iter().find(|q| {
                q.cue
                    .is_some_and(|r| r.start < cue.end && cue.start < r.end)
            });
            // `…, said X` / `…, X said`: the content comes before the source
            let content_before = match src {
                Some((s, _)) if s >= c.1 => c.0,
                Some((s, _)) if s > 0 && ws[s].before.breaks() => s,
                _ => 0,
            };
            let content = match rule {
                Some(r) if r.direct => r.content,
                _ if content_before > 0 => {
                    Span::new(off, off + ws[content_before - 1].span.end as usize)
                }
                _ if c.1 < ws.len() => Span::new(
                    off + ws[c.1].span.start as usize,
                    off + text_end.max(ws[c.1].span.start as usize),
                ),
                _ => Span::new(off, off + text_end),
            };
            let mention = src.map(|r| {
                let (a, b) = learned::source_bytes(input.text, ws, r, c);
                Span::new(off + a, off + b)
            });
            let pronoun = src.is_some_and(|(s, e)| {
                e == s + 1
                    && matches!(
                        ws[s].key.as_str(),
                        "he" | "she" | "they" | "i" | "we" | "it"
                    )
            });
            let speaker = if pronoun {
                input
                    .previous
                    .and_then(|(p, ps)| direct::previous_speaker(p, ps))
                    .or(mention)
            } else {
                mention
            };
            Quote {
                speaker,
                mention,
                cue: Some(cue),
                content,
                direct: rule.is_some_and(|r| r.direct),
            }
        })
        .collect()
}

fn rule_quotes(input: &SentenceInput<'_>, ws: &[Word]) -> Vec<Quote> {
    let text = input.text;
    let off = input.span.start as usize;
    let mut out = direct::direct_quotes(text, ws, input.previous, off);
    for q in reported::reported(text, ws, off, input.lang) {
        // a reported statement around a direct quote is the same statement
        if !out.iter().any(|d| d.cue.is_some() && d.cue == q.cue) {
            out.push(q);
        }
    }
    // a label's colon (`Retraites : "…", estime Marine Le Pen`) gives way to
    // a cue after it: the label was the topic
    let is_colon = |q: &Quote| {
        q.cue.is_some_and(|c| {
            c.len() == 1 && text.get(c.start as usize - off..c.end as usize - off) == Some(":")
        })
    };
    if let Some(colon) = out.iter().find(|q| is_colon(q)).and_then(|q| q.cue) {
        if out
            .iter()
            .any(|q| q.cue.is_some_and(|c| c.start > colon.start))
        {
            out.retain(|q| !is_colon(q));
        }
    }
    // a reporting phrase opening the sentence without its speaker (`Et
    // d'ajouter : "…"`, `Il ajoute : …`): the previous sentence's
    for q in out.iter_mut().filter(|q| q.speaker.is_none() && !q.direct) {
        q.speaker = input
            .previous
            .and_then(|(p, ps)| previous_statement_speaker(p, ps, input.lang));
    }
    out
}

/// The speaker of the last statement of the previous sentence (its own
/// previous sentence not read) when it names one: a noun phrase opening
/// with a capital or a determiner (`Édouard Philippe`, `le ministre`, `une
/// source proche du dossier`), not a pronoun or a relative (`je`, `il`,
/// `qui`: a sentence further back) nor a clause the rules took for a
/// speaker (`a-t-elle d'abord`, `même si ce n'est`).
fn previous_statement_speaker(previous: &str, span: Span, lang: &str) -> Option<Span> {
    let alone = SentenceInput {
        text: previous,
        span,
        previous: None,
        title: None,
        lang,
    };
    let ws = words(previous);
    let off = span.start as usize;
    let speaker = rule_quotes(&alone, &ws)
        .iter()
        .rev()
        .find_map(|q| q.speaker)?;
    let first = ws
        .iter()
        .find(|w| w.span.start as usize + off >= speaker.start as usize)?;
    reported::opens_a_name(first).then_some(speaker)
}

/// Every accusation and denial of one sentence.
pub fn extract_stances(input: &SentenceInput<'_>) -> Vec<Stance> {
    stances_in(input, &words(input.text))
}

fn stances_in(input: &SentenceInput<'_>, ws: &[Word]) -> Vec<Stance> {
    let off = input.span.start as usize;
    let span = |(s, e): (usize, usize)| {
        Span::new(
            off + ws[s].span.start as usize,
            off + ws[e - 1].span.end as usize,
        )
    };
    stance::stances(ws)
        .iter()
        .filter_map(|r| Stance::from_raw(r, &span))
        .collect()
}

/// Everything claimed in one sentence.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SentenceClaims {
    pub casualties: Vec<CasualtyClaim>,
    pub quotes: Vec<Quote>,
    pub stances: Vec<Stance>,
}

/// Casualty figures, quotes and stances of one sentence, reading its words
/// once (the three `extract_*` functions each read them again).
pub fn extract_claims(input: &SentenceInput<'_>) -> SentenceClaims {
    let ws = words(input.text);
    SentenceClaims {
        casualties: casualties_in(input, &ws),
        quotes: quotes_in(input, &ws),
        stances: stances_in(input, &ws),
    }
}

#[cfg(test)]
mod tests;
