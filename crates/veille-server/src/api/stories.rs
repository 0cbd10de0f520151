//! `/api/stories`: the stories with their documents per day (sparklines),
//! one story with its events in date order and their documents, a story's
//! documents with their reuse links, and the entities a story names (its
//! map).

use super::{params, Route};
use crate::cache;
use crate::{ApiError, AppState};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use serde::{Deserialize, Serialize};
use veille_engine::{Engine, EntitySummary, StoryDetail, StorySummary};
use veille_store::DayCount;

pub(super) const ROUTES: &[Route] = &[
    Route::get("/api/stories"),
    Route::get("/api/stories/{id}"),
    Route::get("/api/stories/{id}/entities"),
    Route::get("/api/stories/{id}/documents"),
];

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/api/stories", get(list))
        .route("/api/stories/{id}", get(one))
        .route("/api/stories/{id}/entities", get(entities))
        .route("/api/stories/{id}/documents", get(documents))
}

/// A story as listed: its counts and its dated documents per day.
#[derive(Debug, Clone, Serialize)]
pub struct StoryItem {
    #[serde(flatten)]
    pub story: StorySummary,
    pub daily: Vec<DayCount>,
}

#[derive(Debug, Deserialize)]
struct Paging {
    /// Only stories of at least this many documents.
    min_docs: Option<u64>,
    limit: Option<usize>,
    offset: Option<usize>,
}

/// Stories of at least `min_docs` documents, latest first, a page at a time.
pub fn story_items(
    engine: &Engine,
    min_docs: u64,
    limit: usize,
    offset: usize,
) -> Result<Vec<StoryItem>, ApiError> {
    let stories: Vec<StorySummary> = engine
        .store()
        .story_page(min_docs, limit, offset)
        .map_err(veille_engine::Error::from)?;
    let ids: Vec<i64> = stories.iter().map(|s| s.id).collect();
    let mut daily = engine
        .store()
        .story_daily(&ids)
        .map_err(veille_engine::Error::from)?;
    Ok(stories
        .into_iter()
        .map(|story| StoryItem {
            daily: daily.remove(&story.id).unwrap_or_default(),
            story,
        })
        .collect())
}

async fn list(
    State(state): State<AppState>,
    q: Result<Query<Paging>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(p) = q.map_err(params::rejected)?;
    let (limit, offset) = (params::limit(p.limit, 50), p.offset.unwrap_or(0));
    let min_docs = p.min_docs.unwrap_or(1);
    let key = format!("stories?min_docs={min_docs}&limit={limit}&offset={offset}");
    cache::kept(&state, key, move |e| {
        story_items(e, min_docs, limit, offset)
    })
    .await
}

/// The story `id` (a path segment), or a 404.
pub fn story_id(engine: &Engine, id: &str) -> Result<i64, ApiError> {
    let not_found = || {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "story_not_found",
            format!("no story {id:?} (GET /api/stories lists them)"),
        )
    };
    let n: i64 = id.trim().parse().map_err(|_| not_found())?;
    match engine
        .store()
        .story(n)
        .map_err(veille_engine::Error::from)?
    {
        Some(_) => Ok(n),
        None => Err(not_found()),
    }
}

/// One story with its events and their documents.
pub fn story_detail(engine: &Engine, id: &str) -> Result<StoryDetail, ApiError> {
    let n = story_id(engine, id)?;
    Ok(engine.story(n)?)
}

async fn one(State(state): State<AppState>, Path(id): Path<String>) -> Result<Response, ApiError> {
    cache::kept(&state, format!("story/{id:?}"), move |e| {
        story_detail(e, &id)
    })
    .await
}

#[derive(Debug, Deserialize)]
struct EntityParams {
    kind: Option<String>,
    limit: Option<usize>,
}

/// The entities a story names, most documents of the story first.
pub fn story_entities(
    engine: &Engine,
    id: &str,
    kind: Option<&str>,
    limit: usize,
) -> Result<Vec<EntitySummary>, ApiError> {
    let n = story_id(engine, id)?;
    let kind = params::entity_kind(kind)?;
    Ok(engine
        .store()
        .story_entities(n, kind, limit)
        .map_err(veille_engine::Error::from)?)
}

async fn entities(
    State(state): State<AppState>,
    Path(id): Path<String>,
    q: Result<Query<EntityParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(p) = q.map_err(params::rejected)?;
    let limit = params::limit(p.limit, 100);
    let key = format!("story/{id:?}/entities?kind={:?}&limit={limit}", p.kind);
    cache::kept(&state, key, move |e| {
        story_entities(e, &id, p.kind.as_deref(), limit)
    })
    .await
}

/// A document of a story with its reuse links (the story page's list).
#[derive(Debug, Clone, Serialize)]
pub struct StoryDoc {
    #[serde(flatten)]
    pub doc: veille_engine::EventDoc,
    /// Earlier documents it copies sentences from.
    pub reuse_sources: Vec<veille_engine::ReuseLink>,
    /// Later documents that copy sentences from it.
    pub reused_by: Vec<veille_engine::ReuseLink>,
}

/// A story's documents, by event in date order, with their reuse links
/// (read in two queries for the whole story, not two per document).
pub fn story_docs(engine: &Engine, id: &str) -> Result<Vec<StoryDoc>, ApiError> {
    let detail = story_detail(engine, id)?;
    let mut reuse = engine
        .store()
        .story_reuse(detail.story.id)
        .map_err(veille_engine::Error::from)?;
    let mut out = Vec::with_capacity(detail.story.n_docs as usize);
    for doc in detail.events.into_iter().flat_map(|e| e.documents) {
        out.push(StoryDoc {
            reuse_sources: reuse.sources.remove(&doc.id).unwrap_or_default(),
            reused_by: reuse.reused_by.remove(&doc.id).unwrap_or_default(),
            doc,
        });
    }
    Ok(out)
}

async fn documents(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    cache::kept(&state, format!("story/{id:?}/documents"), move |e| {
        story_docs(e, &id)
    })
    .await
}
