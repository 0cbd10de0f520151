use crate::table::cut;
use anyhow::Result;
use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;
use veille_engine::StoryDetail;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The story id (see `veille stories`)
    id: i64,
    /// JSON output: the story, its events in date order, each with its
    /// documents (source id, title, date, publisher, score)
    #[arg(long)]
    json: bool,
}

pub fn run(db: &Path, args: Args) -> Result<ExitCode> {
    let engine = super::open_existing(db)?;
    let story = engine.story(args.id)?;
    if args.json {
        super::print_json(&story)?;
    } else {
        out!("{}", render(&story));
    }
    Ok(ExitCode::SUCCESS)
}

/// The story's line, then each event in date order with its documents.
fn render(d: &StoryDetail) -> String {
    let s = &d.story;
    let mut out = String::new();
    let _ = writeln!(out, "story {}: {}", s.id, s.label);
    let _ = writeln!(
        out,
        "{} · {} events · {} documents · {} sources",
        super::span(s.first, s.last),
        s.n_events,
        s.n_docs,
        s.n_sources
    );
    for e in &d.events {
        let ev = &e.event;
        let _ = writeln!(
            out,
            "\n  event {} ({}, {} documents): {}",
            ev.id,
            super::span(ev.first, ev.last),
            ev.n_docs,
            cut(&ev.label, 90)
        );
        for doc in &e.documents {
            let _ = writeln!(
                out,
                "    {:<10} {:<24} {}",
                doc.published
                    .map(|p| p.to_string())
                    .unwrap_or_else(|| "-".into()),
                cut(&doc.source_id, 24),
                cut(doc.title.as_deref().unwrap_or("(untitled)"), 70)
            );
        }
    }
    out
}
