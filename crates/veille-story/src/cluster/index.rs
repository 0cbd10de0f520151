//! Inverted index from a key (stem or entity hash) and a time bucket to the
//! clusters indexed under it, so that a new item is compared only with the
//! clusters that share one of its heaviest keys within its time window.
//!
//! Postings are kept sorted by cluster id, which makes insertion idempotent
//! and query order deterministic. Undated clusters sit in their own bucket,
//! seen by every query; an undated query looks at every bucket of its keys.
//! Open-ended spans (`[lo, ∞)`, see [`DaySpan`]) sit in one more bucket,
//! also seen by every dated query (the scorer's window then applies), and an
//! open-ended query looks at every bucket from `lo` minus its window on.

use super::time::DaySpan;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

/// A hasher for keys that are integers: one multiply (Fibonacci hashing)
/// instead of SipHash. The keys are stem and entity hashes or dense ids,
/// and the maps are never keyed by input an attacker picks freely (stems
/// are xxh3 hashes of words), so HashDoS resistance is not needed here.
/// Measured: SipHash and the accumulator's hash map were a fifth of the
/// single-threaded assignment profile on OrangeSum.
#[derive(Debug, Default, Clone, Copy)]
pub struct IntHasher(u64);

impl Hasher for IntHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// A `HashMap` with integer keys hashed by [`IntHasher`].
pub type IntMap<K, V> = HashMap<K, V, BuildHasherDefault<IntHasher>>;

/// Sums of query weights per cluster, dense by cluster id, remembering
/// which clusters were touched so that clearing and ranking cost only
/// those (no hashing, no allocation once grown).
#[derive(Debug, Clone, Default)]
pub struct Accumulator {
    weights: Vec<f32>,
    touched: Vec<u32>,
}

impl Accumulator {
    /// Adds `w` to cluster `c`.
    fn add(&mut self, c: u32, w: f32) {
        let i = c as usize;
        if i >= self.weights.len() {
            self.weights.resize(i + 1, 0.0);
        }
        if self.weights[i] == 0.0 {
            self.touched.push(c);
        }
        // a key's weight is positive; keep a touched cluster non-zero
        self.weights[i] += w.max(f32::MIN_POSITIVE);
    }

    /// Forgets every sum.
    pub fn clear(&mut self) {
        for &c in &self.touched {
            self.weights[c as usize] = 0.0;
        }
        self.touched.clear();
    }

    /// The sum of cluster `c` (0 when untouched).
    pub fn get(&self, c: u32) -> f32 {
        self.weights.get(c as usize).copied().unwrap_or(0.0)
    }

    /// The `n` best clusters: highest sum first, ties by lowest id.
    pub fn top(&self, n: usize) -> Vec<u32> {
        let mut v: Vec<(u32, f32)> = self
            .touched
            .iter()
            .map(|&c| (c, self.weights[c as usize]))
            .collect();
        if v.len() > n {
            v.select_nth_unstable_by(n, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            v.truncate(n);
        }
        v.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        v.into_iter().map(|e| e.0).collect()
    }
}

const UNDATED: i32 = i32::MIN;
/// The bucket of open-ended spans (after every dated bucket).
const OPEN: i32 = i32::MAX;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ClusterIndex {
    bucket_days: i32,
    #[serde(serialize_with = "super::canonical::sorted")]
    postings: IntMap<u64, BTreeMap<i32, Vec<u32>>>,
}

impl ClusterIndex {
    pub fn new(bucket_days: i32) -> ClusterIndex {
        ClusterIndex {
            bucket_days: bucket_days.max(1),
            postings: IntMap::default(),
        }
    }

    fn buckets(&self, span: Option<DaySpan>, margin: i32) -> std::ops::RangeInclusive<i32> {
        match span {
            Some(s) if s.is_open() => OPEN..=OPEN,
            Some(s) => {
                let lo = (s.lo.saturating_sub(margin)).div_euclid(self.bucket_days);
                let hi = (s.hi.saturating_add(margin)).div_euclid(self.bucket_days);
                lo..=hi
            }
            None => UNDATED..=UNDATED,
        }
    }

    /// Indexes `cluster` under `key` for the days of `span`.
    pub fn insert(&mut self, key: u64, span: Option<DaySpan>, cluster: u32) {
        let range = self.buckets(span, 0);
        let by_bucket = self.postings.entry(key).or_default();
        for b in range {
            let list = by_bucket.entry(b).or_default();
            if let Err(pos) = list.binary_search(&cluster) {
                list.insert(pos, cluster);
            }
        }
    }

    /// Adds `weight` of each query key to the clusters indexed under it within
    /// `window_days` of `span` (every bucket when `span` is `None`).
    pub fn accumulate(
        &self,
        query: &[(u64, f32)],
        span: Option<DaySpan>,
        window_days: i32,
        acc: &mut Accumulator,
    ) {
        let range = self.buckets(span, window_days);
        for &(key, weight) in query {
            let Some(by_bucket) = self.postings.get(&key) else {
                continue;
            };
            let mut add = |list: &Vec<u32>| {
                for &c in list {
                    acc.add(c, weight);
                }
            };
            match span {
                None => by_bucket.values().for_each(&mut add),
                Some(s) if s.is_open() => {
                    let from =
                        s.lo.saturating_sub(window_days)
                            .div_euclid(self.bucket_days);
                    // the dated buckets from `from` on, then OPEN
                    by_bucket.range(from..).for_each(|(_, l)| add(l));
                    if let Some(l) = by_bucket.get(&UNDATED) {
                        add(l);
                    }
                }
                Some(_) => {
                    by_bucket.range(range.clone()).for_each(|(_, l)| add(l));
                    for b in [UNDATED, OPEN] {
                        if let Some(l) = by_bucket.get(&b) {
                            add(l);
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: i32) -> Option<DaySpan> {
        Some(DaySpan { lo: d, hi: d })
    }

    #[test]
    fn finds_clusters_sharing_a_key_within_the_window() {
        let mut ix = ClusterIndex::new(7);
        ix.insert(1, day(100), 0);
        ix.insert(1, day(300), 1);
        ix.insert(2, day(100), 2);
        ix.insert(1, None, 3);
        ix.insert(1, day(100), 0); // idempotent
        let mut acc = Accumulator::default();
        ix.accumulate(&[(1, 0.5)], day(103), 10, &mut acc);
        assert_eq!(acc.top(10), vec![0, 3]);
        assert_eq!(acc.get(0), 0.5);
        acc.clear();
        assert_eq!(acc.get(0), 0.0);
        ix.accumulate(&[(1, 0.5)], None, 10, &mut acc);
        assert_eq!(acc.top(10), vec![0, 1, 3]);
        assert_eq!(acc.top(2), vec![0, 1], "ties go to the lowest id");
    }

    #[test]
    fn open_ended_spans_are_seen_by_dated_queries_and_see_later_buckets() {
        let mut ix = ClusterIndex::new(7);
        ix.insert(1, day(100), 0);
        ix.insert(1, day(300), 1);
        ix.insert(1, Some(DaySpan::open_from(200)), 2);
        ix.insert(1, None, 3);
        let mut acc = Accumulator::default();
        ix.accumulate(&[(1, 0.5)], day(100), 10, &mut acc);
        assert_eq!(acc.top(10), vec![0, 2, 3]);
        acc.clear();
        ix.accumulate(&[(1, 0.5)], Some(DaySpan::open_from(250)), 10, &mut acc);
        assert_eq!(acc.top(10), vec![1, 2, 3], "not the cluster of day 100");
    }
}
