//! Exact duplicates, near duplicates and sentence-level text reuse.
//!
//! Pure and incremental: [`DuplicateIndex::add`] takes `(key, published,
//! text)` and says *exact duplicate of X*, *near duplicate of X* or *new*;
//! [`DuplicateIndex::groups`] gives the groups with their canonical member
//! (earliest publication, then first added). [`align`] aligns the sentences
//! of two documents (verbatim and edited copies, share reused) and
//! [`ReuseIndex::add`] finds, for a new document, the earlier documents it
//! copies sentences from, through postings, never all pairs.
//!
//! # Design note (figures: `cargo xtask eval dupes`, `cargo xtask bench dupes`,
//! reports/duplicates.md)
//!
//! - **Exact**: xxh3-128 of the folded words joined by spaces (case, accents,
//!   punctuation and whitespace ignored). All 2,409 listed OrangeSum pairs of
//!   identical text are found.
//! - **Shingles**: word 3-shingles of folded words. Planted copies on
//!   OrangeSum (2,000 originals, corpus of 36,152 + 18,000 copies) at
//!   threshold 0.5: 3-shingles keep 0.99 recall at 5 % words replaced and
//!   0.80 at 10 %, where 5-shingles fall to 0.91 and 0.17 (each replaced word
//!   breaks k shingles); the price is 523 instead of 428 near pairs among
//!   untouched articles, most of them same-day rewrites of one dispatch.
//! - **Sketch**: 128 MinHash values by one-permutation hashing with optimal
//!   densification ([`MinHasher`]): one multiplication a shingle, 64× the
//!   speed of datasketch per core on the same shingles, same recall. The
//!   index keeps the low 16 bits of each value ([`CompactSignature`], 256
//!   bytes) to verify candidates; with the LSH chains and tables the sketch
//!   state is about 870 bytes a document.
//! - **Banding and threshold**: Jaccard 0.5, banded 25×5 (the banding
//!   datasketch picks for that threshold); a candidate is kept when its
//!   estimated Jaccard is ≥ 0.5. 0.4 lifts recall on 50 % sentence drops
//!   (0.80 vs 0.51) but flags 40 % more untouched articles; 0.6 loses a
//!   third of the 30 %-drop copies. Sentence-level reuse ([`ReuseIndex`])
//!   covers the partial copies that document-level similarity must miss.

mod index;
mod lsh;
mod minhash;
mod reuse;
mod shingles;

pub use index::{DocSketch, DuplicateConfig, DuplicateGroup, DuplicateIndex, Verdict};
pub use lsh::{Banding, LshIndex};
pub use minhash::{CompactSignature, MinHasher, Signature, NUM_PERM};
pub use reuse::{
    align, rough_sentences, AlignedPair, PreparedDoc, Reuse, ReuseConfig, ReuseIndex, ReuseKind,
    ReuseSource,
};
pub use shingles::{
    exact_key, exact_key_of_words, folded_words, for_each_shingle, hash_shingle, jaccard,
    shingle_hashes, shingle_hashes_of_words,
};

/// Default words per shingle.
pub const DEFAULT_SHINGLE: usize = 3;
/// Default Jaccard threshold of near duplicates.
pub const DEFAULT_THRESHOLD: f32 = 0.5;

/// A setting out of its range.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ConfigError {
    #[error("shingle size must be between 1 and 16 words, got {0}")]
    ShingleSize(usize),
    #[error("near-duplicate threshold must be in (0, 1], got {0}")]
    Threshold(f32),
}

/// Pushes onto a vector that grows by an eighth (at least 1,024 items)
/// instead of doubling: the sketch state of a large index then carries at
/// most 12.5% of spare capacity instead of up to 100%, for amortised
/// constant-time pushes all the same.
fn push_gently<T>(v: &mut Vec<T>, x: T) {
    if v.len() == v.capacity() {
        v.reserve_exact(v.len() / 8 + 1024);
    }
    v.push(x);
}

#[cfg(test)]
mod tests {
    use super::*;
    use veille_model::DocId;

    fn seeds() -> Vec<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/seeds");
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .expect("seeds are bundled")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        paths
            .iter()
            .map(|p| std::fs::read_to_string(p).expect("readable seed"))
            .collect()
    }

    #[test]
    fn seeds_000_and_001_are_a_reuse_pair() {
        let s = seeds();
        let (a, b) = (rough_sentences(&s[0]), rough_sentences(&s[1]));
        let r = align(&a, &b, &ReuseConfig::default());
        assert!(r.pairs.len() >= 6, "{} aligned pairs", r.pairs.len());
        assert!(r.verbatim() >= 1 && r.edited() >= 1, "{r:?}");
    }

    #[test]
    fn no_other_seed_pair_is_reuse_or_near_duplicate() {
        let s = seeds();
        let mut idx = DuplicateIndex::new(DuplicateConfig {
            keep_shingles: true,
            ..DuplicateConfig::default()
        })
        .expect("valid config");
        for (i, t) in s.iter().enumerate() {
            assert_eq!(idx.add(DocId(i as i64), None, t), Verdict::New, "seed {i}");
        }
        assert!(idx.groups().is_empty());
        for i in 0..s.len() {
            for j in i + 1..s.len() {
                let r = align(
                    &rough_sentences(&s[i]),
                    &rough_sentences(&s[j]),
                    &ReuseConfig::default(),
                );
                if (i, j) != (0, 1) {
                    assert!(r.pairs.is_empty(), "seeds {i}-{j}: {r:?}");
                }
            }
        }
    }
}
