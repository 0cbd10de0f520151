//! `cargo xtask bench dupes [--docs N]`: our near-duplicate pass against
//! Python datasketch (MinHash 128 permutations + MinHashLSH at the same
//! threshold), side by side on the same OrangeSum input with planted copies.
//!
//! Both sides get the same shingles: Rust folds and shingles the texts and
//! writes the k-word shingles to a temporary file; the timed stage is then
//! signing + LSH query + insert from those shingle strings, on one core for
//! both, and ours on 2 threads too. Ours end to end from raw text is timed as
//! well. Writes `reports/duplicates-bench.md`.

use crate::data;
use crate::eval_dupes::{load_orangesum, plant, Edit};
use anyhow::{Context, Result};
use rayon::prelude::*;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::process::Command;
use std::time::Instant;
use veille_model::DocId;
use veille_story::dedup::{
    exact_key_of_words, folded_words, for_each_shingle, hash_shingle, DuplicateConfig,
    DuplicateIndex, Verdict,
};

const EDITS: [Edit; 4] = [
    Edit::DropSentences(0.2),
    Edit::ReplaceWords(0.1),
    Edit::Boilerplate,
    Edit::ReorderParagraphs,
];

/// Ours from shingle strings: hash, sign, query + insert, verify.
fn ours_from_shingles(
    shingles: &[Vec<String>],
    keys: &[u128],
    threads: usize,
) -> Result<(f64, DuplicateIndex, Vec<Verdict>)> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()?;
    let mut idx = DuplicateIndex::new(DuplicateConfig::default())?;
    let t0 = Instant::now();
    let verdicts = pool.install(|| {
        let sketch = |i: usize| {
            let h: Vec<u64> = shingles[i].iter().map(|s| hash_shingle(s)).collect();
            idx.sketch_hashes(keys[i], h)
        };
        let sketches: Vec<_> = if threads == 1 {
            (0..shingles.len()).map(sketch).collect()
        } else {
            (0..shingles.len()).into_par_iter().map(sketch).collect()
        };
        sketches
            .into_iter()
            .enumerate()
            .map(|(i, s)| idx.add_sketch(DocId(i as i64), None, s))
            .collect::<Vec<_>>()
    });
    Ok((t0.elapsed().as_secs_f64(), idx, verdicts))
}

/// Ours end to end from raw text.
fn ours_from_text(texts: &[String], threads: usize) -> Result<f64> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()?;
    let mut idx = DuplicateIndex::new(DuplicateConfig::default())?;
    let docs: Vec<_> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| (DocId(i as i64), None, t.as_str()))
        .collect();
    let t0 = Instant::now();
    if threads == 1 {
        for (d, p, t) in &docs {
            idx.add(*d, *p, t);
        }
    } else {
        pool.install(|| idx.add_many(&docs));
    }
    Ok(t0.elapsed().as_secs_f64())
}

struct Peer {
    bands: u64,
    rows: u64,
    seconds: f64,
    sign_seconds: f64,
    candidates: HashMap<usize, Vec<usize>>,
    lsh_bytes: f64,
    minhash_bytes: f64,
}

fn run_peer(
    input: &std::path::Path,
    threshold: f32,
    out: &std::path::Path,
) -> Result<Option<Peer>> {
    let root = data::workspace_root();
    let setup = Command::new("bash")
        .arg(root.join("scripts/bench/setup-python.sh"))
        .status();
    if !setup.map(|s| s.success()).unwrap_or(false) {
        eprintln!("skipping datasketch: scripts/bench/setup-python.sh failed (no pip access?)");
        return Ok(None);
    }
    let py = root.join(".venv-bench/bin/python");
    let status = Command::new(&py)
        .arg(root.join("scripts/bench/datasketch_dupes.py"))
        .arg(input)
        .arg(threshold.to_string())
        .arg(out)
        .status()
        .with_context(|| format!("running {}", py.display()))?;
    if !status.success() {
        eprintln!("skipping datasketch: the python benchmark failed");
        return Ok(None);
    }
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out)?)?;
    let f = |k: &str| v.get(k).and_then(serde_json::Value::as_f64).unwrap_or(0.0);
    let mut candidates = HashMap::new();
    if let Some(obj) = v.get("candidates").and_then(|c| c.as_object()) {
        for (k, list) in obj {
            let Ok(k) = k.parse::<usize>() else { continue };
            let l = list
                .as_array()
                .map(|a| a.iter().filter_map(|x| x.as_str()?.parse().ok()).collect())
                .unwrap_or_default();
            candidates.insert(k, l);
        }
    }
    Ok(Some(Peer {
        bands: v.get("bands").and_then(|x| x.as_u64()).unwrap_or(0),
        rows: v.get("rows").and_then(|x| x.as_u64()).unwrap_or(0),
        seconds: f("seconds"),
        sign_seconds: f("sign_seconds"),
        candidates,
        lsh_bytes: f("lsh_bytes_per_doc"),
        minhash_bytes: f("minhash_bytes_per_doc"),
    }))
}

pub fn run(args: &[&str]) -> Result<()> {
    let Some(dir) = data::require("orangesum") else {
        return Ok(());
    };
    let n_docs: usize = args
        .windows(2)
        .find(|w| w[0] == "--docs")
        .and_then(|w| w[1].parse().ok())
        .unwrap_or(8000);
    let sample = (n_docs / 16).max(10);
    let articles = load_orangesum(&dir.join("articles.jsonl"))?;
    let corpus = &articles[..n_docs.min(articles.len())];
    let planted = plant(corpus, sample, &EDITS, 0xbe5c);
    let texts = &planted.texts;
    eprintln!(
        "bench: {} documents ({} planted copies)",
        texts.len(),
        planted.pairs.len()
    );

    let config = DuplicateConfig::default();
    let words: Vec<Vec<String>> = texts.par_iter().map(|t| folded_words(t)).collect();
    let keys: Vec<u128> = words.par_iter().map(|w| exact_key_of_words(w)).collect();
    let shingles: Vec<Vec<String>> = words
        .par_iter()
        .map(|w| {
            let mut v = Vec::new();
            for_each_shingle(w, config.shingle, |s| v.push(s.to_owned()));
            v
        })
        .collect();
    let shingle_count: usize = shingles.iter().map(Vec::len).sum();
    let tmp = tempfile::tempdir()?;
    let input = tmp.path().join("shingles.tsv");
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&input)?);
        for (i, s) in shingles.iter().enumerate() {
            writeln!(f, "{i}\t{}", s.join("\x1f"))?;
        }
        f.flush()?;
    }

    let (t1, idx, verdicts) = ours_from_shingles(&shingles, &keys, 1)?;
    let (t2, _, _) = ours_from_shingles(&shingles, &keys, 2)?;
    let e1 = ours_from_text(texts, 1)?;
    let e2 = ours_from_text(texts, 2)?;
    let peer = run_peer(&input, config.threshold, &tmp.path().join("peer.json"))?;

    let n = texts.len() as f64;
    let groups = idx.groups();
    let mut group = vec![usize::MAX; texts.len()];
    for (gi, g) in groups.iter().enumerate() {
        for m in &g.members {
            group[m.0 as usize] = gi;
        }
    }
    let mut report = String::new();
    writeln!(report, "# Duplicates: peer benchmark against datasketch\n")?;
    writeln!(report, "Generated by `cargo run --release -p xtask -- bench dupes --docs {n_docs}` (`cargo xtask bench dupes`). Input: the first {} OrangeSum articles plus {} planted copies ({} originals × {} edits) = {} documents, {shingle_count} {}-word shingles over folded words ({:.0} a document). Threshold {}, banding {:?}. Machine: 2 cores shared with other work, so timings vary by some 10 %.\n",
        corpus.len(), planted.pairs.len(), sample, EDITS.len(), texts.len(), config.shingle, shingle_count as f64 / n, config.threshold, idx.banding())?;
    writeln!(report, "| pass | threads | seconds | docs/s | docs/s per core | ours ÷ datasketch per core |\n|---|---:|---:|---:|---:|---:|")?;
    let peer_rate = peer.as_ref().map(|p| n / p.seconds);
    let ratio = |rate_per_core: f64| {
        peer_rate
            .map(|p| format!("{:.1}×", rate_per_core / p))
            .unwrap_or_else(|| "n/a".into())
    };
    for (label, threads, secs) in [
        ("ours: sign + query + insert from shingles", 1, t1),
        ("ours: sign + query + insert from shingles", 2, t2),
        (
            "ours end to end from raw text (tokenize, fold, shingle, sign, index)",
            1,
            e1,
        ),
        (
            "ours end to end from raw text (tokenize, fold, shingle, sign, index)",
            2,
            e2,
        ),
    ] {
        writeln!(
            report,
            "| {label} | {threads} | {secs:.2} | {:.0} | {:.0} | {} |",
            n / secs,
            n / secs / threads as f64,
            ratio(n / secs / threads as f64)
        )?;
    }
    if let Some(p) = &peer {
        writeln!(report, "| datasketch 2.0.0: MinHash(128).update_batch + MinHashLSH query + insert | 1 | {:.2} | {:.0} | {:.0} | 1.0× |", p.seconds, n / p.seconds, n / p.seconds)?;
        writeln!(
            report,
            "\ndatasketch spent {:.2} s of it signing; its banding: {}×{} (ours {}×{}).\n",
            p.sign_seconds,
            p.bands,
            p.rows,
            idx.banding().bands,
            idx.banding().rows
        )?;
    } else {
        writeln!(
            report,
            "\ndatasketch: skipped (could not install or run it).\n"
        )?;
    }

    writeln!(report, "\n### Recall on the planted copies\n\nOurs: copy in the same duplicate group as its original (LSH candidate and estimated Jaccard ≥ threshold). datasketch: original among the LSH candidates of the copy (datasketch does not verify candidates).\n")?;
    writeln!(
        report,
        "| edit | copies | ours | datasketch |\n|---|---:|---:|---:|"
    )?;
    for e in EDITS {
        let of_e: Vec<_> = planted.pairs.iter().filter(|p| p.2 == e).collect();
        let ours = of_e
            .iter()
            .filter(|(o, c, _)| group[*o] != usize::MAX && group[*o] == group[*c])
            .count();
        let theirs = peer.as_ref().map(|p| {
            of_e.iter()
                .filter(|(o, c, _)| p.candidates.get(c).is_some_and(|l| l.contains(o)))
                .count()
        });
        writeln!(
            report,
            "| {} | {} | {:.3} | {} |",
            e.label(),
            of_e.len(),
            ours as f64 / of_e.len() as f64,
            theirs
                .map(|t| format!("{:.3}", t as f64 / of_e.len() as f64))
                .unwrap_or_else(|| "n/a".into())
        )?;
    }
    let near = verdicts
        .iter()
        .filter(|v| matches!(v, Verdict::Near { .. }))
        .count();
    let exact = verdicts
        .iter()
        .filter(|v| matches!(v, Verdict::Exact { .. }))
        .count();
    writeln!(
        report,
        "\nOurs called {exact} exact and {near} near duplicates in all."
    )?;
    if let Some(p) = &peer {
        let pairs: usize = p.candidates.values().map(Vec::len).sum();
        writeln!(
            report,
            "datasketch returned {pairs} candidate pairs in all (unverified)."
        )?;
    }

    writeln!(report, "\n### Memory per indexed document\n")?;
    writeln!(report, "| | bytes |\n|---|---:|")?;
    writeln!(
        report,
        "| ours: sketch state (16-bit compact signature 256 B + LSH chains and tables) | {:.0} |",
        idx.sketch_bytes_per_doc()
    )?;
    writeln!(
        report,
        "| ours: whole index (with exact keys, ids, dates, groups) | {:.0} |",
        idx.memory_bytes() as f64 / n
    )?;
    if let Some(p) = &peer {
        writeln!(
            report,
            "| datasketch: MinHash values (`hashvalues.nbytes`) | {:.0} |",
            p.minhash_bytes
        )?;
        writeln!(
            report,
            "| datasketch: MinHashLSH index alone (tracemalloc, 2,000 docs) | {:.0} |",
            p.lsh_bytes
        )?;
    }
    data::write_report("duplicates-bench.md", &report)
}
