//! `cargo xtask`: evaluations against gold data and benchmarks against peers.
//!
//! Each subcommand lives in its own module and writes its report to
//! `reports/*.md`. Gold data is read from `$VEILLE_DATA` (default
//! `../shared/data` beside the workspace); a missing data set is skipped with
//! a message, never an error.

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
mod rouge;
mod train_attribution;
mod train_ner;

use anyhow::{bail, Result};

const USAGE: &str = "usage: cargo xtask <eval|bench|tune|train> <what> [options]

eval:
bench:
";

fn main() -> Result<()> {
    // Before any thread starts: the engine code the evals call reads learned
    // weights from $VEILLE_MODELS; default it to where `train` writes them.
    std::env::set_var(veille_extract::models::MODELS_ENV, data::models_dir());
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        // Subcommands: one arm each, `["eval", "name", rest @ ..] => module::run(rest),`
        // (keep this list sorted).
        ["bench", "clustering", rest @ ..] => bench_clustering::run(rest),
        ["bench", "dupes", rest @ ..] => bench_dupes::run(rest),
        ["bench", "ingest", rest @ ..] => bench_ingest::run(rest),
        ["bench", "search", rest @ ..] => bench_search::run(rest),
        ["bench", "search-miss", rest @ ..] => bench_search_miss::run(rest),
        ["bench", "search-phases", rest @ ..] => bench_search_phases::run(rest),
        ["bench", "serve", rest @ ..] => bench_serve::run(rest),
        ["bench", "ui", rest @ ..] => bench_ui::run(rest),
        ["eval", "clustering", rest @ ..] => eval_clustering::run(rest),
        ["eval", "clustering-store", rest @ ..] => eval_clustering_store::run(rest),
        ["eval", "dates", rest @ ..] => eval_dates::run(rest),
        ["eval", "claims", rest @ ..] => eval_claims::run(rest),
        ["eval", "dupes", rest @ ..] => eval_dupes::run(rest),
        ["eval", "entities", rest @ ..] => eval_entities::run(rest),
        ["eval", "events", rest @ ..] => eval_events::run(rest),
        ["eval", "html", rest @ ..] => eval_html::run(rest),
        ["eval", "ner", rest @ ..] => eval_entities::run(rest),
        ["eval", "summary", rest @ ..] => eval_summary::run(rest),
        ["train", "attribution", rest @ ..] => train_attribution::run(rest),
        ["tune", "clustering", rest @ ..] => eval_clustering::tune(rest),
        ["train", "ner", rest @ ..] => train_ner::run(rest),
        ["tune", "summary", rest @ ..] => eval_summary::tune(rest),
        _ => bail!("{USAGE}"),
    }
}
