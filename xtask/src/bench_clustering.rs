//! `cargo xtask bench clustering`: assignment throughput of the clusterer on
//! OrangeSum (French news, in date order) at 10k, 20k and all 36k articles.
//! Loading and JSON parsing are outside the timed part; feature extraction
//! (tokens, stems, entity-like words; in parallel per batch of 1,000) and
//! assignment (sequential) are inside. Prints the load average, since the
//! figures mean little on a shared machine.

use crate::data::{require, write_report_keeping};
use anyhow::{Context, Result};
use std::fmt::Write as _;
use std::time::Instant;
use veille_story::{lead_of, ClusterDoc, Clusterer};

/// Documents per `add_batch` call (the engine's default ingest batch).
const BATCH: usize = 1000;

pub(crate) fn load(path: &std::path::Path) -> Result<Vec<ClusterDoc>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut docs = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value =
            serde_json::from_str(line).with_context(|| format!("{}:{}", path.display(), i + 1))?;
        let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
        let heading = s("heading");
        let article = s("article");
        docs.push(ClusterDoc {
            key: i as u64,
            published: s("date").parse().ok(),
            lang: "fr".into(),
            title: s("title"),
            lead: if heading.is_empty() {
                lead_of(&article, 300).to_string()
            } else {
                heading
            },
            body: article,
            ..ClusterDoc::default()
        });
    }
    // the set is in date order already; sort as `add_batch` would, to be sure
    docs.sort_by(|a, b| a.published.cmp(&b.published).then(a.key.cmp(&b.key)));
    Ok(docs)
}

pub fn run(args: &[&str]) -> Result<()> {
    let Some(path) = require("orangesum/articles.jsonl") else {
        return Ok(());
    };
    let config = crate::eval_clustering::config_from_args(args)?;
    let docs = load(&path)?;
    let mut table = String::from(
        "| articles | seconds | articles/s | µs/article | events | stories |\n|---|---|---|---|---|---|\n",
    );
    let mut wide = String::new();
    let mut sizes: Vec<usize> = [10_000, 20_000]
        .into_iter()
        .filter(|&n| n < docs.len())
        .collect();
    sizes.push(docs.len());
    for n in sizes {
        let mut c = Clusterer::new(config.clone())?;
        let t = Instant::now();
        // batches of 1,000 as the engine's ingest gives them: features in
        // parallel, assignment in (date, key) order
        for batch in docs[..n].chunks(BATCH) {
            c.add_batch(batch.to_vec());
        }
        let secs = t.elapsed().as_secs_f64();
        let (events, stories) = (c.events().len(), c.stories().len());
        let line = format!(
            "| {n} | {secs:.2} | {:.0} | {:.0} | {events} | {stories} |\n",
            n as f64 / secs,
            secs * 1e6 / n as f64
        );
        print!("{line}");
        table += &line;
        if n == docs.len() {
            wide = story_widths(&c, n);
        }
    }
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load = load
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    println!("load average: {load}");
    table += &format!(
        "\nLoad average at the end of the run: {load}; {} threads.\n",
        rayon::current_num_threads()
    );
    println!("{wide}");
    table += &format!("\n{wide}\n");
    if !args.contains(&"--no-report") {
        let mut body = String::from(
            "# Clustering throughput (OrangeSum)\n\nReproduce: `cargo run --release -p xtask -- bench clustering`\n\n",
        );
        let _ = writeln!(body, "{table}");
        // what people wrote below the measured part stays
        write_report_keeping("clustering-bench.md", &body, "## Runs compared")?;
    }
    Ok(())
}

/// How wide the stories are: the share of documents in stories of 100 or
/// more, and the largest story's size and span. No gold says what a story
/// is on OrangeSum, but a two-year story of a thousand articles is a
/// section of the paper, not a story.
fn story_widths(c: &Clusterer, n: usize) -> String {
    let stories = c.stories();
    let in_wide: usize = stories
        .iter()
        .map(|s| s.members.len())
        .filter(|&m| m >= 100)
        .sum();
    let wide = stories.iter().filter(|s| s.members.len() >= 100).count();
    let largest = stories.iter().max_by_key(|s| s.members.len());
    let (size, span) = largest.map_or((0, String::new()), |s| {
        let span = s
            .span
            .as_ref()
            .map(|d| format!(", {} → {}", d.first, d.last))
            .unwrap_or_default();
        (s.members.len(), span)
    });
    format!(
        "Story widths at {n} articles: {wide} stories of 100 or more documents hold {in_wide} ({:.1} %); the largest holds {size}{span}.",
        100.0 * in_wide as f64 / n as f64
    )
}
