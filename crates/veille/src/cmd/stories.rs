use anyhow::Result;
use std::path::Path;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only stories with at least this many documents
    #[arg(long, default_value_t = 1)]
    min_docs: u64,
    /// At most this many stories (latest first)
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// JSON output (every story that passes the filter, no limit)
    #[arg(long)]
    json: bool,
}

pub fn run(db: &Path, args: Args) -> Result<ExitCode> {
    let engine = super::open_existing(db)?;
    let stories: Vec<_> = engine
        .stories()?
        .into_iter()
        .filter(|s| s.n_docs >= args.min_docs)
        .collect();
    let listing = super::Listing {
        header: vec!["story", "span", "events", "docs", "sources", "label"],
        count_line: None,
        what: "stories",
        limit: args.limit,
    };
    super::print_listing(&stories, args.json, listing, |s| {
        vec![
            s.id.to_string(),
            super::span(s.first, s.last),
            s.n_events.to_string(),
            s.n_docs.to_string(),
            s.n_sources.to_string(),
            s.label.clone(),
        ]
    })
}
