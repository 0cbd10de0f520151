//! veille-extract

pub mod casualties;
pub mod contradict;
pub mod dates;
pub mod entities;
pub mod events;
pub mod models;
mod numbers;
pub mod quotes;

pub use casualties::incident::{
    incident_counts, IncidentCounts, IncidentEvidence, IncidentRule, IncidentRules,
};
pub use casualties::{
    extract_casualties, CasualtyClaim, CasualtyKind, Claimant, SentenceInput, VictimCategory,
    Victims,
};
pub use contradict::{
    claimant_series, find_contradictions, party_of, worldwide_at, ClaimRecord, ClaimantSeries,
    Contradiction, ContradictionKind, SeriesPoint, StanceRecord, WORLD,
};
pub use dates::{document_time, retrospective_bound, DayRule, DocumentTime, InferredDay};
pub use dates::{
    first_weekday_from, infer_document_date, lead_weekday, lower_bound, opens_period, BoundRule,
    DateBound, DateTagger, Evidence, Family, Granularity, InferenceRule, IntervalEdge, Timex,
    TimexKind,
};
pub use entities::{EntityKind, EntityTagger, Mention, Via};
pub use events::{type_document, type_sentence, DocumentTypes, EventCue, EventType, TypeScore};
pub use numbers::Quantity;
pub use quotes::{
    extract_claims, extract_quotes, extract_quotes_with, extract_stances, Quote, QuoteMethod,
    SentenceClaims, Stance, StanceKind,
};
