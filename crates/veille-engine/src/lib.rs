//! The veille engine: reads sources, runs the pipeline stages, talks to the
//! store. The binary and the HTTP server only ever talk to [`Engine`].
//!
//! ```no_run
//! use veille_engine::{Engine, EngineConfig};
//! let mut engine = Engine::open(EngineConfig::new("./veille-data")).unwrap();
//! let report = engine.ingest(&["examples/seeds".into()], &veille_engine::NoProgress).unwrap();
//! println!("{} added, {} unchanged", report.added, report.unchanged);
//! ```
//!
//! Only this crate wires stages together and threads them; the stages
//! themselves (`veille-text`, `veille-extract`, `veille-story`) are pure.

mod annotate;
mod cluster;
mod config;
mod contextual;
mod dedup;
mod engine;
mod entities;
mod error;
mod extract;
mod incident;
mod ingest;
mod search;
pub mod sources;
mod stage;
mod timings;
pub mod views;

pub use annotate::{annotate, mark, Annotation, Marking};
pub use cluster::{mentioned_dates, place_in_time};
pub use cluster::{ClusterReport, EventListing, StoryDetail, StoryEvent};
pub use config::EngineConfig;
pub use contextual::use_contextual_attribution;
pub use dedup::{ReusePair, ReuseSide, ReuseView};
pub use engine::Engine;
pub use error::{Error, Result};
pub use extract::{FactFilter, QuoteFilter, StanceFilter};
pub use incident::incident_counts;
pub use ingest::{Failure, IngestReport, NoProgress, Progress};
pub use search::highlight;
pub use search::{
    parse_query, QueryWord, SearchRequest, SearchResult, SearchResults, Snippet, SNIPPET_BYTES,
};
pub use timings::{timings_table, StagePart, StageTiming};
pub use veille_extract::{CasualtyKind, StanceKind};
pub use veille_extract::{IncidentCounts, IncidentEvidence, IncidentRule};
pub use veille_store::LinkedEntity;
pub use veille_store::{Blame, SearchFilter};
pub use veille_store::{CasualtyFact, FactDate, FactVictims, Located, StoredQuote, StoredStance};
pub use veille_store::{DocQuery, DocSummary, DupGroup, DupKind, DupMember, ReuseLink, StoredDoc};
pub use veille_store::{EntityQuery, EntitySummary, MentionView};
pub use veille_store::{EventDoc, EventSummary, StorySummary};
pub use veille_story::dedup::ReuseKind;
