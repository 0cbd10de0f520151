//! `veille search QUERY`: full-text search with snippets.

use anyhow::Result;
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use veille_engine::{SearchFilter, SearchRequest};
use veille_model::Span;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The words to find (every one must match; accents and word forms do not matter)
    #[arg(required = true)]
    query: Vec<String>,
    /// Only documents in this language (ISO code such as fr, en); also stems the query for it only
    #[arg(long)]
    lang: Option<String>,
    /// Only documents published on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long)]
    from: Option<veille_model::PartialDate>,
    /// Only documents published on or before this date
    #[arg(long)]
    to: Option<veille_model::PartialDate>,
    /// Only documents of this source (site name, exactly as `veille docs` shows it)
    #[arg(long)]
    site: Option<String>,
    /// Only documents of this story (its id, as `veille stories` shows it)
    #[arg(long)]
    story: Option<i64>,
    /// Only documents that mention this entity (its id, as `veille entities` shows it)
    #[arg(long)]
    entity: Option<i64>,
    /// At most this many hits
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// Skip this many hits first
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// JSON output
    #[arg(long)]
    json: bool,
}

pub fn run(db: &Path, args: Args) -> Result<ExitCode> {
    let engine = super::open_existing(db)?;
    let req = SearchRequest {
        query: args.query.join(" "),
        filter: SearchFilter {
            lang: args.lang,
            since: args.from,
            until: args.to,
            site: args.site,
            story: args.story,
            entity: args.entity,
            limit: args.limit,
            offset: args.offset,
        },
    };
    let results = engine.search(&req)?;
    if args.json {
        super::print_json(&results)?;
        return Ok(ExitCode::SUCCESS);
    }
    if results.unindexed > 0 {
        eprintln!(
            "warning: {} documents are not indexed yet; run `veille update`",
            results.unindexed
        );
    }
    if let Some(n) = results.ranked_newest {
        eprintln!("note: more than {n} documents match; hits are the best of the newest {n}");
    }
    if results.words.is_empty() {
        eprintln!("nothing to search: the query holds only stop words");
        return Ok(ExitCode::from(1));
    }
    let bold = std::io::stdout().is_terminal();
    for hit in &results.hits {
        let d = &hit.doc;
        let title = d
            .title
            .as_deref()
            .map(|t| marked(t, 0, &hit.title_highlights, bold))
            .unwrap_or_else(|| "(untitled)".into());
        outln!(
            "{}  {}  {}  {}  {title}",
            d.id,
            d.source_id,
            d.published.map_or_else(|| "-".into(), |p| p.to_string()),
            d.lang,
        );
        if let Some(s) = &hit.snippet {
            outln!(
                "    [{}] {}{}{}",
                s.sentence + 1,
                if s.cut_before { "…" } else { "" },
                marked(&s.text, s.span.start as usize, &s.highlights, bold),
                if s.cut_after { "…" } else { "" },
            );
        }
    }
    if results.hits.is_empty() {
        eprintln!("no document matches");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// `text` (which starts at byte `base` of the text the spans index) with
/// its highlights in bold on a terminal, else between `[` and `]`.
fn marked(text: &str, base: usize, highlights: &[Span], bold: bool) -> String {
    let (open, close) = if bold {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("[", "]")
    };
    let mut out = String::with_capacity(text.len() + highlights.len() * 8);
    let mut at = 0;
    for h in highlights {
        let (Some(s), Some(e)) = (
            (h.start as usize).checked_sub(base),
            (h.end as usize).checked_sub(base),
        ) else {
            continue;
        };
        // a highlight outside the snippet or off a char boundary is skipped
        let (Some(before), Some(word)) = (text.get(at..s), text.get(s..e)) else {
            continue;
        };
        out.push_str(before);
        out.push_str(open);
        out.push_str(word);
        out.push_str(close);
        at = e;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_highlights_relative_to_the_snippet_start() {
        // `è` is two bytes: `Barda` is at bytes 9..14 of the snippet
        let text = "près de Barda";
        assert_eq!(
            marked(text, 10, &[Span::new(19, 24)], false),
            "près de [Barda]"
        );
        // spans before the snippet, past it or inside a character are skipped
        assert_eq!(
            marked(
                text,
                10,
                &[Span::new(2, 5), Span::new(12, 13), Span::new(19, 40)],
                false
            ),
            "près de Barda"
        );
    }
}
