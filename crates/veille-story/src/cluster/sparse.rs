//! Sparse term vectors: `(term, weight)` pairs sorted by term, and the sums
//! (centroids) kept truncated to their heaviest terms so that memory and the
//! cost of a comparison stay bounded whatever the size of a cluster.

use serde::{Deserialize, Serialize};

/// A sparse vector sorted by term id, without duplicate terms.
pub type SparseVec = Vec<(u64, f32)>;

/// Euclidean norm.
pub fn norm(v: &[(u64, f32)]) -> f32 {
    v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt()
}

/// Dot product of two term-sorted vectors (a merge walk).
pub fn dot(a: &[(u64, f32)], b: &[(u64, f32)]) -> f32 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

/// Cosine of two vectors; 0 when either is empty.
pub fn cosine(a: &[(u64, f32)], b: &[(u64, f32)]) -> f32 {
    let n = norm(a) * norm(b);
    if n > 0.0 {
        (dot(a, b) / n).clamp(0.0, 1.0)
    } else {
        0.0
    }
}

/// Keeps the `k` heaviest entries (ties broken by term id, so the result is
/// deterministic) and returns them sorted by term.
pub fn top_k(mut v: SparseVec, k: usize) -> SparseVec {
    if v.len() > k {
        v.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        v.truncate(k);
    }
    v.sort_unstable_by_key(|e| e.0);
    v
}

/// Scales a vector to unit length (left empty if it is empty or all zero).
pub fn normalise(mut v: SparseVec) -> SparseVec {
    let n = norm(&v);
    if n > 0.0 {
        for e in &mut v {
            e.1 /= n;
        }
    }
    v
}

/// A vector's entries by term, for dot products with many centroids: a
/// probe per centroid term instead of a merge walk over both vectors (whose
/// unpredictable three-way branch was half of the assignment profile on
/// OrangeSum). Matches are summed in the centroid's term order, which is
/// the order of [`dot`], so the result is the same to the last bit.
#[derive(Debug, Clone, Default)]
pub struct Lookup {
    /// Index + 1 into `entries`, 0 for an empty slot; a power of two long.
    slots: Vec<u32>,
    entries: SparseVec,
    norm: f32,
}

impl Lookup {
    /// Fills the table with `v` (a term-sorted vector without duplicates).
    pub fn fill(&mut self, v: &[(u64, f32)]) {
        let len = (v.len() * 4).next_power_of_two().max(8);
        self.slots.clear();
        self.slots.resize(len, 0);
        self.entries.clear();
        self.entries.extend_from_slice(v);
        self.norm = norm(v);
        let mask = len - 1;
        for (i, &(t, _)) in v.iter().enumerate() {
            let mut s = slot(t, mask);
            while self.slots[s] != 0 {
                s = (s + 1) & mask;
            }
            self.slots[s] = i as u32 + 1;
        }
    }

    /// The weight of term `t` (0 when absent).
    #[inline]
    pub fn get(&self, t: u64) -> f32 {
        let mask = self.slots.len().wrapping_sub(1);
        if self.slots.is_empty() {
            return 0.0;
        }
        let mut s = slot(t, mask);
        loop {
            match self.slots[s] {
                0 => return 0.0,
                i => {
                    let e = self.entries[i as usize - 1];
                    if e.0 == t {
                        return e.1;
                    }
                }
            }
            s = (s + 1) & mask;
        }
    }

    /// The cosine of the table's vector and `v`, probing the table once per
    /// entry of `v` (for short `v`: a member's stems against a document's).
    pub fn cosine(&self, v: &[(u64, f32)]) -> f32 {
        let n = self.norm * norm(v);
        if n > 0.0 {
            let dot: f32 = v.iter().map(|&(t, w)| w * self.get(t)).sum();
            (dot / n).clamp(0.0, 1.0)
        } else {
            0.0
        }
    }

    /// The vector's entries, sorted by term.
    pub fn entries(&self) -> &[(u64, f32)] {
        &self.entries
    }

    /// Whether the vector is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The home slot of a term (Fibonacci hashing of the stem hash).
#[inline]
fn slot(t: u64, mask: usize) -> usize {
    (t.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as usize & mask
}

/// The running sum of the unit vectors of a cluster's members, truncated to
/// its `capacity` heaviest terms after each addition.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Centroid {
    sum: SparseVec,
    norm: f32,
}

impl Centroid {
    /// Adds a term-sorted vector, then truncates to `capacity` terms.
    pub fn add(&mut self, v: &[(u64, f32)], capacity: usize) {
        let mut out = Vec::with_capacity(self.sum.len() + v.len());
        let (a, b) = (&self.sum, v);
        let (mut i, mut j) = (0, 0);
        while i < a.len() || j < b.len() {
            if j == b.len() || (i < a.len() && a[i].0 < b[j].0) {
                out.push(a[i]);
                i += 1;
            } else if i == a.len() || b[j].0 < a[i].0 {
                out.push(b[j]);
                j += 1;
            } else {
                out.push((a[i].0, a[i].1 + b[j].1));
                i += 1;
                j += 1;
            }
        }
        self.sum = top_k(out, capacity);
        self.norm = norm(&self.sum);
    }

    /// Cosine between the centroid and a vector.
    pub fn cosine(&self, v: &[(u64, f32)]) -> f32 {
        let n = self.norm * norm(v);
        if n > 0.0 {
            (dot(&self.sum, v) / n).clamp(0.0, 1.0)
        } else {
            0.0
        }
    }

    /// [`Centroid::cosine`] with the vector in a [`Lookup`]: the same value.
    pub fn cosine_lookup(&self, v: &Lookup) -> f32 {
        let n = self.norm * v.norm;
        if n > 0.0 {
            let mut s = 0.0;
            for &(t, w) in &self.sum {
                // an absent term adds 0.0, which leaves the sum unchanged
                s += w * v.get(t);
            }
            (s / n).clamp(0.0, 1.0)
        } else {
            0.0
        }
    }

    /// Cosine between two centroids.
    pub fn cosine_centroid(&self, other: &Centroid) -> f32 {
        let n = self.norm * other.norm;
        if n > 0.0 {
            (dot(&self.sum, &other.sum) / n).clamp(0.0, 1.0)
        } else {
            0.0
        }
    }

    /// The kept terms, sorted by term id.
    pub fn terms(&self) -> &[(u64, f32)] {
        &self.sum
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cosine_of_a_vector_with_itself_is_one() {
        let v = vec![(1, 0.5), (4, 2.0), (9, 1.0)];
        assert!((cosine(&v, &v) - 1.0).abs() < 1e-6);
        assert_eq!(cosine(&v, &[(2, 1.0)]), 0.0);
        assert_eq!(cosine(&v, &[]), 0.0);
    }

    #[test]
    fn centroid_sums_and_truncates_to_heaviest_terms() {
        let mut c = Centroid::default();
        c.add(&[(1, 1.0), (2, 0.1)], 2);
        c.add(&[(1, 1.0), (3, 0.5)], 2);
        assert_eq!(c.terms(), &[(1, 2.0), (3, 0.5)]);
        assert!((c.cosine(&[(1, 1.0)]) - 2.0 / (4.25f32).sqrt()).abs() < 1e-6);
    }

    proptest::proptest! {
        #[test]
        fn cosine_through_a_lookup_is_the_merge_walk_cosine(
            a in proptest::collection::btree_map(0u64..300, 0.01f32..5.0, 0..80),
            b in proptest::collection::btree_map(0u64..300, 0.01f32..5.0, 0..80),
            c in proptest::collection::btree_map(0u64..300, 0.01f32..5.0, 0..80),
        ) {
            let (a, b, c): (SparseVec, SparseVec, SparseVec) =
                (a.into_iter().collect(), b.into_iter().collect(), c.into_iter().collect());
            let mut centroid = Centroid::default();
            centroid.add(&a, 120);
            centroid.add(&c, 120);
            let mut l = Lookup::default();
            l.fill(&b);
            proptest::prop_assert_eq!(centroid.cosine_lookup(&l).to_bits(), centroid.cosine(&b).to_bits());
            for &(t, w) in &b {
                proptest::prop_assert_eq!(l.get(t), w);
            }
            proptest::prop_assert_eq!(l.get(1000), 0.0);
        }
    }

    #[test]
    fn top_k_breaks_ties_by_term() {
        let v = vec![(5, 1.0), (3, 1.0), (7, 1.0)];
        assert_eq!(top_k(v, 2), vec![(3, 1.0), (5, 1.0)]);
    }
}
