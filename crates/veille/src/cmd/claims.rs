//! `veille claims`: each claimant's running tolls over time, or with
//! `--contradictions` the claims that disagree, side by side.

use super::timeline::{cite, copies, ScopeArgs};
use anyhow::Result;
use std::path::Path;
use std::process::ExitCode;
use veille_engine::views::{self, Contradiction, Side, TollSeries};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    scope: ScopeArgs,
    /// List contradictions (figures that cannot both hold, accusations met
    /// by denials, different parties blamed) instead of tolls
    #[arg(long)]
    contradictions: bool,
    /// JSON output
    #[arg(long)]
    json: bool,
}

pub fn run(db: &Path, args: Args) -> Result<ExitCode> {
    let engine = super::open_existing(db)?;
    let scope = args.scope.scope();
    if args.contradictions {
        let found = views::contradictions(engine.store(), &scope)?;
        if args.json {
            super::print_json(&found)?;
        } else {
            out!("{}", render_contradictions(&found));
        }
    } else {
        let series = views::toll_series(engine.store(), &scope)?;
        if args.json {
            super::print_json(&series)?;
        } else {
            out!("{}", render_tolls(&series));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// One side: `90 — les autorités azerbaïdjanaises, 2020-10-30 [001…#5]`.
pub fn side(s: &Side) -> String {
    let date = s
        .date
        .map_or_else(|| "undated".to_string(), |d| d.to_string());
    format!(
        "{} — {}, {date} [{}]{}",
        s.says,
        s.claimant,
        cite(&s.source),
        copies(&s.copies)
    )
}

/// Contradictions, each with its two sides.
pub fn render_contradictions(found: &[Contradiction]) -> String {
    let mut out = format!("{} contradictions\n", found.len());
    for c in found {
        let about = c.about.as_deref().unwrap_or(&c.kind);
        out.push_str(&format!("\n{about}:\n  {}\n  {}\n", side(&c.a), side(&c.b)));
    }
    out
}

/// Each claimant's series as `claimant — kind victims: 90 (2020-10-28) → 100 (…)`.
pub fn render_tolls(series: &[TollSeries]) -> String {
    let mut out = format!("{} running tolls by claimant\n", series.len());
    for s in series {
        let points: Vec<String> = s
            .points
            .iter()
            .map(|p| {
                let n = views::range_text(p.min, p.max, p.approximate);
                let date = p
                    .date
                    .map_or_else(|| "undated".to_string(), |d| d.to_string());
                format!("{n} ({date}, {})", cite(&p.source))
            })
            .collect();
        out.push_str(&format!(
            "{} [{}] — {}: {}\n",
            s.claimant,
            s.claimant_text,
            s.what(),
            points.join(" → ")
        ));
    }
    out
}
