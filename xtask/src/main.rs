//! `cargo xtask`: evaluations against gold data and benchmarks against peers.
//!
//! Each subcommand lives in its own module and writes its report to
//! `reports/*.md`. Gold data is read from `$VEILLE_DATA` (default
//! `../shared/data` beside the workspace); a missing data set is skipped with
//! a message, never an error.

mod attribution_e5;
mod bench_clustering;
mod bench_dupes;
mod bench_ingest;
mod bench_search;
mod bench_search_miss;
mod bench_search_phases;
mod bench_serve;
mod bench_ui;
mod data;
mod eval_claims;
mod eval_clustering;
mod eval_clustering_store;
mod eval_dates;
mod eval_dupes;
mod eval_entities;
mod eval_events;
mod eval_html;
mod eval_summary;
mod ner_e5;
mod rouge;
mod train_attribution;
mod train_ner;
mod tune_links;

use anyhow::{bail, Result};

/// What a subcommand runs: the arguments after its two words.
type Run = fn(&[&str]) -> Result<()>;

/// Every subcommand, `(verb, what, run)`, sorted (one row each).
const COMMANDS: &[(&str, &str, Run)] = &[
    ("bench", "clustering", bench_clustering::run),
    ("bench", "dupes", bench_dupes::run),
    ("bench", "ingest", bench_ingest::run),
    ("bench", "search", bench_search::run),
    ("bench", "search-miss", bench_search_miss::run),
    ("bench", "search-phases", bench_search_phases::run),
    ("bench", "serve", bench_serve::run),
    ("bench", "ui", bench_ui::run),
    ("eval", "claims", eval_claims::run),
    ("eval", "clustering", eval_clustering::run),
    ("eval", "clustering-store", eval_clustering_store::run),
    ("eval", "dates", eval_dates::run),
    ("eval", "dupes", eval_dupes::run),
    ("eval", "entities", eval_entities::run),
    ("eval", "events", eval_events::run),
    ("eval", "html", eval_html::run),
    ("eval", "ner", eval_entities::run),
    ("eval", "summary", eval_summary::run),
    ("train", "attribution", train_attribution::run),
    ("train", "attribution-e5", attribution_e5::run),
    ("train", "ner", train_ner::run),
    ("tune", "clustering", eval_clustering::tune),
    ("tune", "summary", eval_summary::tune),
];

/// The usage message: every subcommand, grouped by verb.
fn usage() -> String {
    let mut out = String::from("usage: cargo xtask <eval|bench|tune|train> <what> [options]\n");
    for verb in ["eval", "bench", "tune", "train"] {
        let whats: Vec<&str> = COMMANDS
            .iter()
            .filter(|(v, _, _)| *v == verb)
            .map(|(_, w, _)| *w)
            .collect();
        out.push_str(&format!("\n{verb}: {}", whats.join(", ")));
    }
    out
}

fn main() -> Result<()> {
    // Before any thread starts: the engine code the evals call reads learned
    // weights from $VEILLE_MODELS; default it to where `train` writes them.
    std::env::set_var(veille_extract::models::MODELS_ENV, data::models_dir());
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let [verb, what, rest @ ..] = args.as_slice() else {
        bail!("{}", usage());
    };
    match COMMANDS.iter().find(|(v, w, _)| v == verb && w == what) {
        Some((_, _, run)) => run(rest),
        None => bail!("no subcommand `{verb} {what}`\n{}", usage()),
    }
}
