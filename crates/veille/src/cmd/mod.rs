//! One module per subcommand; each has an `Args` (clap) and a `run`.

/// `print!` that returns the write error (`?`) instead of panicking, so
/// that `veille claims | head` stops quietly when the pipe closes
/// ([`is_broken_pipe`]).
macro_rules! out {
    ($($t:tt)*) => {
        $crate::cmd::write_out(format_args!($($t)*))?
    };
}

/// `println!` as [`out!`].
macro_rules! outln {
    ($($t:tt)*) => {{
        out!($($t)*);
        out!("\n");
    }};
}

pub mod claims;
pub mod cluster;
pub mod docs;
pub mod dupes;
pub mod entities;
pub mod events;
pub mod export;
pub mod facts;
pub mod ingest;
pub mod quotes;
pub mod report;
pub mod reuse;
pub mod search;
pub mod serve;
pub mod show;
pub mod stances;
pub mod stories;
pub mod story;
pub mod summary;
pub mod timeline;
pub mod update;

use anyhow::{Context, Result};
use std::path::Path;
use veille_engine::{Engine, EngineConfig};

/// Writes to standard output; see [`out!`].
pub fn write_out(args: std::fmt::Arguments<'_>) -> std::io::Result<()> {
    use std::io::Write;
    std::io::stdout().lock().write_fmt(args)
}

/// Whether an error comes from writing to a closed pipe (`| head`): the
/// reader has what it wanted, so the command ends quietly.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .and_then(|j| j.io_error_kind())
                .is_some_and(|k| k == std::io::ErrorKind::BrokenPipe)
    })
}

/// Opens the engine on an existing or new data directory.
pub fn open(db: &Path) -> Result<Engine> {
    Engine::open(EngineConfig::new(db))
        .with_context(|| format!("cannot open the store in {}", db.display()))
}

/// Opens the engine for reading: the data directory must exist.
pub fn open_existing(db: &Path) -> Result<Engine> {
    anyhow::ensure!(
        db.join("veille.sqlite").exists(),
        "no store in {} (run `veille ingest PATH` first, or pass --db DIR)",
        db.display()
    );
    open(db)
}

/// Prints a value as pretty JSON on stdout.
pub fn print_json<T: serde::Serialize>(value: &T) -> Result<()> {
    // buffered: stdout is line-buffered, and pretty JSON writes a line per
    // field (`veille quotes --json` on OrangeSum spent 15 s in write calls)
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    serde_json::to_writer_pretty(&mut out, value)?;
    use std::io::Write;
    writeln!(out)?;
    out.flush()?;
    Ok(())
}

/// Says on stderr when stored documents have not been read for claims yet.
pub fn warn_if_claims_pending(engine: &Engine) -> Result<()> {
    if engine.claims_pending()? {
        eprintln!(
            "some documents were ingested with --defer: run `veille update` to read their claims"
        );
    }
    Ok(())
}

/// A date span as `first` or `first … last`, `-` when undated.
pub fn span(
    first: Option<veille_model::PartialDate>,
    last: Option<veille_model::PartialDate>,
) -> String {
    match (first, last) {
        (Some(f), Some(l)) if f != l => format!("{f} … {l}"),
        (Some(f), _) => f.to_string(),
        _ => "-".into(),
    }
}

/// How a listing prints: its columns, an optional count line (`12 quotes`),
/// what its rows are called, and how many rows the table shows.
pub struct Listing<'a> {
    pub header: Vec<&'static str>,
    /// Printed as `{n} {count_line}` above the table, when given.
    pub count_line: Option<&'a str>,
    /// What the rows are, for the `… N more` line.
    pub what: &'a str,
    pub limit: usize,
}

/// Prints `items` as pretty JSON (all of them) or as a table of at most
/// `limit` rows with a `… N more` line: the shape every listing shares.
pub fn print_listing<T: serde::Serialize>(
    items: &[T],
    json: bool,
    listing: Listing<'_>,
    row: impl Fn(&T) -> Vec<String>,
) -> Result<std::process::ExitCode> {
    if json {
        print_json(&items)?;
    } else {
        out!("{}", render_listing(items, &listing, row));
    }
    Ok(std::process::ExitCode::SUCCESS)
}

/// The text of a listing (see [`print_listing`]).
pub fn render_listing<T>(items: &[T], l: &Listing<'_>, row: impl Fn(&T) -> Vec<String>) -> String {
    let mut t = crate::table::Table::new(l.header.clone());
    for item in items.iter().take(l.limit) {
        t.row(row(item));
    }
    let mut out = match l.count_line {
        Some(c) => format!("{} {c}\n", items.len()),
        None => String::new(),
    };
    out.push_str(&t.render());
    if items.len() > l.limit {
        out.push_str(&format!(
            "… {} more {} (--limit N, or --json for all)\n",
            items.len() - l.limit,
            l.what
        ));
    }
    out
}
