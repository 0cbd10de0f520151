//! `cargo xtask train ner [EPOCHS] [--errors]` (6 epochs unless told; `--e5`: see
//! [`crate::ner_e5`]): trains the learned entity tagger (an
//! averaged perceptron, `veille_extract::entities::NerTrainer`) on
//! HIPE-2020 French train (`$VEILLE_DATA/hipe2020-fr/train.tsv`; the data
//! is never copied into the project) and writes the weights to
//! `$VEILLE_MODELS/ner-fr.bin.gz` (default `target/models`), where `veille`
//! and `eval ner` read it (not committed: see `veille_extract::models`). It then scores the fresh model on HIPE dev, so a training can be
//! judged before rebuilding.

use crate::data;
use crate::eval_entities::{evaluate, read_hipe, Doc};
use anyhow::{Context, Result};
use std::time::Instant;
use veille_extract::entities::{EntityKind, EntityTagger, NerTrainer};
use veille_model::Span;

/// Gold byte spans of a HIPE document.
pub(crate) fn gold_spans(d: &Doc) -> Vec<(Span, EntityKind)> {
    d.gold
        .iter()
        .map(|&(a, b, t)| {
            let kind = match t {
                "PER" => EntityKind::Person,
                "ORG" => EntityKind::Organisation,
                _ => EntityKind::Place,
            };
            (
                Span::new(d.tokens[a].start as usize, d.tokens[b - 1].end as usize),
                kind,
            )
        })
        .collect()
}

pub fn run(args: &[&str]) -> Result<()> {
    if args.contains(&"--e5") {
        return crate::ner_e5::run(args);
    }
    let epochs: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(6);
    let Some(train) = data::require("hipe2020-fr/train.tsv") else {
        return Ok(());
    };
    let docs = read_hipe(&train)?;
    let t0 = Instant::now();
    let mut trainer = NerTrainer::new();
    let rules = EntityTagger::rules_only();
    for d in &docs {
        let (_, sentences) = veille_text::SentenceSplitter::for_lang("fr").split(&d.text);
        let spans: Vec<Span> = sentences.iter().map(|s| s.span).collect();
        trainer.add_document(&rules, &d.text, &spans, &gold_spans(d));
    }
    println!(
        "{} documents, {} words; {} gold entity openings outside the gate",
        docs.len(),
        trainer.words,
        trainer.unreachable
    );
    let model = trainer.train(epochs, 0.05);
    let bytes = model.to_bytes();
    println!(
        "{epochs} epochs in {:.1} s: {} features, {:.2} MB",
        t0.elapsed().as_secs_f64(),
        model.len(),
        bytes.len() as f64 / 1e6
    );
    let out = data::model_path(veille_extract::models::NER_FR)?;
    std::fs::write(&out, &bytes).with_context(|| format!("writing {}", out.display()))?;
    println!("wrote {}", out.display());
    if let Some(dev) = data::require("hipe2020-fr/dev.tsv") {
        let dev = read_hipe(&dev)?;
        let model: &'static _ = Box::leak(Box::new(model));
        let scores = evaluate(&EntityTagger::with_model(model), &dev);
        let ((_, _, sf), (_, _, ff)) = scores.micro();
        println!("dev: strict F1 {sf:.3}, fuzzy F1 {ff:.3}");
        if args.contains(&"--errors") {
            for (e, n) in scores.top_errors(10000) {
                println!("{n} × {e}");
            }
        }
    }
    Ok(())
}
