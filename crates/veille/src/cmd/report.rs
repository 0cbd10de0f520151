//! `veille report`: a readable Markdown report of every story — summary,
//! timeline, running tolls by claimant, contradictions.

use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use veille_engine::views;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write the report here instead of stdout
    #[arg(long)]
    out: Option<PathBuf>,
    /// Sentences in each story's summary
    #[arg(long, default_value_t = 5)]
    summary_sentences: usize,
    /// JSON output instead of Markdown: the timeline, contradictions and
    /// tolls of the whole store
    #[arg(long)]
    json: bool,
}

pub fn run(db: &Path, args: Args) -> Result<ExitCode> {
    let engine = super::open_existing(db)?;
    let text = if args.json {
        let all = views::Scope::All;
        let value = serde_json::json!({
            "timeline": views::timeline(engine.store(), &all)?,
            "tolls": views::toll_series(engine.store(), &all)?,
            "contradictions": views::contradictions(engine.store(), &all)?,
        });
        serde_json::to_string_pretty(&value)? + "\n"
    } else {
        views::report(engine.store(), args.summary_sentences)?
    };
    match &args.out {
        Some(p) => {
            std::fs::write(p, &text).with_context(|| format!("cannot write {}", p.display()))?;
            eprintln!("report written to {}", p.display());
        }
        None => out!("{text}"),
    }
    Ok(ExitCode::SUCCESS)
}
