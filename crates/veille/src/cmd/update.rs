use anyhow::Result;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print the report as JSON on stdout
    #[arg(long)]
    json: bool,
    /// Print the wall time of each stage (and of the parts it reports)
    #[arg(long)]
    timings: bool,
}

#[derive(Debug, serde::Serialize)]
struct Report {
    stages: Vec<&'static str>,
    /// What the cluster stage did and what the store holds.
    clusters: veille_engine::ClusterReport,
    elapsed_ms: u64,
    /// Per stage: load (restore + catch-up) time and its parts.
    timings: Vec<veille_engine::StageTiming>,
}

/// Brings the derived stages (duplicates, reuse, entities, claims, clusters,
/// search) up to date with the stored documents, e.g. after `veille ingest
/// --defer`; `veille cluster` is the same command.
pub fn run(db: &Path, args: Args) -> Result<ExitCode> {
    let mut engine = super::open_existing(db)?;
    let started = Instant::now();
    let clusters = engine.cluster()?;
    let report = Report {
        stages: engine.update()?,
        clusters,
        elapsed_ms: started.elapsed().as_millis() as u64,
        timings: engine.stage_timings(),
    };
    if args.json {
        super::print_json(&report)?;
    } else {
        let c = &report.clusters;
        outln!(
            "up to date: {} ({:.1} s)",
            report.stages.join(", "),
            report.elapsed_ms as f64 / 1000.0
        );
        outln!(
            "{} documents clustered now; {} in {} events and {} stories",
            c.clustered,
            c.docs,
            c.events,
            c.stories
        );
        if args.timings {
            out!("{}", veille_engine::timings_table(&report.timings));
        }
    }
    Ok(ExitCode::SUCCESS)
}
