use anyhow::Result;
use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;
use veille_engine::{DupGroup, DupKind};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// At most this many groups (largest first)
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// JSON output (every group, no limit)
    #[arg(long)]
    json: bool,
}

pub fn run(db: &Path, args: Args) -> Result<ExitCode> {
    let engine = super::open_existing(db)?;
    let groups = engine.dupes()?;
    if args.json {
        super::print_json(&groups)?;
    } else {
        out!("{}", render(&groups, args.limit));
    }
    Ok(ExitCode::SUCCESS)
}

/// Groups, largest first: the canonical member on the group's line, then
/// every member with how it was found.
fn render(groups: &[DupGroup], limit: usize) -> String {
    let mut out = String::new();
    let docs: usize = groups.iter().map(|g| g.size).sum();
    let _ = writeln!(
        out,
        "{} duplicate groups holding {} documents",
        groups.len(),
        docs
    );
    for g in groups.iter().take(limit) {
        let _ = writeln!(
            out,
            "\ngroup of {}: canonical {} ({}) {}",
            g.size,
            g.canonical,
            g.source_id,
            g.title.as_deref().unwrap_or("(untitled)")
        );
        for m in &g.members {
            let how = match (m.kind, m.of, m.score) {
                (DupKind::First, _, _) => "first".to_string(),
                (kind, Some(of), Some(score)) => {
                    format!("{} of {} ({:.2})", kind.as_str(), of, score)
                }
                (kind, _, _) => kind.as_str().to_string(),
            };
            let _ = writeln!(
                out,
                "  {:>7} {:<22} {:<10} {}",
                m.id,
                how,
                m.published
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "-".into()),
                m.source_id
            );
        }
    }
    if groups.len() > limit {
        let _ = writeln!(
            out,
            "\n… {} more groups (--limit N, or --json for all)",
            groups.len() - limit
        );
    }
    out
}
