//! Centrality: continuous LexRank (Erkan & Radev 2004) over the cosine graph
//! of the cluster's sentences, by power iteration with a damping factor.
//! Edges between two sentences of the same document are kept: the ranking is
//! about what the cluster says most, not about any document's structure.

use super::vectors::Sparse;
use std::collections::HashMap;

/// LexRank scores, scaled so that the highest is 1 (all 0 for an empty
/// input). `threshold` drops edges of lower cosine; `damping` is the share
/// of the score that flows along edges (0.85 in the paper).
pub(crate) fn lexrank(vectors: &[Sparse], threshold: f64, damping: f64) -> Vec<f64> {
    let n = vectors.len();
    if n == 0 {
        return Vec::new();
    }
    // row-normalised similarity graph, sparse: a story's thousands of
    // sentences each have a few neighbours above the threshold (rows in
    // ascending column order)
    // cosines through postings: only pairs sharing a term are visited, each
    // summed in term order as `Sparse::dot` sums it (so the same values)
    debug_assert!(threshold > 0.0, "pairs sharing no term are no edges");
    let mut postings: HashMap<u32, Vec<(usize, f64)>> = HashMap::new();
    for (j, v) in vectors.iter().enumerate() {
        for &(t, w) in &v.terms {
            postings.entry(t).or_default().push((j, w));
        }
    }
    let mut rows: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    let mut acc = vec![0.0f64; n];
    let mut seen = vec![false; n];
    let mut touched: Vec<usize> = Vec::new();
    for i in 0..n {
        for &(t, wi) in &vectors[i].terms {
            let list = &postings[&t];
            let after = list.partition_point(|&(j, _)| j <= i);
            for &(j, wj) in &list[after..] {
                if !seen[j] {
                    seen[j] = true;
                    touched.push(j);
                }
                acc[j] += wi * wj;
            }
        }
        touched.sort_unstable();
        for &j in &touched {
            let s = acc[j];
            if s >= threshold {
                rows[i].push((j, s));
                rows[j].push((i, s));
            }
            acc[j] = 0.0;
            seen[j] = false;
        }
        touched.clear();
    }
    for row in &mut rows {
        let sum: f64 = row.iter().map(|e| e.1).sum();
        if sum > 0.0 {
            row.iter_mut().for_each(|e| e.1 /= sum);
        } else {
            // a sentence with no neighbour spreads evenly (a dangling node)
            row.clear();
        }
    }
    let even = 1.0 / n as f64;
    let mut p = vec![even; n];
    let mut next = vec![0.0; n];
    for _ in 0..100 {
        // what the dangling nodes spread evenly
        let spread: f64 = rows
            .iter()
            .zip(&p)
            .filter(|(row, _)| row.is_empty())
            .map(|(_, pi)| pi * damping)
            .sum();
        next.iter_mut()
            .for_each(|x| *x = (1.0 - damping) / n as f64 + spread * even);
        for (row, pi) in rows.iter().zip(&p) {
            let pi = pi * damping;
            for &(j, w) in row {
                next[j] += pi * w;
            }
        }
        let delta: f64 = p.iter().zip(&next).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut p, &mut next);
        if delta < 1e-9 {
            break;
        }
    }
    let max = p.iter().cloned().fold(0.0, f64::max);
    if max > 0.0 {
        // to 12 decimals: a sentence and its wire copies, equal in exact
        // arithmetic, tie (the summary then takes the first one given)
        // instead of being told apart by rounding noise
        p.iter_mut()
            .for_each(|x| *x = (*x / max * 1e12).round() / 1e12);
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(terms: &[(u32, f64)]) -> Sparse {
        let norm = terms.iter().map(|t| t.1 * t.1).sum::<f64>().sqrt();
        Sparse {
            terms: terms.iter().map(|&(i, w)| (i, w / norm)).collect(),
        }
    }

    #[test]
    fn the_sentence_most_like_the_others_ranks_first() {
        let vs = [
            v(&[(0, 1.0), (1, 1.0)]),
            v(&[(0, 1.0), (1, 1.0), (2, 1.0)]),
            v(&[(1, 1.0), (2, 1.0)]),
            v(&[(9, 1.0)]),
        ];
        let r = lexrank(&vs, 0.1, 0.85);
        assert_eq!(r[1], 1.0);
        assert!(r[3] < r[0] && r[3] < r[2]);
    }

    /// The textbook computation: a dense matrix of every pair's cosine.
    fn dense(vectors: &[Sparse], threshold: f64, damping: f64) -> Vec<f64> {
        let n = vectors.len();
        let mut m = vec![0.0f64; n * n];
        for i in 0..n {
            for j in 0..n {
                let s = vectors[i].dot(&vectors[j]);
                if i != j && s >= threshold {
                    m[i * n + j] = s;
                }
            }
            let sum: f64 = m[i * n..(i + 1) * n].iter().sum();
            for x in &mut m[i * n..(i + 1) * n] {
                *x = if sum > 0.0 { *x / sum } else { 1.0 / n as f64 };
            }
        }
        let mut p = vec![1.0 / n as f64; n];
        for _ in 0..100 {
            p = (0..n)
                .map(|j| {
                    (1.0 - damping) / n as f64
                        + (0..n).map(|i| damping * p[i] * m[i * n + j]).sum::<f64>()
                })
                .collect();
        }
        let max = p.iter().cloned().fold(0.0, f64::max);
        p.iter().map(|x| x / max).collect()
    }

    proptest::proptest! {
        #[test]
        fn the_sparse_graph_ranks_as_the_dense_matrix(
            sentences in proptest::collection::vec(
                proptest::collection::btree_map(0u32..12, 0.1f64..3.0, 1..5), 1..30)
        ) {
            let vs: Vec<Sparse> = sentences
                .iter()
                .map(|m| v(&m.iter().map(|(&t, &w)| (t, w)).collect::<Vec<_>>()))
                .collect();
            let got = lexrank(&vs, 0.1, 0.85);
            let want = dense(&vs, 0.1, 0.85);
            for (g, w) in got.iter().zip(&want) {
                proptest::prop_assert!((g - w).abs() < 1e-6, "{got:?} vs {want:?}");
            }
        }
    }

    #[test]
    fn empty_and_single() {
        assert!(lexrank(&[], 0.1, 0.85).is_empty());
        assert_eq!(lexrank(&[v(&[(0, 1.0)])], 0.1, 0.85), vec![1.0]);
    }
}
