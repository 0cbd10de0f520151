use anyhow::Result;
use std::fmt::Write as _;
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use veille_engine::{Annotation, IncidentCounts, IncidentRule, Marking, ReuseLink, StoredDoc};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The document: its store id or its source id (e.g. a file stem)
    id: String,
    /// JSON output
    #[arg(long)]
    json: bool,
    /// Mark entities and dates in the text: colours on a terminal,
    /// `[[name|KIND]]` otherwise; with --json, an `annotations` list of spans
    #[arg(long)]
    annotate: bool,
}

pub fn run(db: &Path, args: Args) -> Result<ExitCode> {
    let engine = super::open_existing(db)?;
    let doc = engine.doc(&args.id)?;
    let reuse = Reuse {
        sources: engine.reuse_sources(doc.id)?,
        reused_by: engine.reused_by(doc.id)?,
    };
    let annotations = args.annotate.then(|| veille_engine::annotate(&doc));
    let incident = veille_engine::incident_counts(&doc);
    if args.json {
        super::print_json(&Shown {
            doc: &doc,
            reuse,
            incident: &incident,
            annotations,
        })?;
    } else {
        let how = if std::io::stdout().is_terminal() {
            Marking::Colours
        } else {
            Marking::Brackets
        };
        out!(
            "{}",
            render(&doc, &reuse, &incident, annotations.as_deref(), how)
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The reuse graph around a document.
#[derive(Debug, serde::Serialize)]
struct Reuse {
    /// Earlier documents it copies sentences from.
    sources: Vec<ReuseLink>,
    /// Later documents that copy sentences from it.
    reused_by: Vec<ReuseLink>,
}

#[derive(Debug, serde::Serialize)]
struct Shown<'a> {
    #[serde(flatten)]
    doc: &'a StoredDoc,
    reuse: Reuse,
    /// The killed and injured of the incident it reports, with the figure
    /// or rule each count comes from.
    incident: &'a IncidentCounts,
    /// Entity and date spans of the cleaned text, with --annotate.
    #[serde(skip_serializing_if = "Option::is_none")]
    annotations: Option<Vec<Annotation>>,
}

/// Sources listed by `veille show` before "… and N more".
const MAX_SOURCES: usize = 5;

/// The document as a reader sees it: metadata, then sentences numbered
/// within their paragraphs.
fn render(
    doc: &StoredDoc,
    reuse: &Reuse,
    incident: &IncidentCounts,
    annotations: Option<&[Annotation]>,
    how: Marking,
) -> String {
    let mut out = String::new();
    let title = doc.title.as_deref().unwrap_or("(untitled)");
    let _ = writeln!(out, "{title}");
    let _ = writeln!(out, "{}", "=".repeat(title.chars().count().min(78)));
    let field = |out: &mut String, name: &str, value: Option<String>| {
        if let Some(v) = value {
            let _ = writeln!(out, "{name:<10} {v}");
        }
    };
    field(
        &mut out,
        "id",
        Some(format!("{} (source id {})", doc.id, doc.source_id)),
    );
    field(
        &mut out,
        "date",
        doc.published
            .map(|d| format!("{d} ({} precision)", d.precision().as_str())),
    );
    field(
        &mut out,
        "language",
        Some(format!("{} ({:.2})", doc.lang, doc.lang_confidence)),
    );
    field(&mut out, "source", doc.site.clone());
    field(&mut out, "author", doc.author.clone());
    field(&mut out, "url", doc.url.clone());
    field(
        &mut out,
        "from",
        Some(format!("{} ({})", doc.origin, doc.format.as_str())),
    );
    field(
        &mut out,
        "sentences",
        Some(format!(
            "{} in {} paragraphs",
            doc.sentences.len(),
            doc.paragraphs.len()
        )),
    );
    for (i, l) in reuse.sources.iter().take(MAX_SOURCES).enumerate() {
        let name = if i == 0 { "reuse" } else { "" };
        let _ = writeln!(
            out,
            "{name:<10} copies {} of its {} sentences from {} (id {}, {} verbatim)",
            l.sentences,
            doc.sentences.len(),
            l.other_source_id,
            l.source,
            l.verbatim
        );
    }
    if reuse.sources.len() > MAX_SOURCES {
        let _ = writeln!(
            out,
            "{:<10} … and {} more sources",
            "",
            reuse.sources.len() - MAX_SOURCES
        );
    }
    if !reuse.reused_by.is_empty() {
        let _ = writeln!(
            out,
            "{:<10} {} later documents copy from it (`veille reuse {} ID`)",
            "reused by",
            reuse.reused_by.len(),
            doc.id
        );
    }
    let _ = writeln!(out, "{:<10} {}", "incident", incident_line(doc, incident));
    if let Some(lead) = &doc.lead {
        let _ = writeln!(out, "\n{lead}");
    }
    let mut paragraph = None;
    for (i, s) in doc.sentences.iter().enumerate() {
        if paragraph != Some(s.paragraph) {
            out.push('\n');
            paragraph = Some(s.paragraph);
        }
        let sentence = match annotations {
            Some(a) => veille_engine::mark(&doc.text, s.span, a, how),
            None => s.span.slice(&doc.text).to_string(),
        };
        let _ = writeln!(out, "[{:>3}] {sentence}", i + 1);
    }
    out
}

/// `killed 2 (figure `two men`), injured 0 (same victim)`: each count of the
/// incident with the figure as written or the rule that gave it.
fn incident_line(doc: &StoredDoc, incident: &IncidentCounts) -> String {
    let part = |i: usize| {
        let Some(e) = incident.evidence.get(i) else {
            return String::new();
        };
        let within = if e.in_title {
            doc.title.as_deref().unwrap_or_default()
        } else {
            &doc.text
        };
        let figure = e.span.and_then(|s| s.get(within));
        let why = match (e.rule, figure) {
            (IncidentRule::Figure, Some(f)) => format!("`{f}`"),
            (IncidentRule::Singular, Some(f)) => format!("one victim, `{f}`"),
            (IncidentRule::Survivor, _) => "a victim who lived".to_string(),
            (IncidentRule::SameVictim, _) => "the same victim as the death".to_string(),
            (IncidentRule::TitleDeath, _) => "a death in the title".to_string(),
            (IncidentRule::HarmInTitle, _) => "a harm word in the title".to_string(),
            _ => "nothing says it".to_string(),
        };
        format!("{} {} ({why})", e.kind.as_str(), e.count)
    };
    format!("{}, {}", part(0), part(1))
}
