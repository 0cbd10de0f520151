//! A learned attribution model for English: which words are a reporting cue,
//! and which phrase around each cue is its source.
//!
//! Two averaged perceptrons over hashed, syntax-free features of the word
//! view ([`crate::numbers::words`]) share one weight table:
//!
//! - **cues**: each word is scored as part of a cue or not from its key, its
//!   neighbours' keys, its suffix, its capitalisation and the punctuation
//!   around it, its English stem, a coarse class of it and its neighbours
//!   (pronoun, determiner, auxiliary, preposition…, [`class`]) and the class
//!   of its subject, the nearest word before it that is not an auxiliary or
//!   an adverb (`said`, `told`, `according to`, `has learned`, `poll shows`,
//!   `Trump is also demanding`); adjacent cue words not split by punctuation
//!   make one cue;
//! - **sources**: for each cue, every word range of up to 20 words ending at
//!   most 14 words before the cue or starting at most 4 words after it (or
//!   from there to the sentence end, however long), plus "no source in this
//!   sentence", is scored from its side and distance to
//!   the cue, its length, its first and last words and their neighbours, the
//!   words between it and the cue, the punctuation at and inside its edges,
//!   the word classes at its edges and its class shape, and the cue's head
//!   word; the best one wins;
//! - **boundaries**: a third perceptron re-ranks the candidates on the same
//!   side that share a word with the chosen one, from the same features and
//!   edge features of its own ([`boundary_features`]), trained to pick the
//!   gold span among those that share a word with it. The chosen span's
//!   bytes then follow the punctuation the word
//!   view drops ([`source_bytes`]: a closing parenthesis, the comma after an
//!   apposition; PolNeAR dev source F1 0.622 → 0.666 with every weight).
//!
//! Trained on PolNeAR train by `cargo run --release -p xtask -- train
//! attribution` (a structured perceptron for sources, trained on gold cues),
//! which chooses the cue threshold on a held-out fifth of train
//! ([`AttributionModel::shift_cue_threshold`]) and writes the weights,
//! gzipped, to `$VEILLE_MODELS/attribution-en.weights.gz` (5 epochs, the
//! mean of five perceptrons trained on their own example orders, every
//! weight; not committed: PolNeAR has no licence, see [`crate::models`]).
//! Measured on PolNeAR dev (`cargo run --release -p xtask -- eval claims`,
//! reports/claims.md, where each step is listed): source F1 0.724 exact /
//! 0.779 overlap against the rules' 0.530 / 0.598 (PolNeAR has no test
//! split here: dev only). French has no training data: it keeps the rules.

use crate::casualties::claimant::trim;
use crate::numbers::words::{words, Gap, Word};
use std::io::Read;
use std::sync::OnceLock;

/// A word range `[start, end)` of a sentence.
pub type Range = (usize, usize);

/// Hashed feature space: 2^22 weights (2^20 until the eighth pass: with
/// the boundary features, a third of the features shared a weight).
const BITS: u32 = 22;
const SIZE: usize = 1 << BITS;

/// The first line of a weight file: the features and their hashing change
/// with it, so weights written by another version are refused (read with
/// another table size or other features they would load and mean nothing).
/// 2: the eighth pass (2^22 weights, the boundary re-ranker).
const HEADER: &str = "veille-attribution 2";

/// Longest source phrase considered, in words.
const MAX_SOURCE: usize = 20;
/// How far before the cue a source may end, and after it start, in words.
const MAX_GAP_BEFORE: usize = 14;
const MAX_GAP_AFTER: usize = 4;

/// A feature: a template number and up to two strings, hashed (FNV-1a).
fn feat(t: u8, a: &str, b: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    let mut eat = |x: u8| {
        h ^= u32::from(x);
        h = h.wrapping_mul(0x0100_0193);
    };
    eat(t);
    a.bytes().for_each(&mut eat);
    eat(0xff);
    b.bytes().for_each(&mut eat);
    h & (SIZE as u32 - 1)
}

/// The punctuation before a word as a short tag (`c` comma, `s` stop, `q`
/// quote, `-` none).
fn gap_tag(g: &Gap) -> &'static str {
    match (g.comma, g.stop, g.quote) {
        (_, _, true) => "q",
        (_, true, false) => "s",
        (true, false, false) => "c",
        _ => "-",
    }
}

fn key(ws: &[Word], i: isize) -> &str {
    if i < 0 {
        "<s>"
    } else {
        ws.get(i as usize).map_or("</s>", |w| w.key.as_str())
    }
}

fn suffix(k: &str, n: usize) -> &str {
    let cut = k.char_indices().rev().nth(n - 1).map_or(0, |(b, _)| b);
    &k[cut..]
}

/// A coarse class of an English word from closed lists and its ending:
/// pronoun, determiner, auxiliary, preposition, `to`, conjunction, `that`,
/// number, capitalised, then `-ing`, `-ed`, `-s`, `-ly` or other.
fn class(w: &Word) -> &'static str {
    const PRONOUNS: &[&str] = &[
        "i", "you", "he", "she", "it", "we", "they", "who", "which", "me", "him", "us", "them",
        "whom",
    ];
    const DETERMINERS: &[&str] = &[
        "the", "a", "an", "this", "these", "those", "his", "her", "its", "their", "our", "my",
        "your", "some", "many", "no", "every", "each", "all", "both", "most",
    ];
    const AUXILIARIES: &[&str] = &[
        "is", "are", "was", "were", "be", "been", "being", "am", "'s", "'re", "'m", "has", "have",
        "had", "'ve", "'d", "will", "would", "'ll", "can", "could", "may", "might", "must",
        "shall", "should", "do", "does", "did", "not", "n't",
    ];
    const PREPOSITIONS: &[&str] = &[
        "in",
        "on",
        "at",
        "of",
        "for",
        "with",
        "by",
        "from",
        "about",
        "as",
        "into",
        "over",
        "after",
        "before",
        "during",
        "under",
        "against",
        "since",
        "through",
        "according",
    ];
    let k = w.key.as_str();
    if PRONOUNS.contains(&k) {
        "p"
    } else if DETERMINERS.contains(&k) {
        "d"
    } else if AUXILIARIES.contains(&k) {
        "a"
    } else if PREPOSITIONS.contains(&k) {
        "P"
    } else if matches!(k, "and" | "or" | "but") {
        "c"
    } else if k == "to" {
        "t"
    } else if k == "that" {
        "T"
    } else if k.starts_with(|c: char| c.is_ascii_digit()) {
        "N"
    } else if w.cap {
        "C"
    } else if k.ends_with("ing") {
        "g"
    } else if k.ends_with("ed") {
        "e"
    } else if k.ends_with("ly") {
        "y"
    } else if k.ends_with('s') {
        "s"
    } else {
        "w"
    }
}

/// What the cue features read of a sentence besides its words: whether each
/// word is inside quotation marks, its English stem and its class.
struct Sentence<'c> {
    quoted: Vec<bool>,
    stems: Vec<String>,
    classes: Vec<&'static str>,
    /// Per-word ids from outside the words ([`super::contextual`]).
    context: Option<&'c WordIds>,
}

/// Per-word feature ids of a sentence: for each word of its word view, one
/// id per family (the bucket of a classifier over the word's contextual
/// vector, [`super::contextual`]).
pub type WordIds = Vec<Vec<u32>>;

impl<'c> Sentence<'c> {
    /// `context` is used only when it has one entry per word.
    fn of(ws: &[Word], context: Option<&'c WordIds>) -> Sentence<'c> {
        static STEMMER: OnceLock<Option<veille_text::Stemmer>> = OnceLock::new();
        let stemmer = STEMMER.get_or_init(|| veille_text::Stemmer::for_lang("en"));
        Sentence {
            quoted: quoted(ws),
            stems: ws
                .iter()
                .map(|w| match stemmer {
                    Some(st) => st.stem(&w.key).into_owned(),
                    None => w.key.clone(),
                })
                .collect(),
            classes: ws.iter().map(class).collect(),
            context: context.filter(|c| c.len() == ws.len()),
        }
    }

    /// The context ids of word `i` (none past the ends or without context).
    fn ids(&self, i: isize) -> &[u32] {
        match (self.context, usize::try_from(i)) {
            (Some(c), Ok(i)) => c.get(i).map_or(&[], Vec::as_slice),
            _ => &[],
        }
    }

    fn class(&self, i: isize) -> &'static str {
        if i < 0 {
            "<s>"
        } else {
            self.classes.get(i as usize).copied().unwrap_or("</s>")
        }
    }

    /// The class of the nearest word before `i` that is not an auxiliary or
    /// an adverb (`Trump is also demanding` → `Trump`), and how far it is.
    fn subject(&self, ws: &[Word], i: usize) -> (&'static str, &'static str) {
        let mut j = i;
        while j > 0 {
            j -= 1;
            if ws[j + 1].before.breaks() {
                return ("|", bucket(i - j - 1));
            }
            let c = self.classes[j];
            if c != "a" && c != "y" {
                return (c, bucket(i - j - 1));
            }
        }
        ("<s>", bucket(i))
    }
}

/// The features of word `i` as a cue word.
fn cue_features(ws: &[Word], sent: &Sentence, i: usize, out: &mut Vec<u32>) {
    out.clear();
    let ii = i as isize;
    let k = key(ws, ii);
    let before = gap_tag(&ws[i].before);
    let after = ws.get(i + 1).map_or("e", |w| gap_tag(&w.before));
    let cap = if ws[i].cap { "C" } else { "l" };
    let quoted = if sent.quoted[i] { "in" } else { "out" };
    out.extend([
        feat(0, "", ""),
        feat(1, k, ""),
        feat(2, key(ws, ii - 1), ""),
        feat(3, key(ws, ii + 1), ""),
        feat(4, key(ws, ii - 1), k),
        feat(5, k, key(ws, ii + 1)),
        feat(6, suffix(k, 3), ""),
        feat(7, before, after),
        feat(8, k, after),
        feat(9, k, before),
        feat(10, key(ws, ii - 2), ""),
        feat(11, key(ws, ii + 2), ""),
        feat(12, quoted, cap),
        feat(13, k, cap),
        feat(14, suffix(k, 2), cap),
        feat(15, key(ws, ii + 1), after),
    ]);
    let stem = sent.stems[i].as_str();
    let (c0, cp, cn) = (sent.class(ii), sent.class(ii - 1), sent.class(ii + 1));
    let (subj, dist) = sent.subject(ws, i);
    out.extend([
        feat(16, stem, ""),
        feat(17, stem, cp),
        feat(18, stem, cn),
        feat(19, stem, key(ws, ii + 1)),
        feat(20, &format!("{cp}{c0}{cn}"), ""),
        feat(21, &format!("{}{cp}", sent.class(ii - 2)), stem),
        feat(22, stem, &format!("{subj}{dist}")),
        feat(23, c0, &format!("{subj}{dist}")),
        feat(24, suffix(k, 3), &format!("{subj}{cn}")),
        feat(25, stem, quoted),
        feat(26, &format!("{c0}{cn}"), key(ws, ii + 1)),
    ]);
    for (f, &id) in sent.ids(ii).iter().enumerate() {
        let own = format!("{f}:{id}");
        out.extend([
            feat(27, &own, ""),
            feat(28, &own, c0),
            feat(29, &own, &format!("{subj}{dist}")),
        ]);
    }
    for (d, t) in [(-1, 30), (1, 31)] {
        for (f, &id) in sent.ids(ii + d).iter().enumerate() {
            out.push(feat(t, &format!("{f}:{id}"), ""));
        }
    }
}

/// Whether each word is inside quotation marks (by the parity of the marks
/// before it).
fn quoted(ws: &[Word]) -> Vec<bool> {
    let mut inside = false;
    ws.iter()
        .map(|w| {
            if w.before.quote {
                inside = !inside;
            }
            inside
        })
        .collect()
}

fn bucket(n: usize) -> &'static str {
    match n {
        0 => "0",
        1 => "1",
        2 => "2",
        3 => "3",
        4 => "4",
        5 | 6 => "5",
        7..=9 => "7",
        _ => "10",
    }
}

/// Candidate sources of the cue `c`: `None` (no source in the sentence),
/// then ranges before and after it.
fn candidates(n: usize, c: Range) -> Vec<Option<Range>> {
    let mut out = vec![None];
    for e in c.0.saturating_sub(MAX_GAP_BEFORE).max(1)..=c.0 {
        for s in e.saturating_sub(MAX_SOURCE)..e {
            out.push(Some((s, e)));
        }
    }
    for s in c.1..(c.1 + MAX_GAP_AFTER + 1).min(n) {
        for e in s + 1..=(s + MAX_SOURCE).min(n) {
            out.push(Some((s, e)));
        }
        // a postposed source with a long apposition or relative clause
        // runs to the sentence end (`said Joseph, who …`)
        if s + MAX_SOURCE < n {
            out.push(Some((s, n)));
        }
    }
    out
}

/// The features of `cand` as the source of cue `c`.
fn source_features(
    ws: &[Word],
    sent: &Sentence,
    c: Range,
    cand: Option<Range>,
    out: &mut Vec<u32>,
) {
    out.clear();
    let head = ws[c.1 - 1].key.as_str();
    let cue_first = ws[c.0].key.as_str();
    let Some((s, e)) = cand else {
        let at = gap_tag(&ws[c.0].before);
        out.extend([
            feat(40, "", ""),
            feat(41, head, ""),
            feat(42, at, if c.0 == 0 { "first" } else { "in" }),
            feat(43, key(ws, c.0 as isize - 1), ""),
            feat(44, key(ws, c.1 as isize), ""),
        ]);
        let (subj, dist) = sent.subject(ws, c.0);
        out.extend([
            feat(45, &sent.stems[c.1 - 1], &format!("{subj}{dist}")),
            feat(46, &format!("{}{}", sent.class(c.0 as isize - 1), subj), ""),
        ]);
        return;
    };
    let (side, gap) = if e <= c.0 {
        ("B", c.0 - e)
    } else {
        ("A", s - c.1)
    };
    let len = bucket(e - s);
    let g = bucket(gap);
    let (si, ei) = (s as isize, e as isize);
    let start_tag = if s == 0 { "^" } else { gap_tag(&ws[s].before) };
    let end_tag = ws.get(e).map_or("$", |w| gap_tag(&w.before));
    let inner = |f: fn(&Gap) -> bool| ws[s + 1..e].iter().any(|w| f(&w.before));
    let inside = match (inner(|g| g.comma), inner(|g| g.stop), inner(|g| g.quote)) {
        (_, _, true) => "q",
        (_, true, _) => "s",
        (true, _, _) => "c",
        _ => "-",
    };
    let caps = match (ws[s].cap, ws[e - 1].cap) {
        (true, true) => "CC",
        (true, false) => "Cl",
        (false, true) => "lC",
        _ => "ll",
    };
    out.extend([
        feat(50, side, g),
        feat(51, side, len),
        feat(52, side, &format!("{g}/{len}")),
        feat(53, side, key(ws, si)),
        feat(54, side, key(ws, ei - 1)),
        feat(55, side, key(ws, si - 1)),
        feat(56, side, key(ws, ei)),
        feat(57, side, start_tag),
        feat(58, side, end_tag),
        feat(59, side, head),
        feat(60, head, &format!("{side}{g}")),
        feat(61, side, caps),
        feat(62, side, inside),
        feat(63, key(ws, ei - 1), key(ws, ei)),
        feat(64, key(ws, si - 1), key(ws, si)),
        feat(65, &format!("{side}{start_tag}{end_tag}"), len),
        feat(66, cue_first, side),
        feat(67, side, suffix(key(ws, ei - 1), 3)),
        feat(68, &format!("{side}{len}"), key(ws, si)),
    ]);
    let mut shape = String::new();
    for &k in &sent.classes[s..e] {
        if !shape.ends_with(k) {
            shape.push_str(k);
        }
    }
    if shape.len() > 8 {
        shape.truncate(8);
        shape.push('+');
    }
    let cue_stem = sent.stems[c.1 - 1].as_str();
    out.extend([
        feat(
            71,
            side,
            &format!("{}{}", sent.class(si - 1), sent.class(si)),
        ),
        feat(
            72,
            side,
            &format!("{}{}", sent.class(ei - 1), sent.class(ei)),
        ),
        feat(73, side, &shape),
        feat(74, side, &sent.stems[e - 1]),
        feat(75, cue_stem, &format!("{side}{}", sent.class(si))),
        feat(76, &format!("{side}{g}"), &shape),
    ]);
    for (t, i) in [(77, si), (78, ei - 1), (79, si - 1), (80, ei)] {
        for (f, &id) in sent.ids(i).iter().enumerate() {
            out.push(feat(t, side, &format!("{f}:{id}")));
        }
    }
    // the words between the phrase and the cue
    let between = if side == "B" { e..c.0 } else { c.1..s };
    for j in between.take(4) {
        out.push(feat(69, side, &ws[j].key));
    }
    // a phrase that swallows another cue-like word or stops mid-way
    if side == "B" && e < c.0 && ws[e].before.breaks() {
        out.push(feat(70, "break-before-cue", gap_tag(&ws[e].before)));
    }
}

/// The features of `cand` for the boundary re-ranker: the chooser's and,
/// at each edge, the stem inside with the class outside, the two words
/// outside, and the word after an inner comma (what opens an apposition),
/// all moved to their own part of the table (hashed again) so the two
/// decisions do not share weights.
fn boundary_features(ws: &[Word], sent: &Sentence, c: Range, cand: Range, out: &mut Vec<u32>) {
    source_features(ws, sent, c, Some(cand), out);
    let (s, e) = cand;
    let (si, ei) = (s as isize, e as isize);
    let side = if e <= c.0 { "B" } else { "A" };
    let end_tag = ws.get(e).map_or("$", |w| gap_tag(&w.before));
    out.push(feat(
        77,
        &format!("{side}{}", sent.class(si - 1)),
        &sent.stems[s],
    ));
    out.push(feat(
        78,
        &format!("{side}{}", sent.class(ei)),
        &sent.stems[e - 1],
    ));
    out.push(feat(
        79,
        side,
        &format!("{} {}", key(ws, si - 2), key(ws, si - 1)),
    ));
    out.push(feat(
        80,
        side,
        &format!("{} {}", key(ws, ei), key(ws, ei + 1)),
    ));
    if let Some(j) = (s + 1..e).find(|&j| ws[j].before.comma) {
        out.push(feat(81, side, &ws[j].key));
        out.push(feat(82, &format!("{side}{end_tag}"), &ws[j].key));
    } else {
        out.push(feat(81, side, "-"));
    }
    for f in out.iter_mut() {
        *f = (f.wrapping_mul(0x9e37_79b1) ^ 0x5bd1_e995) & (SIZE as u32 - 1);
    }
}

/// Candidates on the same side of the cue as `r` that share a word with it.
fn overlapping(n: usize, c: Range, r: Range) -> impl Iterator<Item = Range> {
    candidates(n, c)
        .into_iter()
        .flatten()
        .filter(move |&(s, e)| s < r.1 && r.0 < e && (e <= c.0) == (r.1 <= c.0))
}

fn score(w: &[f32], f: &[u32]) -> f32 {
    f.iter().map(|&i| w[i as usize]).sum()
}

/// The item whose features (`feats`, written into `f`) score highest
/// under `w`; the first of equals. `None` when there is none.
fn argmax<T: Copy>(
    w: &[f32],
    items: impl IntoIterator<Item = T>,
    f: &mut Vec<u32>,
    feats: impl Fn(T, &mut Vec<u32>),
) -> Option<T> {
    let mut best = (f32::NEG_INFINITY, None);
    for item in items {
        feats(item, f);
        let s = score(w, f);
        if s > best.0 {
            best = (s, Some(item));
        }
    }
    best.1
}

/// Cue ranges of a sentence from per-word scores: adjacent positive words
/// not split by punctuation make one cue.
fn cue_ranges(ws: &[Word], mut positive: impl FnMut(usize) -> bool) -> Vec<Range> {
    let mut out: Vec<Range> = Vec::new();
    for (i, w) in ws.iter().enumerate() {
        if !positive(i) {
            continue;
        }
        match out.last_mut() {
            Some(r) if r.1 == i && !w.before.breaks() => r.1 = i + 1,
            _ => out.push((i, i + 1)),
        }
    }
    out
}

/// One attribution found by the model, in byte offsets of the sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attribution {
    pub cue: (usize, usize),
    pub source: Option<(usize, usize)>,
}

/// The model: one table of hashed feature weights.
#[derive(Clone)]
pub struct AttributionModel {
    w: Vec<f32>,
}

impl std::fmt::Debug for AttributionModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "AttributionModel({} weights)", self.nonzero())
    }
}

impl AttributionModel {
    /// The weights in `$VEILLE_MODELS` ([`crate::models`]), loaded on first
    /// use; all zeros (so [`QuoteMethod::for_lang`](crate::QuoteMethod::for_lang)
    /// keeps the rules) when there are none or they do not parse.
    pub fn builtin() -> &'static AttributionModel {
        static MODEL: OnceLock<AttributionModel> = OnceLock::new();
        MODEL.get_or_init(|| {
            let zero = || AttributionModel { w: vec![0.0; SIZE] };
            match crate::models::read(crate::models::ATTRIBUTION_EN) {
                None => zero(),
                Some(gz) => AttributionModel::from_gz(&gz).unwrap_or_else(|e| {
                    eprintln!("warning: bad attribution model ({e}); running the rules only");
                    zero()
                }),
            }
        })
    }

    /// [`AttributionModel::builtin`] when it holds weights: whether it does
    /// is counted once (a scan of the whole table, 2^22 weights), not per
    /// sentence.
    pub fn builtin_trained() -> Option<&'static AttributionModel> {
        static TRAINED: OnceLock<bool> = OnceLock::new();
        let model = AttributionModel::builtin();
        TRAINED.get_or_init(|| model.nonzero() > 0).then_some(model)
    }

    /// Reads weights written by [`AttributionModel::to_gz`]: gzipped, a
    /// version line then lines `index weight`.
    pub fn from_gz(bytes: &[u8]) -> Result<AttributionModel, String> {
        let text = gunzip(bytes)?;
        let mut lines = text.lines();
        if lines.next() != Some(HEADER) {
            return Err(format!(
                "not a {HEADER:?} weight file (an older model? run `cargo run --release -p xtask -- train attribution`)"
            ));
        }
        AttributionModel::from_lines(lines)
    }

    /// Reads `index weight` lines.
    pub(super) fn from_lines<'a>(
        lines: impl Iterator<Item = &'a str>,
    ) -> Result<AttributionModel, String> {
        let mut w = vec![0.0; SIZE];
        for line in lines {
            let (i, v) = line
                .split_once(' ')
                .ok_or_else(|| format!("bad weight line {line:?}"))?;
            let i: usize = i.parse().map_err(|_| format!("bad index {i:?}"))?;
            let v: f32 = v.parse().map_err(|_| format!("bad weight {v:?}"))?;
            *w.get_mut(i)
                .ok_or_else(|| format!("index {i} out of range"))? = v;
        }
        Ok(AttributionModel { w })
    }

    /// The weights as gzipped `index weight` lines after a version line,
    /// keeping those not zero of magnitude at least `min` (rounded to 3
    /// decimals).
    pub fn to_gz(&self, min: f32) -> std::io::Result<Vec<u8>> {
        let mut text = format!("{HEADER}\n");
        self.write_lines(min, &mut text);
        gzip(&text)
    }

    /// Appends the `index weight` lines of [`AttributionModel::to_gz`].
    pub(super) fn write_lines(&self, min: f32, text: &mut String) {
        use std::fmt::Write;
        for (i, &v) in self.w.iter().enumerate() {
            if v != 0.0 && v.abs() >= min {
                let _ = writeln!(text, "{i} {v:.3}");
            }
        }
    }

    /// Moves the cue tagger's decision threshold: a word is a cue when its
    /// score is above `-by` (the weight of the bias feature every cue word
    /// has is raised by `by`; positive tags more cues).
    pub fn shift_cue_threshold(&mut self, by: f32) {
        self.w[feat(0, "", "") as usize] += by;
    }

    /// How many weights are not zero.
    pub fn nonzero(&self) -> usize {
        self.w.iter().filter(|v| **v != 0.0).count()
    }

    /// The attributions of one sentence.
    pub fn attributions(&self, text: &str) -> Vec<Attribution> {
        let ws = words(text);
        self.on_words(&ws, None)
            .into_iter()
            .map(|(c, s)| Attribution {
                cue: byte_range(&ws, c),
                source: s.map(|r| source_bytes(text, &ws, r, c)),
            })
            .collect()
    }

    /// Cue and source word ranges of a sentence's words, with their
    /// context ids when the model was trained with them.
    pub(crate) fn on_words(
        &self,
        ws: &[Word],
        context: Option<&WordIds>,
    ) -> Vec<(Range, Option<Range>)> {
        let sent = Sentence::of(ws, context);
        let mut f = Vec::new();
        let cues = cue_ranges(ws, |i| {
            cue_features(ws, &sent, i, &mut f);
            score(&self.w, &f) > 0.0
        });
        cues.into_iter()
            .map(|c| (c, self.best_source(ws, &sent, c, &mut f)))
            .collect()
    }

    fn best_source(
        &self,
        ws: &[Word],
        sent: &Sentence,
        c: Range,
        f: &mut Vec<u32>,
    ) -> Option<Range> {
        let best = argmax(&self.w, candidates(ws.len(), c), f, |cand, out| {
            source_features(ws, sent, c, cand, out)
        })??;
        // the boundaries: the re-ranker's best among the candidates on the
        // same side that share a word with the chooser's
        argmax(&self.w, overlapping(ws.len(), c, best), f, |cand, out| {
            boundary_features(ws, sent, c, cand, out)
        })
        .or(Some(best))
    }
}

/// The byte spans of the words the model reads in a sentence (its word
/// view drops punctuation): what a per-word context is aligned with
/// ([`super::contextual`]).
pub fn word_spans(text: &str) -> Vec<(usize, usize)> {
    words(text)
        .iter()
        .map(|w| (w.span.start as usize, w.span.end as usize))
        .collect()
}

/// The text of gzipped bytes.
pub(super) fn gunzip(bytes: &[u8]) -> Result<String, String> {
    let mut text = String::new();
    libflate::gzip::Decoder::new(bytes)
        .and_then(|mut d| d.read_to_string(&mut text))
        .map_err(|e| e.to_string())?;
    Ok(text)
}

/// `text` gzipped.
pub(super) fn gzip(text: &str) -> std::io::Result<Vec<u8>> {
    use std::io::Write;
    let mut enc = libflate::gzip::Encoder::new(Vec::new())?;
    enc.write_all(text.as_bytes())?;
    enc.finish().into_result()
}

fn byte_range(ws: &[Word], (s, e): Range) -> (usize, usize) {
    (ws[s].span.start as usize, ws[e - 1].span.end as usize)
}

/// The bytes of the source `src` of cue `cue` in the sentence `text`, with
/// PolNeAR's boundaries, which the word view cannot see (it drops
/// punctuation):
///
/// - auxiliaries and adverbs between the phrase and its cue are the cue's
///   (`Donald Trump is questioning` → `Donald Trump`), clause openers are
///   not the source's ([`trim`]);
/// - a parenthesis opened in the phrase is closed (`Rep. Gwen Moore
///   (D-Wis.)`), an abbreviation keeps its full stop (`The S.E.C.`);
/// - a preposed source with an apposition keeps the comma that closes it
///   (`Brian Fallon, the campaign's press secretary,`);
/// - a pronoun loses the verb contracted onto it (`she’s so frustrated` →
///   `she`).
///
/// Until the eighth pass a postposed source followed by a comma ran to the
/// sentence end when its cue followed a break (`…,” said Joseph, who has
/// four children.`); the chooser now has that range among its candidates
/// and the re-ranker decides (held-out train source F1 0.661 → 0.665).
pub(crate) fn source_bytes(text: &str, ws: &[Word], src: Range, cue: Range) -> (usize, usize) {
    let (s, e) = trim(src, ws).unwrap_or(src);
    let (a, mut b) = byte_range(ws, (s, e));
    // `she’s so frustrated`, `you're worried`: the verb's contraction is
    // not the pronoun's (a possessive is: `Trump’s claim`)
    let last = &ws[e - 1];
    if let Some((p, _)) = last.key.split_once('\'') {
        if matches!(
            p,
            "i" | "you" | "he" | "she" | "it" | "we" | "they" | "who" | "that"
        ) {
            let t = &text[last.span.start as usize..last.span.end as usize];
            if let Some(cut) = t.find(['\'', '’']) {
                b = last.span.start as usize + cut;
            }
        }
    }
    let rest = &text[b..];
    let phrase = &text[a..b];
    if phrase.matches('(').count() > phrase.matches(')').count() {
        // `(R-IN)`, `(D-Wis.)`: the rest of the word and the mark
        if let Some(close) = rest
            .find(')')
            .filter(|&i| i <= 8 && !rest[..i].contains(char::is_whitespace))
        {
            b += close + 1;
        }
    } else if rest.starts_with('.')
        && (rest[1..].starts_with(',')
            || rest[1..].starts_with(' ') && rest[2..].starts_with(char::is_lowercase))
    {
        // `The S.E.C. said`, `of Springfield, Va., said`: the stop is the
        // abbreviation's, not the sentence's
        b += 1;
    }
    if text[b..].starts_with(',') && e <= cue.0 && ws[s + 1..e].iter().any(|w| w.before.comma) {
        b += 1;
    }
    (a, b)
}

/// A training sentence: its text and its gold attributions (cue and
/// optional source, byte ranges of the sentence).
#[derive(Debug, Clone)]
pub struct TrainSentence {
    pub text: String,
    pub gold: Vec<Attribution>,
    /// Per-word context ids ([`super::contextual`]), for a contextual model.
    pub context: Option<WordIds>,
}

/// The word range covering the bytes `(s, e)`: every word that overlaps it.
fn word_range(ws: &[Word], (s, e): (usize, usize)) -> Option<Range> {
    let a = ws.iter().position(|w| (w.span.end as usize) > s)?;
    let b = ws.iter().rposition(|w| (w.span.start as usize) < e)?;
    (a <= b).then_some((a, b + 1))
}

/// An averaged perceptron: weights, and the sums for the average.
struct Averaged {
    w: Vec<f32>,
    u: Vec<f32>,
    c: f32,
}

impl Averaged {
    fn update(&mut self, f: &[u32], by: f32) {
        for &i in f {
            self.w[i as usize] += by;
            self.u[i as usize] += by * self.c;
        }
    }

    /// One structured step: the best of `items` under the current weights;
    /// when it is not `gold`, the gold's features are raised and the
    /// guess's lowered.
    fn step<T: Copy + PartialEq>(
        &mut self,
        items: impl IntoIterator<Item = T>,
        gold: T,
        (f, g): (&mut Vec<u32>, &mut Vec<u32>),
        feats: impl Fn(T, &mut Vec<u32>),
    ) {
        let guess = argmax(&self.w, items, f, &feats).unwrap_or(gold);
        if guess != gold {
            feats(gold, g);
            self.update(g, 1.0);
            feats(guess, f);
            self.update(f, -1.0);
        }
        self.c += 1.0;
    }

    fn average(&self) -> Vec<f32> {
        self.w
            .iter()
            .zip(&self.u)
            .map(|(w, u)| w - u / self.c.max(1.0))
            .collect()
    }
}

/// What training saw: how many gold sources could be a candidate.
#[derive(Debug, Default, Clone, Copy)]
pub struct TrainStats {
    pub sentences: usize,
    pub cues: usize,
    pub sources: usize,
    /// Gold sources in the sentence that are one of the candidates.
    pub reachable: usize,
}

/// Trains the model on `data`: `orders` averaged perceptrons, each for
/// `epochs` passes over the examples in pseudo-random orders of its own
/// (fixed: the same model every run), whose weights are averaged. The
/// perceptron depends on the order it sees the examples in (source F1 moves
/// by ±0.003 with it); the mean of five orders scored 0.671 on the
/// held-out fifth of PolNeAR train against 0.665 for one.
pub fn train(
    data: &[TrainSentence],
    epochs: usize,
    orders: usize,
) -> (AttributionModel, TrainStats) {
    let mut sum: Option<(Vec<f32>, TrainStats)> = None;
    for k in 0..orders.max(1) as u64 {
        let seed = 0x9e37_79b9_7f4a_7c15 ^ k.wrapping_mul(0x2545_f491_4f6c_dd1d);
        let (w, stats) = train_one(data, epochs, seed);
        match &mut sum {
            None => sum = Some((w, stats)),
            Some((acc, _)) => acc.iter_mut().zip(&w).for_each(|(a, x)| *a += x),
        }
    }
    let (mut w, stats) = sum.expect("at least one order");
    let n = orders.max(1) as f32;
    w.iter_mut().for_each(|x| *x /= n);
    (AttributionModel { w }, stats)
}

/// One averaged perceptron, its examples shuffled from `seed`.
fn train_one(data: &[TrainSentence], epochs: usize, mut seed: u64) -> (Vec<f32>, TrainStats) {
    let mut p = Averaged {
        w: vec![0.0; SIZE],
        u: vec![0.0; SIZE],
        c: 1.0,
    };
    let mut stats = TrainStats::default();
    // sentences as words, gold cue words and (cue, source) pairs
    type Prepared<'c> = (
        Vec<Word>,
        Sentence<'c>,
        Vec<bool>,
        Vec<(Range, Option<Range>)>,
    );
    let prepared: Vec<Prepared<'_>> = data
        .iter()
        .map(|t| {
            let ws = words(&t.text);
            let mut is_cue = vec![false; ws.len()];
            let mut pairs = Vec::new();
            for g in &t.gold {
                let Some(c) = word_range(&ws, g.cue) else {
                    continue;
                };
                is_cue[c.0..c.1].iter_mut().for_each(|b| *b = true);
                let src = g.source.and_then(|s| word_range(&ws, s));
                stats.cues += 1;
                if src.is_some() {
                    stats.sources += 1;
                }
                if candidates(ws.len(), c).contains(&src) {
                    stats.reachable += usize::from(src.is_some());
                    pairs.push((c, src));
                }
            }
            let sent = Sentence::of(&ws, t.context.as_ref());
            (ws, sent, is_cue, pairs)
        })
        .filter(|(ws, _, _, _)| !ws.is_empty())
        .collect();
    stats.sentences = prepared.len();
    let mut order: Vec<usize> = (0..prepared.len()).collect();
    let mut f = Vec::new();
    let mut g = Vec::new();
    for _ in 0..epochs {
        // Fisher–Yates with a xorshift generator: the same order every run
        crate::models::shuffle(&mut order, &mut seed);
        for &k in &order {
            let (ws, sent, is_cue, pairs) = &prepared[k];
            for (i, &gold) in is_cue.iter().enumerate() {
                cue_features(ws, sent, i, &mut f);
                let guess = score(&p.w, &f) > 0.0;
                if guess != gold {
                    p.update(&f, if gold { 1.0 } else { -1.0 });
                }
                p.c += 1.0;
            }
            for &(c, gold) in pairs {
                p.step(
                    candidates(ws.len(), c),
                    gold,
                    (&mut f, &mut g),
                    |cand, out| source_features(ws, sent, c, cand, out),
                );
                // the boundary re-ranker, on the candidates that share a
                // word with the gold source
                if let Some(gold) = gold {
                    p.step(
                        overlapping(ws.len(), c, gold),
                        gold,
                        (&mut f, &mut g),
                        |cand, out| boundary_features(ws, sent, c, cand, out),
                    );
                }
            }
        }
    }
    (p.average(), stats)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(text: &str, cue: &str, source: Option<&str>) -> TrainSentence {
        let at = |s: &str| {
            let b = text.find(s).unwrap();
            (b, b + s.len())
        };
        TrainSentence {
            text: text.into(),
            gold: vec![Attribution {
                cue: at(cue),
                source: source.map(at),
            }],
            context: None,
        }
    }

    #[test]
    fn learns_cues_and_sources_from_a_small_set() {
        let data = vec![
            sentence(
                "The mayor said the road would reopen.",
                "said",
                Some("The mayor"),
            ),
            sentence(
                "Taxes will rise, the minister said.",
                "said",
                Some("the minister"),
            ),
            sentence(
                "According to police, two men fled.",
                "According to",
                Some("police"),
            ),
            sentence(
                "Prices fell, analysts told Reuters.",
                "told",
                Some("analysts"),
            ),
            sentence("The weather was cold on Monday.", "was", None),
        ];
        let (m, stats) = train(&data, 10, 1);
        assert_eq!(stats.cues, 5);
        assert_eq!(stats.reachable, 4);
        let got = m.attributions("Rents rose, the governor said.");
        assert_eq!(got.len(), 1);
        let text = "Rents rose, the governor said.";
        let (s, e) = got[0].source.unwrap();
        assert_eq!(&text[s..e], "the governor");
        // a round trip through the stored form keeps the answers
        let again = AttributionModel::from_gz(&m.to_gz(0.0).unwrap()).unwrap();
        assert_eq!(again.attributions(text), got);
    }

    /// `source_bytes` on the source `src` of cue `cue` (both substrings).
    fn bounded(text: &str, src: &str, cue: &str) -> String {
        let ws = words(text);
        let at = |x: &str| {
            let b = text.find(x).unwrap();
            word_range(&ws, (b, b + x.len())).unwrap()
        };
        let (a, b) = source_bytes(text, &ws, at(src), at(cue));
        text[a..b].to_string()
    }

    #[test]
    fn source_boundaries_follow_the_punctuation() {
        // (sentence, source words, cue, source as PolNeAR writes it)
        let cases = [
            (
                "Brian Fallon, the campaign's press secretary, noted that it changed.",
                "Brian Fallon, the campaign's press secretary",
                "noted",
                "Brian Fallon, the campaign's press secretary,",
            ),
            // no apposition inside the source: the comma is not its own
            (
                "Trump, speaking to veterans, said he would act.",
                "Trump",
                "said",
                "Trump",
            ),
            (
                "Rep. Gwen Moore (D-Wis.) said Friday that it was wrong.",
                "Rep. Gwen Moore (D-Wis",
                "said",
                "Rep. Gwen Moore (D-Wis.)",
            ),
            // the chooser's range is kept: a postposed source is no longer
            // run to the sentence end here
            (
                "\"We paid,\" said Joseph, who has four children.",
                "Joseph",
                "said",
                "Joseph",
            ),
            (
                "\"We paid,\" said Joseph, who has four children.",
                "Joseph, who has four children",
                "said",
                "Joseph, who has four children",
            ),
            // a pronoun without the verb contracted onto it, a possessive
            // with its mark
            (
                "That is why she’s so frustrated.",
                "she’s",
                "frustrated",
                "she",
            ),
            ("You're worried, you say.", "You're", "worried", "You"),
            (
                "Trump's aides said so.",
                "Trump's aides",
                "said",
                "Trump's aides",
            ),
            ("\"We paid,\" said Joseph.", "Joseph", "said", "Joseph"),
            (
                "According to police, officers saw him.",
                "police",
                "According to",
                "police",
            ),
            (
                "Donald Trump is questioning the vote.",
                "Donald Trump is",
                "questioning",
                "Donald Trump",
            ),
            (
                "The S.E.C. said it would act.",
                "The S.E.C",
                "said",
                "The S.E.C.",
            ),
            // a stop before a capital ends the sentence: not the source's
            (
                "It was not known, said the S.E.C. Later it acted.",
                "the S.E.C",
                "said",
                "the S.E.C",
            ),
        ];
        for (text, src, cue, want) in cases {
            assert_eq!(bounded(text, src, cue), want, "{text}");
        }
    }

    #[test]
    fn malformed_weights_are_errors() {
        let gz = |text: &str| {
            let mut enc = libflate::gzip::Encoder::new(Vec::new()).unwrap();
            std::io::Write::write_all(&mut enc, text.as_bytes()).unwrap();
            enc.finish().into_result().unwrap()
        };
        assert!(AttributionModel::from_gz(b"not gzip").is_err());
        assert!(AttributionModel::from_gz(&gz(&format!("{HEADER}\n99999999999 1.0\n"))).is_err());
        // weights without the version line (written before the eighth
        // pass, for another table) are refused, not read wrongly
        assert!(AttributionModel::from_gz(&gz("12 0.5\n")).is_err());
        let m = AttributionModel::from_gz(&gz(&format!("{HEADER}\n12 0.5\n"))).unwrap();
        assert_eq!(m.nonzero(), 1);
    }

    proptest::proptest! {
        /// Any weight file, gzipped or not, loads or is an error: no panic.
        #[test]
        fn any_weight_file_loads_or_fails(text in "[0-9 .\\-eE\n]{0,200}|\\PC{0,100}", raw in proptest::collection::vec(proptest::num::u8::ANY, 0..64)) {
            let mut enc = libflate::gzip::Encoder::new(Vec::new()).unwrap();
            std::io::Write::write_all(&mut enc, text.as_bytes()).unwrap();
            let gz = enc.finish().into_result().unwrap();
            let _ = AttributionModel::from_gz(&gz);
            let _ = AttributionModel::from_gz(&raw);
        }

        #[test]
        fn any_text_gives_ranges_inside_it(text in "\\PC{0,200}") {
            let data = vec![sentence("The mayor said it.", "said", Some("The mayor"))];
            let (m, _) = train(&data, 2, 2);
            for a in m.attributions(&text) {
                proptest::prop_assert!(a.cue.0 <= a.cue.1 && a.cue.1 <= text.len());
                if let Some((s, e)) = a.source {
                    proptest::prop_assert!(s <= e && e <= text.len());
                }
            }
        }
    }
}
