//! Online two-level clustering: documents into *events* (one happening, within
//! days), events into *stories* (the same actors and places over weeks or
//! months). A document belongs to one event, an event to one story.
//!
//! # How a document is assigned
//!
//! 1. [`features`]: stems of title, lead and the start of the body (title
//!    and lead weighted higher), function words dropped; entity keys
//!    (given, else the capitalised-word features of [`entities`]).
//! 2. TF-IDF with document frequencies updated as documents arrive; the
//!    vector is truncated to its heaviest stems and L2-normalised.
//! 3. Candidates come from an inverted index ([`index`]) from the item's
//!    heaviest keys and time buckets to events, within `max_gap_days` of its
//!    date — never a scan of all clusters. The best-accumulating
//!    `candidates` are scored by [`Scorer`] (text cosine, entity cosine, time
//!    decay, reuse links); the document joins the best event at or above
//!    `event.threshold`, else starts one. A dated document is scored instead
//!    against each event's latest dated members by the follow-up link
//!    ([`link`]: a logistic model of the pair fitted on GVA's dev half, over
//!    a year's window), the best candidate being the one with the largest
//!    score over its own threshold.
//!    Two more signals exist and are measured but off by default
//!    (`member_weight`, `event.scorer.date_weight` = 0): single-link text
//!    similarity to the event's most recent members, and the cosine of the
//!    day-level dates the texts mention (`ClusterDoc::mentioned_dates`). On
//!    the dev halves neither beats noise on GVA (+0.002 / −0.002 F1) nor
//!    changes RPM2, and single link merges RPM2 topics on the pooled set
//!    (events 0.663 → 0.615): see `reports/clustering.md`.
//! 4. A new event looks for a story the same way, with a looser threshold, a
//!    slower time decay and a wider window; an existing event keeps its story.
//!    Centroids ([`sparse::Centroid`]) are sums of member vectors truncated to
//!    `centroid_terms`, so memory and time per document stay bounded.
//!
//! # Order and dates
//!
//! The result depends only on the sequence of `add` calls; [`Clusterer::add_batch`]
//! sorts by (time, key) first, so a batch gives the same clusters
//! whatever its order. A document's time is [`ClusterDoc::time_span`]: its
//! publication date, else a day its text justifies (`inferred`), else an
//! open-ended `[not_before, ∞)` from a "written after" bound. Partial dates
//! are day intervals ("2020-10" is all of October); an open-ended interval
//! is as close to a cluster as its first day allows ([`DaySpan`]).
//! **Undated documents are neutral on time**: no decay, no window,
//! they are compared with every dated and undated candidate sharing their
//! keys, and they sort after dated ones in a batch (they join formed clusters by
//! content rather than seed time-neutral ones). Treating them as
//! published "today" would attach old dispatches to whatever is current.
//!
//! # Labels
//!
//! An event's or story's label is the title of its member closest to the
//! centroid; its span runs from the earliest to the latest publication date.
//!
//! Measured on GVA, RPM2 and OrangeSum: see `reports/clustering.md`
//! (`cargo xtask eval clustering`, `cargo xtask bench clustering`).

mod canonical;
mod clusterer;
mod config;
pub mod entities;
pub mod features;
pub mod index;
pub mod link;
mod scorer;
pub mod sparse;
mod stopwords;
mod time;

pub use clusterer::{ClusterState, Clusterer, LinkExample, Prepared};
pub use config::{ClusterConfig, ClusterConfigError, LevelConfig};
pub use link::{LinkModel, PairSignals};
pub use scorer::{Scorer, Signals};
pub use time::DaySpan;

use serde::{Deserialize, Serialize};
use veille_model::PartialDate;

/// What the clusterer needs of a document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ClusterDoc {
    /// The caller's id of the document (a store `DocId` fits).
    pub key: u64,
    pub published: Option<PartialDate>,
    /// ISO 639-1 code; `fr` and `en` are stemmed, others only folded.
    pub lang: String,
    pub title: String,
    /// The first sentences (see [`lead_of`]).
    pub lead: String,
    /// The text; if it starts with `lead`, that part is not counted twice.
    pub body: String,
    /// Canonical entity keys; when empty, entity-like words are derived.
    pub entities: Vec<String>,
    /// Duplicate/reuse links to earlier documents, weight in `[0, 1]`.
    pub reuse_links: Vec<(u64, f32)>,
    /// Day-level dates the text mentions, as TIMEX3 values (`2020-10-28`, or
    /// `XXXX-10-28` when the year is unknown), e.g. from
    /// `veille_extract::DateTagger`. Only month and day are compared (events
    /// are days apart, so the year adds nothing and is often missing); other
    /// values are ignored.
    #[serde(default)]
    pub mentioned_dates: Vec<String>,
    /// A day the text justifies when `published` gives none (e.g.
    /// `veille_extract::document_time`): used for time only, and only when
    /// it lies within `published`; never shown as a publication date.
    #[serde(default)]
    pub inferred: Option<PartialDate>,
    /// The earliest day the text proves it was written on ("depuis la
    /// dernière guerre de 2020": on or after 2021-01-01). With no other
    /// date the document is open-ended in time, `[not_before, ∞)`.
    #[serde(default)]
    pub not_before: Option<PartialDate>,
}

impl ClusterDoc {
    /// The days the clusterer places the document on, best evidence first:
    /// a day of publication; an inferred day within the publication date;
    /// the publication date narrowed by `not_before`; `[not_before, ∞)`;
    /// else undated (`None`, neutral on time).
    pub fn time_span(&self) -> Option<DaySpan> {
        let published = self.published.map(DaySpan::of);
        let inferred = self
            .inferred
            .map(DaySpan::of)
            .filter(|i| published.is_none_or(|p| p.lo <= i.lo && i.hi <= p.hi));
        let bound = self.not_before.map(|b| DaySpan::of(b).lo);
        match (inferred, published, bound) {
            (Some(i), _, _) => Some(i),
            (None, Some(p), Some(b)) => Some(p.not_before(b)),
            (None, Some(p), None) => Some(p),
            (None, None, Some(b)) => Some(DaySpan::open_from(b)),
            (None, None, None) => None,
        }
    }
}

/// The id of an event (dense, in creation order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EventId(pub u32);

/// The id of a story (dense, in creation order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct StoryId(pub u32);

/// Where a document went.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Assignment {
    pub event: EventId,
    pub story: StoryId,
    pub new_event: bool,
    pub new_story: bool,
    /// Score of the event joined (the follow-up link's probability when it
    /// decided, else the formula's score); for a new event, that of the
    /// best candidate turned down.
    pub score: f32,
}

/// First and last publication dates of a cluster's dated members.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateSpan {
    pub first: PartialDate,
    pub last: PartialDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventView {
    pub id: EventId,
    pub story: StoryId,
    /// The most central title.
    pub label: String,
    /// `None` when no member is dated.
    pub span: Option<DateSpan>,
    /// Document keys in order of arrival.
    pub members: Vec<u64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryView {
    pub id: StoryId,
    pub label: String,
    pub span: Option<DateSpan>,
    /// Events in creation order.
    pub events: Vec<EventId>,
    pub members: Vec<u64>,
}

/// The first sentences of `text`, up to about `max_chars` bytes (at least one
/// sentence, cut at a word boundary if that one is longer).
pub fn lead_of(text: &str, max_chars: usize) -> &str {
    let text = text.trim_start();
    let mut end = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '.' | '!' | '?' | '\n') {
            let next = i + c.len_utf8();
            let at_break = text[next..].starts_with(char::is_whitespace) || next == text.len();
            if at_break {
                if next > max_chars && end > 0 {
                    break;
                }
                end = next;
                if next >= max_chars {
                    break;
                }
            }
        }
    }
    if end == 0 {
        end = text.len();
    }
    if end > max_chars {
        let mut cut = max_chars;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        end = text[..cut].rfind(char::is_whitespace).unwrap_or(cut);
    }
    text[..end].trim_end()
}

#[cfg(test)]
mod tests;
