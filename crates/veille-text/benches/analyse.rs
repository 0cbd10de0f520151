//! Clean + analyse throughput on the five seed dispatches.
//!
//! `cargo bench -p veille-text --bench analyse`

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use veille_model::{Format, Origin, RawDoc};
use veille_text::{Analyser, Cleaner};

const SEEDS: [&str; 5] = [
    include_str!("../../../examples/seeds/000_b173b38ccefd84c3.txt"),
    include_str!("../../../examples/seeds/001_770acdc0607464ea.txt"),
    include_str!("../../../examples/seeds/002_1ecbdd966da1c296.txt"),
    include_str!("../../../examples/seeds/003_402732ef8272a68d.txt"),
    include_str!("../../../examples/seeds/004_989597bee5541ff8.txt"),
];

fn raw(body: &str) -> RawDoc {
    RawDoc::new(
        "seed",
        Origin {
            path: "seed.txt".into(),
            line: None,
        },
        Format::Text,
        body.to_string(),
    )
}

fn bench(c: &mut Criterion) {
    let cleaner = Cleaner::default();
    let analyser = Analyser::default();
    // sanity: the path does real work on the seeds
    let sentences: usize = SEEDS
        .iter()
        .map(|s| analyser.analyse(cleaner.clean(raw(s))).sentences.len())
        .sum();
    assert!(sentences > 100, "seeds gave only {sentences} sentences");

    let bytes: usize = SEEDS.iter().map(|s| s.len()).sum();
    let mut group = c.benchmark_group("seeds");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("clean", |b| {
        b.iter(|| {
            for s in SEEDS {
                black_box(cleaner.clean(raw(black_box(s))));
            }
        })
    });
    group.bench_function("clean_analyse", |b| {
        b.iter(|| {
            for s in SEEDS {
                black_box(analyser.analyse(cleaner.clean(raw(black_box(s)))));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
