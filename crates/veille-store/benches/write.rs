//! Write and read throughput of the store on synthetic OrangeSum-sized
//! documents: about 2.4 KB of cleaned text (and as much raw body) in 20
//! sentences and 5 paragraphs each, written in batches of 1,000 to a store on
//! disk (WAL, synchronous=NORMAL), as `veille ingest` does. The raw body differs
//! from the text, so each document stores about 5 KB of text.
//!
//! Run: `cargo bench -p veille-store --bench write`. Besides criterion's
//! figures it prints the write rate per cpu-second of the writing thread (the
//! machine is shared) and one-shot figures for streaming and listing; the
//! crate doc keeps the last measured ones.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use std::time::{Duration, Instant};
use veille_model::{
    AnalysedDoc, CleanDoc, Format, Lang, OffsetMap, Origin, PartialDate, RawDoc, SentenceSpan, Span,
};
use veille_store::{DocQuery, Outcome, Store};

const BATCH: usize = 1_000;
const SENTENCES: usize = 20;

/// Sentence `i` of document `n`: about 120 bytes of French news prose.
fn sentence(n: u64, i: usize) -> String {
    format!(
        "Selon le ministère, {n} frappes ont visé la région de Barda le {i} octobre, faisant plusieurs victimes civiles."
    )
}

fn doc(n: u64) -> AnalysedDoc {
    let mut text = String::new();
    let mut paragraphs = Vec::new();
    let mut sentences = Vec::new();
    let mut para_start = 0;
    for i in 0..SENTENCES {
        if i > 0 && i % 4 == 0 {
            paragraphs.push(Span::new(para_start, text.len()));
            text.push_str("\n\n");
            para_start = text.len();
        } else if i > 0 {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(&sentence(n, i));
        sentences.push(SentenceSpan {
            span: Span::new(start, text.len()),
            paragraph: paragraphs.len() as u32,
        });
    }
    paragraphs.push(Span::new(para_start, text.len()));
    let mut map = OffsetMap::identity();
    for k in 1..8 {
        map.push(k * 300, k * 300 + k);
    }
    let mut raw = RawDoc::new(
        format!("orangesum-{n}"),
        Origin {
            path: "train.jsonl".into(),
            line: Some(n),
        },
        Format::Jsonl,
        // The raw body differs from the text (a photo credit was removed),
        // so both are stored: the worst case for the store.
        format!("{text}\n\nPhoto : AFP / Karen Minasyan"),
    );
    raw.title = Some(format!("Haut-Karabakh : nouvelles frappes sur Barda ({n})"));
    raw.published = PartialDate::day(2020, 10, 28);
    raw.lead = Some("Le conflit s'intensifie dans le Caucase.".into());
    raw.meta.insert(
        "url".into(),
        serde_json::json!(format!("https://example.invalid/{n}")),
    );
    AnalysedDoc {
        clean: CleanDoc {
            title: raw.title.clone(),
            published: raw.published,
            raw,
            text,
            map,
            removed: vec![],
        },
        lang: Lang {
            code: "fr".into(),
            confidence: 0.98,
        },
        paragraphs,
        sentences,
        content_hash: format!("{:016x}", n.wrapping_mul(0x9e37_79b9_7f4a_7c15)),
    }
}

fn docs(from: u64) -> Vec<AnalysedDoc> {
    (from..from + BATCH as u64).map(doc).collect()
}

fn write(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(tmp.path()).expect("open store");
    let text_len = doc(0).clean.text.len();
    assert!(
        (2_000..3_000).contains(&text_len),
        "synthetic doc is {text_len} bytes"
    );

    let mut next = 0u64;
    let mut group = c.benchmark_group("store");
    group.throughput(Throughput::Elements(BATCH as u64));
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("write_batch_1000_new", |b| {
        b.iter_batched(
            || {
                next += BATCH as u64;
                docs(next)
            },
            |batch| {
                let out = store.write_batch(&batch).expect("write");
                assert!(matches!(out[0], Outcome::Added(_)));
            },
            BatchSize::PerIteration,
        )
    });
    let again = docs(BATCH as u64);
    group.bench_function("write_batch_1000_unchanged", |b| {
        b.iter(|| {
            let out = store.write_batch(&again).expect("write");
            assert!(matches!(out[0], Outcome::Unchanged(_)));
        })
    });
    group.finish();

    // One-shot figures for the report. The machine is shared, so besides the
    // wall-clock rate give the rate per second of CPU spent by this thread
    // (what an idle machine would reach, IO wait aside).
    let rounds = 10;
    let batches: Vec<Vec<AnalysedDoc>> = (0..rounds)
        .map(|_| {
            next += BATCH as u64;
            docs(next)
        })
        .collect();
    let (t, cpu) = (Instant::now(), thread_cpu_seconds());
    for batch in &batches {
        store.write_batch(batch).expect("write");
    }
    let (wall, cpu) = (
        t.elapsed().as_secs_f64(),
        cpu.and_then(|c| Some(thread_cpu_seconds()? - c)),
    );
    let n_written = (rounds * BATCH) as f64;
    eprintln!(
        "write_batch: {:.0} docs/s wall, {}",
        n_written / wall,
        cpu.map_or("no cpu time".into(), |c| format!(
            "{:.0} docs per cpu-second",
            n_written / c
        ))
    );

    let n = store.count_docs().expect("count");
    let t = Instant::now();
    let mut seen = 0u64;
    store
        .for_each_doc(|d| {
            seen += d.sentences.len() as u64;
            Ok::<_, veille_store::Error>(())
        })
        .expect("stream");
    let stream = t.elapsed();
    assert_eq!(seen, n * SENTENCES as u64);
    let t = Instant::now();
    let listed = store
        .list_docs(&DocQuery {
            limit: Some(100),
            ..DocQuery::default()
        })
        .expect("list");
    let list = t.elapsed();
    assert_eq!(listed.len(), 100);
    let size = std::fs::metadata(tmp.path().join(veille_store::DB_FILE))
        .map(|m| m.len())
        .unwrap_or(0)
        + std::fs::metadata(tmp.path().join("veille.sqlite-wal"))
            .map(|m| m.len())
            .unwrap_or(0);
    eprintln!(
        "store of {n} docs: for_each_doc {:.0} docs/s, list_docs(limit 100) {:.1} ms, {:.2} KB on disk per doc",
        n as f64 / stream.as_secs_f64(),
        list.as_secs_f64() * 1e3,
        size as f64 / n as f64 / 1024.0
    );
}

/// CPU time of the calling thread, from Linux's `/proc/thread-self/schedstat`.
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

criterion_group!(benches, write);
criterion_main!(benches);
