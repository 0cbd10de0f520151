//! Inverted index from a key (stem or entity hash) and a time bucket to the
//! clusters indexed under it, so that a new item is compared only with the
//! clusters that share one of its heaviest keys within its time window.
//!
//! Postings are kept sorted by cluster id, which makes insertion idempotent
//! and query order deterministic. Undated clusters sit in their own bucket,
//! seen by every query; an undated query looks at every bucket of its keys.

use super::time::DaySpan;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

const UNDATED: i32 = i32::MIN;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ClusterIndex {
    bucket_days: i32,
    #[serde(serialize_with = "super::canonical::sorted")]
    postings: HashMap<u64, BTreeMap<i32, Vec<u32>>>,
}

impl ClusterIndex {
    pub fn new(bucket_days: i32) -> ClusterIndex {
        ClusterIndex {
            bucket_days: bucket_days.max(1),
            postings: HashMap::new(),
        }
    }

    fn buckets(&self, span: Option<DaySpan>, margin: i32) -> std::ops::RangeInclusive<i32> {
        match span {
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
        acc: &mut HashMap<u32, f32>,
    ) {
        let range = self.buckets(span, window_days);
        for &(key, weight) in query {
            let Some(by_bucket) = self.postings.get(&key) else {
                continue;
            };
            let mut add = |list: &Vec<u32>| {
                for &c in list {
                    *acc.entry(c).or_insert(0.0) += weight;
                }
            };
            if span.is_none() {
                by_bucket.values().for_each(&mut add);
            } else {
                by_bucket.range(range.clone()).for_each(|(_, l)| add(l));
                if let Some(l) = by_bucket.get(&UNDATED) {
                    add(l);
                }
            }
        }
    }
}

/// The `n` best candidates of an accumulator: highest weight first, ties by
/// lowest id.
pub fn top_candidates(acc: &HashMap<u32, f32>, n: usize) -> Vec<u32> {
    let mut v: Vec<(u32, f32)> = acc.iter().map(|(&c, &w)| (c, w)).collect();
    v.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    v.truncate(n);
    v.into_iter().map(|e| e.0).collect()
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
        let mut acc = HashMap::new();
        ix.accumulate(&[(1, 0.5)], day(103), 10, &mut acc);
        assert_eq!(top_candidates(&acc, 10), vec![0, 3]);
        assert_eq!(acc[&0], 0.5);
        acc.clear();
        ix.accumulate(&[(1, 0.5)], None, 10, &mut acc);
        assert_eq!(top_candidates(&acc, 10), vec![0, 1, 3]);
    }
}
