use crate::table::Table;
use anyhow::Result;
use std::path::Path;
use std::process::ExitCode;
use veille_engine::DocQuery;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only documents in this language (ISO code such as fr, en)
    #[arg(long)]
    lang: Option<String>,
    /// Only documents published on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long)]
    since: Option<veille_model::PartialDate>,
    /// Only documents published on or before this date
    #[arg(long)]
    until: Option<veille_model::PartialDate>,
    /// At most this many documents
    #[arg(long, default_value_t = 100)]
    limit: usize,
    /// Skip this many documents first
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// JSON output
    #[arg(long)]
    json: bool,
}

pub fn run(db: &Path, args: Args) -> Result<ExitCode> {
    let engine = super::open_existing(db)?;
    let q = DocQuery {
        lang: args.lang,
        since: args.since,
        until: args.until,
        limit: Some(args.limit),
        offset: args.offset,
    };
    let docs = engine.docs(&q)?;
    if args.json {
        super::print_json(&docs)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut t = Table::new(vec![
        "id",
        "source id",
        "date",
        "lang",
        "sent.",
        "source",
        "title",
    ]);
    for d in &docs {
        t.row(vec![
            d.id.to_string(),
            d.source_id.clone(),
            d.published
                .map(|p| p.to_string())
                .unwrap_or_else(|| "-".into()),
            d.lang.clone(),
            d.n_sentences.to_string(),
            d.site.clone().unwrap_or_else(|| "-".into()),
            d.title.clone().unwrap_or_else(|| "(untitled)".into()),
        ]);
    }
    out!("{}", t.render());
    Ok(ExitCode::SUCCESS)
}
