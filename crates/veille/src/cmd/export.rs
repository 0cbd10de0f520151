//! `veille export`: the timeline's events and figures as files for
//! analysts — JSON Lines, facts CSV, ACLED-like CSV, GeoJSON.

use super::timeline::ScopeArgs;
use anyhow::{Context, Result};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use veille_engine::views;
use veille_export::{write_acled_csv, write_facts_csv, write_geojson, write_jsonl, ExportOptions};

/// The formats `--format` takes.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Format {
    /// Events then figures, one JSON object a line (`"type"`: event or fact)
    Jsonl,
    /// One row per figure, with its claimant, sentence and event
    Csv,
    /// One row per event with ACLED's columns (conservative fatalities)
    Acled,
    /// Events with coordinates as a GeoJSON FeatureCollection
    Geojson,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(long, value_enum)]
    format: Format,
    /// Write here instead of stdout
    #[arg(long)]
    out: Option<PathBuf>,
    #[command(flatten)]
    scope: ScopeArgs,
    /// Keep CSV cells that start like a spreadsheet formula as they are
    /// (by default they get a leading `'`)
    #[arg(long)]
    raw_cells: bool,
    /// Print a JSON summary of what was written on stderr
    #[arg(long)]
    json: bool,
}

pub fn run(db: &Path, args: Args) -> Result<ExitCode> {
    let engine = super::open_existing(db)?;
    let (events, facts) = views::export_records(engine.store(), &args.scope.scope())?;
    let options = ExportOptions {
        neutralise_formulas: !args.raw_cells,
    };
    let mut sink: Box<dyn Write> = match &args.out {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot write {}", p.display()))?,
        )),
        None => Box::new(std::io::stdout().lock()),
    };
    let written = match args.format {
        Format::Jsonl => write_jsonl(&mut sink, &events, &facts)?,
        Format::Csv => write_facts_csv(&mut sink, &facts, &options)?,
        Format::Acled => write_acled_csv(&mut sink, &events, &options)?,
        Format::Geojson => write_geojson(&mut sink, &events)?,
    };
    sink.flush()?;
    if args.json {
        let summary = serde_json::json!({
            "format": format!("{:?}", args.format).to_lowercase(),
            "records": written,
            "events": events.len(),
            "facts": facts.len(),
            "out": args.out,
        });
        eprintln!("{summary}");
    } else if let Some(p) = &args.out {
        eprintln!("{written} records written to {}", p.display());
    }
    Ok(ExitCode::SUCCESS)
}
