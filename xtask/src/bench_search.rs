//! `cargo xtask bench search [COPIES]`: full-text query latency on a store
//! of OrangeSum repeated COPIES times (default 3, ~108k documents) under
//! changed ids, plus GVA when present.
//!
//! The store is filled with `ingest --defer` (documents only), then the
//! search index is built by `Engine::index_search` and timed on its own.
//! Queries are drawn with a fixed seed from the titles of stored documents
//! (1, 2 and 3 words, so frequent and rare words both occur), plus a fixed
//! list of very frequent words (the worst case: BM25 ranks every match).
//! Each query is timed end to end through `Engine::search` (20 hits with
//! snippets and highlights), as `veille search` and the API run it.

use crate::data;
use anyhow::{Context, Result};
use std::fmt::Write as _;
use std::io::{BufRead, BufWriter, Write};
use std::time::Instant;
use veille_engine::{Engine, EngineConfig, NoProgress, SearchFilter, SearchRequest};

/// Frequent words of French news: every query ranks thousands of documents.
const FREQUENT: &[&str] = &[
    "france",
    "gouvernement",
    "président",
    "police",
    "paris",
    "mardi",
    "euros",
    "ans",
    "selon",
    "premier ministre",
    "état français",
    "macron",
];

struct Class {
    name: String,
    lat_ms: Vec<f64>,
    hits: Vec<usize>,
    /// Queries that matched more than `RANK_WINDOW` documents.
    windowed: usize,
}

impl Class {
    fn new(name: &str) -> Class {
        Class {
            name: name.into(),
            lat_ms: Vec::new(),
            hits: Vec::new(),
            windowed: 0,
        }
    }
}

fn pct(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

/// xorshift64*: a fixed-seed generator, enough to pick queries.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// How the store was built: kept beside a reused store (`--store DIR`) so
/// that the report can still give the build figures.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct Build {
    copies: usize,
    added: u64,
    ingest_secs: f64,
    indexed: u64,
    index_secs: f64,
    db_before: u64,
    db_after: u64,
}

pub fn run(args: &[&str]) -> Result<()> {
    let mut copies = 3;
    let mut keep: Option<std::path::PathBuf> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match *a {
            "--store" => keep = Some(it.next().context("--store needs a folder")?.into()),
            n => copies = n.parse().context("COPIES must be a number")?,
        }
    }
    let tmp = tempfile::tempdir()?;
    let store = keep.clone().unwrap_or_else(|| tmp.path().join("store"));
    let build_file = store.join("bench-build.json");
    let (engine, build) = match std::fs::read(&build_file) {
        Ok(b) if keep.is_some() => {
            let build: Build = serde_json::from_slice(&b)?;
            eprintln!(
                "reusing the store in {} ({} documents)",
                store.display(),
                build.added
            );
            let mut engine = Engine::open(EngineConfig::new(&store))?;
            // a store of an older schema may need its index caught up
            let caught_up = engine.index_search()?;
            eprintln!("indexed {caught_up} documents the store lacked");
            (engine, build)
        }
        _ => match build_store(copies, tmp.path(), &store)? {
            Some(built) => {
                std::fs::write(&build_file, serde_json::to_vec(&built.1)?)?;
                built
            }
            None => return Ok(()),
        },
    };
    let copies = build.copies;
    let indexed = build.indexed;
    let index_secs = build.index_secs;
    let (db_before, db_after) = (build.db_before, build.db_after);
    // Queries from titles, fixed seed.
    let titles: Vec<String> = engine
        .docs(&veille_engine::DocQuery::default())?
        .into_iter()
        .filter_map(|d| d.title)
        .collect();
    let mut rng = Rng(0x5eed_cafe_f00d_d00d);
    let mut classes = vec![
        Class::new("1 word from a title"),
        Class::new("2 words from a title"),
        Class::new("3 words from a title"),
        Class::new("frequent words"),
        Class::new("1 word, `--lang fr --from 2019`"),
    ];
    let mut queries: Vec<(usize, String, SearchFilter)> = Vec::new();
    let base = SearchFilter {
        limit: 20,
        ..SearchFilter::default()
    };
    for _ in 0..300 {
        for (class, n) in [(0, 1), (1, 2), (2, 3), (4, 1)] {
            let title = &titles[rng.below(titles.len())];
            let words: Vec<&str> = title
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().count() > 3)
                .collect();
            if words.len() < n {
                continue;
            }
            let start = rng.below(words.len() + 1 - n);
            let filter = if class == 4 {
                SearchFilter {
                    lang: Some("fr".into()),
                    since: Some("2019".parse().expect("a year")),
                    ..base.clone()
                }
            } else {
                base.clone()
            };
            queries.push((class, words[start..start + n].join(" "), filter));
        }
    }
    for _ in 0..10 {
        for w in FREQUENT {
            queries.push((3, w.to_string(), base.clone()));
        }
    }
    // one warm-up pass over a few queries (page cache, statement cache)
    for (_, q, f) in queries.iter().take(50) {
        engine.search(&SearchRequest {
            query: q.clone(),
            filter: f.clone(),
        })?;
    }
    let load = data::load_average();
    for (class, q, f) in &queries {
        let started = Instant::now();
        let res = engine.search(&SearchRequest {
            query: q.clone(),
            filter: f.clone(),
        })?;
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        classes[*class].lat_ms.push(ms);
        classes[*class].hits.push(res.hits.len());
        classes[*class].windowed += usize::from(res.ranked_newest.is_some());
    }

    let mut all: Vec<f64> = classes.iter().flat_map(|c| c.lat_ms.clone()).collect();
    all.sort_by(f64::total_cmp);
    let mut md = String::new();
    writeln!(md, "# Full-text search latency\n")?;
    writeln!(
        md,
        "`cargo run --release -p xtask -- bench search {copies}` on a store of OrangeSum ×{copies} \
         (each copy under changed ids, so three identical texts per article) plus GVA: \
         **{} documents**. 2 shared cores; one query at a time through `Engine::search` \
         (FTS5 match, BM25 ranking of at most the newest {} matches, 20 hits, each with its \
         snippet and highlights from the hit's cleaned text and sentences). Load average at the \
         start of the queries: {load} (other builds ran on the same 2 cores, so the figures \
         mix contention with cost).\n",
        build.added,
        veille_store::RANK_WINDOW,
    )?;
    writeln!(md, "## Index\n")?;
    writeln!(md, "| what | figure |\n|---|---|")?;
    writeln!(
        md,
        "| documents stored (`--defer`) | {} in {:.1} s |",
        build.added, build.ingest_secs
    )?;
    writeln!(
        md,
        "| search index built (`Engine::index_search`) | {indexed} documents in {index_secs:.1} s ({:.0} docs/s) |",
        indexed as f64 / index_secs
    )?;
    writeln!(
        md,
        "| database size before / after the index | {:.0} MB / {:.0} MB (+{:.1} KB per document) |",
        db_before as f64 / 1e6,
        db_after as f64 / 1e6,
        (db_after.saturating_sub(db_before)) as f64 / 1e3 / indexed.max(1) as f64
    )?;
    writeln!(md, "\n## Query latency\n")?;
    writeln!(
        md,
        "| queries | n | p50 ms | p95 ms | p99 ms | max ms | mean hits | over {} matches |\n|---|---|---|---|---|---|---|---|",
        veille_store::RANK_WINDOW
    )?;
    for c in &mut classes {
        c.lat_ms.sort_by(f64::total_cmp);
        let mean_hits = c.hits.iter().sum::<usize>() as f64 / c.hits.len().max(1) as f64;
        writeln!(
            md,
            "| {} | {} | {:.2} | {:.2} | {:.2} | {:.2} | {:.1} | {} |",
            c.name,
            c.lat_ms.len(),
            pct(&c.lat_ms, 0.5),
            pct(&c.lat_ms, 0.95),
            pct(&c.lat_ms, 0.99),
            c.lat_ms.last().copied().unwrap_or(f64::NAN),
            mean_hits,
            c.windowed
        )?;
    }
    writeln!(
        md,
        "| **all** | {} | **{:.2}** | {:.2} | **{:.2}** | {:.2} | | |",
        all.len(),
        pct(&all, 0.5),
        pct(&all, 0.95),
        pct(&all, 0.99),
        all.last().copied().unwrap_or(f64::NAN)
    )?;
    writeln!(md, "\nTarget: p99 < 50 ms on ~100k documents.")?;
    eprint!("{md}");
    // what people wrote below the measured part stays
    data::write_report_keeping("search.md", &md, "## How").map(drop)
}

/// Fills `store` with OrangeSum ×`copies` (each copy under its own ids) and
/// GVA, then builds the search index; `None` when OrangeSum is absent.
fn build_store(
    copies: usize,
    tmp: &std::path::Path,
    store: &std::path::Path,
) -> Result<Option<(Engine, Build)>> {
    let Some(orangesum) = data::require("orangesum/articles.jsonl") else {
        return Ok(None);
    };
    // OrangeSum COPIES times, each copy under its own ids.
    let repeated = tmp.join("repeated.jsonl");
    {
        let mut out = BufWriter::new(std::fs::File::create(&repeated)?);
        for copy in 0..copies {
            let reader = std::io::BufReader::new(std::fs::File::open(&orangesum)?);
            for line in reader.lines() {
                let line = line?;
                let mut v: serde_json::Value = match serde_json::from_str(&line) {
                    Ok(v) => v,
                    Err(_) => continue,
                };
                let id = v.get("id").map(|i| i.to_string()).unwrap_or_default();
                v["id"] = serde_json::Value::String(format!("{id}-c{copy}"));
                serde_json::to_writer(&mut out, &v)?;
                out.write_all(b"\n")?;
            }
        }
        out.flush()?;
    }
    let mut inputs = vec![repeated];
    inputs.extend(data::require("gva/articles.jsonl"));
    let mut cfg = EngineConfig::new(store);
    cfg.derive_on_ingest = false;
    cfg.drop_fields = vec!["incident_uri".into()];
    let mut engine = Engine::open(cfg)?;
    let report = engine.ingest(&inputs, &NoProgress)?;
    eprintln!(
        "stored {} documents in {:.1}s",
        report.added,
        report.elapsed.as_secs_f64()
    );
    let db_before = db_size(store);
    let started = Instant::now();
    let indexed = engine.index_search()?;
    let index_secs = started.elapsed().as_secs_f64();
    let db_after = db_size(store);
    eprintln!("indexed {indexed} documents in {index_secs:.1}s");
    Ok(Some((
        engine,
        Build {
            copies,
            added: report.added,
            ingest_secs: report.elapsed.as_secs_f64(),
            indexed,
            index_secs,
            db_before,
            db_after,
        },
    )))
}

fn db_size(dir: &std::path::Path) -> u64 {
    ["veille.sqlite", "veille.sqlite-wal"]
        .iter()
        .filter_map(|f| std::fs::metadata(dir.join(f)).ok())
        .map(|m| m.len())
        .sum()
}
