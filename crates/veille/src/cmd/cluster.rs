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
    #[serde(flatten)]
    clusters: veille_engine::ClusterReport,
    elapsed_ms: u64,
}

/// Clusters every stored document not yet in an event (after `ingest
/// --defer`, or on a store from an older veille), the duplicate stage first.
pub fn run(db: &Path, args: Args) -> Result<ExitCode> {
    let mut engine = super::open_existing(db)?;
    let started = Instant::now();
    let clusters = engine.cluster()?;
    let report = Report {
        clusters,
        elapsed_ms: started.elapsed().as_millis() as u64,
    };
    if args.json {
        super::print_json(&report)?;
    } else {
        let c = &report.clusters;
        println!(
            "{} documents clustered now; {} in {} events and {} stories ({:.1} s)",
            c.clustered,
            c.docs,
            c.events,
            c.stories,
            report.elapsed_ms as f64 / 1000.0
        );
    }
    Ok(ExitCode::SUCCESS)
}
