//! Sentence term vectors: stopword-free Snowball stems weighted by TF-IDF,
//! where a "document" for IDF is a sentence of the cluster (so a term every
//! sentence repeats weighs nothing), L2-normalised for cosine similarity.

use std::collections::HashMap;
use veille_text::{fold, is_stop_word, tokenize, Stemmer, TokenKind};

/// A sparse vector: term ids sorted ascending with their weights.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Sparse {
    pub terms: Vec<(u32, f64)>,
}

impl Sparse {
    /// The dot product of two sorted sparse vectors.
    pub fn dot(&self, other: &Sparse) -> f64 {
        let (a, b) = (&self.terms, &other.terms);
        let (mut i, mut j, mut sum) = (0, 0, 0.0);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    sum += a[i].1 * b[j].1;
                    i += 1;
                    j += 1;
                }
            }
        }
        sum
    }

    fn normalise(&mut self) {
        let norm = self.terms.iter().map(|t| t.1 * t.1).sum::<f64>().sqrt();
        if norm > 0.0 {
            for t in &mut self.terms {
                t.1 /= norm;
            }
        }
    }
}

/// The content terms of a text: folded words that are neither French nor
/// English stop words nor one letter long, stemmed in `lang` when a Snowball
/// stemmer exists; numbers are kept as written (figures matter in news).
pub(crate) fn content_terms(text: &str, stemmer: Option<&Stemmer>) -> Vec<String> {
    let mut out = Vec::new();
    for tok in tokenize(text) {
        let folded = fold(tok.text(text));
        if tok.kind == TokenKind::Word
            && (folded.chars().count() < 2
                || is_stop_word("fr", &folded)
                || is_stop_word("en", &folded))
        {
            continue;
        }
        let term = match (tok.kind, stemmer) {
            (TokenKind::Word, Some(s)) => s.stem(&folded).into_owned(),
            _ => folded,
        };
        out.push(term);
    }
    out
}

/// Interns terms and builds TF-IDF vectors over a set of term lists.
#[derive(Debug, Default)]
pub(crate) struct Vocabulary {
    ids: HashMap<String, u32>,
    df: Vec<u32>,
}

impl Vocabulary {
    /// Term ids of each list, counting document frequencies.
    pub fn intern_all(&mut self, lists: &[Vec<String>]) -> Vec<Vec<u32>> {
        lists
            .iter()
            .map(|terms| {
                let mut ids: Vec<u32> = terms
                    .iter()
                    .map(|t| {
                        let next = self.ids.len() as u32;
                        *self.ids.entry(t.clone()).or_insert(next)
                    })
                    .collect();
                let mut seen = ids.clone();
                seen.sort_unstable();
                seen.dedup();
                for id in seen {
                    if id as usize >= self.df.len() {
                        self.df.resize(id as usize + 1, 0);
                    }
                    self.df[id as usize] += 1;
                }
                ids.shrink_to_fit();
                ids
            })
            .collect()
    }

    /// The id of a term already seen.
    pub fn id(&self, term: &str) -> Option<u32> {
        self.ids.get(term).copied()
    }

    /// A unit TF-IDF vector: `(1 + ln tf) · ln(1 + n / df)` over `n` units.
    pub fn tfidf(&self, ids: &[u32], n: usize) -> Sparse {
        let mut tf: HashMap<u32, u32> = HashMap::new();
        for &id in ids {
            *tf.entry(id).or_default() += 1;
        }
        let mut terms: Vec<(u32, f64)> = tf
            .into_iter()
            .map(|(id, c)| {
                let df = self.df.get(id as usize).copied().unwrap_or(0).max(1) as f64;
                (id, (1.0 + (c as f64).ln()) * (1.0 + n as f64 / df).ln())
            })
            .collect();
        terms.sort_unstable_by_key(|t| t.0);
        let mut v = Sparse { terms };
        v.normalise();
        v
    }

    /// The normalised sum of unit vectors (the cluster centroid).
    pub fn centroid(vectors: &[Sparse]) -> Sparse {
        let mut acc: HashMap<u32, f64> = HashMap::new();
        for v in vectors {
            for &(id, w) in &v.terms {
                *acc.entry(id).or_default() += w;
            }
        }
        let mut terms: Vec<(u32, f64)> = acc.into_iter().collect();
        terms.sort_unstable_by_key(|t| t.0);
        let mut c = Sparse { terms };
        c.normalise();
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_terms_drop_function_words_and_stem() {
        let fr = Stemmer::for_lang("fr");
        let t = content_terms("Les bombardements ont tué 21 civils à Barda.", fr.as_ref());
        assert_eq!(t, ["bombard", "tu", "21", "civil", "bard"]);
    }

    #[test]
    fn cosine_of_identical_texts_is_one() {
        let mut v = Vocabulary::default();
        let ids = v.intern_all(&[
            vec!["a".into(), "b".into()],
            vec!["a".into(), "b".into()],
            vec!["c".into()],
        ]);
        let x = v.tfidf(&ids[0], 3);
        let y = v.tfidf(&ids[1], 3);
        let z = v.tfidf(&ids[2], 3);
        assert!((x.dot(&y) - 1.0).abs() < 1e-9);
        assert_eq!(x.dot(&z), 0.0);
    }
}
