//! The English attribution model with features of each word's contextual
//! vector (multilingual-e5-small, `crates/veille-e5`).
//!
//! Two logistic heads read a word's unit-length vector: how likely it is
//! part of a reporting cue, and how likely part of a source. Each head's
//! probability, cut into seven buckets, is one more per-word id the
//! perceptron of [`learned`] reads (stacking: the heads are trained on
//! PolNeAR train, and the perceptron on train sees buckets from heads
//! trained on the other four fifths of the documents, as it will see them
//! on unseen text). The perceptron's cue features take the word's and its
//! neighbours' ids, its source features the ids at and around a candidate's
//! edges.
//!
//! PolNeAR dev source F1 (reports/claims.md): 0.753 exact against 0.724
//! without the vectors. The vectors cost: the encoder reads some 600 to 900
//! words per second on two cores (a whole GVA ingest goes from 137 to 1.7
//! documents per second), so the engine uses this model only when asked
//! (`veille ingest --contextual`), and the vectors come from a
//! [`WordVectorSource`] so that this crate does not link the encoder.
//!
//! Trained by `cargo run --release -p xtask -- train attribution-e5`, which
//! writes [`ContextualModel::FILE`] to `$VEILLE_MODELS` (not committed, as
//! the plain model: PolNeAR carries no licence).

use super::learned::{gunzip, gzip, AttributionModel, WordIds};
use crate::numbers::words::Word;
use std::sync::OnceLock;

/// Where contextual word vectors come from (an encoder, a cache).
pub trait WordVectorSource: Sync + std::fmt::Debug {
    /// The vector size.
    fn dim(&self) -> usize;
    /// One vector per word of `words` (row-major, [`WordVectorSource::dim`]
    /// floats each), the words as they stand in the sentence `sentence`;
    /// `None` when they cannot be had (the model then reads the words
    /// alone).
    fn word_vectors(&self, sentence: &str, words: &[&str]) -> Option<Vec<f32>>;
}

/// The model and vector source [`install`]ed for English.
type Installed = (ContextualModel, Box<dyn WordVectorSource + Send>);

fn installed_slot() -> &'static OnceLock<Installed> {
    static SLOT: OnceLock<Installed> = OnceLock::new();
    &SLOT
}

/// Makes `model`, with vectors from `source`, what English sentences use
/// ([`crate::QuoteMethod::for_lang`]) for the rest of the process. Only the
/// first call counts: it returns whether this one did.
pub fn install(model: ContextualModel, source: Box<dyn WordVectorSource + Send>) -> bool {
    installed_slot().set((model, source)).is_ok()
}

/// The installed model and its vector source, if any.
pub(crate) fn installed() -> Option<(&'static ContextualModel, &'static dyn WordVectorSource)> {
    installed_slot()
        .get()
        .map(|(m, s)| (m, s.as_ref() as &dyn WordVectorSource))
}

/// A logistic classifier over a unit-length vector.
#[derive(Debug, Clone, PartialEq)]
pub struct Head {
    w: Vec<f32>,
    b: f32,
}

/// SGD passes over the training words.
const HEAD_EPOCHS: usize = 3;

impl Head {
    /// Trains on unit-length vectors `xs` with labels `ys`: plain SGD over
    /// a fixed-seed order, the learning rate halving, then thirding, per
    /// epoch (the same head every run).
    pub fn fit(xs: &[&[f32]], ys: &[bool], dim: usize) -> Head {
        let mut h = Head {
            w: vec![0.0; dim],
            b: 0.0,
        };
        let mut order: Vec<usize> = (0..xs.len()).collect();
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        for epoch in 0..HEAD_EPOCHS {
            crate::models::shuffle(&mut order, &mut seed);
            let lr = 0.5 / (1.0 + epoch as f32);
            for &i in &order {
                let g = h.probability(xs[i]) - f32::from(u8::from(ys[i]));
                if g.abs() < 1e-4 {
                    continue;
                }
                for (w, x) in h.w.iter_mut().zip(xs[i]) {
                    *w -= lr * g * x;
                }
                h.b -= lr * g;
            }
        }
        h
    }

    /// The probability of the positive class for a unit-length vector.
    pub fn probability(&self, x: &[f32]) -> f32 {
        let z: f32 = self.w.iter().zip(x).map(|(w, x)| w * x).sum::<f32>() + self.b;
        1.0 / (1.0 + (-z).exp())
    }

    /// The probability cut into seven buckets (0 below 0.02 … 6 from 0.9).
    pub fn bucket(&self, x: &[f32]) -> u32 {
        match self.probability(x) {
            v if v < 0.02 => 0,
            v if v < 0.1 => 1,
            v if v < 0.3 => 2,
            v if v < 0.5 => 3,
            v if v < 0.7 => 4,
            v if v < 0.9 => 5,
            _ => 6,
        }
    }
}

/// Scales each row of `dim` floats to unit length (zero rows stay zero).
pub fn normalise(data: &mut [f32], dim: usize) {
    for row in data.chunks_exact_mut(dim.max(1)) {
        let n = row.iter().map(|x| x * x).sum::<f32>().sqrt();
        if n > 0.0 {
            row.iter_mut().for_each(|x| *x /= n);
        }
    }
}

/// The per-word ids `heads` give a sentence's words from their vectors
/// (row-major, scaled to unit length here): one bucket per head.
pub fn word_ids(heads: &[Head], vectors: &[f32], dim: usize) -> WordIds {
    let mut v = vectors.to_vec();
    normalise(&mut v, dim);
    v.chunks_exact(dim.max(1))
        .map(|x| heads.iter().map(|h| h.bucket(x)).collect())
        .collect()
}

/// The attribution model trained with the heads' buckets, and the heads
/// (cue, then source: the order of the ids).
#[derive(Debug, Clone)]
pub struct ContextualModel {
    pub model: AttributionModel,
    pub heads: Vec<Head>,
}

/// The first line of a contextual model file.
const HEADER: &str = "veille-attribution-e5 1";

impl ContextualModel {
    /// Its file name in `$VEILLE_MODELS`.
    pub const FILE: &'static str = "attribution-en-e5.weights.gz";

    /// The per-word ids of a sentence from its words' vectors (row-major,
    /// scaled to unit length here).
    pub fn word_ids(&self, vectors: &[f32], dim: usize) -> WordIds {
        word_ids(&self.heads, vectors, dim)
    }

    /// The ids of a sentence's words, when `source` gives their vectors.
    pub(crate) fn context(
        &self,
        text: &str,
        ws: &[Word],
        source: &dyn WordVectorSource,
    ) -> Option<WordIds> {
        let words: Vec<&str> = ws
            .iter()
            .map(|w| &text[w.span.start as usize..w.span.end as usize])
            .collect();
        let dim = source.dim();
        let v = source.word_vectors(text, &words)?;
        (dim > 0 && v.len() == words.len() * dim).then(|| self.word_ids(&v, dim))
    }

    /// The model as gzipped text: a version line, `heads N DIM`, one line
    /// per head (its bias then its weights), `weights`, then the
    /// attribution model's `index weight` lines of magnitude ≥ `min`.
    pub fn to_gz(&self, min: f32) -> std::io::Result<Vec<u8>> {
        use std::fmt::Write;
        let dim = self.heads.first().map_or(0, |h| h.w.len());
        let mut text = format!("{HEADER}\nheads {} {dim}\n", self.heads.len());
        for h in &self.heads {
            let _ = write!(text, "{}", h.b);
            for w in &h.w {
                let _ = write!(text, " {w}");
            }
            text.push('\n');
        }
        text.push_str("weights\n");
        self.model.write_lines(min, &mut text);
        gzip(&text)
    }

    /// Reads what [`ContextualModel::to_gz`] wrote.
    pub fn from_gz(bytes: &[u8]) -> Result<ContextualModel, String> {
        let text = gunzip(bytes)?;
        let mut lines = text.lines();
        if lines.next() != Some(HEADER) {
            return Err(format!(
                "not a {HEADER:?} file (run `cargo run --release -p xtask -- train attribution-e5`)"
            ));
        }
        let sizes = lines.next().unwrap_or_default();
        let (n, dim) = match sizes.split(' ').collect::<Vec<_>>()[..] {
            ["heads", n, d] => (
                n.parse::<usize>()
                    .map_err(|_| format!("bad head count {n:?}"))?,
                d.parse::<usize>()
                    .map_err(|_| format!("bad dimension {d:?}"))?,
            ),
            _ => return Err(format!("expected `heads N DIM`, found {sizes:?}")),
        };
        if n > 16 || dim > 4096 {
            return Err(format!(
                "{n} heads of {dim} weights: not a model of this kind"
            ));
        }
        let mut heads = Vec::with_capacity(n);
        for k in 0..n {
            let line = lines.next().ok_or(format!("head {k} missing"))?;
            let v: Vec<f32> = line
                .split(' ')
                .map(str::parse)
                .collect::<Result<_, _>>()
                .map_err(|_| format!("head {k}: bad number"))?;
            if v.len() != dim + 1 {
                return Err(format!("head {k}: {} numbers, not {}", v.len(), dim + 1));
            }
            heads.push(Head {
                b: v[0],
                w: v[1..].to_vec(),
            });
        }
        if lines.next() != Some("weights") {
            return Err("expected `weights` after the heads".into());
        }
        let model = AttributionModel::from_lines(lines)?;
        Ok(ContextualModel { model, heads })
    }
}

#[cfg(test)]
mod tests {
    use super::super::learned::{train, Attribution, TrainSentence};
    use super::*;

    #[test]
    fn a_head_learns_a_direction_and_buckets_it() {
        let pos = [0.6f32, 0.8];
        let neg = [0.8f32, -0.6];
        let xs: Vec<&[f32]> = (0..200)
            .map(|i| if i % 2 == 0 { &pos[..] } else { &neg[..] })
            .collect();
        let ys: Vec<bool> = (0..200).map(|i| i % 2 == 0).collect();
        let h = Head::fit(&xs, &ys, 2);
        assert!(h.probability(&pos) > 0.9, "{}", h.probability(&pos));
        assert!(h.probability(&neg) < 0.1, "{}", h.probability(&neg));
        assert_eq!(h.bucket(&pos), 6);
        assert!(h.bucket(&neg) <= 1);
    }

    fn model() -> ContextualModel {
        let data = vec![TrainSentence {
            text: "Prices fell, the minister said.".into(),
            gold: vec![Attribution {
                cue: (26, 30),
                source: Some((13, 25)),
            }],
            context: Some(vec![vec![0, 1]; 5]),
        }];
        let (model, _) = train(&data, 3, 1);
        ContextualModel {
            model,
            heads: vec![
                Head {
                    w: vec![1.0, 0.0],
                    b: 0.0,
                },
                Head {
                    w: vec![0.0, -2.5],
                    b: 0.5,
                },
            ],
        }
    }

    #[test]
    fn the_model_file_round_trips() {
        let m = model();
        let back = ContextualModel::from_gz(&m.to_gz(0.0).unwrap()).unwrap();
        assert_eq!(back.heads, m.heads);
        assert_eq!(back.model.nonzero(), m.model.nonzero());
        assert_eq!(
            back.word_ids(&[3.0, 4.0, 0.0, 0.0], 2),
            m.word_ids(&[3.0, 4.0, 0.0, 0.0], 2)
        );
    }

    #[test]
    fn malformed_model_files_are_errors() {
        let gz = |t: &str| gzip(t).unwrap();
        for bad in [
            "",
            "veille-attribution 2\n",
            "veille-attribution-e5 1\n",
            "veille-attribution-e5 1\nheads x 2\n",
            "veille-attribution-e5 1\nheads 1 2\n0.5 1\nweights\n",
            "veille-attribution-e5 1\nheads 1 2\n0.5 1 nope\nweights\n",
            "veille-attribution-e5 1\nheads 1 2\n0.5 1 2\n",
            "veille-attribution-e5 1\nheads 1 2\n0.5 1 2\nweights\n99999999999 1\n",
            "veille-attribution-e5 1\nheads 99999 99999\n",
        ] {
            assert!(ContextualModel::from_gz(&gz(bad)).is_err(), "{bad:?}");
        }
        assert!(ContextualModel::from_gz(b"not gzip").is_err());
    }

    /// Vectors that point one way for `said` and another for any other word.
    #[derive(Debug)]
    struct Toy {
        give: bool,
    }

    impl WordVectorSource for Toy {
        fn dim(&self) -> usize {
            2
        }
        fn word_vectors(&self, _: &str, words: &[&str]) -> Option<Vec<f32>> {
            self.give.then(|| {
                words
                    .iter()
                    .flat_map(|w| {
                        if *w == "said" {
                            [3.0, 4.0]
                        } else {
                            [4.0, -3.0]
                        }
                    })
                    .collect()
            })
        }
    }

    #[test]
    fn sentences_read_their_vectors_through_the_method() {
        use crate::{extract_quotes_with, QuoteMethod, SentenceInput};
        use veille_model::Span;
        let heads = vec![Head {
            w: vec![6.0, 8.0],
            b: -1.0,
        }];
        // trained with the head's buckets as the words' context
        let data: Vec<TrainSentence> = [
            ("Prices fell, the minister said.", (26, 30), (13, 25)),
            ("Rents rose, the mayor said.", (22, 26), (12, 21)),
            ("The army said it withdrew.", (9, 13), (0, 8)),
        ]
        .iter()
        .map(|&(text, cue, source)| {
            let ws = crate::numbers::words::words(text);
            let vectors: Vec<f32> = ws
                .iter()
                .flat_map(|w| {
                    if w.key == "said" {
                        [3.0, 4.0]
                    } else {
                        [4.0, -3.0]
                    }
                })
                .collect();
            let shell = ContextualModel {
                model: AttributionModel::builtin().clone(),
                heads: heads.clone(),
            };
            TrainSentence {
                text: text.into(),
                gold: vec![Attribution {
                    cue,
                    source: Some(source),
                }],
                context: Some(shell.word_ids(&vectors, 2)),
            }
        })
        .collect();
        let (model, _) = train(&data, 10, 1);
        let m = ContextualModel { model, heads };
        let text = "Taxes rose, the senator said.";
        let input = SentenceInput {
            text,
            span: Span::new(0, text.len()),
            previous: None,
            title: None,
            lang: "en",
        };
        let got = extract_quotes_with(&input, QuoteMethod::Contextual(&m, &Toy { give: true }));
        let cue = got.iter().find_map(|q| q.cue).expect("a cue");
        assert_eq!(cue.slice(text), "said");
        // without vectors the words alone decide, and nothing breaks
        let _ = extract_quotes_with(&input, QuoteMethod::Contextual(&m, &Toy { give: false }));
        // one id per word, from the head
        let ws = crate::numbers::words::words(text);
        let ids = m.context(text, &ws, &Toy { give: true }).unwrap();
        assert_eq!(ids.len(), ws.len());
        assert_eq!(ids[ws.len() - 1], vec![6]);
        assert_eq!(
            m.word_ids(&[3.0, 4.0, 4.0, -3.0], 2),
            vec![vec![6], vec![2]]
        );
    }

    proptest::proptest! {
        #[test]
        fn any_model_text_loads_or_fails(text in "\\PC{0,300}") {
            let _ = ContextualModel::from_gz(&gzip(&format!("{HEADER}\n{text}")).unwrap());
        }
    }
}
