//! `cargo xtask train attribution-e5 [--orders N] [--encode-only]`: the
//! English attribution model with contextual features
//! (`veille_extract::quotes::contextual`) from multilingual-e5-small
//! (`crates/veille-e5`; weights from `scripts/fetch-e5.sh` in
//! `$VEILLE_MODELS/e5/`).
//!
//! Every word of the model's word view in PolNeAR train and dev (one input
//! per sentence of veille's splitter, 128-piece windows) gets its
//! contextual vector, cached under `target/e5-cache/` (the first run
//! encodes, some 13 minutes on two cores; later runs read). Two logistic
//! heads over the vectors (part of a cue, part of a source) are trained on
//! train, once per fold of five (documents `k % 5`) and once on all; the
//! perceptron is trained on ids from the heads that did not see each
//! document (stacking), its cue threshold chosen on the held-out fifth
//! (fold 0, whose heads never saw it), and the model with the heads trained
//! on all is scored on dev and written to `$VEILLE_MODELS` as
//! `attribution-en-e5.weights.gz`, what `veille ingest --contextual` and
//! `eval claims` read.

use crate::eval_claims::{polnear_docs, score_polnear, source_f1, PolnearDoc};
use crate::ner_e5::{encode_cached, DocVectors};
use crate::train_attribution::{arg, sentences, tune_bias};
use anyhow::{bail, Context, Result};
use rayon::prelude::*;
use std::collections::HashMap;
use std::time::Instant;
use veille_e5::{Encoder, Pooling};
use veille_extract::quotes::contextual::{word_ids, ContextualModel, Head, WordVectorSource};
use veille_extract::quotes::learned::{train, word_spans, TrainSentence, WordIds};
use veille_extract::{extract_quotes_with, QuoteMethod};
use veille_text::SentenceSplitter;

/// Pieces per encoder window (as for the entity tagger: 2.5 times faster
/// than 510 on HIPE).
const WINDOW: usize = 128;

/// A document's sentences as the model reads them: each sentence's byte
/// offset, its text and the range of its words among the document's
/// (sentences one after the other, as the vectors are laid out).
fn doc_sentences(doc: &PolnearDoc) -> Vec<(usize, &str, std::ops::Range<usize>)> {
    let splitter = SentenceSplitter::for_lang("en");
    let mut at = 0;
    splitter
        .split(&doc.text)
        .1
        .iter()
        .map(|s| {
            let t = s.span.slice(&doc.text);
            let n = word_spans(t).len();
            at += n;
            (s.span.start as usize, t, at - n..at)
        })
        .collect()
}

/// The unit-length vectors of every word of every document (sentences one
/// after the other), from the cache or encoded now.
fn vectors(enc: &Encoder, docs: &[PolnearDoc], split: &str) -> Result<Vec<DocVectors>> {
    let path = crate::data::workspace_root()
        .join("target/e5-cache")
        .join(format!("polnear-{split}-mean-w{WINDOW}.f32"));
    let names: Vec<String> = docs.iter().map(|d| d.stem.clone()).collect();
    let sents: Vec<Vec<Vec<&str>>> = docs
        .iter()
        .map(|d| {
            doc_sentences(d)
                .into_iter()
                .map(|(_, t, _)| word_spans(t).into_iter().map(|(a, b)| &t[a..b]).collect())
                .collect()
        })
        .collect();
    encode_cached(enc, &path, split, &names, &sents, Pooling::Mean)
}

/// Where each sentence's vectors are: (split documents' vectors, by text).
#[derive(Debug)]
pub(crate) struct CachedVectors<'a> {
    dim: usize,
    by_text: HashMap<&'a str, &'a [f32]>,
}

impl<'a> CachedVectors<'a> {
    /// The vectors of every sentence of `docs` (read by [`vectors`]).
    pub(crate) fn new(
        docs: &'a [PolnearDoc],
        vecs: &'a [DocVectors],
        dim: usize,
    ) -> CachedVectors<'a> {
        let mut by_text = HashMap::new();
        for (d, v) in docs.iter().zip(vecs) {
            for (_, t, r) in doc_sentences(d) {
                by_text.insert(t, &v.data[r.start * dim..r.end * dim]);
            }
        }
        CachedVectors { dim, by_text }
    }
}

impl WordVectorSource for CachedVectors<'_> {
    fn dim(&self) -> usize {
        self.dim
    }

    fn word_vectors(&self, sentence: &str, words: &[&str]) -> Option<Vec<f32>> {
        self.by_text
            .get(sentence)
            .filter(|v| v.len() == words.len() * self.dim)
            .map(|v| v.to_vec())
    }
}

/// PolNeAR dev's documents and word vectors (the encoder's weights must be
/// in `$VEILLE_MODELS/e5/`), for `eval claims`.
pub(crate) fn dev_vectors(dev: &[PolnearDoc]) -> Result<Vec<DocVectors>> {
    let mut enc = Encoder::load(&veille_e5::model_path(&crate::data::models_dir()))?;
    enc.set_window(WINDOW);
    vectors(&enc, dev, "dev")
}

/// The score table of `model` on `docs`, whose vectors `source` holds.
pub(crate) fn score_contextual(
    model: &ContextualModel,
    docs: &[&PolnearDoc],
    source: &CachedVectors<'_>,
) -> [[crate::eval_claims::Prf; 2]; 3] {
    score_polnear(
        docs,
        &|i| extract_quotes_with(i, QuoteMethod::Contextual(model, source)),
        false,
    )
}

pub fn run(args: &[&str]) -> Result<()> {
    let (Some(train_docs), Some(dev)) = (polnear_docs("train")?, polnear_docs("dev")?) else {
        bail!("PolNeAR train and dev are needed under $VEILLE_DATA/polnear");
    };
    let mut enc = Encoder::load(&veille_e5::model_path(&crate::data::models_dir()))?;
    enc.set_window(WINDOW);
    let dev_vecs = vectors(&enc, &dev, "dev")?;
    let train_vecs = vectors(&enc, &train_docs, "train")?;
    if args.contains(&"--encode-only") {
        return Ok(());
    }
    let orders: usize = arg(args, "--orders", 5)?;
    let dim = enc.dim();
    let train_words: Vec<Vec<Gold>> = train_docs.iter().map(doc_words).collect();
    // the heads, per fold of the training documents and on all of them
    let t = Instant::now();
    let golds: [fn(&Gold) -> bool; 2] = [|g| g.cue, |g| g.source];
    let heads: Vec<(Vec<Head>, Head)> = golds
        .iter()
        .map(|&gold| {
            let fit = |keep: &(dyn Fn(usize) -> bool + Sync)| {
                let mut xs = Vec::new();
                let mut ys = Vec::new();
                for (k, v) in train_vecs.iter().enumerate().filter(|(k, _)| keep(*k)) {
                    for (i, g) in train_words[k].iter().enumerate().take(v.len()) {
                        xs.push(v.row(i));
                        ys.push(gold(g));
                    }
                }
                Head::fit(&xs, &ys, dim)
            };
            let folds: Vec<Head> = (0..FOLDS)
                .into_par_iter()
                .map(|f| fit(&|k| k % FOLDS != f))
                .collect();
            (folds, fit(&|_| true))
        })
        .collect();
    println!("heads (cue, source) in {:.1} s", t.elapsed().as_secs_f64());
    let fold_heads = |f: usize| -> Vec<Head> { heads.iter().map(|h| h.0[f].clone()).collect() };
    let all_heads: Vec<Head> = heads.iter().map(|h| h.1.clone()).collect();
    // each training sentence's ids from the heads of the folds that did not
    // see its document
    let mut context: HashMap<&str, WordIds> = HashMap::new();
    for (k, (d, v)) in train_docs.iter().zip(&train_vecs).enumerate() {
        let heads = fold_heads(k % FOLDS);
        for (_, t, r) in doc_sentences(d) {
            context.insert(
                t,
                word_ids(&heads, &v.data[r.start * dim..r.end * dim], dim),
            );
        }
    }
    let data = |docs: &[&PolnearDoc]| -> Vec<TrainSentence> {
        let mut out = sentences(docs);
        for t in &mut out {
            t.context = context.get(t.text.as_str()).cloned();
        }
        out
    };
    let train_source = CachedVectors::new(&train_docs, &train_vecs, dim);
    let dev_source = CachedVectors::new(&dev, &dev_vecs, dim);
    let t = Instant::now();
    // the held-out fifth is documents `k % 5 == 0`: fold 0's heads never saw them
    let bias = tune_bias(&train_docs, EPOCHS, orders, &data, &|m, held| {
        let cm = ContextualModel {
            model: m.clone(),
            heads: fold_heads(0),
        };
        source_f1(&score_contextual(&cm, held, &train_source))
    });
    let all: Vec<&PolnearDoc> = train_docs.iter().collect();
    let (mut model, stats) = train(&data(&all), EPOCHS, orders);
    model.shift_cue_threshold(bias);
    let model = ContextualModel {
        model,
        heads: all_heads,
    };
    println!(
        "cue threshold shift {bias:+.1}; trained on {} sentences in {:.1} s, {EPOCHS} epochs, {orders} orders, {} weights not zero",
        stats.sentences,
        t.elapsed().as_secs_f64(),
        model.model.nonzero()
    );
    let gz = model.to_gz(0.0)?;
    let kept = ContextualModel::from_gz(&gz).map_err(anyhow::Error::msg)?;
    let dev_refs: Vec<&PolnearDoc> = dev.iter().collect();
    let scores = score_contextual(&kept, &dev_refs, &dev_source);
    let (e, o) = source_f1(&scores);
    let (p, r, _) = scores[0][0].f1();
    let (_, _, cue) = scores[1][0].f1();
    println!(
        "dev source F1 learned + e5 (stored): exact {e:.3} overlap {o:.3} (exact P {p:.3} R {r:.3}), cue F1 {cue:.3}"
    );
    let path = crate::data::model_path(ContextualModel::FILE)?;
    std::fs::write(&path, &gz).with_context(|| format!("writing {}", path.display()))?;
    println!("wrote {} ({} bytes)", path.display(), gz.len());
    Ok(())
}

const EPOCHS: usize = 5;

/// A word's gold: part of a cue, part of a source.
#[derive(Clone, Copy)]
struct Gold {
    cue: bool,
    source: bool,
}

/// The gold of a document's words in order (sentences one after the other).
fn doc_words(doc: &PolnearDoc) -> Vec<Gold> {
    let overlaps = |(a, b): (usize, usize), (x, y): (usize, usize)| a < y && x < b;
    let mut gold = Vec::new();
    for (off, t, _) in doc_sentences(doc) {
        for (a, b) in word_spans(t) {
            let w = (off + a, off + b);
            gold.push(Gold {
                cue: doc.pairs.iter().any(|(c, _)| overlaps(*c, w)),
                source: doc
                    .pairs
                    .iter()
                    .any(|(_, src)| src.is_some_and(|r| overlaps(r, w))),
            });
        }
    }
    gold
}

/// Folds of the training documents for stacking (document `k % FOLDS`).
const FOLDS: usize = 5;
