//! Sentence-level text reuse: which sentences of one document are copied,
//! verbatim or edited, in another, and across a corpus which earlier
//! documents a new one copies from.
//!
//! A sentence takes part when it has at least `min_words` words. Its words
//! are folded and hashed; two sentences are a *verbatim* copy when their
//! folded words are equal, an *edited* copy when the word-level alignment
//! (longest common subsequence of words, LCS) gives a Dice score
//! `2·LCS / (|a| + |b|)` of at least `min_score`, or when the shorter one is
//! almost wholly inside the longer (`LCS / min(|a|, |b|) ≥ 0.9`). Pairs are
//! matched one to one, best score first.
//!
//! Candidates come from postings, never from all pairs: within two documents
//! from shared word bigrams; across the corpus from the exact sentence key
//! and from a 16-value MinHash of each sentence's word bigrams cut into 8
//! bands of 2 (a pair of bigram Jaccard 0.5 becomes a candidate with
//! probability 0.90, 0.3 with 0.53). Sentences found in `max_doc_freq` or
//! more documents are boilerplate ("Lire aussi …", agency credits) and ignored.

use serde::Serialize;
use std::collections::HashMap;
use veille_model::DocId;
use veille_text::{fold_into, tokenize};
use xxhash_rust::xxh3::xxh3_64;

/// Settings of sentence reuse.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReuseConfig {
    /// Sentences with fewer words are ignored.
    pub min_words: usize,
    /// Lowest Dice score of the word alignment for an edited copy.
    pub min_score: f32,
    /// A sentence present in this many documents or more is boilerplate.
    pub max_doc_freq: usize,
}

impl Default for ReuseConfig {
    fn default() -> Self {
        ReuseConfig {
            min_words: 6,
            min_score: 0.6,
            max_doc_freq: 20,
        }
    }
}

/// Verbatim (same folded words) or edited copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ReuseKind {
    Verbatim,
    Edited,
}

/// Sentence `a` of the first document aligned with sentence `b` of the second.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct AlignedPair {
    pub a: usize,
    pub b: usize,
    /// Dice score of the word alignment, 1 for a verbatim copy.
    pub score: f32,
    pub kind: ReuseKind,
}

/// The reuse between two documents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reuse {
    /// Aligned pairs, ordered by `a`.
    pub pairs: Vec<AlignedPair>,
    /// Sentences of each document that take part (long enough).
    pub eligible_a: usize,
    pub eligible_b: usize,
}

impl Reuse {
    /// Share of the first document's eligible sentences that are reused.
    pub fn share_a(&self) -> f32 {
        share(self.pairs.len(), self.eligible_a)
    }

    /// Share of the second document's eligible sentences that are reused.
    pub fn share_b(&self) -> f32 {
        share(self.pairs.len(), self.eligible_b)
    }

    pub fn verbatim(&self) -> usize {
        self.pairs
            .iter()
            .filter(|p| p.kind == ReuseKind::Verbatim)
            .count()
    }

    pub fn edited(&self) -> usize {
        self.pairs.len() - self.verbatim()
    }

    /// The same reuse seen from the other document.
    pub fn mirrored(&self) -> Reuse {
        let mut pairs: Vec<AlignedPair> = self
            .pairs
            .iter()
            .map(|p| AlignedPair {
                a: p.b,
                b: p.a,
                ..*p
            })
            .collect();
        pairs.sort_by_key(|p| (p.a, p.b));
        Reuse {
            pairs,
            eligible_a: self.eligible_b,
            eligible_b: self.eligible_a,
        }
    }
}

fn share(n: usize, of: usize) -> f32 {
    if of == 0 {
        0.0
    } else {
        n as f32 / of as f32
    }
}

/// The comparable form of a sentence.
#[derive(Debug, Clone)]
struct Sentence {
    words: Box<[u32]>,
    key: u64,
}

impl Sentence {
    fn new(text: &str, min_words: usize) -> Option<Sentence> {
        let mut buf = String::new();
        let mut joined = String::new();
        let mut words = Vec::new();
        for tok in tokenize(text) {
            buf.clear();
            fold_into(tok.text(text), &mut buf);
            words.push(xxh3_64(buf.as_bytes()) as u32);
            joined.push_str(&buf);
            joined.push(' ');
        }
        (words.len() >= min_words.max(1)).then(|| Sentence {
            words: words.into_boxed_slice(),
            key: xxh3_64(joined.as_bytes()),
        })
    }

    fn bigrams(&self) -> impl Iterator<Item = u64> + '_ {
        self.words
            .windows(2)
            .map(|w| (u64::from(w[0]) << 32 | u64::from(w[1])).wrapping_mul(0x9e37_79b9_7f4a_7c15))
    }
}

fn lcs_len(a: &[u32], b: &[u32]) -> usize {
    let mut prev = vec![0u32; b.len() + 1];
    let mut cur = vec![0u32; b.len() + 1];
    for &x in a {
        for (j, &y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                cur[j].max(prev[j + 1])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()] as usize
}

/// Score and kind of two sentences, or `None` when they are not copies.
fn compare(a: &Sentence, b: &Sentence, config: &ReuseConfig) -> Option<(f32, ReuseKind)> {
    if a.key == b.key && a.words == b.words {
        return Some((1.0, ReuseKind::Verbatim));
    }
    let lcs = lcs_len(&a.words, &b.words);
    let dice = 2.0 * lcs as f32 / (a.words.len() + b.words.len()) as f32;
    let shorter = a.words.len().min(b.words.len());
    let contained = lcs >= config.min_words && lcs as f32 / shorter as f32 >= 0.9;
    (dice >= config.min_score || contained).then_some((dice, ReuseKind::Edited))
}

/// One-to-one matching of scored candidates `(a, b, score, kind)`, best first.
fn match_greedy(mut cands: Vec<(usize, usize, f32, ReuseKind)>) -> Vec<AlignedPair> {
    cands.sort_by(|x, y| {
        y.2.total_cmp(&x.2)
            .then_with(|| x.0.abs_diff(x.1).cmp(&y.0.abs_diff(y.1)))
            .then_with(|| (x.0, x.1).cmp(&(y.0, y.1)))
    });
    let mut used_a = std::collections::HashSet::new();
    let mut used_b = std::collections::HashSet::new();
    let mut out = Vec::new();
    for (a, b, score, kind) in cands {
        if used_a.contains(&a) || used_b.contains(&b) {
            continue;
        }
        used_a.insert(a);
        used_b.insert(b);
        out.push(AlignedPair { a, b, score, kind });
    }
    out.sort_by_key(|p| (p.a, p.b));
    out
}

fn prepare(sentences: &[&str], config: &ReuseConfig) -> Vec<Option<Sentence>> {
    sentences
        .iter()
        .map(|s| Sentence::new(s, config.min_words))
        .collect()
}

fn fingerprint(sents: &[Option<Sentence>]) -> u64 {
    let mut h: u64 = sents.len() as u64;
    for (i, s) in sents.iter().enumerate() {
        if let Some(s) = s {
            h = (h ^ s.key ^ (i as u64).rotate_left(17)).wrapping_mul(0xff51_afd7_ed55_8ccd);
            h ^= h >> 31;
        }
    }
    h
}

/// The sentences of `a` reused in `b` and the reverse. Symmetric:
/// `align(b, a)` is `align(a, b).mirrored()`.
pub fn align(a: &[&str], b: &[&str], config: &ReuseConfig) -> Reuse {
    let (sa, sb) = (prepare(a, config), prepare(b, config));
    // Compute in one canonical orientation so ties break the same both ways.
    if fingerprint(&sa) > fingerprint(&sb) {
        return align_prepared(&sb, &sa, config).mirrored();
    }
    align_prepared(&sa, &sb, config)
}

fn align_prepared(sa: &[Option<Sentence>], sb: &[Option<Sentence>], config: &ReuseConfig) -> Reuse {
    let mut postings: HashMap<u64, Vec<usize>> = HashMap::new();
    for (j, s) in sb.iter().enumerate() {
        if let Some(s) = s {
            for g in s.bigrams() {
                postings.entry(g).or_default().push(j);
            }
        }
    }
    let mut cands = Vec::new();
    let mut shared: HashMap<usize, usize> = HashMap::new();
    for (i, s) in sa.iter().enumerate() {
        let Some(s) = s else { continue };
        shared.clear();
        for g in s.bigrams() {
            for &j in postings.get(&g).map(Vec::as_slice).unwrap_or(&[]) {
                *shared.entry(j).or_default() += 1;
            }
        }
        for (&j, &n) in &shared {
            let Some(t) = &sb[j] else { continue };
            if n < 2 && s.key != t.key {
                continue;
            }
            if let Some((score, kind)) = compare(s, t, config) {
                cands.push((i, j, score, kind));
            }
        }
    }
    Reuse {
        pairs: match_greedy(cands),
        eligible_a: sa.iter().flatten().count(),
        eligible_b: sb.iter().flatten().count(),
    }
}

/// What a new document copies from one earlier document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReuseSource {
    pub source: DocId,
    /// Aligned pairs: `a` in the new document, `b` in the source.
    pub pairs: Vec<AlignedPair>,
}

impl ReuseSource {
    /// Number of the new document's sentences copied from this source.
    pub fn sentences(&self) -> usize {
        self.pairs.len()
    }

    pub fn verbatim(&self) -> usize {
        self.pairs
            .iter()
            .filter(|p| p.kind == ReuseKind::Verbatim)
            .count()
    }
}

const SENT_PERM: usize = 16;
const SENT_ROWS: usize = 2;
/// Band postings longer than this are too common to be evidence.
const MAX_POSTING: usize = 400;

#[derive(Debug, Clone)]
struct Stored {
    doc: u32,
    index: u32,
    sentence: Sentence,
}

/// Sentence postings over a corpus, filled as documents arrive.
#[derive(Debug, Clone)]
pub struct ReuseIndex {
    config: ReuseConfig,
    docs: Vec<DocId>,
    sentences: Vec<Stored>,
    /// Exact sentence key → stored sentences.
    exact: HashMap<u64, Vec<u32>>,
    /// Band of the sentence MinHash → stored sentences.
    bands: HashMap<u64, Vec<u32>>,
    perms: [u64; SENT_PERM],
}

impl ReuseIndex {
    pub fn new(config: ReuseConfig) -> ReuseIndex {
        let mut perms = [0u64; SENT_PERM];
        let mut s: u64 = 0x7e57_ab1e_0000_0001;
        for p in perms.iter_mut() {
            s = s.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = s;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            *p = (z ^ (z >> 31)) | 1;
        }
        ReuseIndex {
            config,
            docs: Vec::new(),
            sentences: Vec::new(),
            exact: HashMap::new(),
            bands: HashMap::new(),
            perms,
        }
    }

    /// Number of documents added.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    fn band_keys(&self, s: &Sentence) -> [u64; SENT_PERM / SENT_ROWS] {
        let mut mins = [u64::MAX; SENT_PERM];
        for g in s.bigrams() {
            for (m, p) in mins.iter_mut().zip(self.perms.iter()) {
                *m = (*m).min(g.wrapping_mul(*p) >> 16);
            }
        }
        let mut keys = [0u64; SENT_PERM / SENT_ROWS];
        for (b, k) in keys.iter_mut().enumerate() {
            let mut h = b as u64 + 1;
            for &v in &mins[b * SENT_ROWS..(b + 1) * SENT_ROWS] {
                h = (h ^ v).wrapping_mul(0xc4ce_b9fe_1a85_ec53);
                h ^= h >> 29;
            }
            *k = h;
        }
        keys
    }

    fn doc_freq(&self, key: u64) -> usize {
        let Some(list) = self.exact.get(&key) else {
            return 0;
        };
        let mut docs: Vec<u32> = list
            .iter()
            .map(|&s| self.sentences[s as usize].doc)
            .collect();
        docs.dedup();
        docs.len()
    }

    /// Adds a document given as its sentences and returns the earlier
    /// documents it copies from, most copied first.
    pub fn add(&mut self, doc: DocId, sentences: &[&str]) -> Vec<ReuseSource> {
        let n = self.docs.len() as u32;
        self.docs.push(doc);
        let prepared = prepare(sentences, &self.config);
        let mut cands: HashMap<u32, Vec<(usize, usize, f32, ReuseKind)>> = HashMap::new();
        let mut seen: Vec<u32> = Vec::new();
        for (i, s) in prepared.iter().enumerate() {
            let Some(s) = s else { continue };
            if self.doc_freq(s.key) + 1 >= self.config.max_doc_freq {
                continue;
            }
            seen.clear();
            if let Some(list) = self.exact.get(&s.key) {
                seen.extend_from_slice(list);
            }
            for k in self.band_keys(s) {
                if let Some(list) = self.bands.get(&k) {
                    if list.len() <= MAX_POSTING {
                        seen.extend_from_slice(list);
                    }
                }
            }
            seen.sort_unstable();
            seen.dedup();
            for &id in &seen {
                let stored = &self.sentences[id as usize];
                if self.doc_freq(stored.sentence.key) >= self.config.max_doc_freq {
                    continue;
                }
                if let Some((score, kind)) = compare(s, &stored.sentence, &self.config) {
                    cands.entry(stored.doc).or_default().push((
                        i,
                        stored.index as usize,
                        score,
                        kind,
                    ));
                }
            }
        }
        for (i, s) in prepared.into_iter().enumerate() {
            let Some(sentence) = s else { continue };
            let id = self.sentences.len() as u32;
            self.exact.entry(sentence.key).or_default().push(id);
            for k in self.band_keys(&sentence) {
                self.bands.entry(k).or_default().push(id);
            }
            self.sentences.push(Stored {
                doc: n,
                index: i as u32,
                sentence,
            });
        }
        let mut out: Vec<ReuseSource> = cands
            .into_iter()
            .map(|(d, c)| (d, match_greedy(c)))
            .map(|(d, pairs)| ReuseSource {
                source: self.docs[d as usize],
                pairs,
            })
            .collect();
        out.sort_by(|x, y| {
            y.pairs
                .len()
                .cmp(&x.pairs.len())
                .then_with(|| x.source.cmp(&y.source))
        });
        out
    }
}

/// A rough sentence split (paragraphs, then `. `, `? `, `! `), for callers
/// that have no sentence splitter at hand.
pub fn rough_sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for para in text.split('\n') {
        let mut start = 0;
        let bytes = para.as_bytes();
        for i in 0..bytes.len() {
            let end_mark = matches!(bytes[i], b'.' | b'?' | b'!');
            if end_mark && bytes.get(i + 1) == Some(&b' ') {
                let s = para[start..=i].trim();
                if !s.is_empty() {
                    out.push(s);
                }
                start = i + 1;
            }
        }
        let s = para[start..].trim();
        if !s.is_empty() {
            out.push(s);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn finds_verbatim_and_edited_copies() {
        let a = [
            "Le président Ilham Aliev a juré de venger cette attaque via des représailles.",
            "Trop court.",
            "Une phrase sans rapport avec le reste du texte que voici.",
        ];
        let b = [
            "Une phrase sans rapport avec le reste du texte que voici.",
            "Le président Aliev a juré de venger cette attaque via des représailles.",
        ];
        let r = align(&a, &b, &ReuseConfig::default());
        assert_eq!(r.eligible_a, 2);
        assert_eq!(r.pairs.len(), 2);
        assert_eq!(
            (r.pairs[0].a, r.pairs[0].b, r.pairs[0].kind),
            (0, 1, ReuseKind::Edited)
        );
        assert!(r.pairs[0].score > 0.9);
        assert_eq!(
            (r.pairs[1].a, r.pairs[1].b, r.pairs[1].kind),
            (2, 0, ReuseKind::Verbatim)
        );
        assert_eq!(r.share_a(), 1.0);
    }

    #[test]
    fn unrelated_sentences_are_not_copies() {
        let a = ["Les forces arméniennes ont tiré des roquettes sur la ville de Barda."];
        let b = ["Le conseil municipal a voté le budget de la ville de Barda hier soir."];
        assert!(align(&a, &b, &ReuseConfig::default()).pairs.is_empty());
    }

    #[test]
    fn rough_sentences_split_paragraphs_and_stops() {
        assert_eq!(
            rough_sentences("Un. Deux ? Trois\n\nQuatre!"),
            ["Un.", "Deux ?", "Trois", "Quatre!"]
        );
    }

    #[test]
    fn corpus_index_finds_earlier_source_and_skips_boilerplate() {
        let cfg = ReuseConfig {
            max_doc_freq: 3,
            ..ReuseConfig::default()
        };
        let mut idx = ReuseIndex::new(cfg);
        let boiler = "Retrouvez toute notre actualité sur notre site et nos réseaux sociaux.";
        let s1 = "Les forces arméniennes ont tiré des roquettes sur la ville de Barda mercredi.";
        let s2 = "Le bilan provisoire fait état de vingt et un morts et de soixante-dix blessés.";
        assert!(idx.add(DocId(1), &[s1, s2, boiler]).is_empty());
        assert!(
            idx.add(
                DocId(2),
                &[
                    "Une autre histoire sans aucun rapport avec la guerre.",
                    boiler
                ]
            )
            .len()
                <= 1
        );
        idx.add(
            DocId(3),
            &[
                "Encore une histoire sans rapport avec quoi que ce soit.",
                boiler,
            ],
        );
        let edited = "Les forces arméniennes ont tiré des roquettes sur Barda mercredi.";
        let got = idx.add(DocId(4), &[boiler, edited, s2]);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].source, DocId(1));
        assert_eq!(got[0].sentences(), 2);
        assert_eq!(got[0].verbatim(), 1);
    }

    fn sentence_strategy() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec![
                "le",
                "président",
                "a",
                "juré",
                "de",
                "venger",
                "cette",
                "attaque",
                "Barda",
                "civils",
            ]),
            0..14,
        )
        .prop_map(|w| w.join(" "))
    }

    proptest! {
        #[test]
        fn dedup_is_symmetric(
            a in prop::collection::vec(sentence_strategy(), 0..8),
            b in prop::collection::vec(sentence_strategy(), 0..8),
        ) {
            let a: Vec<&str> = a.iter().map(String::as_str).collect();
            let b: Vec<&str> = b.iter().map(String::as_str).collect();
            let cfg = ReuseConfig::default();
            prop_assert_eq!(align(&a, &b, &cfg), align(&b, &a, &cfg).mirrored());
        }
    }
}
