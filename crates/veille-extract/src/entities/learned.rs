//! The learned tagger: a greedy averaged perceptron over BIO tags (`O`,
//! `B-`/`I-` person, place, organisation), trained on HIPE-2020 French
//! (`cargo xtask train ner`) into `$VEILLE_MODELS/ner-fr.bin.gz` and read
//! from there at run time (not committed: HIPE is CC BY-NC-SA, see
//! [`crate::models`]); without it [`EntityTagger::new`](super::EntityTagger::new)
//! runs the rules alone.
//!
//! Features of a word: its folded form and its neighbours' (two each
//! side), suffixes and prefix, word shape (`Xx`, `X.`, `d`), the text
//! between words (nothing, space, comma, period, other punctuation),
//! membership of the rule lexicons (titles, roles, organisation and place
//! heads, locatives, particles), what the gazetteer says of the word
//! (country, demonym, large or small place), what the rules made of it
//! (`B`/`I` of person, organisation, country, place, unknown), whether the
//! document names a person with this word, and the two previous tags.
//! Features are hashed to 32 bits; the weights of each feature for the
//! seven tags are stored as 16-bit integers.
//!
//! Words far from any capital (none among themselves and the next two
//! words) with no tag open before them are `O` without scoring: that is
//! most words of running text, and what makes the tagger cheap. Training
//! sees the same gate, so it learns nothing it cannot apply.

use super::fasthash::IdHasher;
use super::gazetteer::{Gazetteer, NameRef};
use super::lexicon::*;
use super::rules::{Candidate, Found, Tok};
use super::EntityKind;
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::io::{Read, Write};
use std::sync::OnceLock;
use veille_model::Span;

const MAGIC: &[u8; 5] = b"VNER1";

/// The tags: `O`, then `B`/`I` for person, place, organisation.
pub const TAGS: usize = 7;
const O: usize = 0;

fn tag_of(kind: EntityKind, begin: bool) -> usize {
    let base = match kind {
        EntityKind::Person => 1,
        EntityKind::Place => 3,
        EntityKind::Organisation => 5,
    };
    if begin {
        base
    } else {
        base + 1
    }
}

fn kind_of(tag: usize) -> Option<EntityKind> {
    match tag {
        1 | 2 => Some(EntityKind::Person),
        3 | 4 => Some(EntityKind::Place),
        5 | 6 => Some(EntityKind::Organisation),
        _ => None,
    }
}

fn is_inside(tag: usize) -> bool {
    tag != O && tag.is_multiple_of(2)
}

type Table<V> = HashMap<u32, V, BuildHasherDefault<IdHasher>>;

/// FNV-1a of a feature template and its values.
fn feature(template: u8, parts: &[&[u8]]) -> u32 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    eat(template);
    for p in parts {
        for &b in *p {
            eat(b);
        }
        eat(0xff);
    }
    (h ^ (h >> 32)) as u32
}

/// A word's shape: upper `X`, lower `x`, digit `d`, other characters as
/// they are, runs collapsed, at most six symbols (`Xx`, `X`, `dd.d`);
/// kept inline (no allocation per word).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Shape {
    buf: [u8; 12],
    len: u8,
}

impl Shape {
    fn of(word: &str) -> Shape {
        let mut out = Shape {
            buf: [0; 12],
            len: 0,
        };
        let mut last = None;
        for c in word.chars() {
            let s = if c.is_uppercase() {
                'X'
            } else if c.is_lowercase() {
                'x'
            } else if c.is_numeric() {
                'd'
            } else {
                c
            };
            if last != Some(s) {
                // at most five bytes before a push of at most four
                let n = s.encode_utf8(&mut out.buf[out.len as usize..]).len();
                out.len += n as u8;
                last = Some(s);
                if out.len >= 6 {
                    break;
                }
            }
        }
        out
    }

    fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len as usize]
    }
}

/// The lexicon bits of a word as a feature: its first eight lists
/// (titles, roles, organisation heads and tails, locatives, particles,
/// no-names, place heads).
fn lexicon_bits(t: &Tok) -> u8 {
    (t.lex & 0xff) as u8
}

/// What the rules made of a candidate, as a feature symbol.
fn rule_symbol(found: &Found) -> u8 {
    match found {
        Found::Person => b'P',
        Found::Organisation => b'O',
        Found::Country(_) => b'C',
        Found::Demonym(_) => b'D',
        Found::Place(_) => b'L',
        Found::UnknownPlace => b'U',
        Found::SoundsLike(_) => b'S',
        Found::Unknown => b'K',
    }
}

/// Symbols a word takes from outside the tagger, by its place in the
/// document: for each word span (byte offsets of the text given to
/// [`EntityTagger::tag_with_context`](super::EntityTagger::tag_with_context)),
/// `families` ids, e.g. the cluster of the word's contextual vector at a few
/// granularities (`cargo xtask train ner --e5`). A tagger word takes the ids
/// of the span its first byte falls in; words outside every span have none.
#[derive(Debug, Clone, Default)]
pub struct WordContext {
    /// Sorted, non-overlapping word spans.
    spans: Vec<(u32, u32)>,
    /// `families` ids per span.
    ids: Vec<u32>,
    families: usize,
}

/// The id of a word with no context symbol.
const NO_CONTEXT: u32 = u32::MAX;

impl WordContext {
    /// At most this many families (feature templates 50…).
    pub const MAX_FAMILIES: usize = 8;

    /// From `(span, ids)` pairs in text order; every `ids` has the same
    /// length, at most [`WordContext::MAX_FAMILIES`].
    pub fn new(words: impl IntoIterator<Item = (Span, Vec<u32>)>) -> WordContext {
        let mut c = WordContext::default();
        for (span, ids) in words {
            if c.spans.is_empty() {
                c.families = ids.len().min(Self::MAX_FAMILIES);
            }
            assert_eq!(
                ids.len().min(Self::MAX_FAMILIES),
                c.families,
                "one id per family"
            );
            assert!(
                c.spans.last().is_none_or(|&(_, e)| e <= span.start),
                "word spans in text order"
            );
            c.spans.push((span.start, span.end));
            c.ids.extend_from_slice(&ids[..c.families]);
        }
        c
    }

    /// The ids of the word starting at byte `at`.
    fn at(&self, at: u32) -> Option<&[u32]> {
        let k = self
            .spans
            .partition_point(|&(s, _)| s <= at)
            .checked_sub(1)?;
        let (s, e) = self.spans[k];
        (s <= at && at < e).then(|| &self.ids[k * self.families..(k + 1) * self.families])
    }
}

/// A sentence as the tagger sees it: the words with what the rules and
/// the gazetteer say of each.
pub(crate) struct SentenceView<'a> {
    pub toks: &'a [Tok],
    /// Per word: the rule candidate's symbol and whether it begins it.
    rule: Vec<(u8, bool)>,
    gaz: Vec<u8>,
    lex: Vec<u8>,
    shapes: Vec<Shape>,
    named: Vec<bool>,
    lower_elsewhere: Vec<bool>,
    /// `families` context ids per word (`NO_CONTEXT` when none).
    context: Vec<u32>,
    families: usize,
}

impl<'a> SentenceView<'a> {
    pub fn new(
        gaz: &Gazetteer,
        text: &'a str,
        toks: &'a [Tok],
        candidates: &[Candidate],
        persons: &HashSet<&str>,
        lowercase: &HashSet<&str>,
        context: Option<&WordContext>,
    ) -> SentenceView<'a> {
        let mut rule = vec![(0u8, false); toks.len()];
        let mut k = 0;
        for c in candidates {
            while k < toks.len() && toks[k].span.end <= c.span.start {
                k += 1;
            }
            let mut j = k;
            while j < toks.len() && toks[j].span.start < c.span.end {
                rule[j] = (rule_symbol(&c.found), j == k);
                j += 1;
            }
        }
        let gaz_class = |t: &Tok| -> u8 {
            if t.demonym.is_some() {
                return b'D';
            }
            if !t.cap {
                return 0;
            }
            let mut best = 0u8;
            for (_, r) in gaz.lookup(&t.folded) {
                let s = match r {
                    NameRef::Country(_) => b'C',
                    NameRef::Demonym(_) => b'D',
                    NameRef::Place(p) if gaz.place(*p).population >= 15_000 => b'B',
                    NameRef::Place(_) => b'S',
                    // not a feature: the model was trained before regions
                    NameRef::Region(_) => continue,
                };
                if best == 0 || s < best {
                    best = s;
                }
            }
            best
        };
        let families = context.map_or(0, |c| c.families);
        let mut ctx = Vec::with_capacity(toks.len() * families);
        if let Some(c) = context {
            for t in toks {
                match c.at(t.span.start) {
                    Some(ids) => ctx.extend_from_slice(ids),
                    None => ctx.extend(std::iter::repeat_n(NO_CONTEXT, families)),
                }
            }
        }
        SentenceView {
            context: ctx,
            families,
            toks,
            rule,
            gaz: toks.iter().map(gaz_class).collect(),
            lex: toks.iter().map(lexicon_bits).collect(),
            shapes: toks.iter().map(|t| Shape::of(t.span.slice(text))).collect(),
            named: toks
                .iter()
                .map(|t| t.cap && persons.contains(t.folded.as_str()))
                .collect(),
            lower_elsewhere: toks
                .iter()
                .map(|t| t.cap && lowercase.contains(t.folded.as_str()))
                .collect(),
        }
    }

    fn len(&self) -> usize {
        self.toks.len()
    }

    /// Whether word `i` is scored at all (see the module docs).
    fn gated(&self, i: usize) -> bool {
        (i..(i + 3).min(self.len())).any(|j| self.toks[j].cap)
            || self.rule[i].0 != 0
            || self.lex[i] & (1 << 7 | 1 << 2) != 0
    }

    fn word(&self, i: isize) -> &[u8] {
        if i < 0 {
            b"<s>"
        } else if i as usize >= self.len() {
            b"</s>"
        } else {
            self.toks[i as usize].folded.as_bytes()
        }
    }

    fn shape_at(&self, i: isize) -> &[u8] {
        if i < 0 || i as usize >= self.len() {
            b"-"
        } else {
            self.shapes[i as usize].as_bytes()
        }
    }

    fn lex_at(&self, i: isize) -> u8 {
        if i < 0 || i as usize >= self.len() {
            0
        } else {
            self.lex[i as usize]
        }
    }

    fn rule_at(&self, i: isize) -> [u8; 2] {
        if i < 0 || i as usize >= self.len() {
            [b'-', 0]
        } else {
            let (s, b) = self.rule[i as usize];
            [s, u8::from(b)]
        }
    }

    /// The features of word `i` that do not depend on the tags before it.
    fn static_features(&self, i: usize, out: &mut Vec<u32>) {
        out.clear();
        let t = &self.toks[i];
        let w = t.folded.as_bytes();
        let ii = i as isize;
        let folded = t.folded.as_str();
        // the last `n` characters, the first three
        let suffix = |n: usize| -> &[u8] {
            let at = folded.char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i);
            &folded.as_bytes()[at..]
        };
        let prefix = &folded.as_bytes()[..folded
            .char_indices()
            .nth(3)
            .map_or(folded.len(), |(i, _)| i)];
        let gap_after = self.toks.get(i + 1).map_or(9, |n| n.gap.class());
        out.push(feature(0, &[]));
        out.push(feature(1, &[w]));
        out.push(feature(2, &[suffix(3)]));
        out.push(feature(3, &[suffix(2)]));
        out.push(feature(4, &[prefix]));
        out.push(feature(5, &[self.shape_at(ii)]));
        out.push(feature(6, &[self.word(ii - 1)]));
        out.push(feature(7, &[self.word(ii + 1)]));
        out.push(feature(8, &[self.word(ii - 2)]));
        out.push(feature(9, &[self.word(ii + 2)]));
        out.push(feature(10, &[self.shape_at(ii - 1)]));
        out.push(feature(11, &[self.shape_at(ii + 1)]));
        out.push(feature(12, &[&[t.gap.class(), gap_after]]));
        out.push(feature(13, &[&[self.gaz[i]]]));
        out.push(feature(14, &[&self.rule_at(ii)]));
        out.push(feature(15, &[&self.rule_at(ii - 1), &self.rule_at(ii + 1)]));
        out.push(feature(16, &[&[self.lex[i]]]));
        out.push(feature(17, &[&[self.lex_at(ii - 1)]]));
        out.push(feature(18, &[&[self.lex_at(ii + 1)]]));
        out.push(feature(19, &[self.word(ii - 1), w]));
        out.push(feature(20, &[w, self.word(ii + 1)]));
        out.push(feature(
            21,
            &[&[u8::from(self.named[i]), u8::from(t.acronym)]],
        ));
        out.push(feature(
            22,
            &[
                self.shape_at(ii - 1),
                self.shape_at(ii),
                self.shape_at(ii + 1),
            ],
        ));
        out.push(feature(23, &[&[self.gaz[i]], &self.rule_at(ii)]));
        out.push(feature(24, &[&[t.gap.class()], self.word(ii - 1)]));
        out.push(feature(
            25,
            &[&[u8::from(self.lower_elsewhere[i]), u8::from(t.cap)]],
        ));
        out.push(feature(26, &[suffix(4)]));
        out.push(feature(
            27,
            &[
                &[u8::from(self.lower_elsewhere[i])],
                self.shape_at(ii),
                &[self.gaz[i]],
            ],
        ));
        self.context_features(i, out);
    }

    fn context_at(&self, i: isize, f: usize) -> [u8; 4] {
        if i < 0 || i as usize >= self.len() {
            [0xfe; 4]
        } else {
            self.context[i as usize * self.families + f].to_le_bytes()
        }
    }

    /// The features of the context ids (none without a [`WordContext`]):
    /// per family, the word's id, its neighbours' and the id with the
    /// word's shape.
    fn context_features(&self, i: usize, out: &mut Vec<u32>) {
        let ii = i as isize;
        for f in 0..self.families {
            let t = 50 + 4 * f as u8;
            let own = self.context_at(ii, f);
            out.push(feature(t, &[&own]));
            out.push(feature(t + 1, &[&self.context_at(ii - 1, f)]));
            out.push(feature(t + 2, &[&self.context_at(ii + 1, f)]));
            out.push(feature(t + 3, &[&own, self.shapes[i].as_bytes()]));
        }
    }

    /// The features that depend on the two previous tags.
    fn dynamic_features(&self, i: usize, prev: usize, prev2: usize, out: &mut Vec<u32>) {
        let p = [prev as u8];
        out.push(feature(40, &[&p]));
        out.push(feature(41, &[&[prev2 as u8, prev as u8]]));
        out.push(feature(42, &[&p, self.toks[i].folded.as_bytes()]));
        out.push(feature(43, &[&p, self.shapes[i].as_bytes()]));
    }
}

/// The allowed tags after `prev`: an `I-` tag only continues its own kind.
fn allowed(prev: usize, tag: usize) -> bool {
    !is_inside(tag) || prev == tag || prev + 1 == tag
}

fn argmax(scores: &[f32; TAGS], prev: usize) -> usize {
    let mut best = O;
    for t in 0..TAGS {
        if allowed(prev, t) && scores[t] > scores[best] {
            best = t;
        }
    }
    best
}

/// A trained model: feature hash → one weight per tag.
#[derive(Debug, Default)]
pub struct NerModel {
    weights: Table<[f32; TAGS]>,
}

/// Errors reading a model file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError(pub String);

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "bad NER model: {}", self.0)
    }
}

impl std::error::Error for ModelError {}

impl NerModel {
    /// The model in `$VEILLE_MODELS` ([`crate::models`]), loaded on first
    /// use; empty (rules alone) when there is none or it does not parse.
    pub fn builtin() -> &'static NerModel {
        static M: OnceLock<NerModel> = OnceLock::new();
        M.get_or_init(|| match crate::models::read(crate::models::NER_FR) {
            None => NerModel::default(),
            Some(gz) => NerModel::from_bytes(&gz).unwrap_or_else(|e| {
                eprintln!("warning: {e}; running the entity rules only");
                NerModel::default()
            }),
        })
    }

    /// The number of features with weights.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// Reads the gzip file form: `VNER1`, the scale (f32), the count (u32),
    /// then per feature its hash (u32) and seven i16 weights, little-endian.
    pub fn from_bytes(gz: &[u8]) -> Result<NerModel, ModelError> {
        let mut raw = Vec::new();
        libflate::gzip::Decoder::new(gz)
            .and_then(|mut d| d.read_to_end(&mut raw))
            .map_err(|e| ModelError(e.to_string()))?;
        if raw.len() < 13 || &raw[..5] != MAGIC {
            return Err(ModelError("no VNER1 header".into()));
        }
        let scale = f32::from_le_bytes(raw[5..9].try_into().expect("4 bytes"));
        let n = u32::from_le_bytes(raw[9..13].try_into().expect("4 bytes")) as usize;
        const ROW: usize = 4 + 2 * TAGS;
        let body = &raw[13..];
        if !scale.is_finite() || body.len() != n.saturating_mul(ROW) {
            return Err(ModelError(format!("{} bytes for {n} features", body.len())));
        }
        let mut weights = Table::default();
        weights.reserve(n);
        for row in body.chunks_exact(ROW) {
            let id = u32::from_le_bytes(row[..4].try_into().expect("4 bytes"));
            let mut w = [0f32; TAGS];
            for (t, x) in w.iter_mut().enumerate() {
                let q = i16::from_le_bytes([row[4 + 2 * t], row[5 + 2 * t]]);
                *x = f32::from(q) * scale;
            }
            weights.insert(id, w);
        }
        Ok(NerModel { weights })
    }

    /// The gzip file form (see [`NerModel::from_bytes`]), features in hash
    /// order so that one training gives one file.
    pub fn to_bytes(&self) -> Vec<u8> {
        let max = self
            .weights
            .values()
            .flat_map(|w| w.iter())
            .fold(0f32, |m, x| m.max(x.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let mut ids: Vec<u32> = self.weights.keys().copied().collect();
        ids.sort_unstable();
        let mut raw = Vec::with_capacity(13 + ids.len() * (4 + 2 * TAGS));
        raw.extend_from_slice(MAGIC);
        raw.extend_from_slice(&scale.to_le_bytes());
        raw.extend_from_slice(&(ids.len() as u32).to_le_bytes());
        for id in ids {
            raw.extend_from_slice(&id.to_le_bytes());
            for x in self.weights[&id] {
                raw.extend_from_slice(&((x / scale).round() as i16).to_le_bytes());
            }
        }
        let mut enc = libflate::gzip::Encoder::new(Vec::new()).expect("gzip to memory");
        enc.write_all(&raw).expect("gzip to memory");
        enc.finish().into_result().expect("gzip to memory")
    }

    fn score(&self, feats: &[u32], out: &mut [f32; TAGS]) {
        *out = [0.0; TAGS];
        for f in feats {
            if let Some(w) = self.weights.get(f) {
                for t in 0..TAGS {
                    out[t] += w[t];
                }
            }
        }
    }

    /// The tagged spans of a sentence: (first word, end word, kind).
    pub(crate) fn tag(&self, view: &SentenceView<'_>) -> Vec<(usize, usize, EntityKind)> {
        let mut tags = vec![O; view.len()];
        let mut feats = Vec::with_capacity(32);
        let mut scores = [0f32; TAGS];
        for i in 0..view.len() {
            let prev = if i > 0 { tags[i - 1] } else { O };
            if prev == O && !view.gated(i) {
                continue;
            }
            let prev2 = if i > 1 { tags[i - 2] } else { O };
            view.static_features(i, &mut feats);
            view.dynamic_features(i, prev, prev2, &mut feats);
            self.score(&feats, &mut scores);
            tags[i] = argmax(&scores, prev);
        }
        spans(&tags)
    }
}

/// BIO tags to spans.
fn spans(tags: &[usize]) -> Vec<(usize, usize, EntityKind)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, EntityKind)> = None;
    for (i, &t) in tags.iter().enumerate() {
        if is_inside(t) && open.is_some_and(|(_, k)| Some(k) == kind_of(t)) {
            continue;
        }
        if let Some((a, k)) = open.take() {
            out.push((a, i, k));
        }
        if let Some(k) = kind_of(t) {
            open = Some((i, k));
        }
    }
    if let Some((a, k)) = open {
        out.push((a, tags.len(), k));
    }
    out
}

#[derive(Debug)]
/// One training sentence: each scored word's static features and its gold tag.
struct Example {
    feats: Vec<Vec<u32>>,
    gated: Vec<bool>,
    shapes: Vec<Shape>,
    words: Vec<String>,
    gold: Vec<usize>,
}

/// Trains a [`NerModel`] from documents with gold spans.
#[derive(Debug, Default)]
pub struct NerTrainer {
    examples: Vec<Example>,
    /// Gold entity words the gate never scores.
    pub unreachable: usize,
    pub words: usize,
}

impl NerTrainer {
    pub fn new() -> NerTrainer {
        NerTrainer::default()
    }

    /// Adds a document: its text, sentence spans and gold mentions (byte
    /// spans). A word takes the tag of the gold mention its start is in.
    pub fn add_document(
        &mut self,
        tagger: &super::EntityTagger,
        text: &str,
        sentences: &[Span],
        gold: &[(Span, EntityKind)],
    ) {
        self.add_document_with_context(tagger, text, sentences, gold, None);
    }

    /// [`NerTrainer::add_document`] with context ids for its words (the
    /// model then expects them: tag with
    /// [`EntityTagger::tag_with_context`](super::EntityTagger::tag_with_context)).
    pub fn add_document_with_context(
        &mut self,
        tagger: &super::EntityTagger,
        text: &str,
        sentences: &[Span],
        gold: &[(Span, EntityKind)],
        context: Option<&WordContext>,
    ) {
        tagger.with_views(text, sentences, "fr", context, |view| {
            let mut tags = vec![O; view.len()];
            for (i, t) in view.toks.iter().enumerate() {
                if let Some((g, k)) = gold
                    .iter()
                    .find(|(g, _)| g.start <= t.span.start && t.span.start < g.end)
                {
                    let begin = i == 0 || view.toks[i - 1].span.start < g.start;
                    tags[i] = tag_of(*k, begin);
                }
            }
            let mut feats = Vec::new();
            let mut gated = Vec::new();
            for i in 0..view.len() {
                let mut f = Vec::new();
                view.static_features(i, &mut f);
                feats.push(f);
                gated.push(view.gated(i));
                if tags[i] != O && !gated[i] && (i == 0 || tags[i - 1] == O) {
                    self.unreachable += 1;
                }
            }
            self.words += view.len();
            self.examples.push(Example {
                feats,
                gated,
                shapes: view.shapes.clone(),
                words: view.toks.iter().map(|t| t.folded.clone()).collect(),
                gold: tags,
            });
        });
    }

    /// Trains for `epochs` passes (sentences shuffled by a fixed seed) and
    /// returns the averaged weights, dropping features whose weights all
    /// stay below `min_weight` in magnitude.
    pub fn train(&self, epochs: usize, min_weight: f32) -> NerModel {
        let mut w: Table<[f32; TAGS]> = Table::default();
        let mut u: Table<[f32; TAGS]> = Table::default();
        let mut c = 1f32;
        let mut order: Vec<usize> = (0..self.examples.len()).collect();
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut feats = Vec::new();
        for _ in 0..epochs {
            crate::models::shuffle(&mut order, &mut seed);
            for &e in &order {
                let ex = &self.examples[e];
                let mut tags = vec![O; ex.gold.len()];
                for i in 0..ex.gold.len() {
                    let prev = if i > 0 { tags[i - 1] } else { O };
                    if prev == O && !ex.gated[i] {
                        continue;
                    }
                    let prev2 = if i > 1 { tags[i - 2] } else { O };
                    feats.clear();
                    feats.extend_from_slice(&ex.feats[i]);
                    let p = [prev as u8];
                    feats.push(feature(40, &[&p]));
                    feats.push(feature(41, &[&[prev2 as u8, prev as u8]]));
                    feats.push(feature(42, &[&p, ex.words[i].as_bytes()]));
                    feats.push(feature(43, &[&p, ex.shapes[i].as_bytes()]));
                    let mut scores = [0f32; TAGS];
                    for f in &feats {
                        if let Some(x) = w.get(f) {
                            for t in 0..TAGS {
                                scores[t] += x[t];
                            }
                        }
                    }
                    let guess = argmax(&scores, prev);
                    let gold = if allowed(prev, ex.gold[i]) {
                        ex.gold[i]
                    } else {
                        // an I- tag after a wrong guess: learn its B-
                        ex.gold[i] - 1
                    };
                    if guess != gold {
                        for f in &feats {
                            let x = w.entry(*f).or_default();
                            x[gold] += 1.0;
                            x[guess] -= 1.0;
                            let y = u.entry(*f).or_default();
                            y[gold] += c;
                            y[guess] -= c;
                        }
                    }
                    tags[i] = guess;
                    c += 1.0;
                }
            }
        }
        let mut weights = Table::default();
        for (f, x) in w {
            let y = u.get(&f).copied().unwrap_or_default();
            let mut avg = [0f32; TAGS];
            for t in 0..TAGS {
                avg[t] = x[t] - y[t] / c;
            }
            if avg.iter().any(|v| v.abs() >= min_weight) {
                weights.insert(f, avg);
            }
        }
        NerModel { weights }
    }
}

/// Whether a rule candidate's finding fits a learned kind.
fn fits(kind: EntityKind, found: &Found) -> bool {
    match kind {
        EntityKind::Person => matches!(found, Found::Person | Found::Unknown),
        EntityKind::Organisation => matches!(found, Found::Organisation),
        EntityKind::Place => matches!(
            found,
            Found::Country(_) | Found::Place(_) | Found::UnknownPlace | Found::SoundsLike(_)
        ),
    }
}

/// The candidates of a sentence once the learned spans are settled: each
/// learned span becomes a candidate (the rules' own when it has the same
/// words, their finding when one overlaps with a fitting kind), and the
/// rules' demonyms stay where no learned span is.
pub(crate) fn merge(
    rules: &super::rules::SentenceRules<'_>,
    candidates: Vec<Candidate>,
    learned: &[(usize, usize, EntityKind)],
) -> Vec<Candidate> {
    let toks = rules.toks;
    let mut out: Vec<Candidate> = Vec::with_capacity(learned.len());
    // An organisation the rules found by its head word takes in a place
    // the learned tagger saw inside it ("Conseil de l'Europe").
    let inside_org = |a: usize, b: usize| {
        let span = Span::new(toks[a].span.start as usize, toks[b - 1].span.end as usize);
        candidates
            .iter()
            .any(|c| c.found == Found::Organisation && c.span.contains(span) && c.span != span)
    };
    // Never a name: a lone lowercase word ("azerbaïdjanais" after a role),
    // days and months alone ("Mardi, Bakou avait…").
    let no_name = |a: usize, b: usize| {
        (b - a == 1 && !toks[a].cap) || toks[a..b].iter().all(|t| t.is(NOT_NAMES))
    };
    for &(a, b, kind) in learned
        .iter()
        .filter(|&&(a, b, _)| !inside_org(a, b) && !no_name(a, b))
    {
        // a span does not end on a particle ("M. de", "chemin de fer de")
        let mut b = b;
        while b > a + 1
            && (toks[b - 1].is(NAME_PARTICLES)
                || !toks[b - 1].cap && toks[b - 1].folded.ends_with('\''))
        {
            b -= 1;
        }
        let mut whole = Span::new(toks[a].span.start as usize, toks[b - 1].span.end as usize);
        // an initial or abbreviation keeps its period ("F.", "A. Q.")
        let last = &toks[b - 1];
        if last.cap && last.span.len() <= 3 && rules.text[last.span.end as usize..].starts_with('.')
        {
            whole.end += 1;
        }
        let mut k = a;
        let mut title = None;
        while k + 1 < b && super::rules::is_title_at(toks, k) {
            title = Some(toks[k].span);
            k += 1;
        }
        let mut role_start = None;
        let mut role_country = None;
        if kind == EntityKind::Person {
            while k + 1 < b
                && (toks[k].is(ROLES)
                    || (!toks[k].cap && toks[k].demonym.is_some())
                    || (role_start.is_some()
                        && (toks[k].is(ROLE_FILLERS) || toks[k].demonym.is_some())))
            {
                role_start.get_or_insert(k);
                if let Some(c) = toks[k].demonym {
                    role_country = Some(c);
                }
                k += 1;
            }
        }
        // The name ends where an apposition begins ("Hikmet Hajiyev,
        // conseiller du président"): the extent keeps it, as HIPE does.
        let b = (k + 1..b)
            .find(|&j| !toks[j].gap.joins_words())
            .unwrap_or(b);
        let name = Span::new(toks[k].span.start as usize, toks[b - 1].span.end as usize);
        let kind = if b - k == 1 && toks[k].is(ORG_NAMES) {
            EntityKind::Organisation
        } else {
            kind
        };
        let kind = match candidates.iter().find(|c| c.span == name) {
            Some(c)
                if kind == EntityKind::Person
                    && b - k == 1
                    && title.is_none()
                    && role_start.is_none()
                    && matches!(
                        c.found,
                        Found::Place(_) | Found::Country(_) | Found::SoundsLike(_)
                    ) =>
            {
                EntityKind::Place
            }
            _ => kind,
        };
        let same = candidates
            .iter()
            .find(|c| c.span == name && fits(kind, &c.found));
        let overlapping = candidates
            .iter()
            .find(|c| c.span.overlaps(name) && fits(kind, &c.found));
        // A lone word with neither title nor role that the gazetteer
        // knows as a place is that place ("les villes de Martouni et
        // Choucha"); the document pass turns it back into the person when
        // the document names one so ("Chirac" after "M. Chirac").
        let mut c = match (same, overlapping) {
            (Some(c), _) => c.clone(),
            (None, Some(o)) => {
                let mut c = rules.candidate(k, b, o.found.clone());
                c.role = o.role;
                c.role_country = o.role_country;
                c
            }
            (None, None) => rules.candidate(k, b, found_for(rules.gaz, kind, &toks[k..b])),
        };
        if kind == EntityKind::Person {
            c.found = Found::Person;
            if c.role.is_none() {
                if let Some(r) = role_start {
                    c.role = Some(Span::new(
                        toks[r].span.start as usize,
                        toks[k - 1].span.end as usize,
                    ));
                    c.role_country = c.role_country.or(role_country);
                } else {
                    let (role, country) = rules.role_before(k, title.is_some());
                    c.role = role;
                    c.role_country = c.role_country.or(country);
                }
            }
        } else if kind == EntityKind::Organisation {
            c.found = Found::Organisation;
        }
        c.title = title.or(c.title);
        c.extent = whole;
        c.confident = true;
        c.words = b - k;
        out.push(c);
    }
    // The rules are the backoff: what they found where no learned name is
    // stays (demonyms, "ministère arménien de la Défense", a capital used
    // for its government, a name inside an apposition), and the document
    // pass settles it as it would without the learned tagger.
    for c in candidates {
        if backs_off(&c, rules.gaz) && !out.iter().any(|o| o.span.overlaps(c.span)) {
            out.push(c);
        }
    }
    out.sort_by_key(|c| c.span.start);
    out
}

/// Whether a rule candidate the learned tagger left out is kept: the
/// findings the rules are surest of (a demonym, a country, an organisation
/// by its head word, a person by title or role, a capital used for its
/// government), a capitalised word the document pass may link to a
/// person named in full and a name that sounds like a place of a country
/// the document names ("Chucha").
fn backs_off(c: &Candidate, gaz: &Gazetteer) -> bool {
    match &c.found {
        Found::Demonym(_) | Found::Country(_) | Found::Organisation | Found::Unknown => true,
        Found::Person => c.title.is_some() || c.role.is_some(),
        Found::Place(p) => c.subject_like && p.iter().any(|&i| gaz.capital_of(i).is_some()),
        // kept by the document pass only when the document names its country
        Found::SoundsLike(_) => true,
        Found::UnknownPlace => false,
    }
}

/// A place or other finding for a learned span the rules did not see.
fn found_for(gaz: &Gazetteer, kind: EntityKind, toks: &[Tok]) -> Found {
    match kind {
        EntityKind::Person => Found::Person,
        EntityKind::Organisation => Found::Organisation,
        EntityKind::Place => {
            // "canton de Vaud", "rue du Rhône": the gazetteer knows the last
            // capitalised words if anything
            let first_cap = toks.iter().position(|t| t.cap).unwrap_or(0);
            let key = toks[first_cap..]
                .iter()
                .map(|t| t.folded.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let refs = gaz.lookup(&key);
            if let Some(c) = refs.iter().find_map(|(_, r)| match r {
                NameRef::Country(c) => Some(*c),
                _ => None,
            }) {
                return Found::Country(c);
            }
            let places: Vec<u32> = refs
                .iter()
                .filter_map(|(_, r)| match r {
                    NameRef::Place(p) => Some(*p),
                    _ => None,
                })
                .collect();
            if places.is_empty() {
                Found::UnknownPlace
            } else {
                Found::Place(places)
            }
        }
    }
}

/// The words a document writes in lowercase: a capitalised one of them is
/// likely a common word opening a sentence or a title.
pub(crate) fn lowercase_words(toks: &[Vec<Tok>]) -> HashSet<&str> {
    toks.iter()
        .flatten()
        .filter(|t| !t.cap && t.folded.len() > 2)
        .map(|t| t.folded.as_str())
        .collect()
}

/// The persons' name words of a document by the rules: a feature.
pub(crate) fn person_words<'a>(
    toks: &'a [Vec<Tok>],
    candidates: &[Vec<Candidate>],
) -> HashSet<&'a str> {
    let mut out = HashSet::new();
    for (t, cs) in toks.iter().zip(candidates) {
        for c in cs {
            if c.found == Found::Person && (c.words >= 2 || c.title.is_some()) {
                for w in t.iter().filter(|w| w.cap && c.span.contains(w.span)) {
                    out.insert(w.folded.as_str());
                }
            }
        }
    }
    out
}

/// One sense per document: a lone word the learned tagger made a place or
/// an organisation is the person whose last name it is when the document
/// names that person in full or with a title ("Chirac" after "M. Chirac"),
/// unless a locative preposition stands before it.
pub(crate) fn one_sense(text: &str, candidates: &mut [Candidate]) {
    let last_names: HashSet<String> = candidates
        .iter()
        .filter(|c| c.found == Found::Person && (c.words >= 2 || c.title.is_some()))
        .filter_map(|c| text[c.span.range()].rsplit([' ', '-']).next())
        .map(veille_text::fold)
        .collect();
    for c in candidates.iter_mut() {
        if c.confident
            && c.words == 1
            && c.title.is_none()
            && !c.after_locative
            && !matches!(c.found, Found::Person | Found::Country(_))
            && last_names.contains(&veille_text::fold(&text[c.span.range()]))
        {
            c.found = Found::Person;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_context_maps_words_by_their_first_byte() {
        let c = WordContext::new(vec![
            (Span::new(0, 5), vec![7, 1]),
            (Span::new(6, 12), vec![3, 2]),
        ]);
        assert_eq!(c.at(0), Some(&[7, 1][..]));
        assert_eq!(c.at(4), Some(&[7, 1][..]));
        assert_eq!(c.at(5), None);
        assert_eq!(c.at(8), Some(&[3, 2][..]));
        assert_eq!(c.at(12), None);
        assert_eq!(WordContext::default().at(0), None);
    }

    #[test]
    fn context_ids_add_four_features_per_family_and_nothing_without() {
        let text = "Le maire Jean Dupont parle à Genève.";
        let sentences = [Span::new(0, text.len())];
        // one context word per whitespace word; "Genève." takes the id 9
        let mut at = 0;
        let words: Vec<(Span, Vec<u32>)> = text
            .split(' ')
            .map(|w| {
                let span = Span::new(at, at + w.len());
                at += w.len() + 1;
                (span, vec![if w.starts_with("Gen") { 9 } else { 1 }, 2])
            })
            .collect();
        let ctx = WordContext::new(words);
        let tagger = super::super::EntityTagger::rules_only();
        let count = |context: Option<&WordContext>| {
            let mut n = Vec::new();
            tagger.with_views(text, &sentences, "fr", context, |v| {
                let mut f = Vec::new();
                for i in 0..v.len() {
                    v.static_features(i, &mut f);
                    n.push(f.clone());
                }
            });
            n
        };
        let (plain, with) = (count(None), count(Some(&ctx)));
        assert_eq!(plain.len(), with.len());
        for (p, w) in plain.iter().zip(&with) {
            assert_eq!(w.len(), p.len() + 8);
            assert_eq!(&w[..p.len()], &p[..]);
        }
        // the id is the word's own: Genève's features differ from Dupont's
        let own = |i: usize| with[i][plain[i].len()];
        assert_ne!(own(3), own(6));
        assert_eq!(own(3), own(4));
    }

    #[test]
    fn bio_tags_become_spans() {
        assert_eq!(
            spans(&[0, 1, 2, 0, 3, 5, 6, 2]),
            vec![
                (1, 3, EntityKind::Person),
                (4, 5, EntityKind::Place),
                (5, 7, EntityKind::Organisation),
                (7, 8, EntityKind::Person),
            ]
        );
    }

    #[test]
    fn shapes_collapse_runs() {
        let shape = |w: &str| String::from_utf8(Shape::of(w).as_bytes().to_vec()).unwrap();
        assert_eq!(shape("Pachinian"), "Xx");
        assert_eq!(shape("ONU"), "X");
        assert_eq!(shape("1er"), "dx");
        assert_eq!(shape("Saint-Gall"), "Xx-Xx");
        assert_eq!(shape("A-b’c«d"), "X-x’");
    }

    #[test]
    fn models_round_trip_through_bytes() {
        let mut m = NerModel::default();
        m.weights.insert(7, [1.0, -2.0, 0.5, 0.0, 0.0, 0.0, 3.0]);
        m.weights.insert(3, [0.0, 0.0, 0.0, 0.0, 0.0, 1.5, 0.0]);
        let back = NerModel::from_bytes(&m.to_bytes()).unwrap();
        assert_eq!(back.len(), 2);
        let w = back.weights[&7];
        assert!((w[1] + 2.0).abs() < 1e-3 && (w[6] - 3.0).abs() < 1e-3);
        assert!(NerModel::from_bytes(b"not gzip").is_err());
    }

    proptest::proptest! {
        #[test]
        fn malformed_models_are_refused_not_panicked_on(bytes in proptest::collection::vec(0u8..=255, 0..200)) {
            let _ = NerModel::from_bytes(&bytes);
            let mut enc = libflate::gzip::Encoder::new(Vec::new()).unwrap();
            enc.write_all(&bytes).unwrap();
            let gz = enc.finish().into_result().unwrap();
            let _ = NerModel::from_bytes(&gz);
        }
    }
}
