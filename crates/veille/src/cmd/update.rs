use anyhow::Result;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print the report as JSON on stdout
    #[arg(long)]
    json: bool,
}

#[derive(Debug, serde::Serialize)]
struct Report {
    stages: Vec<&'static str>,
    elapsed_ms: u64,
}

/// Brings the derived stages (duplicates, reuse, …) up to date with the
/// stored documents, e.g. after `veille ingest --defer`.
pub fn run(db: &Path, args: Args) -> Result<ExitCode> {
    let mut engine = super::open_existing(db)?;
    let started = Instant::now();
    let stages = engine.update()?;
    let report = Report {
        stages,
        elapsed_ms: started.elapsed().as_millis() as u64,
    };
    if args.json {
        super::print_json(&report)?;
    } else {
        println!(
            "up to date: {} ({:.1} s)",
            report.stages.join(", "),
            report.elapsed_ms as f64 / 1000.0
        );
    }
    Ok(ExitCode::SUCCESS)
}
