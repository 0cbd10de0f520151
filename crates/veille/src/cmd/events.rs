use anyhow::Result;
use std::path::Path;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only the events of this story
    #[arg(long)]
    story: Option<i64>,
    /// Only events with at least this many documents
    #[arg(long, default_value_t = 1)]
    min_docs: u64,
    /// At most this many events (latest first)
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// JSON output (every event that passes the filters, no limit), with
    /// each event's documents by source id
    #[arg(long)]
    json: bool,
}

pub fn run(db: &Path, args: Args) -> Result<ExitCode> {
    let engine = super::open_existing(db)?;
    let events: Vec<_> = engine
        .events(args.story)?
        .into_iter()
        .filter(|e| e.event.n_docs >= args.min_docs)
        .collect();
    let listing = super::Listing {
        header: vec!["event", "story", "span", "docs", "sources", "label"],
        count_line: None,
        what: "events",
        limit: args.limit,
    };
    super::print_listing(&events, args.json, listing, |e| {
        let e = &e.event;
        vec![
            e.id.to_string(),
            e.story.to_string(),
            super::span(e.first, e.last),
            e.n_docs.to_string(),
            e.n_sources.to_string(),
            e.label.clone(),
        ]
    })
}
