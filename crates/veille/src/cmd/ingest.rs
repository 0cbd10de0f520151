use anyhow::Result;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use veille_engine::{Engine, EngineConfig, Failure, Progress};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files, directories (read recursively) or `-` for stdin
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Drop this metadata field from every document (repeatable), e.g. a gold label
    #[arg(long = "drop-field", value_name = "FIELD")]
    drop_fields: Vec<String>,
    /// Documents per store transaction
    #[arg(long, default_value_t = 1000)]
    batch_size: usize,
    /// Largest single-document file (text, HTML, feed) or JSONL line / WARC record to read, in MiB
    #[arg(long, default_value_t = 16)]
    max_file_mib: u64,
    /// Only store the documents: skip the derived stages (duplicates, reuse, …)
    /// for now; `veille update` or the next ingest without it catches them up
    #[arg(long)]
    defer: bool,
    /// Print the wall time of each derived stage on stderr when done
    #[arg(long)]
    timings: bool,
    /// Print the report as JSON on stdout
    #[arg(long)]
    json: bool,
    /// English quotes from the attribution model with contextual word
    /// vectors (multilingual-e5-small): PolNeAR source F1 0.753 against
    /// 0.724, but English ingest is some 80 times slower (1.7 documents/s).
    /// Needs `attribution-en-e5.weights.gz` and `e5/e5-small-q4.bin` in
    /// $VEILLE_MODELS
    #[arg(long)]
    contextual: bool,
}

struct Bar(ProgressBar);

impl Progress for Bar {
    fn advance(&self, docs: u64, _bytes: u64) {
        self.0.inc(docs);
    }
    fn failed(&self, failure: &Failure) {
        self.0.suspend(|| eprintln!("skipped {failure}"));
    }
}

struct Plain;

impl Progress for Plain {
    fn advance(&self, _: u64, _: u64) {}
    fn failed(&self, failure: &Failure) {
        eprintln!("skipped {failure}");
    }
}

pub fn run(db: &Path, args: Args) -> Result<ExitCode> {
    if args.contextual {
        veille_engine::use_contextual_attribution()?;
    }
    let mut cfg = EngineConfig::new(db);
    cfg.drop_fields = args.drop_fields;
    cfg.batch_size = args.batch_size;
    cfg.derive_on_ingest = !args.defer;
    cfg.sources.max_file_bytes = args.max_file_mib.saturating_mul(1024 * 1024);
    let mut engine = Engine::open(cfg)?;
    let report = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new_spinner();
        bar.set_style(
            ProgressStyle::with_template("{spinner} {pos} documents ({per_sec}) {elapsed}")
                .expect("progress template is valid"),
        );
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        let report = engine.ingest(&args.paths, &Bar(bar.clone()))?;
        bar.finish_and_clear();
        report
    } else {
        engine.ingest(&args.paths, &Plain)?
    };
    if args.timings {
        eprint!("{}", veille_engine::timings_table(&engine.stage_timings()));
    }
    if args.json {
        super::print_json(&report)?;
    } else {
        let secs = report.elapsed.as_secs_f64().max(1e-9);
        let docs = report.added + report.unchanged;
        outln!(
            "{} input(s): {} added, {} unchanged, {} failed — {:.0} documents/s, {:.1} MB/s",
            report.inputs,
            report.added,
            report.unchanged,
            report.failures.len(),
            docs as f64 / secs,
            report.bytes as f64 / 1e6 / secs,
        );
    }
    Ok(if report.failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
