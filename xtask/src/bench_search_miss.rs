//! `cargo xtask bench search-miss --store DIR [N] [--optimize] [--dump FILE]`: what a
//! search nobody asked before costs, phase by phase, in one thread.
//!
//! The queries are those of the "every query new" row of `bench serve`
//! (three words of each title longer than three letters, then the three
//! after them), at most `N` (default 2,000), each run once on a store built
//! by `bench serve --store DIR` (or any store with its search index). Each
//! query is run through the phases one after the other, as
//! `Engine::search` and the server run them: parsing the query, the store's
//! ranked match ([`veille_store::Store::search`]), reading every hit's
//! snippet source, highlighting, and the JSON the API sends. The whole
//! `Engine::search` plus JSON is timed on its own too (the figure a server
//! thread spends on a cache miss, HTTP aside).
//!
//! `--optimize` first merges the FTS5 index into one segment (FTS5's
//! `optimize` command; it writes to the store, so use a copy).
//!
//! `--dump FILE` writes every answer (JSON, one line per query, scores
//! rounded to 1e-9) so that two versions of the code can be compared for
//! the same hits and highlights (`cmp` the two files).
//!
//! Single-threaded and without HTTP, so the figures are per core; the
//! machine is shared, so they are printed with the load average. They go
//! to the terminal only: `reports/search.md` quotes the runs it compares.

use anyhow::{Context, Result};
use std::fmt::Write as _;
use std::io::Write as _;
use std::time::{Duration, Instant};
use veille_engine::{
    highlight, parse_query, DocQuery, Engine, EngineConfig, SearchFilter, SearchRequest,
};

/// Queries of three words from each title (see the module docs), in title
/// order, deduplicated.
pub(crate) fn title_queries(titles: &[String], max: usize) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for from in [0, 3] {
        for t in titles {
            let words: Vec<&str> = t
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().count() > 3)
                .skip(from)
                .take(3)
                .collect();
            if words.len() < 2 {
                continue;
            }
            let q = words.join(" ");
            if seen.insert(q.clone()) {
                out.push(q);
            }
            if out.len() == max {
                return out;
            }
        }
    }
    out
}

/// Time spent per phase, summed over the queries.
#[derive(Default)]
struct Phases {
    parse: Duration,
    rank: Duration,
    read: Duration,
    highlight: Duration,
    json: Duration,
    whole: Duration,
    hits: usize,
    matches_over_window: usize,
}

fn us(d: Duration, n: usize) -> f64 {
    d.as_secs_f64() * 1e6 / n.max(1) as f64
}

pub fn run(args: &[&str]) -> Result<()> {
    let mut dir = None;
    let mut max = 2000usize;
    let mut dump: Option<std::path::PathBuf> = None;
    let mut optimize = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match *a {
            "--store" => dir = Some(std::path::PathBuf::from(it.next().context("--store DIR")?)),
            "--dump" => dump = Some(it.next().context("--dump FILE")?.into()),
            "--optimize" => optimize = true,
            n => max = n.parse().context("N must be a number")?,
        }
    }
    let dir = dir.context("usage: cargo xtask bench search-miss --store DIR [N] [--dump FILE]")?;
    if optimize {
        // FTS5's merge of every index segment into one, before the queries
        let t = Instant::now();
        let conn = rusqlite::Connection::open(dir.join(veille_store::DB_FILE))?;
        conn.execute(
            "INSERT INTO search_docs(search_docs) VALUES ('optimize')",
            [],
        )?;
        eprintln!(
            "optimized the search index in {:.1} s",
            t.elapsed().as_secs_f64()
        );
    }
    let engine = Engine::open(EngineConfig::new(&dir))?;
    // the whole searches on a connection of their own: what a connection
    // keeps between queries (BM25's phrase counts) was kept from the
    // queries before, never from the same query's phases
    let whole = Engine::open(EngineConfig::new(&dir))?;
    let titles: Vec<String> = engine
        .docs(&DocQuery::default())?
        .into_iter()
        .filter_map(|d| d.title)
        .collect();
    let queries = title_queries(&titles, max);
    let load = crate::data::load_average();
    let mut out = dump
        .as_ref()
        .map(std::fs::File::create)
        .transpose()?
        .map(std::io::BufWriter::new);
    let mut p = Phases::default();
    for q in &queries {
        let req = SearchRequest {
            query: q.clone(),
            filter: SearchFilter {
                limit: 20,
                ..SearchFilter::default()
            },
        };
        // the phases one by one
        let t = Instant::now();
        let words = parse_query(&req.query, None);
        let terms: Vec<Vec<String>> = words.iter().map(|w| w.terms.clone()).collect();
        p.parse += t.elapsed();
        let t = Instant::now();
        let page = engine.store().search(&terms, &req.filter)?;
        p.rank += t.elapsed();
        p.matches_over_window += usize::from(page.ranked_newest.is_some());
        p.hits += page.hits.len();
        let t = Instant::now();
        let sources = engine
            .store()
            .snippet_sources(&page.hits.iter().map(|h| h.doc.id).collect::<Vec<_>>())?;
        p.read += t.elapsed();
        let t = Instant::now();
        for s in &sources {
            std::hint::black_box(highlight(s, &words));
        }
        p.highlight += t.elapsed();
        // the whole search and its JSON, as the server runs them
        let t = Instant::now();
        let mut results = whole.search(&req)?;
        let t_json = Instant::now();
        let body = serde_json::to_vec(&results)?;
        p.json += t_json.elapsed();
        p.whole += t.elapsed();
        std::hint::black_box(body);
        if let Some(f) = out.as_mut() {
            for h in &mut results.hits {
                h.score = (h.score * 1e9).round() / 1e9;
            }
            serde_json::to_writer(&mut *f, &(q, &results))?;
            writeln!(f)?;
        }
    }
    let n = queries.len();
    let mut md = String::new();
    writeln!(
        md,
        "{n} new queries (three title words each) on {}, one thread, load average {load} \
         before, {} after; {:.1} hits per query, {} queries over the ranking window\n",
        dir.display(),
        crate::data::load_average(),
        p.hits as f64 / n.max(1) as f64,
        p.matches_over_window
    )?;
    writeln!(md, "| phase | µs per query |\n|---|---|")?;
    for (name, d) in [
        ("parse the query", p.parse),
        ("match and rank (store)", p.rank),
        ("read the hits' snippet sources", p.read),
        ("highlight and cut snippets", p.highlight),
        ("JSON of the answer", p.json),
        ("**whole search + JSON**", p.whole),
    ] {
        writeln!(md, "| {name} | {:.0} |", us(d, n))?;
    }
    writeln!(
        md,
        "\nwhole search + JSON: **{:.0} queries per CPU-second**",
        n as f64 / p.whole.as_secs_f64()
    )?;
    println!("{md}");
    Ok(())
}
