//! `/api/stories/{id}/timeline|summary|contradictions|tolls`: the read
//! models of `veille_engine::views` for one story, as they are, kept while
//! the store is unchanged ([`crate::cache`]).

use super::{params, Route};
use crate::cache;
use crate::{ApiError, AppState};
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use serde::{Deserialize, Serialize};
use veille_engine::views::{self, Scope, Target};
use veille_engine::Engine;

pub(super) const ROUTES: &[Route] = &[
    Route::get("/api/stories/{id}/timeline"),
    Route::get("/api/stories/{id}/summary"),
    Route::get("/api/stories/{id}/contradictions"),
    Route::get("/api/stories/{id}/tolls"),
];

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/api/stories/{id}/timeline", get(timeline))
        .route("/api/stories/{id}/summary", get(summary))
        .route("/api/stories/{id}/contradictions", get(contradictions))
        .route("/api/stories/{id}/tolls", get(tolls))
}

/// Runs a view on the story `id` (a path segment; 404 when unknown), or
/// serves its kept answer while the store is unchanged (see [`crate::cache`]);
/// `name` tells the views (and their parameters) apart.
async fn on_story<T, F>(
    state: AppState,
    id: String,
    name: String,
    view: F,
) -> Result<Response, ApiError>
where
    T: Serialize,
    F: FnOnce(&Engine, i64) -> veille_engine::Result<T> + Send + 'static,
{
    cache::kept(&state, format!("story/{id:?}/{name}"), move |e| {
        let n = super::stories::story_id(e, &id)?;
        Ok(view(e, n)?)
    })
    .await
}

async fn timeline(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    on_story(state, id, "timeline".into(), |e, n| {
        views::timeline(e.store(), &Scope::Story(n))
    })
    .await
}

#[derive(Debug, Deserialize)]
struct SummaryParams {
    /// How many sentences (default 5, at most 50).
    n: Option<usize>,
}

async fn summary(
    State(state): State<AppState>,
    Path(id): Path<String>,
    q: Result<Query<SummaryParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(p) = q.map_err(params::rejected)?;
    let n = p.n.unwrap_or(5).clamp(1, 50);
    on_story(state, id, format!("summary/{n}"), move |e, s| {
        views::summary(e.store(), Target::Story(s), n)
    })
    .await
}

async fn contradictions(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    on_story(state, id, "contradictions".into(), |e, n| {
        views::contradictions(e.store(), &Scope::Story(n))
    })
    .await
}

async fn tolls(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    on_story(state, id, "tolls".into(), |e, n| {
        views::toll_series(e.store(), &Scope::Story(n))
    })
    .await
}
