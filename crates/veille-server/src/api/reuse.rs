//! `/api/reuse?a=&b=`: the sentences two documents share, aligned.

use super::{params, Route};
use crate::{ApiError, AppState, Json};
use axum::extract::{Query, State};
use axum::routing::get;
use axum::Router;
use serde::Deserialize;
use veille_engine::ReuseView;

pub(super) const ROUTES: &[Route] = &[Route::get("/api/reuse")];

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/api/reuse", get(pair))
}

#[derive(Debug, Deserialize)]
struct Params {
    a: Option<String>,
    b: Option<String>,
}

async fn pair(
    State(state): State<AppState>,
    q: Result<Query<Params>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<ReuseView>, ApiError> {
    let Query(p) = q.map_err(params::rejected)?;
    let (Some(a), Some(b)) = (p.a, p.b) else {
        return Err(ApiError::bad_request(
            "give two documents: ?a=ID&b=ID (store ids or source ids)",
        ));
    };
    Ok(Json(
        state
            .read(move |e| e.reuse(&a, &b).map_err(ApiError::from))
            .await?,
    ))
}
