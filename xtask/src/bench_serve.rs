//! `cargo xtask bench serve [SECONDS]`: HTTP load on the API with `wrk`
//! (install it with `scripts/install-test-deps.sh`), on loopback, 2 wrk
//! threads and 16 connections, against a store of OrangeSum (36k
//! documents, search index built).
//!
//! The server runs in this process on a thread of its own (the same
//! `veille_server::serve` as `veille serve`, one read connection per core);
//! wrk shares the 2 cores with it, so the figures are a floor. Each run
//! rotates through many URLs with a Lua script (different queries,
//! different documents), so no answer is served from a warm repeat.

use crate::data;
use anyhow::{bail, Context, Result};
use std::fmt::Write as _;
use std::process::Command;
use veille_engine::{DocQuery, Engine, EngineConfig, NoProgress};

pub(crate) struct Load {
    pub(crate) name: &'static str,
    pub(crate) rps: f64,
    pub(crate) p50: String,
    pub(crate) p99: String,
    pub(crate) requests: u64,
    pub(crate) errors: String,
}

fn percent_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// wrk threads of every run (`-t`).
const THREADS: usize = 2;

/// A wrk Lua script that requests `paths` in turn, thread `t` of [`THREADS`]
/// taking paths `t`, `t + THREADS`, …: no path is requested twice before
/// every path was requested once (the server keeps answers, so a repeat is
/// a kept answer).
fn script(paths: &[String]) -> String {
    let mut s = String::from("local paths = {\n");
    for p in paths {
        let _ = writeln!(s, "  \"{p}\",");
    }
    let _ = write!(
        s,
        "}}\nlocal threads = 0\nfunction setup(thread)\n  thread:set(\"tid\", threads)\n  threads = threads + 1\nend\n\
         local i = -1\nrequest = function()\n  i = i + 1\n  return wrk.format(\"GET\", paths[((i * {THREADS} + tid) % #paths) + 1])\nend\n"
    );
    s
}

fn field<'a>(out: &'a str, prefix: &str) -> Option<&'a str> {
    out.lines()
        .map(str::trim)
        .find_map(|l| l.strip_prefix(prefix))
        .map(str::trim)
}

/// Runs wrk on `paths` in turn (2 threads, 16 connections) for `secs`.
pub(crate) fn run_wrk(
    name: &'static str,
    base: &str,
    paths: &[String],
    secs: u32,
    dir: &std::path::Path,
) -> Result<Load> {
    let lua = dir.join(format!("{}.lua", name.replace(' ', "_")));
    std::fs::write(&lua, script(paths))?;
    let out = Command::new("wrk")
        .args([
            &format!("-t{THREADS}"),
            "-c16",
            &format!("-d{secs}s"),
            "--latency",
            "-s",
        ])
        .arg(&lua)
        .arg(base)
        .output()
        .context("running wrk (install it with scripts/install-test-deps.sh)")?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    eprintln!("{name}:\n{text}");
    let rps: f64 = field(&text, "Requests/sec:")
        .context("no Requests/sec in wrk output")?
        .parse()?;
    let requests = text
        .lines()
        .find(|l| l.contains("requests in"))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let mut errors = Vec::new();
    if let Some(e) = field(&text, "Non-2xx or 3xx responses:") {
        errors.push(format!("{e} non-2xx"));
    }
    if let Some(e) = field(&text, "Socket errors:") {
        errors.push(e.to_string());
    }
    Ok(Load {
        name,
        rps,
        p50: field(&text, "50%").unwrap_or("?").to_string(),
        p99: field(&text, "99%").unwrap_or("?").to_string(),
        requests,
        errors: if errors.is_empty() {
            "none".into()
        } else {
            errors.join(", ")
        },
    })
}

/// Starts `veille_server::serve` on the store in `store`, on a loopback
/// port, from a thread of its own, with `readers` read connections (the
/// server's default when `None`): its base URL and read connections.
pub(crate) fn start_server(
    store: &std::path::Path,
    readers: Option<usize>,
) -> Result<(String, usize)> {
    let (tx, rx) = std::sync::mpsc::channel();
    let mut cfg = veille_server::ServerConfig::new(store, "127.0.0.1:0".parse()?);
    if let Some(n) = readers {
        cfg.readers = n.max(1);
    }
    let readers = cfg.readers;
    std::thread::spawn(move || {
        let r = veille_server::serve(cfg, |addr, _| {
            let _ = tx.send(addr);
        });
        if let Err(e) = r {
            eprintln!("server stopped: {e}");
        }
    });
    let addr = rx
        .recv_timeout(std::time::Duration::from_secs(60))
        .context("server did not start")?;
    Ok((format!("http://{addr}"), readers))
}

/// How many of `requests` over `urls` distinct URLs requested in turn got
/// a kept answer: none while every URL is new, else all but the first pass.
pub(crate) fn kept_share(requests: u64, urls: u64) -> String {
    if requests <= urls {
        "none".into()
    } else {
        format!(
            "{:.0} %",
            100.0 * (requests - urls) as f64 / requests as f64
        )
    }
}

/// At most this many new queries (more than a run of a few seconds sends).
const MAX_DISTINCT: usize = 30_000;

/// Search paths none of `taken` holds: three words of each title (then
/// the three after them), at most [`MAX_DISTINCT`], in title order
/// (`bench_search_miss::title_queries`).
fn distinct_searches(titles: &[String], taken: &[String]) -> Vec<String> {
    let taken: std::collections::HashSet<&String> = taken.iter().collect();
    crate::bench_search_miss::title_queries(titles, MAX_DISTINCT + taken.len())
        .into_iter()
        .map(|q| format!("/api/search?q={}", percent_encode(&q)))
        .filter(|p| !taken.contains(p))
        .take(MAX_DISTINCT)
        .collect()
}

/// The heading of `reports/serve.md` from which its part is hand-written.
const RUNS: &str = "## Runs compared";

pub fn run(args: &[&str]) -> Result<()> {
    let mut secs: u32 = 10;
    let mut keep: Option<std::path::PathBuf> = None;
    let mut readers: Option<usize> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match *a {
            "--store" => keep = Some(it.next().context("--store needs a folder")?.into()),
            "--readers" => {
                let n = it.next().context("--readers needs a number")?;
                readers = Some(n.parse().context("--readers needs a number")?);
            }
            s => secs = s.parse().context("SECONDS must be a number")?,
        }
    }
    if Command::new("wrk").arg("--version").output().is_err() {
        bail!("wrk is not installed: run scripts/install-test-deps.sh");
    }
    let Some(orangesum) = data::require("orangesum/articles.jsonl") else {
        return Ok(());
    };
    let dir = tempfile::tempdir()?;
    let store = keep.unwrap_or_else(|| dir.path().join("store"));
    let (titles, ids) = {
        let mut cfg = EngineConfig::new(&store);
        cfg.derive_on_ingest = false;
        let mut engine = Engine::open(cfg)?;
        if engine.store().count_docs()? == 0 {
            let report = engine.ingest(&[orangesum], &NoProgress)?;
            eprintln!("stored {} documents", report.added);
        }
        let t = std::time::Instant::now();
        let indexed = engine.index_search()?;
        eprintln!(
            "indexed {indexed} documents in {:.1} s ({} index segment(s))",
            t.elapsed().as_secs_f64(),
            engine.store().search_segments()?
        );
        let docs = engine.docs(&DocQuery::default())?;
        let ids: Vec<i64> = docs.iter().map(|d| d.id.0).collect();
        let titles: Vec<String> = docs.into_iter().filter_map(|d| d.title).collect();
        (titles, ids)
    };
    // search paths: one or two words of titles, every 97th title
    let mut searches = Vec::new();
    for (i, t) in titles.iter().enumerate().step_by(97) {
        let words: Vec<&str> = t
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() > 3)
            .collect();
        if words.is_empty() {
            continue;
        }
        let n = 1 + i % 2;
        let q = words[..n.min(words.len())].join(" ");
        searches.push(format!("/api/search?q={}", percent_encode(&q)));
    }
    let distinct = distinct_searches(&titles, &searches);
    let docs: Vec<String> = ids
        .iter()
        .step_by(53)
        .map(|id| format!("/api/docs/{id}"))
        .collect();

    let (base, readers) = start_server(&store, readers)?;

    let load = data::load_average();
    let frequent = vec!["/api/search?q=france".to_string()];
    let frequent_cold = crate::bench_ui::cold_ms(&format!("{base}{}", frequent[0]))?;
    // the run with new queries only goes first: nothing is kept yet
    let runs = [
        (
            run_wrk(
                "search, every query new",
                &base,
                &distinct,
                secs,
                dir.path(),
            )?,
            distinct.len(),
        ),
        (
            run_wrk(
                "search, queries in turn",
                &base,
                &searches,
                secs,
                dir.path(),
            )?,
            searches.len(),
        ),
        (
            run_wrk("document", &base, &docs, secs, dir.path())?,
            docs.len(),
        ),
        (
            run_wrk(
                "search, one frequent word",
                &base,
                &frequent,
                secs,
                dir.path(),
            )?,
            1,
        ),
    ];
    let load_after = data::load_average();

    let mut md = String::new();
    writeln!(md, "# HTTP API under load\n")?;
    writeln!(
        md,
        "`cargo run --release -p xtask -- bench serve {secs}`: `veille_server::serve` on loopback \
         ({readers} read connections) over a store of {} documents (search index built); \
         `wrk -t{THREADS} -c16 -d{secs}s --latency`, each run requesting its URLs in turn with a Lua \
         script (each wrk thread its own share, so no URL repeats before all were requested). \
         Server and wrk share the machine's 2 cores (with other work running: a floor, not a ceiling; \
         load average {load} before the runs, {load_after} after).\n",
        ids.len()
    )?;
    writeln!(
        md,
        "| endpoint | URLs | requests | answers kept | req/s | p50 | p99 | errors |\n|---|---|---|---|---|---|---|---|"
    )?;
    for (r, n) in &runs {
        // documents are read from the store at every request
        let kept = if r.name == "document" {
            "not kept".to_string()
        } else {
            kept_share(r.requests, *n as u64)
        };
        writeln!(
            md,
            "| {} | {n} | {} | {kept} | **{:.0}** | {} | {} | {} |",
            r.name, r.requests, r.rps, r.p50, r.p99, r.errors
        )?;
    }
    writeln!(
        md,
        "\nTarget: ≥ 2,000 req/s for search and document reads on 2 cores, no errors. \
         A search answer holds 20 hits, each with its snippet and highlights computed \
         from the document's text; a document answer holds the whole cleaned text and its \
         sentence spans.\n\n\
         The server keeps the JSON answer of every search (key: the query with its filters and \
         page) while the store is unchanged (`veille-server/src/cache.rs`): a repeated query is \
         one primary-key read of the store generation and a copy of the kept bytes. A new query \
         is CPU-bound: the row 'every query new' (more distinct queries than requests, so nothing \
         is served from the cache) is what a cache miss costs under load; alone, the frequent \
         word's first request took {frequent_cold:.0} ms. Documents (a primary-key read) are not kept."
    )?;
    eprint!("{md}");
    // what people wrote below the measured part stays
    data::write_report_keeping("serve.md", &md, RUNS).map(drop)
}
