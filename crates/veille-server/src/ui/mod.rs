//! The web pages, embedded with `include_str!`: no build step, nothing to
//! install.
//!
//! - `/` the stories with their sparklines, `/story/{id}` a story (summary,
//!   figures per claimant over time, map, timeline, claims with their
//!   contradictions, documents with reuse links), `/entity/{id}` an entity
//!   and its mentions, `/search` the search page: static HTML shells whose
//!   scripts read the JSON API and build the page with DOM nodes and
//!   `textContent` only, never `innerHTML` (article text is untrusted).
//! - `/doc/{id}` a document, rendered here with every piece of article
//!   text escaped by [`escape`]; `?hl=START-END` marks a byte span (the
//!   figure or name a link points to) and `#sN` scrolls to sentence N.
//! - The story page's map is `world.svg`, Natural Earth's 1:110m countries
//!   projected once by `scripts/build-worldmap.sh` (55 KB, no tile server).

use crate::api::Route;
use crate::{ApiError, AppState};
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::Deserialize;
use std::fmt::Write as _;
use std::sync::LazyLock;

/// The files under `/static/`: name, content type, body.
const STATIC: &[(&str, &str, &str)] = &[
    (
        "app.css",
        "text/css; charset=utf-8",
        include_str!("app.css"),
    ),
    ("common.js", JS, include_str!("common.js")),
    ("search.js", JS, include_str!("search.js")),
    ("stories.js", JS, include_str!("stories.js")),
    ("story.js", JS, include_str!("story.js")),
    ("entity.js", JS, include_str!("entity.js")),
    ("world.svg", "image/svg+xml", include_str!("world.svg")),
];
const JS: &str = "text/javascript; charset=utf-8";

const SEARCH_HTML: &str = include_str!("search.html");
const STORIES_HTML: &str = include_str!("stories.html");
const ENTITY_HTML: &str = include_str!("entity.html");
/// The story page with the world map inline (its script draws on it).
static STORY_HTML: LazyLock<String> =
    LazyLock::new(|| include_str!("story.html").replace("@WORLD@", include_str!("world.svg")));

/// The pages (not part of the API description).
pub const PAGES: &[Route] = &[
    Route::get("/"),
    Route::get("/search"),
    Route::get("/story/{id}"),
    Route::get("/entity/{id}"),
    Route::get("/doc/{id}"),
    Route::get("/static/{name}"),
];

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(|| async { Html(STORIES_HTML) }))
        .route("/search", get(|| async { Html(SEARCH_HTML) }))
        .route("/story/{id}", get(story_page))
        .route("/entity/{id}", get(entity_page))
        .route("/static/{name}", get(static_file))
        .route("/doc/{id}", get(doc_page))
}

async fn static_file(Path(name): Path<String>) -> Response {
    match STATIC.iter().find(|(n, _, _)| *n == name) {
        Some((_, ctype, body)) => ([(header::CONTENT_TYPE, *ctype)], *body).into_response(),
        None => ApiError::new(
            StatusCode::NOT_FOUND,
            "no_such_file",
            format!("no static file {name:?}"),
        )
        .into_response(),
    }
}

/// A page shell, with status 404 when `exists` says its subject is unknown
/// (the page's script then shows the API's message).
async fn shell(
    state: AppState,
    id: String,
    html: &'static str,
    exists: fn(&veille_engine::Engine, &str) -> Result<(), ApiError>,
) -> Response {
    let status = match state.read(move |e| exists(e, &id)).await {
        Ok(()) => StatusCode::OK,
        Err(e) if e.status == StatusCode::NOT_FOUND => StatusCode::NOT_FOUND,
        Err(e) => return e.into_response(),
    };
    (status, Html(html)).into_response()
}

async fn story_page(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    shell(state, id, STORY_HTML.as_str(), |e, id| {
        crate::api::story_id(e, id).map(|_| ())
    })
    .await
}

async fn entity_page(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    shell(state, id, ENTITY_HTML, |e, id| {
        crate::api::entity_page(e, id, 0).map(|_| ())
    })
    .await
}

/// `s` with the five HTML-significant characters escaped: safe in element
/// content and in double- or single-quoted attributes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The percent-encoding of a path segment (document references in links).
fn encode_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[derive(Debug, Deserialize)]
struct DocParams {
    /// `START-END`: a byte span of the text to mark.
    hl: Option<String>,
}

/// `START-END` as a byte range, when it reads as one.
fn parse_span(s: &str) -> Option<(usize, usize)> {
    let (a, b) = s.split_once('-')?;
    let (a, b) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
    (a < b).then_some((a, b))
}

async fn doc_page(
    State(state): State<AppState>,
    Path(id): Path<String>,
    q: Result<Query<DocParams>, axum::extract::rejection::QueryRejection>,
) -> Result<impl IntoResponse, ApiError> {
    // a malformed highlight is ignored: the document still shows
    let hl = q
        .ok()
        .and_then(|Query(p)| p.hl)
        .and_then(|s| parse_span(&s));
    let (view, story) = state
        .read(move |e| {
            let view = crate::api::doc_view(e, &id)?;
            let story = e.event_of(view.id)?.map(|(_, story)| story);
            Ok((view, story))
        })
        .await?;
    Ok(Html(render_doc(&view, story, hl)))
}

/// A sentence's text, escaped, with the part of `hl` inside it in <mark>.
fn sentence_html(text: &str, start: usize, end: usize, hl: Option<(usize, usize)>) -> String {
    let sentence = text.get(start..end).unwrap_or("");
    let inside = hl
        .filter(|&(a, b)| a >= start && b <= end)
        .and_then(|(a, b)| Some((text.get(start..a)?, text.get(a..b)?, text.get(b..end)?)));
    match inside {
        Some((before, mid, after)) => format!(
            "{}<mark id=\"hl\">{}</mark>{}",
            escape(before),
            escape(mid),
            escape(after)
        ),
        None => escape(sentence),
    }
}

/// The document page; `story` is the story it belongs to, when clustered.
fn render_doc(d: &crate::api::DocView, story: Option<i64>, hl: Option<(usize, usize)>) -> String {
    let title = d.title.as_deref().unwrap_or("(untitled)");
    let mut h = String::with_capacity(d.text.len() * 2 + 2048);
    let _ = write!(
        h,
        "<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{t} · veille</title><link rel=\"stylesheet\" href=\"/static/app.css\"></head><body>\
         <header><a href=\"/\">veille</a> · <a href=\"/\">stories</a> · <a href=\"/search\">search</a></header><main>\
         <h1>{t}</h1><p class=\"meta\">",
        lang = escape(&d.lang),
        t = escape(title)
    );
    let mut meta = vec![
        format!("#{}", d.id.0),
        escape(&d.source_id),
        d.published
            .map_or_else(|| "undated".into(), |p| p.to_string()),
        escape(&d.lang),
    ];
    if let Some(site) = &d.site {
        meta.push(escape(site));
    }
    if let Some(author) = &d.author {
        meta.push(escape(author));
    }
    if let Some(story) = story {
        meta.push(format!("<a href=\"/story/{story}\">story {story}</a>"));
    }
    h.push_str(&meta.join(" · "));
    if let Some(url) = &d.url {
        if url.starts_with("http://") || url.starts_with("https://") {
            let _ = write!(
                h,
                " · <a rel=\"noopener noreferrer nofollow\" href=\"{}\">source</a>",
                escape(url)
            );
        }
    }
    h.push_str("</p>");
    if !d.reuse_sources.is_empty() || !d.reused_by.is_empty() {
        h.push_str("<section class=\"reuse\"><h2>Reuse</h2><ul>");
        for (links, verb) in [(&d.reuse_sources, "copies"), (&d.reused_by, "is copied by")] {
            for l in links {
                let other = if verb == "copies" { l.source } else { l.doc };
                let _ = write!(
                    h,
                    "<li>{verb} {n} sentences ({v} verbatim) {prep} <a href=\"/doc/{id}\">#{id}</a></li>",
                    n = l.sentences,
                    v = l.verbatim,
                    prep = if verb == "copies" { "from" } else { "in" },
                    id = other.0
                );
            }
        }
        h.push_str("</ul></section>");
    }
    h.push_str("<article>");
    let mut para = None;
    for s in &d.sentences {
        if para != Some(s.paragraph) {
            if para.is_some() {
                h.push_str("</p>");
            }
            h.push_str("<p>");
            para = Some(s.paragraph);
        }
        let _ = write!(
            h,
            "<span class=\"s\" id=\"s{i}\" title=\"sentence {n}\">{t}</span> ",
            i = s.idx,
            n = s.idx + 1,
            t = sentence_html(&d.text, s.start as usize, s.end as usize, hl)
        );
    }
    if para.is_some() {
        h.push_str("</p>");
    }
    let _ = writeln!(
        h,
        "</article><footer><a href=\"/api/docs/{}\">JSON</a></footer></main></body></html>",
        encode_segment(&d.source_id)
    );
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_leaves_no_markup() {
        let e = escape(r#"<script>alert("x")</script> & 'y'"#);
        assert!(!e.contains('<') && !e.contains('>') && !e.contains('"') && !e.contains('\''));
        assert_eq!(
            e,
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
    }

    #[test]
    fn a_highlight_inside_a_sentence_is_marked_and_escaped() {
        let text = "Un <b>gras</b> mot. Suite.";
        assert_eq!(
            sentence_html(text, 0, 19, Some((3, 6))),
            "Un <mark id=\"hl\">&lt;b&gt;</mark>gras&lt;/b&gt; mot."
        );
        // outside the sentence: plain
        assert_eq!(sentence_html(text, 20, 26, Some((3, 6))), "Suite.");
    }

    proptest::proptest! {
        /// Any `hl` and any span: never a panic, never raw markup, and the
        /// text comes back whole once the marks and escapes are undone.
        #[test]
        fn highlights_never_break_the_page(hl in ".{0,24}", text in "[a-zé<>&\" .]{0,40}", a in 0usize..48, b in 0usize..48) {
            let span = parse_span(&hl).or(Some((a, b)));
            let end = text.len();
            let html = sentence_html(&text, 0, end, span);
            proptest::prop_assert!(!html.contains('"') || html.contains("<mark id=\"hl\">"));
            let plain = html
                .replace("<mark id=\"hl\">", "")
                .replace("</mark>", "");
            proptest::prop_assert!(!plain.contains('<') && !plain.contains('>'));
            let back = plain
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
            proptest::prop_assert_eq!(back, text);
        }
    }

    #[test]
    fn spans_parse_only_when_well_formed() {
        assert_eq!(parse_span("3-9"), Some((3, 9)));
        for bad in ["", "9-3", "3-3", "-", "a-b", "3", "-1-4", "1-2-3"] {
            assert_eq!(parse_span(bad), None, "{bad}");
        }
    }

    #[test]
    fn segments_are_percent_encoded() {
        assert_eq!(encode_segment("a b/é"), "a%20b%2F%C3%A9");
    }
}
