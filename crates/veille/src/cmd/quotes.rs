//! `veille quotes`: quotes and reported statements with their speaker.

use crate::table::{cut, Table};
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
    if args.json {
        super::print_json(&quotes)?;
    } else {
        print!("{}", render(&quotes, args.limit.unwrap_or(100)));
    }
    Ok(ExitCode::SUCCESS)
}

fn render(quotes: &[StoredQuote], limit: usize) -> String {
    let mut t = Table::new(vec!["doc", "speaker", "cue", "", "content"]);
    for q in quotes.iter().take(limit) {
        t.row(vec![
            q.doc.clone(),
            q.speaker
                .as_ref()
                .map_or_else(|| "?".into(), |s| cut(&s.text, 30)),
            q.cue
                .as_ref()
                .map_or_else(|| "-".into(), |c| c.text.clone()),
            if q.direct { "«»" } else { "" }.into(),
            q.content.text.clone(),
        ]);
    }
    let mut out = format!("{} quotes\n", quotes.len());
    out.push_str(&t.render());
    if quotes.len() > limit {
        out.push_str(&format!(
            "… {} more (--limit N, or --json for all)\n",
            quotes.len() - limit
        ));
    }
    out
}
