//! HTML pages: main content and metadata.
//!
//! The page is parsed once (dom_query, the html5ever tree dom_smoothie works
//! on). Metadata is read first, since readability removes `<script>` and
//! `<head>` parts:
//!
//! - title: `og:title`, `twitter:title`, JSON-LD `headline`, `<title>`, the
//!   first `<h1>`; a trailing ` - Site name` (also `|`, `–`, `—`, `:`) is cut
//!   when the site name is known;
//! - publication date: `article:published_time` and its kin (`og:`,
//!   `dc.date`, `dcterms.created`, `date`, `pubdate`, `publishdate`,
//!   `itemprop=datePublished`), JSON-LD `datePublished` (also inside
//!   `@graph` and arrays), then `<time datetime>`;
//! - site: `og:site_name`, JSON-LD `publisher.name`, `application-name`;
//! - author: `meta name=author`, `article:author` (unless a URL), JSON-LD
//!   `author.name`, then readability's byline;
//! - canonical URL: `<link rel=canonical>`, `og:url`; language: `<html
//!   lang>`, then `og:locale`.
//!
//! The main content comes from dom_smoothie 0.19 (a readability.js port,
//! F1 0.996 against readability.js on its 91 test pages, STACK.md §2.5) in
//! its formatted-text mode, which ends block elements (`p`, `div`, headings,
//! lists) with a line break; every non-empty line becomes one paragraph and
//! paragraphs are joined by one blank line, so text from two blocks is never
//! glued. When readability finds nothing, the text of `<body>` without
//! `nav`/`header`/`footer`/`aside`/`form` is used instead.
//!
//! The standfirst: readability often drops it (it sits outside the article
//! container on many news sites). The page's description (`og:description`,
//! `description`, `twitter:description`) becomes the lead when the body does
//! not already hold it. On OrangeSum pages the description is cut at about
//! 200 characters while the standfirst element (`.chapo`, `.lead`,
//! `.standfirst`, `.article-intro`, `[itemprop=description]` outside the
//! head) holds it whole, so that element is preferred when its text starts
//! like the description. See reports/html-extraction.md for the figures.

use super::{encoding, parse_published, Ctx, SourceError};
use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};
use serde_json::Value;
use veille_model::{Format, PartialDate, RawDoc};

/// What an HTML page holds, as extracted.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extracted {
    pub title: Option<String>,
    /// The standfirst, when the body does not already start with it.
    pub lead: Option<String>,
    /// The main text, paragraphs separated by one blank line.
    pub body: String,
    pub published: Option<PartialDate>,
    /// The date string the page gave, as written.
    pub published_raw: Option<String>,
    pub site: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    pub lang: Option<String>,
}

/// Standfirst elements used by news sites, in order of preference.
const STANDFIRST_SELECTORS: &str =
    ".chapo, .chapeau, .standfirst, .article-intro, .article__chapo, .lead, .article-lead, .intro, p[itemprop=description], div[itemprop=description]";

/// Meta keys (property, name or itemprop, lowercased) giving the publication
/// date, best first.
const DATE_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "dcterms.date",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "sailthru.date",
    "parsely-pub-date",
    "video:release_date",
];

/// Parts of class or id names marking blocks that are never article text:
/// related-article and "read also" inserts, recommendation widgets, share
/// bars, newsletter boxes.
const BOILERPLATE_PARTS: &[&str] = &[
    "lire-aussi",
    "lireaussi",
    "lire_aussi",
    "a-lire",
    "related",
    "read-more",
    "readmore",
    "recommend",
    "outbrain",
    "taboola",
    "newsletter",
    "sharing",
    "share-",
    "social",
];

/// Parts of class names marking photo captions and credits.
const CAPTION_PARTS: &[&str] = &["caption", "credit", "copyright"];

/// Whole class names marking a dateline or byline line ("Orange avec AFP,
/// publié le lundi 04 juin 2018 à 18h55"): removed when short.
const DATELINE_CLASSES: &[&str] = &[
    "date",
    "dateline",
    "byline",
    "timestamp",
    "signature",
    "article-date",
    "publish-date",
    "pubdate",
    "article-author",
];

/// Boilerplate blocks longer than this are left to readability: a block
/// this long that matched a name is more likely a wrongly named container.
const MAX_BOILERPLATE_CHARS: usize = 3000;

/// Extracts the main text and metadata of a page. `url` is where the page
/// came from, when known (a WARC target URI); it is only used as a fallback
/// for the canonical URL.
pub fn extract_html(html: &str, url: Option<&str>) -> Extracted {
    let doc = Document::from(html);
    let metas = collect_metas(&doc);
    let meta_raw = |keys: &[&str]| -> Option<String> {
        keys.iter().find_map(|k| {
            metas
                .iter()
                .find(|(key, v)| key == k && !v.trim().is_empty())
                .map(|(_, v)| v.clone())
        })
    };
    let meta = |keys: &[&str]| meta_raw(keys).map(|v| clean_inline(&v));
    let ld = json_ld(&doc);

    let site = meta(&["og:site_name"])
        .or_else(|| ld_find(&ld, &["publisher", "name"]))
        .or_else(|| meta(&["application-name"]));

    let raw_title = meta(&["og:title", "twitter:title"])
        .or_else(|| ld_find(&ld, &["headline"]))
        .or_else(|| first_text(&doc, "title"))
        .or_else(|| first_text(&doc, "h1"));
    let title = raw_title.map(|t| strip_site_suffix(&t, site.as_deref()));

    let mut published_raw = DATE_KEYS.iter().find_map(|k| meta(&[k]));
    if published_raw.as_deref().and_then(parse_published).is_none() {
        published_raw = ld_find(&ld, &["datePublished"])
            .or_else(|| {
                attr_of(
                    &doc,
                    "time[pubdate][datetime], time[itemprop=datePublished][datetime]",
                    "datetime",
                )
            })
            .or_else(|| attr_of(&doc, "time[datetime]", "datetime"))
            .or(published_raw);
    }
    let published = published_raw.as_deref().and_then(parse_published);

    let author = meta(&[
        "author",
        "article:author",
        "dc.creator",
        "sailthru.author",
        "parsely-author",
    ])
    .filter(|a| !a.starts_with("http"))
    .or_else(|| ld_find(&ld, &["author", "name"]));

    let canonical = attr_of(&doc, "link[rel=canonical][href]", "href")
        .filter(|u| u.starts_with("http"))
        .or_else(|| meta(&["og:url"]))
        .or_else(|| url.map(str::to_string));

    let lang = attr_of(&doc, "html[lang]", "lang")
        .or_else(|| meta(&["og:locale"]))
        .map(|l| l.trim().replace('_', "-"))
        .filter(|l| !l.is_empty());

    let description = meta_raw(&["og:description", "description", "twitter:description"]);
    let standfirst = standfirst(&doc, description.as_deref());

    strip_boilerplate(&doc);
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let mut byline = None;
    let mut body = match Readability::with_document(doc, None, Some(cfg)) {
        Ok(mut r) => match r.parse() {
            Ok(article) => {
                byline = article.byline.clone();
                paragraphs(&article.text_content)
            }
            Err(_) => String::new(),
        },
        Err(_) => String::new(),
    };
    if body.is_empty() {
        body = fallback_body(html);
    }
    let author = author
        .or(byline.map(|b| clean_inline(&b)))
        .filter(|a| !a.is_empty());

    let lead = standfirst
        .or(description)
        .and_then(|l| lead_not_in_body(&body, &l));

    Extracted {
        title,
        lead,
        body,
        published,
        published_raw,
        site,
        author,
        url: canonical,
        lang,
    }
}

/// Removes related-article inserts, captions and datelines that readability
/// keeps when they sit inside the article container (OrangeSum's `A lire
/// aussi` insert, its `caption-copyright` credits and `p.date` line). The
/// decision rests only on widely used class and id names, never on a site.
fn strip_boilerplate(doc: &Document) {
    let figcaptions = doc.select("figcaption");
    figcaptions.remove();
    for node in doc.select("[class], [id]").iter() {
        let names = format!(
            "{} {}",
            node.attr("class").unwrap_or_default(),
            node.attr("id").unwrap_or_default()
        )
        .to_ascii_lowercase();
        let tokens: Vec<&str> = names.split_whitespace().collect();
        let boilerplate = tokens.iter().any(|t| {
            BOILERPLATE_PARTS.iter().any(|p| t.contains(p))
                || CAPTION_PARTS.iter().any(|p| t.contains(p))
        });
        let dateline = tokens.iter().any(|t| DATELINE_CLASSES.contains(t));
        if !boilerplate && !dateline {
            continue;
        }
        let len = node.text().chars().count();
        let limit = if dateline && !boilerplate {
            300
        } else {
            MAX_BOILERPLATE_CHARS
        };
        if len <= limit && !node.is("body, html, main, article") {
            node.remove();
        }
    }
}

/// The text of an HTML fragment (a feed item's content), paragraphs
/// separated by one blank line. No readability: a fragment is all content.
pub fn html_fragment_text(html: &str) -> String {
    let doc = Document::fragment(html);
    doc.select("script, style, noscript").remove();
    paragraphs(&doc.formatted_text())
}

/// Reads an HTML input already loaded in memory.
pub(crate) fn read_html(ctx: &Ctx, bytes: &[u8]) -> Result<RawDoc, SourceError> {
    let decoded = encoding::decode(bytes, None, true).map_err(|reason| SourceError::Encoding {
        path: ctx.path(),
        line: None,
        reason,
    })?;
    let mut doc = doc_from_page(
        ctx,
        &decoded.text,
        None,
        ctx.input.single_doc_id(bytes),
        None,
        Format::Html,
    )?;
    if let Some(enc) = decoded.non_utf8_name() {
        doc.meta.insert("encoding".into(), enc.into());
    }
    Ok(doc)
}

/// Builds a document from a decoded page: used for HTML files and WARC records.
pub(crate) fn doc_from_page(
    ctx: &Ctx,
    page: &str,
    url: Option<&str>,
    source_id: String,
    line: Option<u64>,
    format: Format,
) -> Result<RawDoc, SourceError> {
    let ex = extract_html(page, url);
    if ex.body.trim().is_empty() && ex.lead.is_none() {
        return Err(SourceError::NoText {
            path: ctx.path(),
            line,
            reason: "the page has no readable text".into(),
        });
    }
    let mut doc = RawDoc::new(source_id, ctx.origin(line), format, ex.body);
    doc.title = ex.title;
    doc.lead = ex.lead;
    doc.published = ex.published;
    doc.site = ex.site;
    doc.author = ex.author;
    doc.url = ex.url;
    doc.lang_hint = ex.lang;
    if let Some(raw) = ex.published_raw {
        doc.meta.insert("published_raw".into(), raw.into());
    }
    Ok(doc)
}

/// `(key, content)` of every `<meta>` with a `content`, the key being its
/// `property`, `name` or `itemprop`, lowercased.
fn collect_metas(doc: &Document) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for m in doc.select("meta[content]").iter() {
        let Some(content) = m.attr("content") else {
            continue;
        };
        for key_attr in ["property", "name", "itemprop"] {
            if let Some(k) = m.attr(key_attr) {
                out.push((k.trim().to_ascii_lowercase(), content.to_string()));
            }
        }
    }
    out
}

/// Every JSON-LD object of the page, `@graph` members and array items
/// flattened.
fn json_ld(doc: &Document) -> Vec<Value> {
    let mut out = Vec::new();
    for s in doc.select("script[type=\"application/ld+json\"]").iter() {
        let text = s.text();
        if let Ok(v) = serde_json::from_str::<Value>(text.trim()) {
            flatten_ld(v, &mut out, 0);
        }
    }
    out
}

fn flatten_ld(v: Value, out: &mut Vec<Value>, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(items) => items
            .into_iter()
            .for_each(|i| flatten_ld(i, out, depth + 1)),
        Value::Object(mut obj) => {
            if let Some(graph) = obj.remove("@graph") {
                flatten_ld(graph, out, depth + 1);
            }
            out.push(Value::Object(obj));
        }
        _ => {}
    }
}

/// The first string found at `path` in the JSON-LD objects; arrays along the
/// path are searched item by item (`author: [{name: …}]`), and a plain
/// string where an object was expected is taken (`author: "Jane Doe"`).
fn ld_find(ld: &[Value], path: &[&str]) -> Option<String> {
    fn walk(v: &Value, path: &[&str]) -> Option<String> {
        match (v, path.split_first()) {
            (Value::String(s), _) if !s.trim().is_empty() => Some(clean_inline(s)),
            (Value::Array(items), _) => items.iter().find_map(|i| walk(i, path)),
            (Value::Object(obj), Some((head, rest))) => walk(obj.get(*head)?, rest),
            _ => None,
        }
    }
    ld.iter().find_map(|v| walk(v, path))
}

fn first_text(doc: &Document, sel: &str) -> Option<String> {
    let s = doc.select(sel);
    let node = s.nodes().first()?;
    Some(clean_inline(&node.text())).filter(|t| !t.is_empty())
}

fn attr_of(doc: &Document, sel: &str, attr: &str) -> Option<String> {
    doc.select(sel).iter().find_map(|n| {
        n.attr(attr)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    })
}

/// The page's standfirst element, when one exists and agrees with the
/// description (or there is no description to check against).
fn standfirst(doc: &Document, description: Option<&str>) -> Option<String> {
    for node in doc.select(STANDFIRST_SELECTORS).iter() {
        // One line per paragraph, for `lead_not_in_body`.
        let text = paragraphs(&node.formatted_text()).replace("\n\n", "\n");
        if text.len() < 40 || text.len() > 2000 {
            continue;
        }
        match description {
            Some(d) if !same_start(&text, d) => continue,
            _ => return Some(text),
        }
    }
    None
}

/// Whether two texts start with the same 40 characters (words compared
/// without case and spacing).
fn same_start(a: &str, b: &str) -> bool {
    let key = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .take(40)
            .collect()
    };
    let (ka, kb) = (key(a), key(b));
    ka.len() >= 20 && ka == kb
}

/// The lines of a standfirst that the body does not already hold, joined
/// into one paragraph; `None` when the body holds them all. Some pages put
/// the whole article, line by line, in their description.
fn lead_not_in_body(body: &str, lead: &str) -> Option<String> {
    let parts: Vec<String> = lead
        .lines()
        .map(clean_inline)
        .filter(|p| !p.is_empty() && !body_holds(body, p))
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// Whether the body already holds `lead`: its opening appears in the
/// body's first part, or 70 % of its 30-character pieces (letters and digits
/// only) appear somewhere in the body (a standfirst element that repeats the
/// article's opening paragraphs in another order).
fn body_holds(body: &str, lead: &str) -> bool {
    let key = |s: &str| -> Vec<char> {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let lead_key = key(lead);
    if lead_key.is_empty() {
        return true;
    }
    let body_key: String = key(body).into_iter().collect();
    let opening: String = lead_key.iter().take(80).collect();
    let head_len = (lead.len() * 2 + 400).min(body_key.len());
    let head_end = body_key
        .char_indices()
        .nth(head_len)
        .map_or(body_key.len(), |(i, _)| i);
    if body_key[..head_end].contains(&opening) {
        return true;
    }
    let pieces: Vec<String> = lead_key
        .chunks(30)
        .filter(|c| c.len() == 30)
        .map(|c| c.iter().collect())
        .collect();
    let found = pieces
        .iter()
        .filter(|p| body_key.contains(p.as_str()))
        .count();
    !pieces.is_empty() && found * 10 >= pieces.len() * 7
}

/// Cuts ` - Site name` (or `|`, `–`, `—`, `:`, `»`) from the end of a title.
fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    let title = clean_inline(title);
    let Some(site) = site.map(str::trim).filter(|s| !s.is_empty()) else {
        return title;
    };
    for sep in [" - ", " | ", " – ", " — ", " : ", " » ", " · "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            if tail.trim().eq_ignore_ascii_case(site) && !head.trim().is_empty() {
                return head.trim().to_string();
            }
        }
    }
    title
}

/// Collapses whitespace inside one line of text.
fn clean_inline(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One paragraph per non-empty line, joined by one blank line.
fn paragraphs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let line = clean_inline(line);
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&line);
    }
    out
}

/// The text of `<body>` without navigation, header, footer and forms, for
/// pages readability gives up on.
fn fallback_body(html: &str) -> String {
    let doc = Document::from(html);
    doc.select("script, style, noscript, nav, header, footer, aside, form, iframe, template")
        .remove();
    match doc.select("body").nodes().first() {
        Some(body) => paragraphs(&body.formatted_text()),
        None => paragraphs(&doc.formatted_text()),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::mem;
    use super::super::{read_input, SourceConfig, SourceError};
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html>
<html lang="fr"><head>
<meta charset="utf-8">
<title>Combats au Haut-Karabakh - Le Quotidien</title>
<meta property="og:site_name" content="Le Quotidien">
<meta property="og:description" content="Les combats se poursuivent entre forces arméniennes et azerbaïdjanaises.">
<meta name="author" content="Jeanne Martin">
<link rel="canonical" href="https://quotidien.example/monde/karabakh">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},{"@type":"NewsArticle","datePublished":"2020-10-28T09:12:00+01:00","publisher":{"@type":"Organization","name":"Le Quotidien"}}]}</script>
</head><body>
<nav><ul><li><a href="/">Accueil</a></li><li><a href="/monde">Monde</a></li></ul></nav>
<article>
<h1>Combats au Haut-Karabakh</h1>
<p class="chapo">Les combats se poursuivent entre forces arméniennes et azerbaïdjanaises, malgré un troisième cessez-le-feu annoncé par Washington.</p>
<div class="content">
<p>Barda, 28 octobre. Un tir de roquette a frappé le centre de la ville, selon les autorités azerbaïdjanaises, qui font état de plusieurs victimes civiles.</p>
<p>Le ministère arménien de la Défense a démenti toute implication, accusant Bakou de mettre en scène des provocations.</p><p>Les deux camps s'accusent mutuellement de violer la trêve humanitaire conclue sous l'égide des États-Unis.</p>
<div>Une médiation du groupe de Minsk est attendue dans les prochains jours à Genève, selon des sources diplomatiques.</div>
</div>
</article>
<footer>© Le Quotidien — Mentions légales</footer>
</body></html>"#;

    #[test]
    fn extracts_metadata_and_paragraphs() {
        let ex = extract_html(PAGE, None);
        assert_eq!(ex.title.as_deref(), Some("Combats au Haut-Karabakh"));
        assert_eq!(ex.site.as_deref(), Some("Le Quotidien"));
        assert_eq!(ex.author.as_deref(), Some("Jeanne Martin"));
        assert_eq!(
            ex.url.as_deref(),
            Some("https://quotidien.example/monde/karabakh")
        );
        assert_eq!(ex.lang.as_deref(), Some("fr"));
        assert_eq!(ex.published, PartialDate::day(2020, 10, 28));
        assert!(ex.body.contains("civiles.\n\nLe ministère"), "{}", ex.body);
        assert!(
            ex.body.contains("provocations.\n\nLes deux camps"),
            "{}",
            ex.body
        );
        assert!(ex.body.contains("Unis.\n\nUne médiation"), "{}", ex.body);
        assert!(!ex.body.contains("Accueil"), "{}", ex.body);
        assert!(!ex.body.contains("Mentions légales"), "{}", ex.body);
        // The standfirst is either in the body or given as the lead, whole.
        let whole = "malgré un troisième cessez-le-feu annoncé par Washington.";
        assert!(
            ex.body.contains(whole) || ex.lead.as_deref().is_some_and(|l| l.contains(whole)),
            "{ex:?}"
        );
    }

    #[test]
    fn meta_dates_win_over_time_elements() {
        let page = r#"<html><head><meta property="article:published_time" content="2017-04-10T08:00:00Z"></head>
<body><time datetime="2019-01-01">1 janvier</time><p>Texte.</p></body></html>"#;
        assert_eq!(
            extract_html(page, None).published,
            PartialDate::day(2017, 4, 10)
        );
        let page = r#"<html><body><p>Texte.</p><time datetime="2019-01-02">2 janvier</time></body></html>"#;
        assert_eq!(
            extract_html(page, None).published,
            PartialDate::day(2019, 1, 2)
        );
    }

    #[test]
    fn json_ld_author_arrays_and_plain_titles() {
        let page = r#"<html><head><title>Un titre | Autre</title>
<script type="application/ld+json">[{"@type":"NewsArticle","author":[{"@type":"Person","name":"A. Reporter"}],"datePublished":"April 10, 2017"}]</script>
</head><body><p>Un paragraphe.</p></body></html>"#;
        let ex = extract_html(page, Some("http://example.test/a"));
        assert_eq!(ex.author.as_deref(), Some("A. Reporter"));
        assert_eq!(ex.published, PartialDate::day(2017, 4, 10));
        // No known site name: the suffix stays.
        assert_eq!(ex.title.as_deref(), Some("Un titre | Autre"));
        assert_eq!(ex.url.as_deref(), Some("http://example.test/a"));
        assert_eq!(ex.body, "Un paragraphe.");
    }

    #[test]
    fn fragments_become_paragraphs() {
        assert_eq!(
            html_fragment_text(
                "<p>Un.</p><p>Deux <b>gras</b>.</p>Trois<br>Quatre<script>x()</script>"
            ),
            "Un.\n\nDeux gras.\n\nTrois\n\nQuatre"
        );
    }

    #[test]
    fn html_file_reads_as_one_document() {
        let docs: Vec<_> = read_input(
            &mem("pages/42.html", PAGE.as_bytes()),
            &SourceConfig::default(),
        )
        .collect();
        let doc = docs[0].as_ref().expect("doc");
        assert_eq!(doc.source_id, "42");
        assert_eq!(doc.format, Format::Html);
        assert_eq!(doc.lang_hint.as_deref(), Some("fr"));
        assert!(doc.meta.contains_key("published_raw"));
    }

    #[test]
    fn latin1_page_is_decoded() {
        let page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"><title>Arm\xe9nie</title></head><body><p>La r\xe9gion a \xe9t\xe9 bombard\xe9e.</p></body></html>";
        let docs: Vec<_> = read_input(&mem("p.html", page), &SourceConfig::default()).collect();
        let doc = docs[0].as_ref().expect("doc");
        assert_eq!(doc.title.as_deref(), Some("Arménie"));
        assert!(doc.body.contains("bombardée"), "{}", doc.body);
        assert_eq!(
            doc.meta.get("encoding").and_then(|v| v.as_str()),
            Some("windows-1252")
        );
    }

    #[test]
    fn page_without_text_is_an_error() {
        let docs: Vec<_> = read_input(
            &mem("p.html", b"<html><head></head><body>  </body></html>"),
            &SourceConfig::default(),
        )
        .collect();
        assert!(matches!(docs.as_slice(), [Err(SourceError::NoText { .. })]));
    }
}
