//! Word shingles over folded tokens, and the key of exact duplicates.
//!
//! A text is cut into words by [`veille_text::tokenize`] and each word is
//! folded ([`veille_text::fold_into`]: lowercase, no accents, plain
//! apostrophes). A k-shingle is k consecutive folded words joined by one
//! space (`"le president aliev a jure"`), hashed with xxh3-64. A text shorter
//! than k words gives one shingle made of all its words, so that short texts
//! can still be compared.
//!
//! The exact-duplicate key is the xxh3-128 of all folded words joined by one
//! space: it ignores case, accents, punctuation and whitespace, nothing else.

use veille_text::{fold_into, tokenize};
use xxhash_rust::xxh3::{xxh3_128, xxh3_64};

/// The folded words of `text`, in order.
pub fn folded_words(text: &str) -> Vec<String> {
    let mut out = Vec::with_capacity(text.len() / 6);
    let mut buf = String::new();
    for tok in tokenize(text) {
        buf.clear();
        fold_into(tok.text(text), &mut buf);
        out.push(buf.clone());
    }
    out
}

/// The key of exact duplicates: the hash of the folded words joined by spaces.
pub fn exact_key(text: &str) -> u128 {
    exact_key_of_words(&folded_words(text))
}

/// [`exact_key`] of words already folded.
pub fn exact_key_of_words<S: AsRef<str>>(words: &[S]) -> u128 {
    let mut joined = String::with_capacity(words.len() * 8);
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            joined.push(' ');
        }
        joined.push_str(w.as_ref());
    }
    xxh3_128(joined.as_bytes())
}

/// The hash of one shingle given as its words joined by single spaces.
pub fn hash_shingle(shingle: &str) -> u64 {
    xxh3_64(shingle.as_bytes())
}

/// Calls `f` with each k-shingle of `words` (joined by spaces), in order.
/// A non-empty text shorter than `k` words gives one shingle of all its words.
pub fn for_each_shingle<S: AsRef<str>>(words: &[S], k: usize, mut f: impl FnMut(&str)) {
    let k = k.max(1);
    if words.is_empty() {
        return;
    }
    let mut buf = String::with_capacity(64);
    let last = words.len().saturating_sub(k);
    for start in 0..=last {
        buf.clear();
        for (i, w) in words[start..(start + k).min(words.len())]
            .iter()
            .enumerate()
        {
            if i > 0 {
                buf.push(' ');
            }
            buf.push_str(w.as_ref());
        }
        f(&buf);
    }
}

/// The distinct hashes of the k-shingles of `words`, sorted.
pub fn shingle_hashes_of_words<S: AsRef<str>>(words: &[S], k: usize) -> Vec<u64> {
    let mut out = Vec::with_capacity(words.len());
    for_each_shingle(words, k, |s| out.push(hash_shingle(s)));
    out.sort_unstable();
    out.dedup();
    out
}

/// The distinct hashes of the k-shingles of `text`, sorted.
pub fn shingle_hashes(text: &str, k: usize) -> Vec<u64> {
    shingle_hashes_of_words(&folded_words(text), k)
}

/// Exact Jaccard similarity of two sorted, deduplicated hash sets (1 when
/// both are empty).
pub fn jaccard(a: &[u64], b: &[u64]) -> f32 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let inter = intersection_len(a, b);
    inter as f32 / (a.len() + b.len() - inter) as f32
}

/// Size of the intersection of two sorted, deduplicated slices.
pub fn intersection_len<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn shingles_are_joined_folded_words() {
        let mut seen = Vec::new();
        for_each_shingle(&folded_words("Le Président Aliev a juré"), 3, |s| {
            seen.push(s.to_owned())
        });
        assert_eq!(
            seen,
            ["le president aliev", "president aliev a", "aliev a jure"]
        );
    }

    #[test]
    fn short_text_gives_one_shingle() {
        assert_eq!(shingle_hashes("deux mots", 5).len(), 1);
        assert!(shingle_hashes("", 5).is_empty());
        assert!(shingle_hashes(" ,;. ", 5).is_empty());
    }

    #[test]
    fn jaccard_counts_shared_hashes() {
        assert_eq!(jaccard(&[1, 2, 3], &[2, 3, 4]), 0.5);
        assert_eq!(jaccard(&[], &[]), 1.0);
        assert_eq!(jaccard(&[1], &[]), 0.0);
    }

    proptest! {
        #[test]
        fn exact_key_ignores_whitespace_and_case(
            words in prop::collection::vec("[a-zA-Zéèà]{1,8}", 1..30),
            seps in prop::collection::vec(prop::sample::select(vec![" ", "  ", "\n", "\t", " \n\n "]), 30),
        ) {
            let plain = words.join(" ");
            let mut messy = String::new();
            for (i, w) in words.iter().enumerate() {
                messy.push_str(seps[i % seps.len()]);
                messy.push_str(&w.to_uppercase());
            }
            prop_assert_eq!(exact_key(&plain), exact_key(&messy));
        }
    }
}
