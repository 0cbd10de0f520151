use crate::sources::SourceConfig;
use std::path::PathBuf;

/// How the engine runs: where the store lives and how sources are read.
///
/// Built by the binary from its flags; the engine never reads flags or
/// environment variables itself.
#[derive(Debug, Clone)]
pub struct EngineConfig {
    /// The data directory holding the store.
    pub data_dir: PathBuf,
    pub sources: SourceConfig,
    /// Documents per store transaction.
    pub batch_size: usize,
    /// Fields dropped from every document's metadata before it is stored
    /// (for example gold labels such as GVA's `incident_uri`).
    pub drop_fields: Vec<String>,
    /// Run the derived stages (duplicates, reuse, …) on each ingested batch.
    /// When false, ingest only stores documents and [`crate::Engine::update`]
    /// (or the next ingest that runs them) catches the stages up.
    pub derive_on_ingest: bool,
}

impl EngineConfig {
    pub fn new(data_dir: impl Into<PathBuf>) -> EngineConfig {
        EngineConfig {
            data_dir: data_dir.into(),
            sources: SourceConfig::default(),
            batch_size: 1000,
            drop_fields: Vec::new(),
            derive_on_ingest: true,
        }
    }
}
