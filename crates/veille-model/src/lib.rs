//! The vocabulary of veille: the types every stage speaks, and nothing else.
//!
//! A document travels through the pipeline as named messages:
//! [`RawDoc`] (what a source read) → [`CleanDoc`] (boilerplate removed, offsets
//! mapped back to the raw text) → [`AnalysedDoc`] (language, paragraphs,
//! sentences). Every finding carries a [`Span`] of byte offsets into the cleaned
//! text, so that its evidence can always be shown.
//!
//! This crate does no IO and has no behaviour beyond small, total helpers.

mod date;
mod doc;
mod span;

pub use date::{days_in_month, DateParseError, DatePrecision, PartialDate};
pub use doc::{AnalysedDoc, CleanDoc, DocId, Format, Lang, Origin, RawDoc, Removal, SentenceSpan};
pub use span::{OffsetMap, Span};
