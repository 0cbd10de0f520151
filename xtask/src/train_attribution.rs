//! `cargo run --release -p xtask -- train attribution [--epochs N] [--min W]`:
//! trains the English attribution model (`veille_extract::quotes::learned`)
//! on PolNeAR train, prints its source F1 on PolNeAR dev next to the rules',
//! and writes the weights (those of magnitude ≥ `--min`, gzipped) to
//! `$VEILLE_MODELS/attribution-en.weights.gz` (default `target/models`), where
//! `veille` and the evals read them (not committed: see `veille_extract::models`). Training reads PolNeAR train only; dev is for the figures.

use crate::eval_claims::{polnear_docs, score_polnear, source_f1, PolnearDoc};
use anyhow::{bail, Context, Result};
use std::time::Instant;
use veille_extract::quotes::learned::{train, Attribution, AttributionModel, TrainSentence};
use veille_extract::{extract_quotes_with, QuoteMethod};
use veille_text::SentenceSplitter;

/// The sentences of the documents with the attributions whose cue lies in
/// them; a source outside the cue's sentence counts as none.
fn sentences(docs: &[PolnearDoc]) -> Vec<TrainSentence> {
    let splitter = SentenceSplitter::for_lang("en");
    let mut out = Vec::new();
    for doc in docs {
        for s in splitter.split(&doc.text).1 {
            let (a, b) = (s.span.start as usize, s.span.end as usize);
            let inside = |(x, y): (usize, usize)| a <= x && y <= b && x < y;
            let gold = doc
                .pairs
                .iter()
                .filter(|(cue, _)| inside(*cue))
                .map(|&(cue, source)| Attribution {
                    cue: (cue.0 - a, cue.1 - a),
                    source: source.filter(|&r| inside(r)).map(|(x, y)| (x - a, y - a)),
                })
                .collect();
            out.push(TrainSentence {
                text: doc.text[a..b].to_string(),
                gold,
            });
        }
    }
    out
}

fn arg<T: std::str::FromStr>(args: &[&str], name: &str, default: T) -> Result<T> {
    match args.iter().position(|a| *a == name) {
        None => Ok(default),
        Some(i) => match args.get(i + 1).and_then(|v| v.parse().ok()) {
            Some(v) => Ok(v),
            None => bail!("{name} needs a number"),
        },
    }
}

pub fn run(args: &[&str]) -> Result<()> {
    let epochs: usize = arg(args, "--epochs", 8)?;
    // every weight by default: pruning at 1 lost 0.012 source F1 on dev
    let min: f32 = arg(args, "--min", 0.0)?;
    let (Some(train_docs), Some(dev)) = (polnear_docs("train")?, polnear_docs("dev")?) else {
        bail!("PolNeAR train and dev are needed under $VEILLE_DATA/polnear");
    };
    let data = sentences(&train_docs);
    let t = Instant::now();
    let (model, stats) = train(&data, epochs);
    println!(
        "trained on {} sentences ({} cues, {} with a source in the sentence, {} of those reachable) in {:.1} s, {epochs} epochs, {} weights not zero",
        stats.sentences,
        stats.cues,
        stats.sources,
        stats.reachable,
        t.elapsed().as_secs_f64(),
        model.nonzero()
    );
    let gz = model.to_gz(min)?;
    let kept = AttributionModel::from_gz(&gz).map_err(anyhow::Error::msg)?;
    for (label, m) in [("full", &model), ("stored", &kept)] {
        let (e, o) = source_f1(&score_polnear(
            &dev,
            &|i| extract_quotes_with(i, QuoteMethod::Learned(m)),
            false,
        ));
        println!("dev source F1 learned ({label}): exact {e:.3} overlap {o:.3}");
    }
    let (e, o) = source_f1(&score_polnear(
        &dev,
        &|i| extract_quotes_with(i, QuoteMethod::Rules),
        false,
    ));
    println!("dev source F1 rules: exact {e:.3} overlap {o:.3}");
    let path = crate::data::model_path(veille_extract::models::ATTRIBUTION_EN)?;
    std::fs::write(&path, &gz).with_context(|| format!("writing {}", path.display()))?;
    println!(
        "wrote {} ({} bytes, {} weights)",
        path.display(),
        gz.len(),
        kept.nonzero()
    );
    Ok(())
}
