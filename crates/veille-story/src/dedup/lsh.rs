//! An incremental banded LSH index over MinHash signatures.
//!
//! The 128 values are cut into `bands` bands of `rows` values; two documents
//! become candidates when any band is equal, which happens with probability
//! `1 - (1 - J^rows)^bands`. [`Banding::for_threshold`] picks `(bands, rows)`
//! the way datasketch's `MinHashLSH` does (the pair minimising the mean of
//! the false-positive and false-negative areas under that curve), so that
//! both sides of the peer benchmark band identically.
//!
//! Storage is small on purpose: each band is a hash table from a 32-bit band
//! hash to the last slot inserted with it, and slots are chained by a flat
//! `next` array (4 bytes a band a document). A 32-bit collision only adds a
//! candidate, which the caller verifies on the full signature.

use super::minhash::{Signature, NUM_PERM};
use std::collections::HashMap;

/// How a signature is cut into bands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Banding {
    pub bands: usize,
    pub rows: usize,
}

fn integrate(f: impl Fn(f64) -> f64, a: f64, b: f64) -> f64 {
    // Composite Simpson's rule; the integrands are smooth polynomials.
    let n = 200;
    let h = (b - a) / n as f64;
    let mut s = f(a) + f(b);
    for i in 1..n {
        let x = a + i as f64 * h;
        s += if i % 2 == 1 { 4.0 } else { 2.0 } * f(x);
    }
    s * h / 3.0
}

impl Banding {
    /// The banding datasketch's `MinHashLSH(threshold, num_perm=128)` uses:
    /// minimises `0.5·FP + 0.5·FN` areas of the candidate curve.
    pub fn for_threshold(threshold: f32) -> Banding {
        let t = f64::from(threshold.clamp(0.01, 0.99));
        let mut best = (f64::INFINITY, Banding { bands: 1, rows: 1 });
        for bands in 1..=NUM_PERM {
            for rows in 1..=(NUM_PERM / bands) {
                let p = |s: f64| 1.0 - (1.0 - s.powi(rows as i32)).powi(bands as i32);
                let fp = integrate(p, 0.0, t);
                let fneg = integrate(|s| 1.0 - p(s), t, 1.0);
                let err = 0.5 * fp + 0.5 * fneg;
                if err < best.0 {
                    best = (err, Banding { bands, rows });
                }
            }
        }
        best.1
    }

    /// Probability that a pair of Jaccard similarity `j` becomes a candidate.
    pub fn candidate_probability(&self, j: f32) -> f32 {
        1.0 - (1.0 - j.powi(self.rows as i32)).powi(self.bands as i32)
    }
}

const NONE: u32 = u32::MAX;

/// The banded index. Keys are the caller's 32-bit document numbers.
#[derive(Debug, Clone)]
pub struct LshIndex {
    banding: Banding,
    heads: Vec<HashMap<u32, u32>>,
    /// `next[slot * bands + band]`: previous slot with the same band hash.
    next: Vec<u32>,
    keys: Vec<u32>,
}

fn band_hash(band: usize, values: &[u32]) -> u32 {
    let mut h = (band as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 0x243f_6a88_85a3_08d3;
    for &v in values {
        h = (h ^ u64::from(v)).wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 29;
    }
    h = (h ^ (h >> 33)).wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    (h ^ (h >> 33)) as u32
}

impl LshIndex {
    pub fn new(banding: Banding) -> LshIndex {
        LshIndex {
            banding,
            heads: vec![HashMap::new(); banding.bands],
            next: Vec::new(),
            keys: Vec::new(),
        }
    }

    pub fn banding(&self) -> Banding {
        self.banding
    }

    /// Number of signatures inserted.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Keys sharing at least one band with `sig`, each once, in insertion order.
    pub fn query(&self, sig: &Signature) -> Vec<u32> {
        let mut slots = Vec::new();
        let Banding { bands, rows } = self.banding;
        for (band, heads) in self.heads.iter().enumerate() {
            let h = band_hash(band, &sig.values[band * rows..(band + 1) * rows]);
            let mut slot = heads.get(&h).copied().unwrap_or(NONE);
            while slot != NONE {
                slots.push(slot);
                slot = self.next[slot as usize * bands + band];
            }
        }
        slots.sort_unstable();
        slots.dedup();
        slots.into_iter().map(|s| self.keys[s as usize]).collect()
    }

    /// Inserts `sig` under `key` and returns the keys of the earlier
    /// candidates (see [`LshIndex::query`]).
    pub fn insert(&mut self, key: u32, sig: &Signature) -> Vec<u32> {
        let candidates = self.query(sig);
        let slot = self.keys.len() as u32;
        super::push_gently(&mut self.keys, key);
        let Banding { bands, rows } = self.banding;
        if self.next.len() + bands > self.next.capacity() {
            self.next.reserve_exact(self.next.len() / 8 + 1024 * bands);
        }
        for (band, heads) in self.heads.iter_mut().enumerate() {
            let h = band_hash(band, &sig.values[band * rows..(band + 1) * rows]);
            let prev = heads.insert(h, slot).unwrap_or(NONE);
            self.next.push(prev);
        }
        debug_assert_eq!(self.next.len(), self.keys.len() * bands);
        candidates
    }

    /// Heap bytes held by the index (tables at capacity, chains, keys).
    pub fn memory_bytes(&self) -> usize {
        // hashbrown: one control byte and one (u32, u32) entry per bucket.
        let tables: usize = self
            .heads
            .iter()
            .map(|m| m.capacity() * 9 + m.capacity() / 7)
            .sum();
        tables + self.next.capacity() * 4 + self.keys.capacity() * 4
    }
}

#[cfg(test)]
mod tests {
    use super::super::minhash::MinHasher;
    use super::*;

    #[test]
    fn banding_matches_datasketch_choices() {
        // Values printed by datasketch 2.0 `MinHashLSH(threshold, 128).b, .r`.
        let expected = [
            (0.3, 37, 3),
            (0.4, 32, 4),
            (0.5, 25, 5),
            (0.6, 18, 7),
            (0.7, 14, 9),
            (0.8, 9, 13),
        ];
        for (t, bands, rows) in expected {
            assert_eq!(
                Banding::for_threshold(t),
                Banding { bands, rows },
                "threshold {t}"
            );
        }
    }

    #[test]
    fn finds_near_copy_and_not_strangers() {
        let h = MinHasher::default();
        let set = |r: std::ops::Range<u64>| -> Vec<u64> {
            r.map(|i| xxhash_rust::xxh3::xxh3_64(&i.to_le_bytes()))
                .collect()
        };
        let mut lsh = LshIndex::new(Banding::for_threshold(0.5));
        assert!(lsh.insert(7, &h.sign(&set(0..400))).is_empty());
        assert!(lsh.insert(8, &h.sign(&set(5000..5400))).is_empty());
        assert_eq!(lsh.insert(9, &h.sign(&set(20..400))), vec![7]);
        assert_eq!(lsh.len(), 3);
    }
}
