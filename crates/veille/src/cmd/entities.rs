//! `veille entities` (canonical name, kind, #docs, aliases) and `veille
//! entity NAME` (an entity's mentions with their sentences, and where it is).

use crate::table::Table;
use anyhow::Result;
use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;
use veille_engine::{EntityQuery, EntitySummary, MentionView};

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Only this kind: person, organisation or place
    #[arg(long, value_parser = ["person", "organisation", "place"])]
    kind: Option<String>,
    /// At most this many entities (most mentioned first)
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// JSON output
    #[arg(long)]
    json: bool,
}

#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// A name or alias as written (`Aliyev`, `Choucha`), or an entity key (`country:AM`)
    name: String,
    /// At most this many mentions per entity
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// JSON output
    #[arg(long)]
    json: bool,
}

pub fn list(db: &Path, args: ListArgs) -> Result<ExitCode> {
    let engine = super::open_existing(db)?;
    let entities = engine.entities(&EntityQuery {
        kind: args.kind,
        name: None,
        limit: Some(args.limit),
    })?;
    if args.json {
        super::print_json(&entities)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut t = Table::new(vec![
        "id",
        "kind",
        "canonical",
        "country",
        "docs",
        "aliases",
    ]);
    for e in &entities {
        t.row(vec![
            e.id.to_string(),
            e.kind.clone(),
            e.canonical.clone(),
            e.country.clone().unwrap_or_default(),
            e.docs.to_string(),
            e.aliases.join(", "),
        ]);
    }
    out!("{}", t.render());
    Ok(ExitCode::SUCCESS)
}

/// An entity with its mentions, for `--json`.
#[derive(Debug, serde::Serialize)]
struct Shown {
    #[serde(flatten)]
    entity: EntitySummary,
    #[serde(rename = "shown_mentions")]
    mentions: Vec<MentionView>,
}

pub fn show(db: &Path, args: ShowArgs) -> Result<ExitCode> {
    let engine = super::open_existing(db)?;
    let mut found = engine.find_entities(&args.name, 10)?;
    // An exact canonical name, alias or key first.
    let wanted = args.name.to_lowercase();
    found.sort_by_key(|e| {
        let exact = e.canonical.to_lowercase() == wanted
            || e.key == args.name
            || e.aliases.iter().any(|a| a.to_lowercase() == wanted);
        !exact
    });
    if found.is_empty() {
        eprintln!("no entity named {:?} (see `veille entities`)", args.name);
        return Ok(ExitCode::from(1));
    }
    let mut shown = Vec::new();
    for e in found {
        let mentions = engine.entity_mentions(e.id, args.limit)?;
        shown.push(Shown {
            entity: e,
            mentions,
        });
    }
    if args.json {
        super::print_json(&shown)?;
    } else {
        out!("{}", render(&shown));
    }
    Ok(ExitCode::SUCCESS)
}

fn render(shown: &[Shown]) -> String {
    let mut out = String::new();
    for (i, s) in shown.iter().enumerate() {
        let e = &s.entity;
        if i > 0 {
            out.push('\n');
        }
        let _ = writeln!(out, "{} ({}, {})  id {}", e.canonical, e.kind, e.key, e.id);
        if let (Some(lat), Some(lon)) = (e.lat, e.lon) {
            let _ = writeln!(
                out,
                "  at {lat:.4}, {lon:.4} ({} precision){}",
                e.precision.as_deref().unwrap_or("unknown"),
                e.geonameid
                    .map(|g| format!(", GeoNames {g}"))
                    .unwrap_or_default()
            );
        }
        if let Some(c) = &e.country {
            let _ = writeln!(out, "  country {c}");
        }
        let _ = writeln!(
            out,
            "  {} mentions in {} documents; written {}",
            e.mentions,
            e.docs,
            e.aliases.join(", ")
        );
        for m in &s.mentions {
            let role = m
                .role
                .as_deref()
                .map(|r| format!(" [{r}]"))
                .unwrap_or_default();
            let via = if m.via == "name" {
                String::new()
            } else {
                format!(" ({})", m.via)
            };
            let _ = writeln!(
                out,
                "  - {} {} s{}: «{}»{}{}\n      {}",
                m.doc,
                m.source_id,
                m.sentence + 1,
                m.surface,
                via,
                role,
                m.sentence_text
            );
        }
        if (s.mentions.len() as u64) < e.mentions {
            let _ = writeln!(
                out,
                "  … {} more (--limit N)",
                e.mentions - s.mentions.len() as u64
            );
        }
    }
    out
}
