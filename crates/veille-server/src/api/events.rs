//! `/api/events`: events, latest first, with their documents' source ids;
//! `?story=ID` keeps one story's.

use super::{params, Route};
use crate::{ApiError, AppState, Json};
use axum::extract::{Query, State};
use axum::routing::get;
use axum::Router;
use serde::Deserialize;
use veille_engine::EventListing;

pub(super) const ROUTES: &[Route] = &[Route::get("/api/events")];

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/api/events", get(list))
}

#[derive(Debug, Deserialize)]
struct Params {
    story: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn list(
    State(state): State<AppState>,
    q: Result<Query<Params>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Vec<EventListing>>, ApiError> {
    let Query(p) = q.map_err(params::rejected)?;
    let (limit, offset) = (params::limit(p.limit, 50), p.offset.unwrap_or(0));
    let events = state
        .read(move |e| {
            let story = match p.story.as_deref().filter(|s| !s.trim().is_empty()) {
                Some(s) => Some(super::stories::story_id(e, s)?),
                None => None,
            };
            Ok(e.events(story)?
                .into_iter()
                .skip(offset)
                .take(limit)
                .collect::<Vec<_>>())
        })
        .await?;
    Ok(Json(events))
}
