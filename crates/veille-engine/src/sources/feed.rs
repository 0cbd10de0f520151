//! RSS 2.0 and Atom feeds (feed-rs 3): one document per item.
//!
//! | slot | from |
//! |---|---|
//! | source_id | `guid` / Atom `id` (feed-rs makes one from the item when absent) |
//! | url | the first link (`rel=alternate` preferred) |
//! | title | item title |
//! | published | `pubDate` / `published`, else `updated` (kept as `meta.updated`) |
//! | body | `content:encoded` / Atom `content`, else `description` / `summary`, through the HTML fragment text path |
//! | author | first author name |
//! | site | the feed title |
//!
//! Short summaries are kept as they are: a feed is often all there is. An
//! item with neither content nor summary is an error for that item (its
//! 1-based number), and the other items are read.

use super::{encoding, html, Ctx, SourceError};
use feed_rs::model::{Entry, FeedType};
use veille_model::{Format, PartialDate, RawDoc};

/// Reads a whole feed already loaded in memory.
pub(crate) fn read_feed(ctx: &Ctx, bytes: &[u8]) -> Vec<Result<RawDoc, SourceError>> {
    // feed-rs decodes UTF-8 only: transcode other encodings first.
    let owned;
    let bytes = match std::str::from_utf8(bytes) {
        Ok(_) => bytes,
        Err(_) => match encoding::decode(bytes, xml_declared_encoding(bytes).as_deref(), false) {
            Ok(d) => {
                owned = strip_xml_encoding(&d.text);
                owned.as_bytes()
            }
            Err(reason) => {
                return vec![Err(SourceError::Encoding {
                    path: ctx.path(),
                    line: None,
                    reason,
                })]
            }
        },
    };
    let parsed = match feed_rs::parser::parse(bytes) {
        Ok(f) => f,
        Err(e) => {
            return vec![Err(SourceError::Feed {
                path: ctx.path(),
                reason: e.to_string(),
            })]
        }
    };
    let format = match parsed.feed_type {
        FeedType::Atom => Format::Atom,
        _ => Format::Rss,
    };
    let site = parsed
        .title
        .as_ref()
        .map(|t| t.content.trim().to_string())
        .filter(|t| !t.is_empty());
    let lang = parsed.language.clone();
    if parsed.entries.is_empty() {
        return vec![Err(SourceError::Feed {
            path: ctx.path(),
            reason: "the feed has no items".into(),
        })];
    }
    parsed
        .entries
        .into_iter()
        .enumerate()
        .map(|(i, entry)| {
            doc_from_entry(ctx, entry, i as u64 + 1, format, site.clone(), lang.clone())
        })
        .collect()
}

fn doc_from_entry(
    ctx: &Ctx,
    entry: Entry,
    n: u64,
    format: Format,
    site: Option<String>,
    feed_lang: Option<String>,
) -> Result<RawDoc, SourceError> {
    let content = entry
        .content
        .as_ref()
        .and_then(|c| c.body.as_deref())
        .map(html::html_fragment_text)
        .filter(|t| !t.trim().is_empty());
    let summary = entry
        .summary
        .as_ref()
        .map(|s| html::html_fragment_text(&s.content))
        .filter(|t| !t.trim().is_empty());
    let (body, lead) = match (content, summary) {
        (Some(c), Some(s)) if !c.starts_with(s.trim_end_matches('…').trim_end_matches("...")) => {
            (c, Some(s))
        }
        (Some(c), _) => (c, None),
        (None, Some(s)) => (s, None),
        (None, None) => {
            return Err(SourceError::NoText {
                path: ctx.path(),
                line: Some(n),
                reason: format!(
                    "feed item {n} has no content, description or summary; the item is skipped"
                ),
            })
        }
    };
    let id = if entry.id.trim().is_empty() {
        format!("{}:{n}", ctx.input.stem())
    } else {
        entry.id.clone()
    };
    let mut doc = RawDoc::new(id, ctx.origin(Some(n)), format, body);
    doc.lead = lead;
    doc.title = entry
        .title
        .as_ref()
        .map(|t| html::html_fragment_text(&t.content).replace("\n\n", " "))
        .filter(|t| !t.is_empty());
    doc.url = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or(entry.links.first())
        .map(|l| l.href.clone());
    let date = entry.published.or(entry.updated);
    doc.published = date.and_then(|d| {
        use chrono::Datelike;
        PartialDate::day(d.year(), d.month() as u8, d.day() as u8)
    });
    if let Some(u) = entry.updated {
        doc.meta.insert("updated".into(), u.to_rfc3339().into());
    }
    doc.author = entry
        .authors
        .iter()
        .filter_map(|p| p.name.as_deref().map(str::trim))
        .find(|n| !n.is_empty())
        .map(str::to_string);
    doc.site = site;
    doc.lang_hint = entry.language.clone().or(feed_lang);
    let categories: Vec<serde_json::Value> = entry
        .categories
        .iter()
        .map(|c| c.label.clone().unwrap_or_else(|| c.term.clone()).into())
        .collect();
    if !categories.is_empty() {
        doc.meta.insert("categories".into(), categories.into());
    }
    Ok(doc)
}

/// The `encoding` of an XML declaration.
fn xml_declared_encoding(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]).into_owned();
    let decl = head.strip_prefix("<?xml")?;
    let decl = &decl[..decl.find("?>")?];
    let rest = &decl[decl.find("encoding")? + "encoding".len()..];
    let rest = rest.trim_start().strip_prefix('=')?.trim_start();
    let quote = rest.chars().next()?;
    let rest = &rest[quote.len_utf8()..];
    Some(rest[..rest.find(quote)?].to_string())
}

/// Removes the XML declaration of a transcoded feed, whose `encoding` no
/// longer holds.
fn strip_xml_encoding(text: &str) -> String {
    match (text.trim_start().strip_prefix("<?xml"), text.find("?>")) {
        (Some(_), Some(end)) => text[end + 2..].to_string(),
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::mem;
    use super::super::{read_input, SourceConfig, SourceError};
    use super::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>Dépêches Caucase</title>
<link>https://caucase.example/</link>
<language>fr</language>
<item>
  <title>Nouvelle trêve au Karabakh</title>
  <link>https://caucase.example/a/1</link>
  <guid isPermaLink="false">caucase-1</guid>
  <pubDate>Mon, 26 Oct 2020 08:00:00 +0000</pubDate>
  <dc:creator>Ani Petrossian</dc:creator>
  <description>Une trêve humanitaire est entrée en vigueur.</description>
  <content:encoded><![CDATA[<p>Une trêve humanitaire est entrée en vigueur lundi matin.</p><p>Elle a été violée dans l'heure, selon Erevan.</p>]]></content:encoded>
</item>
<item>
  <title>Bilan à Stepanakert</title>
  <link>https://caucase.example/a/2</link>
  <guid>caucase-2</guid>
  <description>&lt;p&gt;Le bilan s'alourdit.&lt;/p&gt;</description>
</item>
<item><title>Sans texte</title><guid>caucase-3</guid></item>
</channel></rss>"#;

    const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Conflict Watch</title>
  <id>urn:uuid:feed</id>
  <updated>2023-09-20T10:00:00Z</updated>
  <entry>
    <title>Shelling reported in Stepanakert</title>
    <id>urn:uuid:entry-1</id>
    <link rel="alternate" href="https://watch.example/e/1"/>
    <published>2023-09-19T12:00:00Z</published>
    <updated>2023-09-20T09:00:00Z</updated>
    <author><name>J. Smith</name></author>
    <summary>Short summary.</summary>
    <content type="html">&lt;p&gt;Heavy shelling was reported.&lt;/p&gt;&lt;p&gt;Officials said 27 people died.&lt;/p&gt;</content>
  </entry>
</feed>"#;

    #[test]
    fn rss_items_become_documents() {
        let docs: Vec<_> =
            read_input(&mem("f.xml", RSS.as_bytes()), &SourceConfig::default()).collect();
        assert_eq!(docs.len(), 3);
        let a = docs[0].as_ref().expect("item 1");
        assert_eq!(a.source_id, "caucase-1");
        assert_eq!(a.format, Format::Rss);
        assert_eq!(a.url.as_deref(), Some("https://caucase.example/a/1"));
        assert_eq!(a.title.as_deref(), Some("Nouvelle trêve au Karabakh"));
        assert_eq!(a.site.as_deref(), Some("Dépêches Caucase"));
        assert_eq!(a.author.as_deref(), Some("Ani Petrossian"));
        assert_eq!(a.published, PartialDate::day(2020, 10, 26));
        assert_eq!(a.lang_hint.as_deref(), Some("fr"));
        assert_eq!(a.body, "Une trêve humanitaire est entrée en vigueur lundi matin.\n\nElle a été violée dans l'heure, selon Erevan.");
        assert_eq!(a.origin.line, Some(1));
        let b = docs[1].as_ref().expect("item 2");
        assert_eq!(b.body, "Le bilan s'alourdit.");
        assert!(matches!(
            &docs[2],
            Err(SourceError::NoText { line: Some(3), .. })
        ));
    }

    #[test]
    fn atom_entries_become_documents() {
        let docs: Vec<_> =
            read_input(&mem("f.atom", ATOM.as_bytes()), &SourceConfig::default()).collect();
        let a = docs[0].as_ref().expect("entry");
        assert_eq!(a.format, Format::Atom);
        assert_eq!(a.source_id, "urn:uuid:entry-1");
        assert_eq!(
            a.body,
            "Heavy shelling was reported.\n\nOfficials said 27 people died."
        );
        assert_eq!(a.lead.as_deref(), Some("Short summary."));
        assert_eq!(a.published, PartialDate::day(2023, 9, 19));
        assert_eq!(a.author.as_deref(), Some("J. Smith"));
        assert_eq!(a.site.as_deref(), Some("Conflict Watch"));
        assert!(a.meta.contains_key("updated"));
    }

    #[test]
    fn truncated_feed_is_an_error() {
        let cut = &RSS[..RSS.len() / 2];
        let docs: Vec<_> =
            read_input(&mem("f.rss", cut.as_bytes()), &SourceConfig::default()).collect();
        assert!(
            matches!(docs.as_slice(), [Err(SourceError::Feed { .. })]),
            "{docs:?}"
        );
    }

    #[test]
    fn latin1_feed_is_transcoded() {
        let feed = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>T</title><item><guid>g</guid><title>Arm\xe9nie</title><description>R\xe9gion bombard\xe9e.</description></item></channel></rss>";
        let docs: Vec<_> = read_input(&mem("f.rss", feed), &SourceConfig::default()).collect();
        let a = docs[0].as_ref().expect("item");
        assert_eq!(a.title.as_deref(), Some("Arménie"));
        assert_eq!(a.body, "Région bombardée.");
    }
}
