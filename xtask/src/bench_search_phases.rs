//! `cargo xtask bench search-phases --store DIR`: where a query's time goes,
//! on a store built by `bench search --store DIR`.
//!
//! Runs the same queries through each phase alone, with its own SQL on a
//! read-only connection: the FTS5 match alone (every matching row
//! visited), the match ranked by BM25 (`ORDER BY bm25 LIMIT 20`), the
//! match joined to `documents` with the newest-version filter, the ranking
//! the store runs, and the whole `Engine::search` (snippets included).
//! Prints the query plans and a table of mean/max milliseconds per phase.

use anyhow::{Context, Result};
use rusqlite::{Connection, OpenFlags};
use std::fmt::Write as _;
use std::time::Instant;
use veille_engine::{Engine, EngineConfig, SearchFilter, SearchRequest};

/// Words from rare to very frequent in French news.
const QUERIES: &[&str] = &[
    "stepanakert",
    "barda",
    "incendie forêt",
    "manifestation",
    "ministre",
    "paris",
    "président",
    "france",
    "ans",
];

/// The SQL of each phase; `?1` is the FTS5 expression.
const PHASES: &[(&str, &str)] = &[
    (
        "match only (count)",
        "SELECT count(*) FROM search_docs WHERE search_docs MATCH ?1",
    ),
    (
        "match + bm25 top 20",
        "SELECT rowid FROM search_docs WHERE search_docs MATCH ?1
         ORDER BY bm25(search_docs, 4.0, 1.0) LIMIT 20",
    ),
    (
        "match + rowid desc top 20",
        "SELECT rowid FROM search_docs WHERE search_docs MATCH ?1
         ORDER BY rowid DESC LIMIT 20",
    ),
    (
        "match + join documents + newest version (count)",
        "SELECT count(*) FROM search_docs JOIN documents d ON d.id = search_docs.rowid
         WHERE search_docs MATCH ?1
           AND NOT EXISTS (SELECT 1 FROM documents n WHERE n.source_id = d.source_id AND n.id > d.id)",
    ),
    (
        "store query before this change (join, filter, bm25, top 20)",
        "SELECT d.id, d.title, -bm25(search_docs, 4.0, 1.0) FROM search_docs
         JOIN documents d ON d.id = search_docs.rowid
         WHERE search_docs MATCH ?1
           AND NOT EXISTS (SELECT 1 FROM documents n WHERE n.source_id = d.source_id AND n.id > d.id)
         ORDER BY bm25(search_docs, 4.0, 1.0), d.id LIMIT 20",
    ),
];

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

pub fn run(args: &[&str]) -> Result<()> {
    let dir = match args {
        ["--store", d] => std::path::PathBuf::from(d),
        _ => anyhow::bail!("usage: cargo xtask bench search-phases --store DIR"),
    };
    let conn = Connection::open_with_flags(
        dir.join(veille_store::DB_FILE),
        OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .context("opening the store")?;
    let engine = Engine::open(EngineConfig::new(&dir))?;
    let mut md = String::new();
    writeln!(
        md,
        "load average {} (other builds share the 2 cores)\n",
        crate::data::load_average()
    )?;
    for (name, sql) in PHASES {
        let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
        let plan: Vec<String> = stmt
            .query_map(["x"], |r| r.get::<_, String>(3))?
            .collect::<rusqlite::Result<_>>()?;
        writeln!(md, "{name}: {}", plan.join(" / "))?;
    }
    writeln!(
        md,
        "\n| query | matches | {} | store search (now) | engine search (now, with snippets) |",
        { PHASES.iter().map(|p| p.0).collect::<Vec<_>>().join(" | ") }
    )?;
    writeln!(md, "|---|---|{}---|---|", "---|".repeat(PHASES.len()))?;
    for q in QUERIES {
        let words = veille_engine::parse_query(q, None);
        let terms: Vec<Vec<String>> = words.into_iter().map(|w| w.terms).collect();
        let expr = veille_store::match_expression(&terms).context("no term")?;
        let n: i64 = conn.query_row(PHASES[0].1, [&expr], |r| r.get(0))?;
        let mut row = format!("| {q} | {n} |");
        for (_, sql) in PHASES {
            let mut stmt = conn.prepare(sql)?;
            // warm once, then the best of three
            let mut best = f64::MAX;
            for _ in 0..4 {
                let t = Instant::now();
                let mut rows = stmt.query([&expr])?;
                while rows.next()?.is_some() {}
                best = best.min(ms(t));
            }
            write!(row, " {best:.2} |")?;
        }
        let req = SearchRequest {
            query: q.to_string(),
            filter: SearchFilter {
                limit: 20,
                ..SearchFilter::default()
            },
        };
        let best_of = |f: &dyn Fn() -> Result<()>| -> Result<f64> {
            let mut best = f64::MAX;
            for _ in 0..4 {
                let t = Instant::now();
                f()?;
                best = best.min(ms(t));
            }
            Ok(best)
        };
        let store = best_of(&|| {
            engine.store().search(&terms, &req.filter)?;
            Ok(())
        })?;
        let whole = best_of(&|| {
            engine.search(&req)?;
            Ok(())
        })?;
        writeln!(row, " {store:.2} | {whole:.2} |")?;
        md.push_str(&row);
    }
    println!("{md}");
    Ok(())
}
