//! Signing and indexing speed of the duplicate index on the bundled seeds.

use criterion::{criterion_group, criterion_main, Criterion};
use std::path::Path;
use veille_model::DocId;
use veille_story::dedup::{align, rough_sentences, DuplicateConfig, DuplicateIndex, ReuseConfig};

fn seeds() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/seeds");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
}

fn bench(c: &mut Criterion) {
    let texts = seeds();
    assert_eq!(texts.len(), 5, "the five seeds are bundled");
    c.bench_function("dedup/add 5 seeds", |b| {
        b.iter(|| {
            let mut idx = DuplicateIndex::new(DuplicateConfig::default()).expect("valid config");
            for (i, t) in texts.iter().enumerate() {
                idx.add(DocId(i as i64), None, t);
            }
            assert!(idx.groups().is_empty());
        })
    });
    let (a, b) = (rough_sentences(&texts[0]), rough_sentences(&texts[1]));
    c.bench_function("reuse/align 000-001", |bench| {
        bench.iter(|| {
            let r = align(&a, &b, &ReuseConfig::default());
            assert!(r.pairs.len() >= 6);
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
