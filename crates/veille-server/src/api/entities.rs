//! `/api/entities`: persons, organisations and places, most mentioned
//! first (`?name=` finds by name, alias or transliteration); one entity
//! with its mentions and their sentences.

use super::{params, Route};
use crate::{ApiError, AppState, Json};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::Router;
use serde::{Deserialize, Serialize};
use veille_engine::{Engine, EntityQuery, EntitySummary, MentionView};

pub(super) const ROUTES: &[Route] = &[
    Route::get("/api/entities"),
    Route::get("/api/entities/{id}"),
];

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/api/entities", get(list))
        .route("/api/entities/{id}", get(one))
}

#[derive(Debug, Deserialize)]
struct ListParams {
    kind: Option<String>,
    name: Option<String>,
    limit: Option<usize>,
}

async fn list(
    State(state): State<AppState>,
    q: Result<Query<ListParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Vec<EntitySummary>>, ApiError> {
    let Query(p) = q.map_err(params::rejected)?;
    let limit = params::limit(p.limit, 50);
    let kind = params::entity_kind(p.kind.as_deref())?;
    let name = p.name.filter(|n| !n.trim().is_empty());
    let found = state
        .read(move |e| {
            let mut found = match name {
                // by name: with the transliteration fallback, then the kind
                Some(n) => e
                    .find_entities(&n, params::MAX_LIMIT)?
                    .into_iter()
                    .filter(|x| kind.is_none_or(|k| x.kind == k))
                    .collect(),
                None => e.entities(&EntityQuery {
                    kind: kind.map(str::to_string),
                    name: None,
                    limit: Some(limit),
                })?,
            };
            found.truncate(limit);
            Ok(found)
        })
        .await?;
    Ok(Json(found))
}

/// An entity with its mentions, by document then position.
#[derive(Debug, Clone, Serialize)]
pub struct EntityPage {
    pub entity: EntitySummary,
    pub mentions: Vec<MentionView>,
}

#[derive(Debug, Deserialize)]
struct OneParams {
    limit: Option<usize>,
}

/// The entity `id` (a path segment) with up to `limit` mentions, or a 404.
pub fn entity_page(engine: &Engine, id: &str, limit: usize) -> Result<EntityPage, ApiError> {
    let not_found = || {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "entity_not_found",
            format!("no entity {id:?} (GET /api/entities?name=… finds one)"),
        )
    };
    let n: i64 = id.trim().parse().map_err(|_| not_found())?;
    let entity = engine
        .store()
        .entity(n)
        .map_err(veille_engine::Error::from)?
        .ok_or_else(not_found)?;
    Ok(EntityPage {
        mentions: engine.entity_mentions(n, limit)?,
        entity,
    })
}

async fn one(
    State(state): State<AppState>,
    Path(id): Path<String>,
    q: Result<Query<OneParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<EntityPage>, ApiError> {
    let Query(p) = q.map_err(params::rejected)?;
    let limit = params::limit(p.limit, 100);
    Ok(Json(state.read(move |e| entity_page(e, &id, limit)).await?))
}
