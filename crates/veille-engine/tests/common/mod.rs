//! What the engine's integration tests share: the bundled seeds, ingested
//! with every stage on the ingest path or with the stages deferred.
#![allow(dead_code)] // each test binary uses its own part

use std::path::{Path, PathBuf};
use veille_engine::{Engine, EngineConfig, NoProgress};

/// `examples/seeds`: the five bundled dispatches.
pub fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/seeds")
}

/// The seeds ingested into a store at `dir`, every derived stage run.
pub fn ingest(dir: &Path) -> Engine {
    let mut engine = Engine::open(EngineConfig::new(dir)).expect("store opens");
    engine
        .ingest(&[seeds_dir()], &NoProgress)
        .expect("ingest runs");
    engine
}

/// The seeds stored at `dir` with the derived stages left for `update`
/// (`veille ingest --defer`).
pub fn ingest_deferred(dir: &Path) -> Engine {
    let mut cfg = EngineConfig::new(dir);
    cfg.derive_on_ingest = false;
    let mut engine = Engine::open(cfg).expect("store opens");
    engine
        .ingest(&[seeds_dir()], &NoProgress)
        .expect("ingest runs");
    engine
}
