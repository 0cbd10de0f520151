//! One module per subcommand; each has an `Args` (clap) and a `run`.

pub mod docs;
pub mod dupes;
pub mod ingest;
pub mod reuse;
pub mod search;
pub mod serve;
pub mod show;
pub mod update;

use anyhow::{Context, Result};
use std::path::Path;
use veille_engine::{Engine, EngineConfig};

/// Opens the engine on an existing or new data directory.
pub fn open(db: &Path) -> Result<Engine> {
    Engine::open(EngineConfig::new(db))
        .with_context(|| format!("cannot open the store in {}", db.display()))
}

/// Opens the engine for reading: the data directory must exist.
pub fn open_existing(db: &Path) -> Result<Engine> {
    anyhow::ensure!(
        db.join("veille.sqlite").exists(),
        "no store in {} (run `veille ingest PATH` first, or pass --db DIR)",
        db.display()
    );
    open(db)
}

/// Prints a value as pretty JSON on stdout.
pub fn print_json<T: serde::Serialize>(value: &T) -> Result<()> {
    let out = std::io::stdout();
    let mut out = out.lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    use std::io::Write;
    writeln!(out)?;
    Ok(())
}
