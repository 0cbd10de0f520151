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

use crate::cluster::index::IntMap;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::hash_map::Entry;
use std::collections::HashMap;
use veille_model::DocId;
use veille_text::folded_words;
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
    /// The same word hashes, sorted: a cheap bound on the alignment.
    sorted: Box<[u32]>,
    key: u64,
}

impl Sentence {
    fn new(text: &str, min_words: usize) -> Option<Sentence> {
        Sentence::from_folded(&folded_words(text), min_words)
    }

    fn from_folded<S: AsRef<str>>(folded: &[S], min_words: usize) -> Option<Sentence> {
        if folded.len() < min_words.max(1) {
            return None;
        }
        let mut joined = String::new();
        let mut words = Vec::with_capacity(folded.len());
        for w in folded {
            let w = w.as_ref();
            words.push(xxh3_64(w.as_bytes()) as u32);
            joined.push_str(w);
            joined.push(' ');
        }
        let mut sorted = words.clone();
        sorted.sort_unstable();
        Some(Sentence {
            words: words.into_boxed_slice(),
            sorted: sorted.into_boxed_slice(),
            key: xxh3_64(joined.as_bytes()),
        })
    }

    fn bigrams(&self) -> impl Iterator<Item = u64> + '_ {
        self.words
            .windows(2)
            .map(|w| (u64::from(w[0]) << 32 | u64::from(w[1])).wrapping_mul(0x9e37_79b9_7f4a_7c15))
    }
}

/// Size of the multiset intersection of two sorted slices: an upper bound
/// on their longest common subsequence.
fn common_words(a: &[u32], b: &[u32]) -> usize {
    super::shingles::intersection_len(a, b)
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
    let shorter = a.words.len().min(b.words.len());
    let total = (a.words.len() + b.words.len()) as f32;
    // The alignment can be no longer than the words the two share: skip the
    // quadratic alignment when even that bound cannot make a copy.
    let bound = common_words(&a.sorted, &b.sorted);
    let could_match = 2.0 * bound as f32 / total >= config.min_score
        || (bound >= config.min_words && bound as f32 / shorter as f32 >= 0.9);
    if !could_match {
        return None;
    }
    let lcs = lcs_len(&a.words, &b.words);
    let dice = 2.0 * lcs as f32 / total;
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
const MAX_POSTING: usize = 64;

#[derive(Debug, Clone)]
struct Stored {
    doc: u32,
    index: u32,
    sentence: Sentence,
}

/// A sentence of a new document found copied: its index in the document,
/// the stored sentence, the score and the kind.
type Hit = (usize, u32, f32, ReuseKind);

/// A document's sentences in comparable form, made by [`ReuseIndex::prepare`].
#[derive(Debug, Clone)]
pub struct PreparedDoc {
    sentences: Vec<Option<([u64; SENT_PERM / SENT_ROWS], Sentence)>>,
}

/// The stored sentences under one key, ascending. Most keys hold a single
/// sentence, kept inline: rebuilding the index of a 36k-article store
/// (a million sentences, nine keys each) then costs a few large
/// allocations instead of nine million small ones.
#[derive(Debug, Clone)]
enum Posting {
    One(u32),
    Many(Vec<u32>),
}

impl Posting {
    fn as_slice(&self) -> &[u32] {
        match self {
            Posting::One(id) => std::slice::from_ref(id),
            Posting::Many(ids) => ids,
        }
    }

    fn push(&mut self, id: u32) {
        match self {
            Posting::One(first) => *self = Posting::Many(vec![*first, id]),
            Posting::Many(ids) => ids.push(id),
        }
    }
}

/// Sentence postings over a corpus, filled as documents arrive.
#[derive(Debug, Clone)]
pub struct ReuseIndex {
    config: ReuseConfig,
    docs: Vec<DocId>,
    sentences: Vec<Stored>,
    /// Exact sentence key → stored sentences.
    exact: IntMap<u64, Posting>,
    /// Band of the sentence MinHash → stored sentences.
    bands: IntMap<u64, Posting>,
    /// Exact sentence key → number of distinct documents holding it.
    freq: IntMap<u64, u32>,
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
            exact: IntMap::default(),
            bands: IntMap::default(),
            freq: IntMap::default(),
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
        self.freq.get(&key).copied().unwrap_or(0) as usize
    }

    /// Adds a document without looking for what it copies: for rebuilding
    /// the index from documents whose links are already known.
    pub fn insert(&mut self, doc: DocId, sentences: &[&str]) {
        let prepared = self.prepare(sentences);
        self.insert_prepared(doc, prepared);
    }

    /// [`ReuseIndex::insert`] of a document prepared beforehand.
    pub fn insert_prepared(&mut self, doc: DocId, prepared: PreparedDoc) {
        let n = self.docs.len() as u32;
        self.docs.push(doc);
        self.store(n, prepared);
    }

    /// The comparable form of a document's sentences. It needs only `&self`,
    /// so callers can prepare many documents in parallel, then add them in
    /// order with [`ReuseIndex::add_prepared`].
    pub fn prepare(&self, sentences: &[&str]) -> PreparedDoc {
        self.prepared(prepare(sentences, &self.config))
    }

    /// [`ReuseIndex::prepare`] from each sentence's folded words
    /// (`veille_text::folded_words`), when the caller has them already.
    pub fn prepare_folded<S: AsRef<str>>(&self, sentences: &[Vec<S>]) -> PreparedDoc {
        self.prepared(
            sentences
                .iter()
                .map(|w| Sentence::from_folded(w, self.config.min_words))
                .collect(),
        )
    }

    fn prepared(&self, sentences: Vec<Option<Sentence>>) -> PreparedDoc {
        PreparedDoc {
            sentences: sentences
                .into_iter()
                .map(|s| s.map(|s| (self.band_keys(&s), s)))
                .collect(),
        }
    }

    fn store(&mut self, n: u32, prepared: PreparedDoc) {
        for (i, s) in prepared.sentences.into_iter().enumerate() {
            let Some((bands, sentence)) = s else { continue };
            let id = self.sentences.len() as u32;
            let new_doc = match self.exact.entry(sentence.key) {
                Entry::Vacant(e) => {
                    e.insert(Posting::One(id));
                    true
                }
                Entry::Occupied(mut e) => {
                    let list = e.get_mut();
                    let last = *list.as_slice().last().expect("a posting is never empty");
                    list.push(id);
                    self.sentences[last as usize].doc != n
                }
            };
            if new_doc {
                *self.freq.entry(sentence.key).or_default() += 1;
            }
            for k in bands {
                match self.bands.entry(k) {
                    Entry::Vacant(e) => {
                        e.insert(Posting::One(id));
                    }
                    Entry::Occupied(mut e) => e.get_mut().push(id),
                }
            }
            self.sentences.push(Stored {
                doc: n,
                index: i as u32,
                sentence,
            });
        }
    }

    /// Adds a document given as its sentences and returns the earlier
    /// documents it copies from, most copied first.
    pub fn add(&mut self, doc: DocId, sentences: &[&str]) -> Vec<ReuseSource> {
        let prepared = self.prepare(sentences);
        self.add_prepared(doc, prepared)
    }

    /// [`ReuseIndex::add`] of a document prepared beforehand.
    pub fn add_prepared(&mut self, doc: DocId, prepared: PreparedDoc) -> Vec<ReuseSource> {
        self.add_batch(vec![(doc, prepared)])
            .pop()
            .unwrap_or_default()
    }

    /// Adds documents in order, each searched against every document before
    /// it, as repeated [`ReuseIndex::add_prepared`] calls would. The search
    /// against the documents already indexed runs in parallel (rayon); only
    /// the copies within the batch are looked for one document at a time.
    ///
    /// Band postings are judged too common by their length before the batch,
    /// so results depend on batch boundaries only through that cap.
    pub fn add_batch(&mut self, docs: Vec<(DocId, PreparedDoc)>) -> Vec<Vec<ReuseSource>> {
        let base = self.sentences.len() as u32;
        let earlier: Vec<Vec<Hit>> = {
            let this = &*self;
            docs.par_iter()
                .map(|(_, p)| this.hits(p, 0, base))
                .collect()
        };
        let mut out = Vec::with_capacity(docs.len());
        for ((doc, prepared), mut hits) in docs.into_iter().zip(earlier) {
            // Those hits were filtered with the frequencies before the batch;
            // frequencies only grow, so filtering again with the current ones
            // gives what a one-by-one search would have kept.
            let max = self.config.max_doc_freq;
            hits.retain(|&(i, id, ..)| {
                let own = prepared.sentences[i].as_ref().map_or(0, |(_, s)| s.key);
                self.doc_freq(own) + 1 < max
                    && self.doc_freq(self.sentences[id as usize].sentence.key) < max
            });
            hits.extend(self.hits(&prepared, base, base));
            let n = self.docs.len() as u32;
            self.docs.push(doc);
            let sources = self.sources(hits);
            self.store(n, prepared);
            out.push(sources);
        }
        out
    }

    /// Copies of the prepared sentences among the stored sentences whose ids
    /// are at least `from`; band postings longer than [`MAX_POSTING`] before
    /// sentence `base` are skipped.
    fn hits(&self, prepared: &PreparedDoc, from: u32, base: u32) -> Vec<Hit> {
        let max = self.config.max_doc_freq;
        let tail = |list: &[u32]| -> std::ops::Range<usize> {
            list.partition_point(|&x| x < from)..list.len()
        };
        let mut out = Vec::new();
        let mut seen: Vec<u32> = Vec::new();
        for (i, s) in prepared.sentences.iter().enumerate() {
            let Some((bands, s)) = s else { continue };
            if self.doc_freq(s.key) + 1 >= max {
                continue;
            }
            seen.clear();
            if let Some(list) = self.exact.get(&s.key).map(Posting::as_slice) {
                seen.extend_from_slice(&list[tail(list)]);
            }
            for k in bands {
                if let Some(list) = self.bands.get(k).map(Posting::as_slice) {
                    if list.partition_point(|&x| x < base) <= MAX_POSTING {
                        seen.extend_from_slice(&list[tail(list)]);
                    }
                }
            }
            seen.sort_unstable();
            seen.dedup();
            for &id in &seen {
                let stored = &self.sentences[id as usize];
                if self.doc_freq(stored.sentence.key) >= max {
                    continue;
                }
                if let Some((score, kind)) = compare(s, &stored.sentence, &self.config) {
                    out.push((i, id, score, kind));
                }
            }
        }
        out
    }

    /// Groups hits by source document and matches them one to one.
    fn sources(&self, hits: Vec<Hit>) -> Vec<ReuseSource> {
        let mut by_doc: HashMap<u32, Vec<(usize, usize, f32, ReuseKind)>> = HashMap::new();
        for (i, id, score, kind) in hits {
            let stored = &self.sentences[id as usize];
            by_doc
                .entry(stored.doc)
                .or_default()
                .push((i, stored.index as usize, score, kind));
        }
        let mut out: Vec<ReuseSource> = by_doc
            .into_iter()
            .map(|(d, c)| ReuseSource {
                source: self.docs[d as usize],
                pairs: match_greedy(c),
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

    #[test]
    fn batch_gives_what_one_by_one_gives() {
        let seeds = [
            include_str!("../../../../examples/seeds/000_b173b38ccefd84c3.txt"),
            include_str!("../../../../examples/seeds/001_770acdc0607464ea.txt"),
            include_str!("../../../../examples/seeds/002_1ecbdd966da1c296.txt"),
            include_str!("../../../../examples/seeds/003_402732ef8272a68d.txt"),
            include_str!("../../../../examples/seeds/004_989597bee5541ff8.txt"),
        ];
        // Each seed twice, the copy later: within-batch and earlier copies both occur.
        let docs: Vec<Vec<&str>> = seeds
            .iter()
            .chain(seeds.iter())
            .map(|t| rough_sentences(t))
            .collect();
        let config = ReuseConfig {
            max_doc_freq: 3,
            ..ReuseConfig::default()
        };
        let mut one = ReuseIndex::new(config);
        let expected: Vec<Vec<ReuseSource>> = docs
            .iter()
            .enumerate()
            .map(|(i, d)| one.add(DocId(i as i64), d))
            .collect();
        for split in [0, 1, 3, 7, 10] {
            let mut batched = ReuseIndex::new(config);
            let mut got = Vec::new();
            for (start, chunk) in [(0, &docs[..split]), (split, &docs[split..])] {
                let prepared = chunk
                    .iter()
                    .enumerate()
                    .map(|(j, d)| (DocId((start + j) as i64), batched.prepare(d)))
                    .collect();
                got.extend(batched.add_batch(prepared));
            }
            assert_eq!(got, expected, "split at {split}");
        }
        assert!(expected[1].iter().any(|s| s.source == DocId(0)));
        assert!(expected[5].iter().any(|s| s.source == DocId(0)));
    }

    #[test]
    fn inserted_documents_are_found_as_sources() {
        let a =
            ["Le président Ilham Aliev a juré de venger cette attaque sur le champ de bataille."];
        let b = ["Le président Aliev a juré de venger cette attaque sur le champ de bataille."];
        let mut searched = ReuseIndex::new(ReuseConfig::default());
        searched.add(DocId(1), &a);
        let mut inserted = ReuseIndex::new(ReuseConfig::default());
        inserted.insert(DocId(1), &a);
        let found = inserted.add(DocId(2), &b);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].source, DocId(1));
        assert_eq!(found[0].pairs, searched.add(DocId(2), &b)[0].pairs);
    }

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
