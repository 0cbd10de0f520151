//! `veille timeline`: dated entries of a story, an entity, a place or the
//! whole store, with claims, stances and their sentences.

use anyhow::Result;
use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;
use veille_engine::views::{self, Scope, SourceRef, TimelineEntry};

/// What a view covers: one of `--story`, `--entity`, `--place`, else all.
#[derive(Debug, Clone, clap::Args)]
#[group(multiple = false)]
pub struct ScopeArgs {
    /// Only this story (`veille stories` lists them)
    #[arg(long)]
    story: Option<i64>,
    /// Only the sentences naming this entity (name, alias or transliteration)
    #[arg(long)]
    entity: Option<String>,
    /// Only the sentences naming this place, or figures placed there
    #[arg(long)]
    place: Option<String>,
}

impl ScopeArgs {
    pub fn scope(&self) -> Scope {
        match (&self.story, &self.entity, &self.place) {
            (Some(id), _, _) => Scope::Story(*id),
            (_, Some(name), _) => Scope::Entity(name.clone()),
            (_, _, Some(name)) => Scope::Place(name.clone()),
            _ => Scope::All,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    scope: ScopeArgs,
    /// JSON output: one object per entry
    #[arg(long)]
    json: bool,
}

pub fn run(db: &Path, args: Args) -> Result<ExitCode> {
    let engine = super::open_existing(db)?;
    let entries = views::timeline(engine.store(), &args.scope.scope())?;
    if args.json {
        super::print_json(&entries)?;
    } else {
        out!("{}", render(&entries));
    }
    Ok(ExitCode::SUCCESS)
}

/// `000_b173…#3` (sentence 3) or `…#title`.
pub fn cite(r: &SourceRef) -> String {
    match r.sentence_idx {
        Some(i) => format!("{}#{i}", r.source_id),
        None => format!("{}#title", r.source_id),
    }
}

/// ` (+2 copies: a, b)` or nothing.
pub fn copies(c: &[SourceRef]) -> String {
    if c.is_empty() {
        return String::new();
    }
    let names: Vec<String> = c.iter().map(cite).collect();
    format!(
        " (+{} cop{}: {})",
        c.len(),
        if c.len() == 1 { "y" } else { "ies" },
        names.join(", ")
    )
}

/// The date, place and type line of an entry.
pub fn heading(e: &TimelineEntry) -> String {
    let date = e.date.as_ref().map_or_else(
        || "undated".to_string(),
        |d| format!("{} ({}, {})", d.value, d.granularity, d.from),
    );
    let place = e
        .place
        .as_ref()
        .map_or_else(String::new, |p| match (p.lat, p.lon) {
            (Some(lat), Some(lon)) => format!(" — {} ({lat:.2}, {lon:.2})", p.name),
            _ => format!(" — {}", p.name),
        });
    let kind = e.event_type.as_deref().unwrap_or("report");
    format!("{date}{place} — {kind}")
}

/// A figure as `killed 21 civilian (arméniens)`.
pub fn figure(c: &views::ClaimView) -> String {
    let n = views::range_text(c.min, c.max, c.approximate);
    let victims = match (&c.victims.category, &c.victims.side) {
        (Some(k), Some(s)) => format!(" {k} ({s})"),
        (Some(k), None) => format!(" {k}"),
        (None, Some(s)) => format!(" ({s})"),
        (None, None) => String::new(),
    };
    let toll = if c.cumulative { ", running toll" } else { "" };
    format!("{} {n}{victims}{toll}", c.kind)
}

fn render(entries: &[TimelineEntry]) -> String {
    let mut out = format!("{} entries\n", entries.len());
    for e in entries {
        let _ = writeln!(out, "\n{}", heading(e));
        for c in &e.claims {
            let by = c.claimant.as_deref().unwrap_or("unattributed");
            let accused = c
                .accused
                .as_deref()
                .map_or_else(String::new, |a| format!(", accusing {a}"));
            let _ = writeln!(
                out,
                "  {} — {by}{accused} [{}]{}",
                figure(c),
                cite(&c.source),
                copies(&c.copies)
            );
        }
        for s in &e.stances {
            let whom = s
                .target
                .as_deref()
                .map_or_else(String::new, |t| format!(" {t}"));
            let _ = writeln!(
                out,
                "  {} — {}{whom}: {} [{}]{}",
                s.kind,
                s.actor,
                s.content,
                cite(&s.source),
                copies(&s.copies)
            );
        }
        for s in &e.sentences {
            let _ = writeln!(
                out,
                "  > {} [{}]{}",
                crate::table::cut(&s.text, 160),
                cite(&s.source),
                copies(&s.copies)
            );
        }
    }
    out
}
