//! `veille quotes`: quotes and reported statements with their speaker.

use crate::table::cut;
use anyhow::Result;
use std::path::Path;
use std::process::ExitCode;
use veille_engine::{QuoteFilter, StoredQuote};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only quotes whose speaker contains this (case and accents ignored)
    #[arg(long)]
    speaker: Option<String>,
    /// Only the quotes of this document (store id or source id)
    #[arg(long)]
    doc: Option<String>,
    /// At most this many quotes (the table shows 100 unless told)
    #[arg(long)]
    limit: Option<usize>,
    /// JSON output: one object per quote
    #[arg(long)]
    json: bool,
}

pub fn run(db: &Path, args: Args) -> Result<ExitCode> {
    let engine = super::open_existing(db)?;
    let quotes = engine.quotes(&QuoteFilter {
        speaker: args.speaker,
        doc: args.doc,
        limit: args.limit,
    })?;
    super::warn_if_claims_pending(&engine)?;
    let listing = super::Listing {
        header: vec!["doc", "speaker", "cue", "", "content"],
        count_line: Some("quotes"),
        what: "quotes",
        limit: args.limit.unwrap_or(100),
    };
    super::print_listing(&quotes, args.json, listing, row)
}

fn row(q: &StoredQuote) -> Vec<String> {
    vec![
        q.doc.clone(),
        q.speaker
            .as_ref()
            .map_or_else(|| "?".into(), |s| cut(&s.text, 30)),
        q.cue
            .as_ref()
            .map_or_else(|| "-".into(), |c| c.text.clone()),
        if q.direct { "«»" } else { "" }.into(),
        q.content.text.clone(),
    ]
}
