//! Centrality: continuous LexRank (Erkan & Radev 2004) over the cosine graph
//! of the cluster's sentences, by power iteration with a damping factor.
//! Edges between two sentences of the same document are kept: the ranking is
//! about what the cluster says most, not about any document's structure.

use super::vectors::Sparse;

/// LexRank scores, scaled so that the highest is 1 (all 0 for an empty
/// input). `threshold` drops edges of lower cosine; `damping` is the share
/// of the score that flows along edges (0.85 in the paper).
pub(crate) fn lexrank(vectors: &[Sparse], threshold: f64, damping: f64) -> Vec<f64> {
    let n = vectors.len();
    if n == 0 {
        return Vec::new();
    }
    // row-normalised similarity matrix (dense: clusters are a few hundred sentences)
    let mut m = vec![0.0f64; n * n];
    for i in 0..n {
        for j in (i + 1)..n {
            let s = vectors[i].dot(&vectors[j]);
            if s >= threshold {
                m[i * n + j] = s;
                m[j * n + i] = s;
            }
        }
    }
    for i in 0..n {
        let row = &mut m[i * n..(i + 1) * n];
        let sum: f64 = row.iter().sum();
        if sum > 0.0 {
            row.iter_mut().for_each(|x| *x /= sum);
        } else {
            // a sentence with no neighbour spreads evenly (a dangling node)
            row.iter_mut().for_each(|x| *x = 1.0 / n as f64);
        }
    }
    let mut p = vec![1.0 / n as f64; n];
    let mut next = vec![0.0; n];
    for _ in 0..100 {
        next.iter_mut()
            .for_each(|x| *x = (1.0 - damping) / n as f64);
        for i in 0..n {
            let pi = p[i] * damping;
            if pi == 0.0 {
                continue;
            }
            for (j, x) in next.iter_mut().enumerate() {
                *x += pi * m[i * n + j];
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
        p.iter_mut().for_each(|x| *x /= max);
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

    #[test]
    fn empty_and_single() {
        assert!(lexrank(&[], 0.1, 0.85).is_empty());
        assert_eq!(lexrank(&[v(&[(0, 1.0)])], 0.1, 0.85), vec![1.0]);
    }
}
