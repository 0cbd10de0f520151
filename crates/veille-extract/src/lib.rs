//! veille-extract

pub mod casualties;
pub mod dates;
pub mod entities;
mod numbers;
pub mod quotes;

pub use casualties::{
    extract_casualties, CasualtyClaim, CasualtyKind, Claimant, SentenceInput, VictimCategory,
    Victims,
};
pub use dates::{
    infer_document_date, DateTagger, Evidence, Family, Granularity, InferenceRule, IntervalEdge,
    Timex, TimexKind,
};
pub use entities::{EntityKind, EntityTagger, Mention, Via};
pub use numbers::Quantity;
pub use quotes::{
    extract_claims, extract_quotes, extract_stances, Quote, SentenceClaims, Stance, StanceKind,
};
