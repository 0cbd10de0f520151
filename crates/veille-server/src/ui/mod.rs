//! The web pages: a search page (static HTML and vanilla JS that builds the
//! result list from `/api/search` with `textContent`, never `innerHTML`)
//! and a document page rendered here with every piece of article text
//! escaped by [`escape`]. Files are embedded with `include_str!`: no build
//! step, nothing to install.

use crate::api::Route;
use crate::{ApiError, AppState};
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{Html, IntoResponse};
use axum::routing::get;
use axum::Router;
use std::fmt::Write as _;

const SEARCH_HTML: &str = include_str!("search.html");
const SEARCH_JS: &str = include_str!("search.js");
const APP_CSS: &str = include_str!("app.css");

/// The pages (not part of the API description).
pub const PAGES: &[Route] = &[
    Route::get("/"),
    Route::get("/doc/{id}"),
    Route::get("/static/app.css"),
    Route::get("/static/search.js"),
];

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(|| async { Html(SEARCH_HTML) }))
        .route(
            "/static/search.js",
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
                    SEARCH_JS,
                )
            }),
        )
        .route(
            "/static/app.css",
            get(|| async { ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], APP_CSS) }),
        )
        .route("/doc/{id}", get(doc_page))
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

async fn doc_page(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<impl IntoResponse, ApiError> {
    let view = state.read(move |e| crate::api::doc_view(e, &id)).await?;
    Ok(Html(render_doc(&view)))
}

fn render_doc(d: &crate::api::DocView) -> String {
    let title = d.title.as_deref().unwrap_or("(untitled)");
    let mut h = String::with_capacity(d.text.len() * 2 + 2048);
    let _ = write!(
        h,
        "<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{t} · veille</title><link rel=\"stylesheet\" href=\"/static/app.css\"></head><body>\
         <header><a href=\"/\">veille</a> · <a href=\"/\">search</a></header><main>\
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
        let text = d.text.get(s.start as usize..s.end as usize).unwrap_or("");
        let _ = write!(
            h,
            "<span class=\"s\" id=\"s{i}\" title=\"sentence {n}\">{t}</span> ",
            i = s.idx,
            n = s.idx + 1,
            t = escape(text)
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
    fn segments_are_percent_encoded() {
        assert_eq!(encode_segment("a b/é"), "a%20b%2F%C3%A9");
    }
}
