//! `cargo xtask bench ui [DOCS] [SECONDS]`: what the web UI's reads cost on
//! a real store. The first DOCS articles of OrangeSum (default 4,000) are
//! ingested with every derived stage (clusters, claims, entities), the
//! server runs in this process on loopback, and `wrk` (2 threads, 16
//! connections, SECONDS each, default 3) requests each endpoint the story
//! page reads, on the story with the most documents; then the story
//! listing and one story's detail, rotated over every story. Writes
//! `reports/ui.md`. Server and wrk share the 2 cores with whatever else
//! runs: the load average is printed beside the figures.

use crate::bench_serve::{kept_share, run_wrk, start_server, Load};
use crate::data;
use anyhow::{bail, Context, Result};
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Write as _};
use std::process::Command;
use veille_engine::{Engine, EngineConfig, NoProgress};

/// The time of one request with curl (one at a time), in ms: on a view
/// endpoint the first one computes the view, later ones get the kept answer.
pub(crate) fn cold_ms(url: &str) -> Result<f64> {
    let out = Command::new("curl")
        .args([
            "-s",
            "-o",
            "/dev/null",
            "-w",
            "%{http_code} %{time_total}",
            url,
        ])
        .output()
        .context("running curl")?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let (code, secs) = text.split_once(' ').context("curl output")?;
    if code != "200" {
        bail!("{url}: HTTP {code}");
    }
    Ok(secs.trim().parse::<f64>()? * 1000.0)
}

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

    let (base, _) = start_server(&store, None)?;
    let s = format!("/api/stories/{}", big.id);
    let load_before = data::load_average();
    let every = |suffix: &str| -> Vec<String> {
        stories
            .iter()
            .map(|x| format!("/api/stories/{}{suffix}", x.id))
            .collect()
    };
    let rotated: [(&'static str, Vec<String>); 2] = [
        ("story detail, every story in turn", every("")),
        (
            "story documents + reuse, every story in turn",
            every("/documents"),
        ),
    ];
    let single: [(&'static str, String); 9] = [
        ("story list (50, with daily counts)", "/api/stories".into()),
        ("biggest story: detail", s.clone()),
        ("biggest story: documents + reuse", format!("{s}/documents")),
        (
            "biggest story: places",
            format!("{s}/entities?kind=place&limit=200"),
        ),
        (
            "biggest story: facts",
            format!("/api/facts?story={}&limit=500", big.id),
        ),
        ("biggest story: summary", format!("{s}/summary?n=5")),
        ("biggest story: tolls", format!("{s}/tolls")),
        (
            "biggest story: contradictions",
            format!("{s}/contradictions"),
        ),
        ("biggest story: timeline", format!("{s}/timeline")),
    ];
    // every first request before any load: nothing is kept yet
    let mut colds = Vec::new();
    for (_, path) in &single {
        colds.push(cold_ms(&format!("{base}{path}"))?);
    }
    let mut runs: Vec<(Load, usize, f64)> = Vec::new();
    for (name, paths) in rotated {
        let r = run_wrk(name, &base, &paths, secs, dir.path())?;
        runs.push((r, paths.len(), f64::NAN));
    }
    for ((name, path), cold) in single.into_iter().zip(colds) {
        runs.push((run_wrk(name, &base, &[path], secs, dir.path())?, 1, cold));
    }
    let load_after = data::load_average();

    let mut md = String::new();
    writeln!(md, "# Web UI reads on a real store\n")?;
    writeln!(
        md,
        "`cargo run --release -p xtask -- bench ui {n} {secs}`: the first {n} OrangeSum articles \
         ingested with every derived stage ({} stories, {multi} of more than one document; the \
         biggest, story {}, has {} documents in {} events), served by `veille_server::serve` on \
         loopback; `wrk -t2 -c16 -d{secs}s --latency` per row (each wrk thread its own share of \
         the URLs, so none repeats before all were requested). Load average {load_before} before, \
         {load_after} after (2 cores shared with other builds: noisy, a floor).\n",
        stories.len(),
        big.id,
        big.n_docs,
        big.n_events
    )?;
    writeln!(
        md,
        "| what | URLs | first request alone | requests | answers kept | req/s | p50 | p99 | errors |\n|---|---|---|---|---|---|---|---|---|"
    )?;
    for (r, urls, cold) in &runs {
        let cold = if cold.is_nan() {
            "-".to_string()
        } else {
            format!("{cold:.0} ms")
        };
        writeln!(
            md,
            "| {} | {urls} | {cold} | {} | {} | **{:.0}** | {} | {} | {} |",
            r.name,
            r.requests,
            kept_share(r.requests, *urls as u64),
            r.rps,
            r.p50,
            r.p99,
            r.errors
        )?;
    }
    writeln!(
        md,
        "\nThe story page asks for all of these at once when it opens. Every answer is kept \
         while the store is unchanged (`veille-server/src/cache.rs`: checked with one \
         primary-key read of the store generation, at most {} MiB): after its first request \
         an endpoint serves copied bytes. 'first request alone' is what a miss costs \
         (one request at a time, before any load); 'answers kept' says how many of the wrk \
         requests got a kept answer (none while every URL is new). Target (issue #8): 2,000 \
         req/s for story reads on 2 cores.",
        veille_server::CACHE_BUDGET_BYTES >> 20
    )?;
    eprint!("{md}");
    data::write_report("ui.md", &md)
}
