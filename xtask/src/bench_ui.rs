//! `cargo xtask bench ui [DOCS] [SECONDS]`: what the web UI's reads cost on
//! a real store. The first DOCS articles of OrangeSum (default 4,000) are
//! ingested with every derived stage (clusters, claims, entities), the
//! server runs in this process on loopback, and `wrk` (2 threads, 16
//! connections, SECONDS each, default 3) requests each endpoint the story
//! page reads, on the story with the most documents; then the story
//! listing and one story's detail, rotated over every story. Writes
//! `reports/ui.md`. Server and wrk share the 2 cores with whatever else
//! runs: the load average is printed beside the figures.

use crate::bench_serve::{run_wrk, start_server, Load};
use crate::data;
use anyhow::{bail, Context, Result};
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Write as _};
use std::process::Command;
use veille_engine::{Engine, EngineConfig, NoProgress};

pub fn run(args: &[&str]) -> Result<()> {
    let n: usize = match args.first() {
        Some(s) => s.parse().context("DOCS must be a number")?,
        None => 4000,
    };
    let secs: u32 = match args.get(1) {
        Some(s) => s.parse().context("SECONDS must be a number")?,
        None => 3,
    };
    if Command::new("wrk").arg("--version").output().is_err() {
        bail!("wrk is not installed: run scripts/install-test-deps.sh");
    }
    let Some(orangesum) = data::require("orangesum/articles.jsonl") else {
        return Ok(());
    };
    let dir = tempfile::tempdir()?;
    let subset = dir.path().join("articles.jsonl");
    {
        let mut out = std::io::BufWriter::new(std::fs::File::create(&subset)?);
        for line in BufReader::new(std::fs::File::open(&orangesum)?)
            .lines()
            .take(n)
        {
            writeln!(out, "{}", line?)?;
        }
    }
    let store = dir.path().join("store");
    let started = std::time::Instant::now();
    let stories = {
        let mut engine = Engine::open(EngineConfig::new(&store))?;
        let report = engine.ingest(&[subset], &NoProgress)?;
        eprintln!(
            "ingested {} documents with every stage in {:.0} s",
            report.added,
            started.elapsed().as_secs_f64()
        );
        engine.stories()?
    };
    let Some(big) = stories.iter().max_by_key(|s| s.n_docs) else {
        bail!("no story was built");
    };
    let multi = stories.iter().filter(|s| s.n_docs > 1).count();

    let (base, _) = start_server(&store)?;
    let s = format!("/api/stories/{}", big.id);
    let one = |p: String| vec![p];
    let load_before = data::load_average();
    let runs: Vec<(Load, usize)> = vec![
        (
            run_wrk(
                "story list (50, with daily counts)",
                &base,
                &one("/api/stories".into()),
                secs,
                dir.path(),
            )?,
            1,
        ),
        (
            run_wrk(
                "story detail, every story in turn",
                &base,
                &stories
                    .iter()
                    .map(|x| format!("/api/stories/{}", x.id))
                    .collect::<Vec<_>>(),
                secs,
                dir.path(),
            )?,
            stories.len(),
        ),
        (
            run_wrk(
                "biggest story: detail",
                &base,
                &one(s.clone()),
                secs,
                dir.path(),
            )?,
            1,
        ),
        (
            run_wrk(
                "biggest story: documents + reuse",
                &base,
                &one(format!("{s}/documents")),
                secs,
                dir.path(),
            )?,
            1,
        ),
        (
            run_wrk(
                "biggest story: places",
                &base,
                &one(format!("{s}/entities?kind=place&limit=200")),
                secs,
                dir.path(),
            )?,
            1,
        ),
        (
            run_wrk(
                "biggest story: facts",
                &base,
                &one(format!("/api/facts?story={}&limit=500", big.id)),
                secs,
                dir.path(),
            )?,
            1,
        ),
        (
            run_wrk(
                "biggest story: summary",
                &base,
                &one(format!("{s}/summary?n=5")),
                secs,
                dir.path(),
            )?,
            1,
        ),
        (
            run_wrk(
                "biggest story: tolls",
                &base,
                &one(format!("{s}/tolls")),
                secs,
                dir.path(),
            )?,
            1,
        ),
        (
            run_wrk(
                "biggest story: contradictions",
                &base,
                &one(format!("{s}/contradictions")),
                secs,
                dir.path(),
            )?,
            1,
        ),
        (
            run_wrk(
                "biggest story: timeline",
                &base,
                &one(format!("{s}/timeline")),
                secs,
                dir.path(),
            )?,
            1,
        ),
    ];
    let load_after = data::load_average();

    let mut md = String::new();
    writeln!(md, "# Web UI reads on a real store\n")?;
    writeln!(
        md,
        "`cargo run --release -p xtask -- bench ui {n} {secs}`: the first {n} OrangeSum articles \
         ingested with every derived stage ({} stories, {multi} of more than one document; the \
         biggest, story {}, has {} documents in {} events), served by `veille_server::serve` on \
         loopback; `wrk -t2 -c16 -d{secs}s --latency` per row. Load average {load_before} before, \
         {load_after} after (2 cores shared with other builds: noisy, a floor).\n",
        stories.len(),
        big.id,
        big.n_docs,
        big.n_events
    )?;
    writeln!(
        md,
        "| what | URLs | requests | req/s | p50 | p99 | errors |\n|---|---|---|---|---|---|---|"
    )?;
    for (r, urls) in &runs {
        writeln!(
            md,
            "| {} | {urls} | {} | **{:.0}** | {} | {} | {} |",
            r.name, r.requests, r.rps, r.p50, r.p99, r.errors
        )?;
    }
    writeln!(
        md,
        "\nThe story page asks for all of these at once when it opens. The views (summary, \
         tolls, contradictions, timeline) are computed per request from every document of the \
         story (`veille_engine::views`), with no cache: their cost grows with the story."
    )?;
    eprint!("{md}");
    data::write_report("ui.md", &md)
}
