//! The Markdown report: every story with its summary, timeline, running
//! tolls by claimant and contradictions — the "main job" output of
//! `veille report`.
//!
//! Article text is untrusted: every piece of it goes through [`md`], which
//! puts it on one line and escapes what Markdown or HTML would read as
//! markup.

use super::claims::{self, Side, TollSeries};
use super::load::{self, DocData};
use super::summary;
use super::timeline::{self, ClaimView, SourceRef, TimelineEntry};
use crate::Result;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use veille_store::Store;

/// Text on one line with Markdown and HTML markup escaped.
pub fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        for c in word.chars() {
            match c {
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '&' => out.push_str("&amp;"),
                '*' | '_' | '`' | '[' | ']' | '#' | '|' | '\\' => {
                    out.push('\\');
                    out.push(c);
                }
                c => out.push(c),
            }
        }
    }
    out
}

fn cite(r: &SourceRef) -> String {
    match r.sentence_idx {
        Some(i) => format!("{} §{i}", md(&r.source_id)),
        None => format!("{} title", md(&r.source_id)),
    }
}

fn cites(first: &SourceRef, copies: &[SourceRef]) -> String {
    let mut s = cite(first);
    if !copies.is_empty() {
        let c: Vec<String> = copies.iter().map(cite).collect();
        let _ = write!(s, "; also {}", c.join(", "));
    }
    format!("[{s}]")
}

/// A figure in words: `21`, `70–99`, `at least 70`, `more than 400` (a
/// lower bound one past a round number is how "plus de 400" was read:
/// the same integers, said as written), `about 5000`.
fn count(min: u64, max: Option<u64>, approximate: bool) -> String {
    let n = match max {
        Some(m) if m != min => format!("{min}–{m}"),
        None if min > 10 && (min - 1).is_multiple_of(10) => format!("more than {}", min - 1),
        None => format!("at least {min}"),
        _ => min.to_string(),
    };
    if approximate {
        format!("about {n}")
    } else {
        n
    }
}

fn claim_line(c: &ClaimView) -> String {
    let victims = match (&c.victims.category, &c.victims.side) {
        (Some(k), Some(s)) => format!(" {k} ({})", md(s)),
        (Some(k), None) => format!(" {k}"),
        (None, Some(s)) => format!(" ({})", md(s)),
        (None, None) => String::new(),
    };
    let by = c
        .claimant
        .as_deref()
        .map_or_else(|| "unattributed".to_string(), md);
    let accused = c
        .accused
        .as_deref()
        .map_or_else(String::new, |a| format!(", blaming {}", md(a)));
    let toll = if c.cumulative { " (running toll)" } else { "" };
    format!(
        "{}{victims} {}{toll} — {by}{accused} {}",
        count(c.min, c.max, c.approximate),
        c.kind,
        cites(&c.source, &c.copies)
    )
}

fn entry_block(out: &mut String, e: &TimelineEntry) {
    let date = e.date.as_ref().map_or_else(
        || "Undated".to_string(),
        |d| {
            let how = if d.from == "sentence" {
                String::new()
            } else {
                format!(", {} date", d.from)
            };
            format!("{} ({}{how})", d.value, d.granularity)
        },
    );
    let place = e
        .place
        .as_ref()
        .map_or_else(String::new, |p| format!(" — {}", md(&p.name)));
    let kind = e
        .event_type
        .as_deref()
        .unwrap_or("report")
        .replace('_', " ");
    let _ = writeln!(out, "- **{date}{place}** — {kind}");
    for c in &e.claims {
        let _ = writeln!(out, "  - {}", claim_line(c));
    }
    for s in &e.stances {
        let whom = s
            .target
            .as_deref()
            .map_or_else(String::new, |t| format!(" {}", md(t)));
        let _ = writeln!(
            out,
            "  - {} by {}{whom}: “{}” {}",
            s.kind,
            md(&s.actor),
            md(&s.content),
            cites(&s.source, &s.copies)
        );
    }
    if let Some(first) = e.sentences.first() {
        let _ = writeln!(
            out,
            "  - > {} {}",
            md(&first.text),
            cites(&first.source, &first.copies)
        );
    }
}

fn side_text(s: &Side) -> String {
    let date = s
        .date
        .map_or_else(|| "undated".to_string(), |d| d.to_string());
    format!(
        "{} — {} ({date}) {}",
        md(&s.says),
        md(&s.claimant),
        cites(&s.source, &s.copies)
    )
}

fn toll_line(s: &TollSeries) -> String {
    let points: Vec<String> = s
        .points
        .iter()
        .map(|p| {
            // `70 by 2020-10-28`; a point of an undated document has no `by`
            let date = p
                .date
                .map_or_else(|| " (undated)".to_string(), |d| format!(" by {d}"));
            format!(
                "{}{date} [{}]",
                count(p.min, p.max, p.approximate),
                cite(&p.source)
            )
        })
        .collect();
    format!(
        "- **{}** (“{}”) — {}: {}",
        md(&s.claimant),
        md(&s.claimant_text),
        md(&s.what()),
        points.join(" → ")
    )
}

fn story_section(
    out: &mut String,
    store: &Store,
    story: Option<i64>,
    docs: &[DocData],
    n: usize,
) -> Result<()> {
    match story.map(|id| store.story(id)).transpose()?.flatten() {
        Some(s) => {
            let span = match (s.first, s.last) {
                (Some(a), Some(b)) if a != b => format!("{a} … {b}"),
                (Some(a), _) => a.to_string(),
                _ => "undated".to_string(),
            };
            let _ = writeln!(
                out,
                "\n## Story {} — {}\n\n{span}; {} documents, {} events, {} sources.\n",
                s.id,
                md(&s.label),
                s.n_docs,
                s.n_events,
                s.n_sources
            );
        }
        None => {
            let _ = writeln!(
                out,
                "\n## Documents in no story\n\n{} documents.\n",
                docs.len()
            );
        }
    }
    let picked = summary::build(docs, n);
    if !picked.is_empty() {
        let _ = writeln!(out, "### Summary\n");
        for s in &picked {
            let date = s
                .date
                .map_or_else(|| "undated".to_string(), |d| d.to_string());
            let _ = writeln!(
                out,
                "- {date}: {} [{} §{}]",
                md(&s.text),
                md(&s.source_id),
                s.sentence_idx
            );
        }
        out.push('\n');
    }
    let entries = timeline::build(docs, &|_, _, _| true);
    let _ = writeln!(out, "### Timeline\n");
    for e in &entries {
        entry_block(out, e);
    }
    let tolls = claims::toll_series(story, docs);
    if !tolls.is_empty() {
        let _ = writeln!(out, "\n### Running tolls by claimant\n");
        for s in &tolls {
            let _ = writeln!(out, "{}", toll_line(s));
        }
    }
    let found = claims::contradictions(story, docs);
    if !found.is_empty() {
        let _ = writeln!(out, "\n### Contradictions\n");
        for c in &found {
            let about = c.about.as_deref().unwrap_or(&c.kind).replace('_', " ");
            let _ = writeln!(
                out,
                "- {about}:\n  - {}\n  - {}",
                side_text(&c.a),
                side_text(&c.b)
            );
        }
    }
    Ok(())
}

/// The report of every story of the store (latest first), then of the
/// documents in no story.
pub(crate) fn markdown(store: &Store, n: usize) -> Result<String> {
    let docs = load::load(store, &store.scope_docs(None)?)?;
    let mut by_story: BTreeMap<Option<i64>, Vec<DocData>> = BTreeMap::new();
    for d in docs {
        by_story.entry(d.at.story).or_default().push(d);
    }
    let mut out = String::from("# veille report\n");
    let n_docs: usize = by_story.values().map(Vec::len).sum();
    let _ = writeln!(
        out,
        "\n{} stories, {n_docs} documents. Dates marked *inferred* are guessed from the \
         lead's weekday and the dates the text proves (no publication day was given); \
         figures repeated by copies of a dispatch count once, the copies cited after \
         “also”.",
        by_story.keys().filter(|k| k.is_some()).count()
    );
    let order: Vec<Option<i64>> = store
        .stories()?
        .iter()
        .map(|s| Some(s.id))
        .chain(std::iter::once(None))
        .collect();
    for story in order {
        if let Some(docs) = by_story.get(&story) {
            story_section(&mut out, store, story, docs, n)?;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::{count, md};
    use proptest::prelude::*;

    #[test]
    fn figures_read_as_written() {
        assert_eq!(count(21, Some(21), false), "21");
        assert_eq!(count(70, None, false), "at least 70");
        assert_eq!(count(401, None, false), "more than 400");
        assert_eq!(count(11, None, false), "more than 10");
        assert_eq!(count(12, None, false), "at least 12");
        assert_eq!(count(10_001, None, false), "more than 10000");
        assert_eq!(count(200, Some(999), true), "about 200–999");
    }

    #[test]
    fn markup_is_escaped() {
        assert_eq!(
            md("<script>x</script> **a** [l](u)\n# h"),
            "&lt;script&gt;x&lt;/script&gt; \\*\\*a\\*\\* \\[l\\](u) \\# h"
        );
    }

    proptest! {
        #[test]
        fn md_never_leaves_markup_or_newlines(s in "\\PC{0,80}") {
            let out = md(&s);
            prop_assert!(!out.contains('<') && !out.contains('>') && !out.contains('\n'));
            // every markup character is escaped
            let mut prev = ' ';
            for c in out.chars() {
                if matches!(c, '*' | '_' | '`' | '[' | ']' | '#' | '|') {
                    prop_assert_eq!(prev, '\\');
                }
                prev = if prev == '\\' && c == '\\' { ' ' } else { c };
            }
        }
    }
}
