//! The `veille` command line: one file per subcommand in `cmd/`.

mod cmd;
mod table;

use anyhow::Result;
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// mimalloc instead of glibc's malloc: ingest allocates many small, short-lived
/// vectors (tokens, sentence keys) across threads; glibc spent ~10% of an
/// OrangeSum ingest in malloc/free and their consolidation.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Follow conflicts and crises through the press: a deduplicated, clustered,
/// sourced record of what the articles say.
#[derive(Debug, Parser)]
#[command(name = "veille", version, about, long_about = None)]
struct Cli {
    /// The data directory holding the store.
    #[arg(
        long,
        global = true,
        env = "VEILLE_DB",
        default_value = "./veille-data"
    )]
    db: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Read articles from files, directories (recursively) or `-` (stdin)
    Ingest(cmd::ingest::Args),
    /// List the stored documents
    Docs(cmd::docs::Args),
    /// Show one document: metadata and numbered sentences
    Show(cmd::show::Args),
    /// List the groups of duplicate documents, with their canonical member
    Dupes(cmd::dupes::Args),
    /// Show the sentences two documents share, side by side with scores
    Reuse(cmd::reuse::Args),
    /// Bring the derived stages (duplicates, reuse, …) up to date, e.g. after `ingest --defer`
    Update(cmd::update::Args),
    /// List casualty and displacement figures with who claims them
    Facts(cmd::facts::Args),
    /// List quotes and reported statements with their speaker
    Quotes(cmd::quotes::Args),
    /// List accusations and denials: who accuses whom of what
    Stances(cmd::stances::Args),
    /// List the persons, organisations and places named, with their aliases
    Entities(cmd::entities::ListArgs),
    /// Show an entity by name, alias or key: its mentions with their sentences, and coordinates
    Entity(cmd::entities::ShowArgs),
    /// Cluster the documents not yet in an event into events and stories (the same as `update`)
    Cluster(cmd::cluster::Args),
    /// List the events: id, story, date span, #documents, #sources, label
    Events(cmd::events::Args),
    /// List the stories: id, date span, #events, #documents, #sources, label
    Stories(cmd::stories::Args),
    /// Show one story: its events in date order with their documents
    Story(cmd::story::Args),
    /// Full-text search: documents holding every word, best first, with snippets
    Search(cmd::search::Args),
    /// Serve the JSON API and the web pages (loopback by default)
    Serve(cmd::serve::Args),
    /// Dated entries of a story, entity or place: events, claims, stances, sentences
    Timeline(cmd::timeline::Args),
    /// The sentences that best summarise a story (or an event), in date order
    Summary(cmd::summary::Args),
    /// Each claimant's running tolls, or with --contradictions the claims that disagree
    Claims(cmd::claims::Args),
    /// Export events and figures: jsonl, csv, acled or geojson
    Export(cmd::export::Args),
    /// A readable Markdown report of every story: summary, timeline, tolls, contradictions
    Report(cmd::report::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("VEILLE_LOG"))
        .with_writer(std::io::stderr)
        .init();
    match run(cli) {
        Ok(code) => code,
        Err(e) if cmd::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Ingest(args) => cmd::ingest::run(&cli.db, args),
        Command::Docs(args) => cmd::docs::run(&cli.db, args),
        Command::Show(args) => cmd::show::run(&cli.db, args),
        Command::Dupes(args) => cmd::dupes::run(&cli.db, args),
        Command::Reuse(args) => cmd::reuse::run(&cli.db, args),
        Command::Update(args) => cmd::update::run(&cli.db, args),
        Command::Facts(args) => cmd::facts::run(&cli.db, args),
        Command::Quotes(args) => cmd::quotes::run(&cli.db, args),
        Command::Stances(args) => cmd::stances::run(&cli.db, args),
        Command::Entities(args) => cmd::entities::list(&cli.db, args),
        Command::Entity(args) => cmd::entities::show(&cli.db, args),
        Command::Cluster(args) => cmd::cluster::run(&cli.db, args),
        Command::Events(args) => cmd::events::run(&cli.db, args),
        Command::Stories(args) => cmd::stories::run(&cli.db, args),
        Command::Story(args) => cmd::story::run(&cli.db, args),
        Command::Search(args) => cmd::search::run(&cli.db, args),
        Command::Serve(args) => cmd::serve::run(&cli.db, args),
        Command::Timeline(args) => cmd::timeline::run(&cli.db, args),
        Command::Summary(args) => cmd::summary::run(&cli.db, args),
        Command::Claims(args) => cmd::claims::run(&cli.db, args),
        Command::Export(args) => cmd::export::run(&cli.db, args),
        Command::Report(args) => cmd::report::run(&cli.db, args),
    }
}
