//! `/api/docs`: the listing, and one document with its sentences and reuse
//! links.

use super::{params, Route};
use crate::{ApiError, AppState, Json};
use axum::extract::{Path, Query, State};
use axum::routing::get;
use axum::Router;
use serde::{Deserialize, Serialize};
use veille_engine::{DocQuery, DocSummary, Engine, ReuseLink};
use veille_model::{DocId, Format, PartialDate, Span};

pub(super) const ROUTES: &[Route] = &[Route::get("/api/docs"), Route::get("/api/docs/{id}")];

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/api/docs", get(list))
        .route("/api/docs/{id}", get(one))
}

#[derive(Debug, Deserialize)]
struct ListParams {
    lang: Option<String>,
    since: Option<String>,
    until: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn list(
    State(state): State<AppState>,
    q: Result<Query<ListParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Vec<DocSummary>>, ApiError> {
    let Query(p) = q.map_err(params::rejected)?;
    let query = DocQuery {
        lang: p.lang,
        since: params::date("since", p.since.as_deref())?,
        until: params::date("until", p.until.as_deref())?,
        limit: Some(params::limit(p.limit, 50)),
        offset: p.offset.unwrap_or(0),
    };
    let docs = state
        .read(move |e| e.docs(&query).map_err(ApiError::from))
        .await?;
    Ok(Json(docs))
}

/// A sentence of a document: its index, paragraph and byte span.
#[derive(Debug, Clone, Serialize)]
pub struct SentenceView {
    pub idx: u32,
    pub paragraph: u32,
    pub start: u32,
    pub end: u32,
}

/// A document as the API shows it: metadata, the cleaned text, its
/// paragraphs and sentences (byte spans of `text`) and its reuse links.
#[derive(Debug, Clone, Serialize)]
pub struct DocView {
    pub id: DocId,
    pub source_id: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<PartialDate>,
    pub site: Option<String>,
    pub author: Option<String>,
    pub lang: String,
    pub format: Format,
    pub text: String,
    pub paragraphs: Vec<Span>,
    pub sentences: Vec<SentenceView>,
    /// Earlier documents this one copies sentences from.
    pub reuse_sources: Vec<ReuseLink>,
    /// Later documents that copy sentences from this one.
    pub reused_by: Vec<ReuseLink>,
}

/// The view of the document a user's reference names (store id or source id).
pub fn doc_view(engine: &Engine, reference: &str) -> Result<DocView, ApiError> {
    let d = engine.doc(reference)?;
    let reuse_sources = engine.reuse_sources(d.id)?;
    let reused_by = engine.reused_by(d.id)?;
    Ok(DocView {
        id: d.id,
        sentences: d
            .sentences
            .iter()
            .enumerate()
            .map(|(i, s)| SentenceView {
                idx: i as u32,
                paragraph: s.paragraph,
                start: s.span.start,
                end: s.span.end,
            })
            .collect(),
        source_id: d.source_id,
        url: d.url,
        title: d.title,
        published: d.published,
        site: d.site,
        author: d.author,
        lang: d.lang,
        format: d.format,
        text: d.text,
        paragraphs: d.paragraphs,
        reuse_sources,
        reused_by,
    })
}

async fn one(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<DocView>, ApiError> {
    Ok(Json(state.read(move |e| doc_view(e, &id)).await?))
}
