//! `cargo xtask eval clustering-store`: events and stories as the binary
//! keeps them. Each set is ingested through `Engine::ingest` into a fresh
//! store (gold fields dropped), the events are read back with
//! `Engine::events` and scored (B-cubed) against the gold labels, which stay
//! here. This measures the wiring — batches clustered in (date, id) order
//! per ingest batch, documents as the cleaner leaves them, reuse links from
//! the duplicate stage — where `eval clustering` measures the library alone.
//! OrangeSum gives the cost: the whole ingest with every stage, then the
//! same ingest deferred and `Engine::cluster` alone.

use crate::data::{require, write_report_keeping};
use crate::eval_clustering::bcubed;
use anyhow::{Context, Result};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;
use veille_engine::{Engine, EngineConfig, NoProgress};

/// Source id → (event, story) as the store holds them.
fn placements(engine: &Engine) -> Result<HashMap<String, (i64, i64)>> {
    let mut out = HashMap::new();
    for e in engine.events(None)? {
        for s in e.documents {
            out.insert(s, (e.event.id, e.event.story));
        }
    }
    Ok(out)
}

struct Scored {
    docs: usize,
    events: usize,
    stories: usize,
    ingest_secs: f64,
    event: (f64, f64, f64),
    story: Option<(f64, f64, f64)>,
}

/// Ingests `input` into a fresh store and scores the events against
/// `gold` (source id → (event label, story label)).
fn score(
    input: &Path,
    drop: &[&str],
    gold: &HashMap<String, (String, String)>,
    with_story: bool,
) -> Result<Scored> {
    let tmp = tempfile::tempdir()?;
    let mut cfg = EngineConfig::new(tmp.path());
    cfg.drop_fields = drop.iter().map(|s| s.to_string()).collect();
    let mut engine = Engine::open(cfg)?;
    let started = Instant::now();
    engine.ingest(&[input.to_path_buf()], &NoProgress)?;
    let ingest_secs = started.elapsed().as_secs_f64();
    let got = placements(&engine)?;
    let mut keys: Vec<&String> = gold.keys().filter(|k| got.contains_key(*k)).collect();
    keys.sort();
    let pred_e: Vec<i64> = keys.iter().map(|k| got[*k].0).collect();
    let pred_s: Vec<i64> = keys.iter().map(|k| got[*k].1).collect();
    let gold_e: Vec<&str> = keys.iter().map(|k| gold[*k].0.as_str()).collect();
    let gold_s: Vec<&str> = keys.iter().map(|k| gold[*k].1.as_str()).collect();
    Ok(Scored {
        docs: keys.len(),
        events: engine.events(None)?.len(),
        stories: engine.stories()?.len(),
        ingest_secs,
        event: bcubed(&pred_e, &gold_e),
        story: with_story.then(|| bcubed(&pred_s, &gold_s)),
    })
}

fn gva_gold(path: &Path) -> Result<HashMap<String, (String, String)>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("{}", path.display()))?;
    let mut out = HashMap::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line)?;
        let id = v["doc_id"].as_str().context("doc_id")?.to_string();
        let inc = v["incident_uri"]
            .as_str()
            .context("incident_uri")?
            .to_string();
        out.insert(id, (inc.clone(), inc));
    }
    Ok(out)
}

fn rpm2_gold(dir: &Path) -> Result<HashMap<String, (String, String)>> {
    let mut out = HashMap::new();
    for e in std::fs::read_dir(dir)?.flatten() {
        let stem = e
            .path()
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        let parts: Vec<&str> = stem.split('_').collect();
        if parts.len() == 3 {
            let event = format!("{}_{}", parts[0], parts[1]);
            out.insert(stem.clone(), (event, parts[0].to_string()));
        }
    }
    Ok(out)
}

fn row(out: &mut String, set: &str, level: &str, s: &Scored, f: (f64, f64, f64), n: usize) {
    let _ = writeln!(
        out,
        "| {set} | {level} | {} | {n} | {:.3} | {:.3} | **{:.3}** | {:.1} |",
        s.docs, f.0, f.1, f.2, s.ingest_secs
    );
}

/// `--no-orangesum` skips the OrangeSum timing (minutes on a loaded machine).
pub fn run(args: &[&str]) -> Result<()> {
    let mut out = String::from(
        "# Events and stories through ingest\n\n\
         Reproduce: `VEILLE_DATA=/path/to/shared/data cargo run --release -p xtask -- eval clustering-store`\n\
         (`xtask/src/eval_clustering_store.rs`). Each set is ingested by `Engine::ingest` into a fresh\n\
         store (GVA with `incident_uri` dropped); events are read back with `Engine::events` and\n\
         scored with B-cubed against the gold labels, which the engine never sees.\n\n\
         | set | level | docs | clusters | B³ P | B³ R | B³ F1 | ingest s |\n|---|---|---|---|---|---|---|---|\n",
    );
    if let Some(p) = require("gva/articles.jsonl") {
        let gold = gva_gold(&p)?;
        let s = score(&p, &["incident_uri"], &gold, false)?;
        row(&mut out, "GVA", "event", &s, s.event, s.events);
    }
    if let Some(p) = require("rpm2/documents") {
        let gold = rpm2_gold(&p)?;
        let s = score(&p, &[], &gold, true)?;
        row(&mut out, "RPM2", "event", &s, s.event, s.events);
        if let Some(f) = s.story {
            row(&mut out, "RPM2", "story", &s, f, s.stories);
        }
    }
    let orangesum = if args.contains(&"--no-orangesum") {
        None
    } else {
        require("orangesum/articles.jsonl")
    };
    if let Some(p) = orangesum {
        let tmp = tempfile::tempdir()?;
        let mut engine = Engine::open(EngineConfig::new(tmp.path().join("all")))?;
        let started = Instant::now();
        let report = engine.ingest(std::slice::from_ref(&p), &NoProgress)?;
        let all = started.elapsed().as_secs_f64();
        let (events, stories) = (engine.events(None)?.len(), engine.stories()?.len());
        drop(engine);
        let mut cfg = EngineConfig::new(tmp.path().join("deferred"));
        cfg.derive_on_ingest = false;
        let mut engine = Engine::open(cfg)?;
        let started = Instant::now();
        engine.ingest(&[p], &NoProgress)?;
        let stored = started.elapsed().as_secs_f64();
        let started = Instant::now();
        let pass = engine.cluster()?;
        let update = started.elapsed().as_secs_f64();
        let _ = writeln!(
            out,
            "\nOrangeSum ({} articles): ingest with every stage (duplicates, reuse, clusters) \
             {all:.1} s, {:.0} articles/s → {events} events, {stories} stories. Deferred: store \
             only {stored:.1} s, then `Engine::cluster` (duplicate indexes rebuilt and caught \
             up, then clusters) {update:.1} s for {} documents → {} events, {} stories.",
            report.added,
            report.added as f64 / all,
            pass.clustered,
            pass.events,
            pass.stories
        );
    }
    print!("{out}");
    write_report_keeping("clustering-store.md", &out, "## Notes").map(drop)
}
