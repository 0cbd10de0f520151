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

mod cues;
mod direct;
mod reported;
mod source;
mod stance;

use crate::casualties::SentenceInput;
use crate::casualties::{casualties_in, CasualtyClaim};
use crate::numbers::words::{words, Word};
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

fn quotes_in(input: &SentenceInput<'_>, ws: &[Word]) -> Vec<Quote> {
    let text = input.text;
    let off = input.span.start as usize;
    let mut out = direct::direct_quotes(text, ws, input.previous, off);
    for q in reported::reported(text, ws, off) {
        // a reported statement around a direct quote is the same statement
        if !out.iter().any(|d| d.cue.is_some() && d.cue == q.cue) {
            out.push(q);
        }
    }
    out
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
