//! `veille facts`: casualty and displacement figures with who claims them.

use crate::table::{cut, Table};
use anyhow::Result;
use serde::Serialize;
use std::path::Path;
use std::process::ExitCode;
use veille_engine::{CasualtyFact, CasualtyKind, FactFilter};

/// The kinds `--kind` takes.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Kind {
    Killed,
    Injured,
    Missing,
    Captured,
    Displaced,
    Evacuated,
}

impl From<Kind> for CasualtyKind {
    fn from(k: Kind) -> CasualtyKind {
        match k {
            Kind::Killed => CasualtyKind::Killed,
            Kind::Injured => CasualtyKind::Injured,
            Kind::Missing => CasualtyKind::Missing,
            Kind::Captured => CasualtyKind::Captured,
            Kind::Displaced => CasualtyKind::Displaced,
            Kind::Evacuated => CasualtyKind::Evacuated,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only figures of this kind
    #[arg(long, value_enum)]
    kind: Option<Kind>,
    /// Only the figures of this document (store id or source id)
    #[arg(long)]
    doc: Option<String>,
    /// At most this many figures (the table shows 100 unless told)
    #[arg(long)]
    limit: Option<usize>,
    /// JSON output: one object per figure
    #[arg(long, conflicts_with = "csv")]
    json: bool,
    /// CSV output: one row per figure, with a header
    #[arg(long)]
    csv: bool,
}

pub fn run(db: &Path, args: Args) -> Result<ExitCode> {
    let engine = super::open_existing(db)?;
    let filter = FactFilter {
        kind: args.kind.map(CasualtyKind::from),
        doc: args.doc,
        limit: args.limit,
    };
    let facts = engine.facts(&filter)?;
    super::warn_if_claims_pending(&engine)?;
    if args.json {
        super::print_json(&facts)?;
    } else if args.csv {
        write_csv(std::io::stdout().lock(), &facts)?;
    } else {
        out!("{}", render(&facts, args.limit.unwrap_or(100)));
    }
    Ok(ExitCode::SUCCESS)
}

/// One CSV row: the figure flattened, ACLED-style columns first.
#[derive(Debug, Serialize)]
struct Row<'a> {
    doc: &'a str,
    doc_id: i64,
    published: Option<String>,
    sentence_idx: Option<u32>,
    kind: &'a str,
    min: u64,
    max: Option<u64>,
    approximate: bool,
    victims: Option<&'a str>,
    side: Option<&'a str>,
    place: Option<&'a str>,
    date: Option<&'a str>,
    date_granularity: Option<&'a str>,
    date_from: Option<&'a str>,
    cumulative: bool,
    implicit: bool,
    claimed_by: Option<&'a str>,
    accused: Option<&'a str>,
    figure: &'a str,
    span_start: u32,
    span_end: u32,
    sentence: &'a str,
}

fn write_csv(out: impl std::io::Write, facts: &[CasualtyFact]) -> Result<()> {
    let mut w = csv::Writer::from_writer(out);
    for f in facts {
        w.serialize(Row {
            doc: &f.doc,
            doc_id: f.doc_id.0,
            published: f.published.map(|p| p.to_string()),
            sentence_idx: f.sentence_idx,
            kind: &f.kind,
            min: f.min,
            max: f.max,
            approximate: f.approximate,
            victims: f.victims.category.as_deref(),
            side: f.victims.side.as_deref(),
            place: f.place.as_deref(),
            date: f.date.as_ref().map(|d| d.value.as_str()),
            date_granularity: f.date.as_ref().map(|d| d.granularity.as_str()),
            date_from: f.date.as_ref().map(|d| d.from.as_str()),
            cumulative: f.cumulative,
            implicit: f.implicit,
            claimed_by: f.claimed_by.as_ref().map(|c| c.text.as_str()),
            accused: f.accused.as_ref().map(|c| c.text.as_str()),
            figure: &f.figure,
            span_start: f.span.start,
            span_end: f.span.end,
            sentence: &f.sentence,
        })?;
    }
    w.flush()?;
    Ok(())
}

/// `21`, `70+`, `2000–3000`, `~5000`.
pub fn count(min: u64, max: Option<u64>, approximate: bool) -> String {
    let n = match max {
        Some(m) if m == min => min.to_string(),
        Some(m) => format!("{min}–{m}"),
        None => format!("{min}+"),
    };
    if approximate {
        format!("~{n}")
    } else {
        n
    }
}

fn render(facts: &[CasualtyFact], limit: usize) -> String {
    let mut t = Table::new(vec![
        "doc",
        "kind",
        "count",
        "victims",
        "date",
        "claimed by",
        "accused",
        "sentence",
    ]);
    let dash = || "-".to_string();
    for f in facts.iter().take(limit) {
        let victims = match (&f.victims.category, &f.victims.side) {
            (Some(c), Some(s)) => format!("{c} ({s})"),
            (Some(c), None) => c.clone(),
            (None, Some(s)) => s.clone(),
            (None, None) => dash(),
        };
        let kind = if f.cumulative {
            format!("{} (toll)", f.kind)
        } else {
            f.kind.clone()
        };
        t.row(vec![
            f.doc.clone(),
            kind,
            count(f.min, f.max, f.approximate),
            victims,
            f.date.as_ref().map_or_else(dash, |d| d.value.clone()),
            f.claimed_by
                .as_ref()
                .map_or_else(dash, |c| cut(&c.text, 30)),
            f.accused.as_ref().map_or_else(dash, |c| cut(&c.text, 30)),
            f.sentence.clone(),
        ]);
    }
    let mut out = format!("{} figures\n", facts.len());
    out.push_str(&t.render());
    if facts.len() > limit {
        out.push_str(&format!(
            "… {} more (--limit N, or --json / --csv for all)\n",
            facts.len() - limit
        ));
    }
    out
}
