//! `cargo xtask bench ingest`: JSONL → store throughput and peak memory on
//! OrangeSum (and GVA), through the same `Engine::ingest` the binary calls.

use crate::data;
use anyhow::{Context, Result};
use std::fmt::Write as _;
use veille_engine::{Engine, EngineConfig, NoProgress};

struct Run {
    name: &'static str,
    mode: &'static str,
    /// Seconds `Engine::update` took to catch the stages up afterwards.
    update_secs: Option<f64>,
    docs: u64,
    repeated: u64,
    bytes: u64,
    secs: f64,
    failures: usize,
    rerun_secs: f64,
    rerun_unchanged: u64,
}

pub fn run(_args: &[&str]) -> Result<()> {
    let mut runs = Vec::new();
    for (name, sub, drop) in [
        ("OrangeSum", "orangesum/articles.jsonl", vec![]),
        (
            "GVA",
            "gva/articles.jsonl",
            vec!["incident_uri".to_string()],
        ),
    ] {
        let Some(path) = data::require(sub) else {
            continue;
        };
        for defer in [true, false] {
            let dir = tempfile::tempdir()?;
            let mut cfg = EngineConfig::new(dir.path());
            cfg.drop_fields = drop.clone();
            cfg.derive_on_ingest = !defer;
            let mut engine = Engine::open(cfg)?;
            let report = engine
                .ingest(std::slice::from_ref(&path), &NoProgress)
                .with_context(|| format!("ingesting {}", path.display()))?;
            let update_secs = if defer {
                let started = std::time::Instant::now();
                engine.update()?;
                Some(started.elapsed().as_secs_f64())
            } else {
                None
            };
            let rerun = engine.ingest(std::slice::from_ref(&path), &NoProgress)?;
            let mode = if defer {
                "stored only (`--defer`)"
            } else {
                "with duplicates and reuse"
            };
            eprintln!(
                "{name} {mode}: {} added in {:.2}s ({:.0} docs/s), re-run {} unchanged in {:.2}s",
                report.added,
                report.elapsed.as_secs_f64(),
                report.added as f64 / report.elapsed.as_secs_f64(),
                rerun.unchanged,
                rerun.elapsed.as_secs_f64()
            );
            runs.push(Run {
                name,
                mode,
                update_secs,
                docs: report.added,
                repeated: report.unchanged,
                bytes: report.bytes,
                secs: report.elapsed.as_secs_f64(),
                failures: report.failures.len(),
                rerun_secs: rerun.elapsed.as_secs_f64(),
                rerun_unchanged: rerun.unchanged,
            });
        }
    }
    if runs.is_empty() {
        return Ok(());
    }
    let peak = peak_rss_mib();
    let threads = rayon::current_num_threads();
    let mut md = String::from("# Ingest throughput\n\n");
    let _ = writeln!(
        md,
        "JSONL → clean → analyse (language, paragraphs, sentences) → SQLite store, through \
         `Engine::ingest`, in one process on {threads} threads, into a fresh store; then the same \
         file again (every document reported unchanged, nothing written). Two modes: documents \
         stored only (`veille ingest --defer`; the derived stages are then caught up by \
         `veille update`, timed separately), and the default, where each batch also goes \
         through the duplicate and reuse stage.\n\n\
         Reproduce: `cargo xtask bench ingest` (reads `$VEILLE_DATA`, default `../shared/data`).\n"
    );
    md.push_str("| corpus | mode | documents stored | repeated in the input (same id and text) | MB of text | seconds | documents/s (read) | MB/s | failures | re-run (all unchanged) | `update` afterwards |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
    for r in &runs {
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {:.1} | {:.2} | {:.0} | {:.1} | {} | {} docs in {:.2} s | {} |",
            r.name,
            r.mode,
            r.docs,
            r.repeated,
            r.bytes as f64 / 1e6,
            r.secs,
            (r.docs + r.repeated) as f64 / r.secs,
            r.bytes as f64 / 1e6 / r.secs,
            r.failures,
            r.rerun_unchanged,
            r.rerun_secs,
            r.update_secs
                .map_or_else(|| "—".to_string(), |s| format!("{s:.2} s"))
        );
    }
    let _ = writeln!(
        md,
        "\nPeak resident memory of the whole run: {peak:.0} MiB."
    );
    data::write_report("ingest.md", &md)
}

/// Peak resident set size of this process so far, from /proc (Linux).
fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}
