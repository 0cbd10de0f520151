//! Clean + analyse throughput and removal counts on the shared data sets.
//!
//! ```text
//! cargo run --release -p veille-text --example throughput -- orangesum 5000
//! cargo run --release -p veille-text --example throughput -- gva 3049 --show-removed
//! ```
//!
//! The data folder is `$VEILLE_DATA`, else `../shared/data` from the
//! workspace root; the run is skipped with a message when it is absent.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::time::Instant;
use veille_model::{Format, Origin, RawDoc};
use veille_text::{Analyser, Cleaner};

fn data_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("VEILLE_DATA") {
        return PathBuf::from(d);
    }
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.join("../../../shared/data")
}

fn field(v: &serde_json::Value, key: &str) -> Option<String> {
    v.get(key).and_then(|x| x.as_str()).map(str::to_string)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let set = args.first().map_or("orangesum", String::as_str);
    let limit: usize = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(5000);
    let show_removed = args.iter().any(|a| a == "--show-removed");
    let (file, body_key, title_key) = match set {
        "orangesum" => ("orangesum/articles.jsonl", "article", "title"),
        "gva" => ("gva/articles.jsonl", "content", "title"),
        other => {
            eprintln!("unknown data set {other:?} (orangesum or gva)");
            return;
        }
    };
    let path = data_dir().join(file);
    let reader = match std::fs::File::open(&path) {
        Ok(f) => BufReader::new(f),
        Err(e) => {
            eprintln!("skipping: cannot open {}: {e}", path.display());
            return;
        }
    };
    let mut docs = Vec::new();
    for (i, line) in reader.lines().take(limit).enumerate() {
        let Ok(line) = line else { break };
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            eprintln!("skipping line {}: not JSON", i + 1);
            continue;
        };
        let origin = Origin {
            path: path.display().to_string(),
            line: Some(i as u64 + 1),
        };
        let body = field(&v, body_key).unwrap_or_default();
        let mut raw = RawDoc::new(
            field(&v, "id").unwrap_or_else(|| i.to_string()),
            origin,
            Format::Jsonl,
            body,
        );
        raw.title = field(&v, title_key);
        raw.lead = field(&v, "heading");
        raw.published = field(&v, "date")
            .or_else(|| field(&v, "dct"))
            .and_then(|d| d.parse().ok());
        docs.push(raw);
    }
    let bytes: usize = docs.iter().map(|d| d.body.len()).sum();
    let n = docs.len();
    let cleaner = Cleaner::default();
    let analyser = Analyser::default();
    let start = Instant::now();
    let analysed: Vec<_> = docs
        .into_iter()
        .map(|d| analyser.analyse(cleaner.clean(d)))
        .collect();
    let secs = start.elapsed().as_secs_f64();
    let sentences: usize = analysed.iter().map(|a| a.sentences.len()).sum();
    {
        // the same work on two threads, each on half of the documents
        let raws: Vec<RawDoc> = analysed.iter().map(|a| a.clean.raw.clone()).collect();
        let (left, right) = raws.split_at(raws.len() / 2);
        let t = Instant::now();
        std::thread::scope(|scope| {
            for half in [left, right] {
                let (cleaner, analyser) = (&cleaner, &analyser);
                scope.spawn(move || {
                    half.iter()
                        .map(|d| analyser.analyse(cleaner.clean(d.clone())).sentences.len())
                        .sum::<usize>()
                });
            }
        });
        let two = t.elapsed().as_secs_f64();
        println!(
            "clean+analyse, two threads: {two:.3} s, {:.0} articles/s (load on the machine counts)",
            n as f64 / two
        );
    }
    if args.iter().any(|a| a == "--breakdown") {
        let raws: Vec<RawDoc> = analysed.iter().map(|a| a.clean.raw.clone()).collect();
        let t = Instant::now();
        let cleaned: Vec<_> = raws.into_iter().map(|d| cleaner.clean(d)).collect();
        let clean_s = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let langs: usize = cleaned
            .iter()
            .map(|c| veille_text::detect_language(&c.text).code.len())
            .sum();
        let lang_s = t.elapsed().as_secs_f64();
        let splitter = veille_text::SentenceSplitter::for_lang("fr");
        let t = Instant::now();
        let sents: usize = cleaned
            .iter()
            .map(|c| splitter.split(&c.text).1.len())
            .sum();
        let split_s = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let hashes: usize = cleaned
            .iter()
            .map(|c| veille_text::content_hash(c.title.as_deref(), &c.text).len())
            .sum();
        let hash_s = t.elapsed().as_secs_f64();
        println!("breakdown (s): clean {clean_s:.3}, language {lang_s:.3}, sentences {split_s:.3}, hash {hash_s:.3} ({langs} {sents} {hashes})");
    }
    let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
    let mut langs: BTreeMap<&str, usize> = BTreeMap::new();
    let mut removed_lines: BTreeMap<String, usize> = BTreeMap::new();
    for a in &analysed {
        *langs.entry(a.lang.code.as_str()).or_default() += 1;
        for r in &a.clean.removed {
            *reasons.entry(r.reason.as_str()).or_default() += 1;
            if show_removed {
                let t: String = r.raw.slice(&a.clean.raw.body).chars().take(100).collect();
                *removed_lines
                    .entry(format!("[{}] {}", r.reason, t))
                    .or_default() += 1;
            }
        }
    }
    println!(
        "{set}: {n} articles, {:.1} MB, avg {:.0} B",
        bytes as f64 / 1e6,
        bytes as f64 / n.max(1) as f64
    );
    println!(
        "clean+analyse, one thread: {:.3} s, {:.0} articles/s, {:.1} MB/s, {sentences} sentences",
        secs,
        n as f64 / secs,
        bytes as f64 / 1e6 / secs
    );
    println!("languages: {langs:?}");
    println!("removals: {reasons:?}");
    if show_removed {
        let mut v: Vec<_> = removed_lines.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let all = args.iter().any(|a| a == "--all");
        for (line, k) in v.iter().take(if all { usize::MAX } else { 150 }) {
            println!("{k:5} {line}");
        }
    }
}
