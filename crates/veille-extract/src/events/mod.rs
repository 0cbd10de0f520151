//! Event typing: which kinds of event a sentence, then a document, reports.
//!
//! A small taxonomy ([`EventType`], documented with its ACLED and PLOVER
//! mapping in [`taxonomy`]) is read from French and English cue lists
//! (`cues_fr.txt`, `cues_en.txt`): each cue is a few words that must appear
//! in order, each within three words of the previous one, optionally with a
//! context word anywhere in the sentence (`capturé` is a territorial gain
//! only near `village`, `ville`, `position`…; a `violation` is a ceasefire
//! violation only in a sentence about a ceasefire). Cues and sentences are
//! compared as folded Snowball stems, so one form covers its inflections.
//!
//! Sentence level ([`type_sentence`]): every type with a cue, each with the
//! span of its first cue; a ceasefire violation replaces the plain ceasefire
//! it names. Document level ([`type_document`]): each sentence votes for its
//! types with weight `1 / (1 + index)` (the lead says what the story is),
//! the title counts as a sentence of weight 2; the primary type is the
//! heaviest event that is not a statement (accusation, denial) when there
//! is one.
//!
//! On the seed dispatches (tests): the Barda strike report's primary type is
//! `shelling`; the Geneva report, headlined on the strike, has the strike
//! first and `negotiation` among its types; the September 2023 ceasefire
//! report has `ceasefire`, `negotiation` and `armed_clash` as its top three.
//! GVA shooting sentences are typed `shooting`. There is no gold event
//! typing here to measure against: these are checks, not figures.

mod lexicon;
pub mod taxonomy;

use crate::casualties::SentenceInput;
use lexicon::{lexicon, stems_of};
use serde::Serialize;
use veille_model::Span;

pub use taxonomy::EventType;

/// A type found in a sentence, with the cue that gave it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventCue {
    pub event_type: EventType,
    /// The cue words as they are written, in document offsets.
    pub span: Span,
    /// The sentence span.
    pub sentence: Span,
}

/// Every event type a sentence reports, one cue each, in taxonomy order.
pub fn type_sentence(input: &SentenceInput<'_>) -> Vec<EventCue> {
    let words = stems_of(input.text, input.lang);
    if words.is_empty() {
        return Vec::new();
    }
    let present: std::collections::HashSet<&str> = words.iter().map(|w| w.stem.as_str()).collect();
    let off = input.span.start as usize;
    let mut found: Vec<EventCue> = Vec::new();
    for lex in lexicon(input.lang) {
        for cue in lex {
            if found.iter().any(|f| f.event_type == cue.event_type) {
                continue;
            }
            if let Some((s, e)) = cue.find(&words, &present) {
                found.push(EventCue {
                    event_type: cue.event_type,
                    span: Span::new(
                        off + words[s].span.start as usize,
                        off + words[e].span.end as usize,
                    ),
                    sentence: input.span,
                });
            }
        }
    }
    if found
        .iter()
        .any(|f| f.event_type == EventType::CeasefireViolation)
    {
        found.retain(|f| f.event_type != EventType::Ceasefire);
    }
    found.sort_by_key(|f| f.event_type);
    found
}

/// The weight of a type over a document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TypeScore {
    pub event_type: EventType,
    /// Sum of the sentence weights (title 2, sentence `i` `1 / (1 + i)`).
    pub weight: f64,
    /// How many sentences (title included) carry it.
    pub sentences: usize,
}

/// The event types of a document.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DocumentTypes {
    /// Heaviest first.
    pub scores: Vec<TypeScore>,
    /// The heaviest type that is not a statement, else the heaviest.
    pub primary: Option<EventType>,
}

/// Types a document from the cues of its title and of its sentences (in order).
pub fn type_document(title: &[EventCue], sentences: &[Vec<EventCue>]) -> DocumentTypes {
    let mut scores: Vec<TypeScore> = Vec::new();
    let mut add = |cues: &[EventCue], w: f64| {
        for c in cues {
            match scores.iter_mut().find(|s| s.event_type == c.event_type) {
                Some(s) => {
                    s.weight += w;
                    s.sentences += 1;
                }
                None => scores.push(TypeScore {
                    event_type: c.event_type,
                    weight: w,
                    sentences: 1,
                }),
            }
        }
    };
    add(title, 2.0);
    for (i, cues) in sentences.iter().enumerate() {
        add(cues, 1.0 / (1.0 + i as f64));
    }
    scores.sort_by(|a, b| {
        b.weight
            .total_cmp(&a.weight)
            .then(a.event_type.cmp(&b.event_type))
    });
    let statement = |t: EventType| matches!(t, EventType::Accusation | EventType::Denial);
    let primary = scores
        .iter()
        .find(|s| !statement(s.event_type))
        .or(scores.first())
        .map(|s| s.event_type);
    DocumentTypes { scores, primary }
}

#[cfg(test)]
mod tests;
