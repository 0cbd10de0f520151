//! `/api/dupes`: the duplicate groups, largest first.

use super::{params, Route};
use crate::{ApiError, AppState, Json};
use axum::extract::{Query, State};
use axum::routing::get;
use axum::Router;
use serde::Deserialize;
use veille_engine::DupGroup;

pub(super) const ROUTES: &[Route] = &[Route::get("/api/dupes")];

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/api/dupes", get(list))
}

#[derive(Debug, Deserialize)]
struct Params {
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn list(
    State(state): State<AppState>,
    q: Result<Query<Params>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Vec<DupGroup>>, ApiError> {
    let Query(p) = q.map_err(params::rejected)?;
    let (limit, offset) = (params::limit(p.limit, 50), p.offset.unwrap_or(0));
    let groups = state
        .read(move |e| {
            Ok(e.dupes()?
                .into_iter()
                .skip(offset)
                .take(limit)
                .collect::<Vec<_>>())
        })
        .await?;
    Ok(Json(groups))
}
