//! veille-story

pub mod cluster;
pub mod dedup;
pub mod summary;

pub use dedup::{
    align, AlignedPair, DuplicateConfig, DuplicateGroup, DuplicateIndex, Reuse, ReuseConfig,
    ReuseIndex, ReuseKind, ReuseSource, Verdict,
};

pub use cluster::{
    lead_of, Assignment, ClusterConfig, ClusterConfigError, ClusterDoc, ClusterState, Clusterer,
    DateSpan, EventId, EventView, LevelConfig, LinkExample, LinkModel, PairSignals, Prepared,
    Scorer, Signals, StoryId, StoryView,
};

pub use summary::{summarise, Summary, SummaryConfig, SummaryInput, SummarySentence};
