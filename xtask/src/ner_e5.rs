//! `cargo xtask train ner --e5 [--k 64,256,1024] [--pool mean|first] [--window N] [--stack [--stack-neighbours]] [--cost N]`:
//! contextual features for the learned entity tagger from
//! multilingual-e5-small (`crates/veille-e5`; weights from
//! `scripts/fetch-e5.sh` in `$VEILLE_MODELS/e5/`).
//!
//! Every HIPE-2020 French word (train and dev, one input per sentence of
//! veille's splitter, cut into half-overlapping windows of at most 128
//! pieces, `--window N`) gets its contextual vector,
//! cached under `target/e5-cache/` (the first run encodes, later runs read).
//! Spherical k-means over the training words' vectors (a fixed-seed sample)
//! gives each word a cluster id per k; the ids of the word and of its
//! neighbours become sparse features of the perceptron
//! (`veille_extract::entities::WordContext`). `--stack` adds stacking: a
//! per-word softmax over the vectors (jackknifed over five folds of the
//! training documents) whose predicted tag and confidence bucket are one
//! more family (`--stack-neighbours`: over the word's and its two
//! neighbours' vectors). Each variant — no context,
//! each k alone, all k together — is trained on HIPE train only and scored
//! on dev (strict and fuzzy, per type). `--cost N` then times the whole
//! path (encode, assign, tag) on the first N OrangeSum articles in CPU
//! seconds. Nothing is written to `$VEILLE_MODELS` or to the reports.

use crate::data;
use crate::eval_entities::{cpu_seconds, evaluate_with, read_hipe, Doc, Scores};
use crate::train_ner::gold_spans;
use anyhow::{bail, Context, Result};
use rayon::prelude::*;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;
use veille_e5::{Encoder, Pooling};
use veille_extract::entities::{EntityTagger, NerModel, NerTrainer, WordContext};
use veille_extract::models::{shuffle, xorshift};
use veille_model::Span;

const CACHE_MAGIC: &[u8; 8] = b"VE5WV001";
const EPOCHS: usize = 6;
/// Training words used to fit the centroids (every n-th word).
const KMEANS_SAMPLE: usize = 30_000;
const KMEANS_ITERS: usize = 10;
/// Pieces per encoder window (`--window`; see `Encoder::set_window`).
const WINDOW: usize = 128;

/// Unit-length word vectors of one document, row-major.
pub(crate) struct DocVectors {
    pub dim: usize,
    pub data: Vec<f32>,
}

impl DocVectors {
    pub fn row(&self, i: usize) -> &[f32] {
        &self.data[i * self.dim..(i + 1) * self.dim]
    }
    pub fn len(&self) -> usize {
        self.data.len() / self.dim
    }
}

fn cache_path(split: &str, pooling: Pooling, window: usize) -> PathBuf {
    let pool = match pooling {
        Pooling::Mean => "mean",
        Pooling::First => "first",
    };
    data::workspace_root()
        .join("target/e5-cache")
        .join(format!("hipe-fr-{split}-{pool}-w{window}.f32"))
}

/// The cached vectors of documents of `counts` words each, if the cache at
/// `path` holds exactly those.
fn read_cache(path: &Path, counts: &[usize], dim: usize) -> Option<Vec<DocVectors>> {
    let mut r = BufReader::new(std::fs::File::open(path).ok()?);
    let mut head = [0u8; 16];
    r.read_exact(&mut head).ok()?;
    let n = u32::from_le_bytes(head[8..12].try_into().ok()?) as usize;
    let d = u32::from_le_bytes(head[12..16].try_into().ok()?) as usize;
    if &head[..8] != CACHE_MAGIC || n != counts.len() || d != dim {
        return None;
    }
    let mut out = Vec::with_capacity(n);
    for &count in counts {
        let mut c = [0u8; 4];
        r.read_exact(&mut c).ok()?;
        if u32::from_le_bytes(c) as usize != count {
            return None;
        }
        let mut raw = vec![0u8; count * dim * 4];
        r.read_exact(&mut raw).ok()?;
        let data = raw
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect();
        out.push(DocVectors { dim, data });
    }
    Some(out)
}

fn write_cache(path: &Path, vecs: &[DocVectors], dim: usize) -> Result<()> {
    std::fs::create_dir_all(path.parent().expect("cache dir"))?;
    let tmp = path.with_extension("part");
    let mut w = BufWriter::new(
        std::fs::File::create(&tmp).with_context(|| format!("creating {}", tmp.display()))?,
    );
    w.write_all(CACHE_MAGIC)?;
    w.write_all(&(vecs.len() as u32).to_le_bytes())?;
    w.write_all(&(dim as u32).to_le_bytes())?;
    for v in vecs {
        w.write_all(&(v.len() as u32).to_le_bytes())?;
        for x in &v.data {
            w.write_all(&x.to_le_bytes())?;
        }
    }
    w.into_inner()?.sync_all()?;
    std::fs::rename(&tmp, path).with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

pub(crate) fn normalise(data: &mut [f32], dim: usize) {
    for row in data.chunks_exact_mut(dim) {
        let n = dot(row, row).sqrt();
        if n > 0.0 {
            row.iter_mut().for_each(|x| *x /= n);
        }
    }
}

/// The unit-length vectors of every document's HIPE tokens, from the cache
/// or encoded now (each document one input).
fn vectors(enc: &Encoder, docs: &[Doc], split: &str, pooling: Pooling) -> Result<Vec<DocVectors>> {
    let path = cache_path(split, pooling, enc.window());
    let names: Vec<String> = docs.iter().map(|d| d.id.to_string()).collect();
    let sents: Vec<Vec<Vec<&str>>> = docs.iter().map(sentence_words).collect();
    encode_cached(enc, &path, split, &names, &sents, pooling)
}

/// The unit-length word vectors of documents given as sentences of words
/// (`names` for messages), read from the cache at `path` when it holds
/// exactly these documents' word counts, else encoded (each document one
/// input, progress and cost printed) and cached there.
pub(crate) fn encode_cached(
    enc: &Encoder,
    path: &Path,
    split: &str,
    names: &[String],
    sents: &[Vec<Vec<&str>>],
    pooling: Pooling,
) -> Result<Vec<DocVectors>> {
    let dim = enc.dim();
    let counts: Vec<usize> = sents.iter().map(|d| d.iter().map(Vec::len).sum()).collect();
    if let Some(v) = read_cache(path, &counts, dim) {
        println!("{split}: vectors read from {}", path.display());
        return Ok(v);
    }
    let words: usize = counts.iter().sum();
    println!(
        "{split}: encoding {} documents, {words} words…",
        sents.len()
    );
    let cpu0 = cpu_seconds();
    let t0 = Instant::now();
    let mut out = Vec::with_capacity(sents.len());
    let mut done = 0usize;
    for (k, ws) in sents.iter().enumerate() {
        let v = enc
            .word_vectors(ws, pooling)
            .with_context(|| format!("{split} document {k} ({})", names[k]))?;
        let mut data = v.data;
        normalise(&mut data, dim);
        out.push(DocVectors { dim, data });
        done += counts[k];
        if k % 10 == 9 {
            println!(
                "  {done}/{words} words, {:.0} words/s",
                done as f64 / t0.elapsed().as_secs_f64()
            );
        }
    }
    let cpu = cpu_seconds().zip(cpu0).map(|(b, a)| b - a);
    println!(
        "{split}: {words} words in {:.1} s wall, {} CPU-s ({:.0} words per CPU-second)",
        t0.elapsed().as_secs_f64(),
        cpu.map_or("?".into(), |c| format!("{c:.1}")),
        cpu.map_or(0.0, |c| words as f64 / c)
    );
    write_cache(path, &out, dim)?;
    Ok(out)
}

/// A HIPE document's tokens grouped by veille's sentences (a token goes
/// with the sentence its start is in, or the one before).
fn sentence_words(d: &Doc) -> Vec<Vec<&str>> {
    let spans = sentences(&d.text);
    let mut out: Vec<Vec<&str>> = vec![Vec::new(); spans.len().max(1)];
    let mut k = 0;
    for t in &d.tokens {
        while k + 1 < spans.len() && spans[k + 1].start <= t.start {
            k += 1;
        }
        out[k].push(t.slice(&d.text));
    }
    out
}

pub(crate) fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [0f32; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let (ra, rb) = (ca.remainder(), cb.remainder());
    for (x, y) in ca.zip(cb) {
        for l in 0..8 {
            acc[l] += x[l] * y[l];
        }
    }
    let tail: f32 = ra.iter().zip(rb).map(|(x, y)| x * y).sum();
    acc.iter().sum::<f32>() + tail
}

/// Spherical k-means: `k` unit centroids, row-major.
pub(crate) struct Centroids {
    dim: usize,
    data: Vec<f32>,
}

impl Centroids {
    pub fn nearest(&self, v: &[f32]) -> u32 {
        let mut best = (0u32, f32::MIN);
        for (i, c) in self.data.chunks_exact(self.dim).enumerate() {
            let s = dot(c, v);
            if s > best.1 {
                best = (i as u32, s);
            }
        }
        best.0
    }

    pub fn fit(sample: &[&[f32]], k: usize, dim: usize) -> Centroids {
        // fixed-seed distinct starting rows
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut picked = std::collections::HashSet::new();
        let mut data = Vec::with_capacity(k * dim);
        while picked.len() < k.min(sample.len()) {
            let i = (xorshift(&mut seed) % sample.len() as u64) as usize;
            if picked.insert(i) {
                data.extend_from_slice(sample[i]);
            }
        }
        let mut c = Centroids { dim, data };
        let k = c.data.len() / dim;
        for _ in 0..KMEANS_ITERS {
            let assign: Vec<u32> = sample.par_iter().map(|v| c.nearest(v)).collect();
            let mut sums = vec![0f32; k * dim];
            let mut counts = vec![0usize; k];
            for (v, &a) in sample.iter().zip(&assign) {
                counts[a as usize] += 1;
                for (s, x) in sums[a as usize * dim..(a as usize + 1) * dim]
                    .iter_mut()
                    .zip(*v)
                {
                    *s += x;
                }
            }
            for j in 0..k {
                if counts[j] > 0 {
                    c.data[j * dim..(j + 1) * dim].copy_from_slice(&sums[j * dim..(j + 1) * dim]);
                }
            }
            normalise(&mut c.data, dim);
        }
        c
    }
}

/// Each document's words' cluster ids under `c`.
fn cluster_ids(vecs: &[DocVectors], c: &Centroids) -> Vec<Vec<u32>> {
    vecs.par_iter()
        .map(|v| (0..v.len()).map(|i| c.nearest(v.row(i))).collect())
        .collect()
}

/// Each document's words with one id per family (`families[f][doc][word]`).
fn contexts(docs: &[Doc], families: &[&Vec<Vec<u32>>]) -> Vec<WordContext> {
    docs.iter()
        .enumerate()
        .map(|(k, d)| {
            WordContext::new(
                d.tokens
                    .iter()
                    .enumerate()
                    .map(|(i, &span)| (span, families.iter().map(|f| f[k][i]).collect())),
            )
        })
        .collect()
}

/// BIO tags of a HIPE document's tokens: 0 `O`, then `B`/`I` of PER, LOC, ORG.
fn bio(d: &Doc) -> Vec<u8> {
    let mut tags = vec![0u8; d.tokens.len()];
    for &(a, b, t) in &d.gold {
        let base = match t {
            "PER" => 1,
            "LOC" => 3,
            _ => 5,
        };
        tags[a] = base;
        for x in &mut tags[a + 1..b] {
            *x = base + 1;
        }
    }
    tags
}

const CLASSES: usize = 7;

/// A per-word softmax over the vectors (option (c), stacking): its
/// predicted tag and a confidence bucket become a feature family.
struct Softmax {
    dim: usize,
    /// CLASSES rows of dim weights then a bias.
    w: Vec<f32>,
}

impl Softmax {
    fn probs(&self, x: &[f32]) -> [f32; CLASSES] {
        let mut z = [0f32; CLASSES];
        for (c, zc) in z.iter_mut().enumerate() {
            let row = &self.w[c * (self.dim + 1)..(c + 1) * (self.dim + 1)];
            *zc = dot(&row[..self.dim], x) + row[self.dim];
        }
        let m = z.iter().copied().fold(f32::MIN, f32::max);
        let mut sum = 0.0;
        for zc in &mut z {
            *zc = (*zc - m).exp();
            sum += *zc;
        }
        z.map(|e| e / sum)
    }

    /// Plain SGD, fixed-seed order, learning rate decaying per epoch.
    fn fit(xs: &[&[f32]], ys: &[u8], dim: usize) -> Softmax {
        let mut m = Softmax {
            dim,
            w: vec![0f32; CLASSES * (dim + 1)],
        };
        let mut order: Vec<usize> = (0..xs.len()).collect();
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        for epoch in 0..SOFTMAX_EPOCHS {
            shuffle(&mut order, &mut seed);
            let lr = 0.5 / (1.0 + epoch as f32);
            for &i in &order {
                let p = m.probs(xs[i]);
                for (c, &pc) in p.iter().enumerate() {
                    let g = pc - f32::from(u8::from(c == ys[i] as usize));
                    if g.abs() < 1e-4 {
                        continue;
                    }
                    let row = &mut m.w[c * (dim + 1)..(c + 1) * (dim + 1)];
                    for (w, x) in row[..dim].iter_mut().zip(xs[i]) {
                        *w -= lr * g * x;
                    }
                    row[dim] -= lr * g;
                }
            }
        }
        m
    }

    /// The id of the predicted tag and its confidence bucket.
    fn id(&self, x: &[f32]) -> u32 {
        let p = self.probs(x);
        let (c, pc) = p
            .iter()
            .enumerate()
            .fold((0, 0f32), |b, (c, &v)| if v > b.1 { (c, v) } else { b });
        let bucket = match pc {
            v if v < 0.5 => 0,
            v if v < 0.7 => 1,
            v if v < 0.9 => 2,
            _ => 3,
        };
        (c * 4 + bucket) as u32
    }
}

const SOFTMAX_EPOCHS: usize = 4;
const FOLDS: usize = 5;

/// Each word's vector followed by its neighbours' (zeros past the ends):
/// the input of the stacked softmax under `--stack-neighbours`.
fn with_neighbours(v: &DocVectors) -> DocVectors {
    let (n, dim) = (v.len(), v.dim);
    let mut data = vec![0f32; n * dim * 3];
    for i in 0..n {
        let row = &mut data[i * dim * 3..(i + 1) * dim * 3];
        row[dim..2 * dim].copy_from_slice(v.row(i));
        if i > 0 {
            row[..dim].copy_from_slice(v.row(i - 1));
        }
        if i + 1 < n {
            row[2 * dim..].copy_from_slice(v.row(i + 1));
        }
    }
    DocVectors { dim: dim * 3, data }
}

/// Ids per document word, one `Vec` per document.
type DocIds = Vec<Vec<u32>>;

/// Stacked ids: training documents from softmaxes trained on the other
/// folds (documents `k % FOLDS`), dev documents from one trained on all.
fn stack_ids(
    train_docs: &[Doc],
    train_vecs: &[DocVectors],
    dev_vecs: &[DocVectors],
    dim: usize,
) -> (DocIds, DocIds) {
    let tags: Vec<Vec<u8>> = train_docs.iter().map(bio).collect();
    let fit = |keep: &dyn Fn(usize) -> bool| {
        let mut xs = Vec::new();
        let mut ys = Vec::new();
        for (k, v) in train_vecs.iter().enumerate().filter(|(k, _)| keep(*k)) {
            for (i, &tag) in tags[k].iter().enumerate().take(v.len()) {
                xs.push(v.row(i));
                ys.push(tag);
            }
        }
        Softmax::fit(&xs, &ys, dim)
    };
    let ids = |m: &Softmax, v: &DocVectors| (0..v.len()).map(|i| m.id(v.row(i))).collect();
    let mut train_ids: Vec<Vec<u32>> = vec![Vec::new(); train_vecs.len()];
    let folds: Vec<Softmax> = (0..FOLDS)
        .into_par_iter()
        .map(|f| fit(&|k| k % FOLDS != f))
        .collect();
    for (k, v) in train_vecs.iter().enumerate() {
        train_ids[k] = ids(&folds[k % FOLDS], v);
    }
    let all = fit(&|_| true);
    let dev_ids = dev_vecs.iter().map(|v| ids(&all, v)).collect();
    (train_ids, dev_ids)
}

fn sentences(text: &str) -> Vec<Span> {
    let (_, s) = veille_text::SentenceSplitter::for_lang("fr").split(text);
    s.iter().map(|s| s.span).collect()
}

fn train(docs: &[Doc], ctx: Option<&[WordContext]>) -> NerModel {
    let rules = EntityTagger::rules_only();
    let mut trainer = NerTrainer::new();
    for (i, d) in docs.iter().enumerate() {
        trainer.add_document_with_context(
            &rules,
            &d.text,
            &sentences(&d.text),
            &gold_spans(d),
            ctx.map(|c| &c[i]),
        );
    }
    trainer.train(EPOCHS, 0.05)
}

fn print_scores(label: &str, s: &Scores) {
    let ((sp, sr, sf), (fp, fr, ff)) = s.micro();
    println!(
        "| {label} | {sf:.3} | {ff:.3} | strict P {sp:.3} R {sr:.3}, fuzzy P {fp:.3} R {fr:.3} |"
    );
    for (t, gold, (_, _, tsf), (_, _, tff)) in s.per_type() {
        println!("|   {t} ({gold}) | {tsf:.3} | {tff:.3} | |");
    }
}

pub fn run(args: &[&str]) -> Result<()> {
    let opt = |name: &str| {
        args.iter()
            .position(|a| *a == name)
            .and_then(|i| args.get(i + 1).copied())
    };
    let ks: Vec<usize> = opt("--k")
        .unwrap_or("64,256,1024")
        .split(',')
        .map(|k| k.parse().with_context(|| format!("--k: {k}")))
        .collect::<Result<_>>()?;
    let pooling = match opt("--pool").unwrap_or("mean") {
        "mean" => Pooling::Mean,
        "first" => Pooling::First,
        p => bail!("--pool: {p} (mean or first)"),
    };
    let cost: Option<usize> = opt("--cost").map(str::parse).transpose()?;
    let (Some(train_path), Some(dev_path)) = (
        data::require("hipe2020-fr/train.tsv"),
        data::require("hipe2020-fr/dev.tsv"),
    ) else {
        return Ok(());
    };
    let window: usize = opt("--window").map_or(Ok(WINDOW), str::parse)?;
    let model_path = veille_e5::model_path(&data::models_dir());
    let mut enc = Encoder::load(&model_path).context("run scripts/fetch-e5.sh first")?;
    enc.set_window(window);
    veille_e5::set_threads(2);
    let train_docs = read_hipe(&train_path)?;
    let dev_docs = read_hipe(&dev_path)?;
    let train_vecs = vectors(&enc, &train_docs, "train", pooling)?;
    let dev_vecs = vectors(&enc, &dev_docs, "dev", pooling)?;

    let dim = enc.dim();
    let all: Vec<&[f32]> = train_vecs
        .iter()
        .flat_map(|v| (0..v.len()).map(move |i| v.row(i)))
        .collect();
    let step = (all.len() / KMEANS_SAMPLE).max(1);
    let sample: Vec<&[f32]> = all.iter().step_by(step).copied().collect();
    let mut cents = Vec::new();
    for &k in &ks {
        let t0 = Instant::now();
        cents.push(Centroids::fit(&sample, k, dim));
        println!(
            "k-means k={k} over {} training words: {:.1} s",
            sample.len(),
            t0.elapsed().as_secs_f64()
        );
    }

    println!("\n| variant | strict F1 | fuzzy F1 | |\n|---|---|---|---|");
    let base = train(&train_docs, None);
    let base: &'static NerModel = Box::leak(Box::new(base));
    print_scores(
        "no context",
        &evaluate_with(&EntityTagger::with_model(base), &dev_docs, None),
    );
    // per variant: label, and the (train, dev) ids of each family
    let clusters: Vec<(DocIds, DocIds)> = cents
        .iter()
        .map(|c| (cluster_ids(&train_vecs, c), cluster_ids(&dev_vecs, c)))
        .collect();
    let mut variants: Vec<(String, Vec<usize>)> = ks
        .iter()
        .enumerate()
        .map(|(i, k)| (format!("k={k}"), vec![i]))
        .collect();
    let all_k: Vec<usize> = (0..ks.len()).collect();
    if ks.len() > 1 {
        let label = ks
            .iter()
            .map(|k| k.to_string())
            .collect::<Vec<_>>()
            .join("+");
        variants.push((format!("k={label}"), all_k.clone()));
    }
    let mut families = clusters;
    if args.contains(&"--stack") {
        let t0 = Instant::now();
        if args.contains(&"--stack-neighbours") {
            let tn: Vec<DocVectors> = train_vecs.iter().map(with_neighbours).collect();
            let dn: Vec<DocVectors> = dev_vecs.iter().map(with_neighbours).collect();
            families.push(stack_ids(&train_docs, &tn, &dn, dim * 3));
        } else {
            families.push(stack_ids(&train_docs, &train_vecs, &dev_vecs, dim));
        }
        println!(
            "stacked softmax ({FOLDS} folds + all, {SOFTMAX_EPOCHS} epochs): {:.1} s",
            t0.elapsed().as_secs_f64()
        );
        let s = families.len() - 1;
        variants.push(("stacked tag".into(), vec![s]));
        let mut both = all_k.clone();
        both.push(s);
        variants.push(("stacked tag + all k".into(), both));
    }
    let mut best: Option<(f64, &'static NerModel, Vec<usize>)> = None;
    for (label, fams) in variants {
        let tf: Vec<&Vec<Vec<u32>>> = fams.iter().map(|&f| &families[f].0).collect();
        let df: Vec<&Vec<Vec<u32>>> = fams.iter().map(|&f| &families[f].1).collect();
        let tc = contexts(&train_docs, &tf);
        let dc = contexts(&dev_docs, &df);
        let model: &'static NerModel = Box::leak(Box::new(train(&train_docs, Some(&tc))));
        let scores = evaluate_with(&EntityTagger::with_model(model), &dev_docs, Some(&dc));
        print_scores(&label, &scores);
        let f = scores.micro().0 .2;
        // the cost is measured with cluster families only
        if fams.iter().all(|&i| i < ks.len()) && best.as_ref().is_none_or(|b| f > b.0) {
            best = Some((f, model, fams));
        }
    }
    if let (Some(n), Some((_, model, fams))) = (cost, best) {
        let fams: Vec<&Centroids> = fams.iter().map(|&i| &cents[i]).collect();
        cost_on_orangesum(&enc, pooling, model, &fams, n)?;
    }
    Ok(())
}

/// CPU seconds of the contextual path on the first `n` OrangeSum articles:
/// sentences, words (`veille_text::tokenize`), vectors, clusters, tags.
fn cost_on_orangesum(
    enc: &Encoder,
    pooling: Pooling,
    model: &'static NerModel,
    fams: &[&Centroids],
    n: usize,
) -> Result<()> {
    let Some(path) = data::require("orangesum/articles.jsonl") else {
        return Ok(());
    };
    let raw =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let texts: Vec<String> = raw
        .lines()
        .take(n)
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| {
            let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
            format!("{}\n\n{}\n\n{}", s("title"), s("heading"), s("article"))
        })
        .collect();
    let tagger = EntityTagger::with_model(model);
    let _ = tagger.tag("Barda.", &[Span::new(0, 6)], "fr"); // the gazetteer loads once
    let (mut words, mut mentions) = (0usize, 0usize);
    let (mut enc_cpu, mut all_cpu) = (0f64, 0f64);
    let t0 = Instant::now();
    for text in &texts {
        let c0 = cpu_seconds().unwrap_or(0.0);
        let spans = sentences(text);
        let per: Vec<Vec<Span>> = spans
            .iter()
            .map(|s| {
                veille_text::tokenize(s.slice(text))
                    .iter()
                    .map(|t| {
                        Span::new(
                            s.start as usize + t.span.start as usize,
                            s.start as usize + t.span.end as usize,
                        )
                    })
                    .collect()
            })
            .collect();
        let ws: Vec<Vec<&str>> = per
            .iter()
            .map(|s| s.iter().map(|w| w.slice(text)).collect())
            .collect();
        let mut v = enc.word_vectors(&ws, pooling)?;
        normalise(&mut v.data, v.dim);
        let c1 = cpu_seconds().unwrap_or(0.0);
        let flat: Vec<Span> = per.into_iter().flatten().collect();
        words += flat.len();
        let ctx = WordContext::new(
            flat.iter()
                .enumerate()
                .map(|(i, &span)| (span, fams.iter().map(|c| c.nearest(v.get(i))).collect())),
        );
        mentions += tagger
            .tag_with_context(text, &spans, "fr", Some(&ctx))
            .len();
        let c2 = cpu_seconds().unwrap_or(0.0);
        enc_cpu += c1 - c0;
        all_cpu += c2 - c0;
    }
    let n = texts.len() as f64;
    println!(
        "\nOrangeSum, {} articles, {words} words, {mentions} mentions: {:.1} s wall; \
         {all_cpu:.1} CPU-s in all ({:.2} articles and {:.0} words per CPU-second), \
         {enc_cpu:.1} CPU-s of it encoding; load average {}",
        texts.len(),
        t0.elapsed().as_secs_f64(),
        n / all_cpu,
        words as f64 / all_cpu,
        data::load_average()
    );
    Ok(())
}
