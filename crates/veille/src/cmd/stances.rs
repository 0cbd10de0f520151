//! `veille stances`: who accuses whom of what, who denies what.

use crate::table::cut;
use anyhow::Result;
use std::path::Path;
use std::process::ExitCode;
use veille_engine::{StanceFilter, StanceKind, StoredStance};

/// The kinds `--kind` takes.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Kind {
    Accusation,
    Denial,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only accusations or only denials
    #[arg(long, value_enum)]
    kind: Option<Kind>,
    /// Only the stances of this document (store id or source id)
    #[arg(long)]
    doc: Option<String>,
    /// At most this many (the table shows 100 unless told)
    #[arg(long)]
    limit: Option<usize>,
    /// JSON output: one object per stance
    #[arg(long)]
    json: bool,
}

pub fn run(db: &Path, args: Args) -> Result<ExitCode> {
    let engine = super::open_existing(db)?;
    let stances = engine.stances(&StanceFilter {
        kind: args.kind.map(|k| match k {
            Kind::Accusation => StanceKind::Accusation,
            Kind::Denial => StanceKind::Denial,
        }),
        doc: args.doc,
        limit: args.limit,
    })?;
    super::warn_if_claims_pending(&engine)?;
    let listing = super::Listing {
        header: vec!["doc", "kind", "who", "whom", "what"],
        count_line: Some("accusations and denials"),
        what: "accusations and denials",
        limit: args.limit.unwrap_or(100),
    };
    super::print_listing(&stances, args.json, listing, row)
}

fn row(s: &StoredStance) -> Vec<String> {
    vec![
        s.doc.clone(),
        s.kind.clone(),
        cut(&s.actor.text, 30),
        s.target
            .as_ref()
            .map_or_else(|| "-".into(), |t| cut(&t.text, 30)),
        s.content.text.clone(),
    ]
}
