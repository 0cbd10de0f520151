//! `cargo xtask tune clustering --links`: fits the follow-up link's weights
//! (`veille_story::LinkModel`, see `crates/veille-story/src/cluster/link.rs`)
//! on GVA's dev half and picks its threshold there.
//!
//! The dev half is clustered in date order with the link off; before each
//! document is assigned, the clusterer gives the pairs of it and each dated
//! member of its candidate events (`Clusterer::add_with_link_examples`),
//! labelled here by whether the two share their gold incident. A logistic
//! regression (plain SGD, 15 epochs, a fixed shuffle) fits the weights; the
//! threshold is the one of [`THRESHOLDS`] that gives the best B³ F1 of GVA
//! dev with the link on. The test half is scored at the end, never used
//! before. Prints the weights to paste into `config.rs` (`link_model`).

use crate::data::require;
use crate::eval_clustering::{load_gva, load_rpm2, run_set, Item};
use anyhow::Result;
use veille_story::cluster::link::logistic;
use veille_story::{ClusterConfig, Clusterer, LinkExample};

/// Thresholds tried on GVA dev.
const THRESHOLDS: [f32; 12] = [
    0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85,
];
const EPOCHS: usize = 15;
const L2: f32 = 1e-5;

pub fn run(_args: &[&str]) -> Result<()> {
    let Some(path) = require("gva/articles.jsonl") else {
        return Ok(());
    };
    let gva = load_gva(&path)?;
    let dev: Vec<&Item> = gva.iter().filter(|i| i.dev).collect();
    let test: Vec<&Item> = gva.iter().filter(|i| !i.dev).collect();
    let all: Vec<&Item> = gva.iter().collect();
    let gold: std::collections::HashMap<u64, &str> =
        dev.iter().map(|i| (i.doc.key, i.event.as_str())).collect();

    let mut off = ClusterConfig::default();
    off.link.enabled = false;
    let mut c = Clusterer::new(off.clone())?;
    let mut examples: Vec<LinkExample> = Vec::new();
    for p in c.prepare(dev.iter().map(|i| i.doc.clone()).collect()) {
        c.add_with_link_examples(p, &mut examples);
    }
    let data: Vec<(_, f32)> = examples
        .iter()
        .map(|e| {
            let same = gold
                .get(&e.doc)
                .is_some_and(|g| gold.get(&e.member) == Some(g));
            (e.features, if same { 1.0 } else { 0.0 })
        })
        .collect();
    let positives = data.iter().filter(|d| d.1 > 0.5).count();
    let weights = fit(&data);
    println!(
        "GVA dev: {} documents, {} pairs, {positives} of one incident; weights [{}]",
        dev.len(),
        data.len(),
        weights
            .iter()
            .map(|w| format!("{w:.3}"))
            .collect::<Vec<_>>()
            .join(", ")
    );

    let mut config = ClusterConfig::default();
    config.link.enabled = true;
    config.link.weights = weights;
    let mut best = (0.0f64, config.link.threshold);
    for t in THRESHOLDS {
        config.link.threshold = t;
        let s = run_set(&dev, &config)?;
        println!(
            "threshold {t}: GVA dev event P {:.3} R {:.3} F1 {:.3}",
            s.event.0, s.event.1, s.event.2
        );
        if s.event.2 > best.0 + 1e-4 {
            best = (s.event.2, t);
        }
    }
    config.link.threshold = best.1;
    println!("chosen threshold {} (dev F1 {:.3})", best.1, best.0);
    let rpm: Vec<Item> = match require("rpm2/documents") {
        Some(p) => load_rpm2(&p)?,
        None => Vec::new(),
    };
    let rpm: Vec<&Item> = rpm.iter().collect();
    for (label, cfg) in [("link off", &off), ("link on", &config)] {
        let [d, t, a] = [&dev, &test, &all].map(|s| run_set(s, cfg).unwrap_or_default().event);
        let r = run_set(&rpm, cfg).unwrap_or_default();
        println!(
            "{label}: GVA event F1 dev {:.3}, test {:.3}, all {:.3} (P {:.3} R {:.3}); RPM2 events {:.3}, stories {:.3}",
            d.2, t.2, a.2, a.0, a.1, r.event.2, r.story.2
        );
    }
    Ok(())
}

/// Logistic regression by SGD: the learning rate falls as 0.5 / (1 + epoch),
/// the examples are visited in a fixed pseudo-random order.
fn fit<const N: usize>(data: &[([f32; N], f32)]) -> [f32; N] {
    let mut w = [0.0f32; N];
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    for epoch in 0..EPOCHS {
        veille_extract::models::shuffle(&mut order, &mut state);
        let lr = 0.5 / (1.0 + epoch as f32);
        for &k in &order {
            let (x, y) = &data[k];
            let g = logistic(w.iter().zip(x).map(|(a, b)| a * b).sum()) - y;
            for f in 0..N {
                w[f] -= lr * (g * x[f] + L2 * w[f]);
            }
        }
    }
    w
}

#[cfg(test)]
mod tests {
    use super::{fit, logistic};

    #[test]
    fn fit_separates_a_separable_feature() {
        let data: Vec<([f32; 2], f32)> = (0..200)
            .map(|i| {
                let x = i as f32 / 200.0;
                ([1.0, x], if x > 0.5 { 1.0 } else { 0.0 })
            })
            .collect();
        let w = fit(&data);
        let p = |x: f32| logistic(w[0] + w[1] * x);
        assert!(p(0.9) > 0.8 && p(0.1) < 0.2, "{w:?}");
    }
}
