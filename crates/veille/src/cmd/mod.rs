//! One module per subcommand; each has an `Args` (clap) and a `run`.

pub mod cluster;
pub mod docs;
pub mod dupes;
pub mod entities;
pub mod events;
pub mod facts;
pub mod ingest;
pub mod quotes;
pub mod reuse;
pub mod search;
pub mod serve;
pub mod show;
pub mod stances;
pub mod stories;
pub mod story;
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

/// Says on stderr when stored documents have not been read for claims yet.
pub fn warn_if_claims_pending(engine: &Engine) -> Result<()> {
    if engine.claims_pending()? {
        eprintln!(
            "some documents were ingested with --defer: run `veille update` to read their claims"
        );
    }
    Ok(())
}

/// A date span as `first` or `first … last`, `-` when undated.
pub fn span(
    first: Option<veille_model::PartialDate>,
    last: Option<veille_model::PartialDate>,
) -> String {
    match (first, last) {
        (Some(f), Some(l)) if f != l => format!("{f} … {l}"),
        (Some(f), _) => f.to_string(),
        _ => "-".into(),
    }
}

/// Says how many rows a `--limit` left out.
pub fn more(total: usize, limit: usize, what: &str) {
    if total > limit {
        println!(
            "… {} more {what} (--limit N, or --json for all)",
            total - limit
        );
    }
}
