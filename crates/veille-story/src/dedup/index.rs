//! The incremental duplicate index: exact keys, MinHash + LSH, groups.

use super::lsh::{Banding, LshIndex};
use super::minhash::{CompactSignature, MinHasher, Signature};
use super::shingles::{exact_key_of_words, folded_words, jaccard, shingle_hashes_of_words};
use super::ConfigError;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use veille_model::{DocId, PartialDate};

/// Settings of a [`DuplicateIndex`]; [`Default`] holds the measured defaults.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DuplicateConfig {
    /// Words per shingle.
    pub shingle: usize,
    /// Jaccard similarity of shingle sets from which two documents are near
    /// duplicates; also sets the LSH banding.
    pub threshold: f32,
    /// Keep each document's shingle hashes (about 8 bytes a word) to verify
    /// candidates on the exact Jaccard rather than the MinHash estimate.
    pub keep_shingles: bool,
    /// Seed of the MinHash functions.
    pub seed: u64,
}

impl Default for DuplicateConfig {
    fn default() -> Self {
        DuplicateConfig {
            shingle: super::DEFAULT_SHINGLE,
            threshold: super::DEFAULT_THRESHOLD,
            keep_shingles: false,
            seed: 0x5eed_7e11_1e00_0001,
        }
    }
}

impl DuplicateConfig {
    /// Checks the ranges of the settings.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if !(1..=16).contains(&self.shingle) {
            return Err(ConfigError::ShingleSize(self.shingle));
        }
        if !(self.threshold > 0.0 && self.threshold <= 1.0) {
            return Err(ConfigError::Threshold(self.threshold));
        }
        Ok(())
    }
}

/// What the index says of a document when it is added.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Verdict {
    /// Same folded words as the earlier document `of`.
    Exact { of: DocId },
    /// Shingle sets similar enough to the earlier document `of`: `estimated`
    /// from the signatures, `verified` exact when shingles are kept.
    Near {
        of: DocId,
        estimated: f32,
        verified: Option<f32>,
    },
    /// Neither.
    New,
}

/// A group of duplicates: its canonical member (earliest publication, then
/// first added) and all members in the order they were added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DuplicateGroup {
    pub canonical: DocId,
    pub members: Vec<DocId>,
}

/// What the index keeps of a text; made in parallel by
/// [`DuplicateIndex::sketch`], consumed by [`DuplicateIndex::add_sketch`].
#[derive(Debug, Clone)]
pub struct DocSketch {
    pub exact_key: u128,
    pub signature: Signature,
    pub shingles: Option<Vec<u64>>,
}

/// Exact and near duplicates, found as documents arrive.
#[derive(Debug, Clone)]
pub struct DuplicateIndex {
    config: DuplicateConfig,
    hasher: MinHasher,
    lsh: LshIndex,
    docs: Vec<DocId>,
    published: Vec<Option<PartialDate>>,
    parent: Vec<u32>,
    exact: HashMap<u128, u32>,
    /// Signatures of the documents in the LSH index, by LSH key.
    signatures: Vec<CompactSignature>,
    /// Document number of each LSH key.
    lsh_doc: Vec<u32>,
    shingles: Vec<Vec<u64>>,
}

impl DuplicateIndex {
    pub fn new(config: DuplicateConfig) -> Result<DuplicateIndex, ConfigError> {
        config.validate()?;
        Ok(DuplicateIndex {
            config,
            hasher: MinHasher::with_seed(config.seed),
            lsh: LshIndex::new(Banding::for_threshold(config.threshold)),
            docs: Vec::new(),
            published: Vec::new(),
            parent: Vec::new(),
            exact: HashMap::new(),
            signatures: Vec::new(),
            lsh_doc: Vec::new(),
            shingles: Vec::new(),
        })
    }

    pub fn config(&self) -> &DuplicateConfig {
        &self.config
    }

    pub fn banding(&self) -> Banding {
        self.lsh.banding()
    }

    /// Number of documents added.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The sketch of a text (pure; call it from many threads).
    pub fn sketch(&self, text: &str) -> DocSketch {
        self.sketch_words(&folded_words(text))
    }

    /// The sketch of already folded words.
    pub fn sketch_words<S: AsRef<str>>(&self, words: &[S]) -> DocSketch {
        let hashes = shingle_hashes_of_words(words, self.config.shingle);
        DocSketch {
            exact_key: exact_key_of_words(words),
            signature: self.hasher.sign(&hashes),
            shingles: self.config.keep_shingles.then_some(hashes),
        }
    }

    /// The sketch of a document whose exact key and shingle hashes are known
    /// (see [`super::exact_key`] and [`super::shingle_hashes`]).
    pub fn sketch_hashes(&self, exact_key: u128, shingle_hashes: Vec<u64>) -> DocSketch {
        DocSketch {
            exact_key,
            signature: self.hasher.sign(&shingle_hashes),
            shingles: self.config.keep_shingles.then_some(shingle_hashes),
        }
    }

    /// Adds a document and says whether it duplicates an earlier one.
    pub fn add(&mut self, doc: DocId, published: Option<PartialDate>, text: &str) -> Verdict {
        let sketch = self.sketch(text);
        self.add_sketch(doc, published, sketch)
    }

    /// Adds many documents: sketches them in parallel (rayon), then adds them
    /// in the given order. Same verdicts as calling [`DuplicateIndex::add`]
    /// on each in turn.
    pub fn add_many(&mut self, docs: &[(DocId, Option<PartialDate>, &str)]) -> Vec<Verdict> {
        let sketches: Vec<DocSketch> = docs.par_iter().map(|(_, _, t)| self.sketch(t)).collect();
        docs.iter()
            .zip(sketches)
            .map(|((d, p, _), s)| self.add_sketch(*d, *p, s))
            .collect()
    }

    /// Adds a document from its sketch.
    pub fn add_sketch(
        &mut self,
        doc: DocId,
        published: Option<PartialDate>,
        sketch: DocSketch,
    ) -> Verdict {
        let n = self.docs.len() as u32;
        self.docs.push(doc);
        self.published.push(published);
        self.parent.push(n);
        if sketch.signature.is_empty() {
            // No words: nothing to compare (empty pages are not duplicates).
            return Verdict::New;
        }
        if let Some(&first) = self.exact.get(&sketch.exact_key) {
            self.union(first, n);
            return Verdict::Exact {
                of: self.docs[first as usize],
            };
        }
        self.exact.insert(sketch.exact_key, n);
        let key = self.signatures.len() as u32;
        let candidates = self.lsh.insert(key, &sketch.signature);
        let compact = CompactSignature::from(&sketch.signature);
        let mut best: Option<(f32, Option<f32>, u32)> = None;
        for c in candidates {
            let estimated = compact.similarity(&self.signatures[c as usize]);
            let verified = match (&sketch.shingles, self.shingles.get(c as usize)) {
                (Some(a), Some(b)) => Some(jaccard(a, b)),
                _ => None,
            };
            if verified.unwrap_or(estimated) < self.config.threshold {
                continue;
            }
            let other = self.lsh_doc[c as usize];
            self.union(other, n);
            let better =
                best.is_none_or(|(e, v, _)| verified.unwrap_or(estimated) > v.unwrap_or(e));
            if better {
                best = Some((estimated, verified, other));
            }
        }
        super::push_gently(&mut self.signatures, compact);
        super::push_gently(&mut self.lsh_doc, n);
        if let Some(sh) = sketch.shingles {
            self.shingles.push(sh);
        }
        match best {
            Some((estimated, verified, other)) => Verdict::Near {
                of: self.docs[other as usize],
                estimated,
                verified,
            },
            None => Verdict::New,
        }
    }

    fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let p = self.parent[x as usize];
            self.parent[x as usize] = self.parent[p as usize];
            x = p;
        }
        x
    }

    fn union(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi as usize] = lo;
        }
    }

    /// Groups of two or more duplicates, ordered by their first member.
    pub fn groups(&self) -> Vec<DuplicateGroup> {
        let mut by_root: HashMap<u32, Vec<u32>> = HashMap::new();
        for n in 0..self.docs.len() as u32 {
            let mut r = n;
            while self.parent[r as usize] != r {
                r = self.parent[r as usize];
            }
            by_root.entry(r).or_default().push(n);
        }
        let mut groups: Vec<(u32, DuplicateGroup)> = by_root
            .into_values()
            .filter(|m| m.len() > 1)
            .map(|members| {
                let canonical = members
                    .iter()
                    .copied()
                    .min_by_key(|&m| {
                        let p = self.published[m as usize];
                        (p.is_none(), p, m)
                    })
                    .unwrap_or(members[0]);
                let first = members[0];
                let group = DuplicateGroup {
                    canonical: self.docs[canonical as usize],
                    members: members.iter().map(|&m| self.docs[m as usize]).collect(),
                };
                (first, group)
            })
            .collect();
        groups.sort_by_key(|(first, _)| *first);
        groups.into_iter().map(|(_, g)| g).collect()
    }

    /// Bytes of sketch state per indexed document: the compact signature plus its
    /// LSH postings (chain links and table entries at capacity).
    pub fn sketch_bytes_per_doc(&self) -> f64 {
        if self.signatures.is_empty() {
            return 0.0;
        }
        (self.signatures.capacity() * CompactSignature::BYTES + self.lsh.memory_bytes()) as f64
            / self.signatures.len() as f64
    }

    /// All heap bytes held by the index, approximately.
    pub fn memory_bytes(&self) -> usize {
        self.signatures.capacity() * CompactSignature::BYTES
            + self.lsh.memory_bytes()
            + self.lsh_doc.capacity() * 4
            + self.docs.capacity() * std::mem::size_of::<DocId>()
            + self.published.capacity() * std::mem::size_of::<Option<PartialDate>>()
            + self.parent.capacity() * 4
            + self.exact.capacity() * (16 + 4 + 1)
            + self
                .shingles
                .iter()
                .map(|s| s.capacity() * 8 + 24)
                .sum::<usize>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(n: usize, salt: &str) -> String {
        (0..n)
            .map(|i| format!("mot{}{} ", salt, i))
            .collect::<String>()
    }

    #[test]
    fn finds_exact_near_and_new() {
        let mut idx = DuplicateIndex::new(DuplicateConfig {
            keep_shingles: true,
            ..DuplicateConfig::default()
        })
        .expect("valid config");
        let a = text(300, "a");
        let near = format!("{} ajout final", &a[..a.len() - 40]);
        assert_eq!(idx.add(DocId(1), None, &a), Verdict::New);
        assert_eq!(
            idx.add(DocId(2), None, &a.to_uppercase().replace(' ', "  ")),
            Verdict::Exact { of: DocId(1) }
        );
        match idx.add(DocId(3), None, &near) {
            Verdict::Near {
                of,
                estimated,
                verified,
            } => {
                assert_eq!(of, DocId(1));
                assert!(estimated > 0.8);
                assert!(verified.is_some_and(|v| v > 0.8));
            }
            v => panic!("expected near, got {v:?}"),
        }
        assert_eq!(idx.add(DocId(4), None, &text(300, "b")), Verdict::New);
        assert_eq!(idx.add(DocId(5), None, " ,. "), Verdict::New);
        assert_eq!(idx.add(DocId(6), None, ""), Verdict::New);
        assert_eq!(
            idx.groups(),
            vec![DuplicateGroup {
                canonical: DocId(1),
                members: vec![DocId(1), DocId(2), DocId(3)]
            }]
        );
    }

    #[test]
    fn canonical_is_earliest_published_then_first_added() {
        let mut idx = DuplicateIndex::new(DuplicateConfig::default()).expect("valid config");
        let t = text(50, "x");
        idx.add(DocId(10), None, &t);
        idx.add(DocId(11), PartialDate::day(2020, 10, 28), &t);
        idx.add(DocId(12), PartialDate::day(2020, 10, 27), &t);
        idx.add(DocId(13), PartialDate::day(2020, 10, 27), &t);
        let g = idx.groups();
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].canonical, DocId(12));
    }

    #[test]
    fn bulk_path_gives_same_verdicts() {
        let texts: Vec<String> = (0..20).map(|i| text(100, &(i % 7).to_string())).collect();
        let docs: Vec<_> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| (DocId(i as i64), None, t.as_str()))
            .collect();
        let mut one = DuplicateIndex::new(DuplicateConfig::default()).expect("valid config");
        let serial: Vec<_> = docs.iter().map(|(d, p, t)| one.add(*d, *p, t)).collect();
        let mut bulk = DuplicateIndex::new(DuplicateConfig::default()).expect("valid config");
        assert_eq!(bulk.add_many(&docs), serial);
        assert_eq!(bulk.groups(), one.groups());
        assert_eq!(bulk.groups().len(), 7);
    }

    #[test]
    fn rejects_bad_config() {
        let bad = DuplicateConfig {
            threshold: 1.5,
            ..DuplicateConfig::default()
        };
        assert!(DuplicateIndex::new(bad).is_err());
    }

    #[test]
    fn sketch_state_stays_under_one_kilobyte() {
        let mut idx = DuplicateIndex::new(DuplicateConfig::default()).expect("valid config");
        for i in 0..2000 {
            idx.add(DocId(i), None, &text(60, &i.to_string()));
        }
        let b = idx.sketch_bytes_per_doc();
        assert!(b <= 1024.0, "{b} bytes per document");
    }
}
