use crate::table::Table;
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
    if args.json {
        super::print_json(&stories)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut t = Table::new(vec!["story", "span", "events", "docs", "sources", "label"]);
    for s in stories.iter().take(args.limit) {
        t.row(vec![
            s.id.to_string(),
            super::span(s.first, s.last),
            s.n_events.to_string(),
            s.n_docs.to_string(),
            s.n_sources.to_string(),
            s.label.clone(),
        ]);
    }
    print!("{}", t.render());
    super::more(stories.len(), args.limit, "stories");
    Ok(ExitCode::SUCCESS)
}
