//! `veille summary`: the sentences that best summarise a story or an
//! event, in date order, each with its source.

use anyhow::Result;
use std::path::Path;
use std::process::ExitCode;
use veille_engine::views::{self, Target};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The story id (`veille stories`), or the event id with --event
    id: i64,
    /// ID is an event (`veille events`)
    #[arg(long)]
    event: bool,
    /// How many sentences
    #[arg(short = 'n', long, default_value_t = 5)]
    sentences: usize,
    /// JSON output: one object per sentence
    #[arg(long)]
    json: bool,
}

pub fn run(db: &Path, args: Args) -> Result<ExitCode> {
    let engine = super::open_existing(db)?;
    let target = if args.event {
        Target::Event(args.id)
    } else {
        Target::Story(args.id)
    };
    let picked = views::summary(engine.store(), target, args.sentences)?;
    if args.json {
        super::print_json(&picked)?;
        return Ok(ExitCode::SUCCESS);
    }
    for s in &picked {
        let date = s
            .date
            .map_or_else(|| "undated".to_string(), |d| d.to_string());
        outln!("{date}  {}  [{}#{}]", s.text, s.source_id, s.sentence_idx);
    }
    Ok(ExitCode::SUCCESS)
}
