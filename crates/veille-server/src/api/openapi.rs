//! `/api/openapi.json`: the hand-written OpenAPI 3.1 description
//! (`src/openapi.json`), kept true by a test against [`super::routes`].

use super::Route;
use crate::AppState;
use axum::http::header;
use axum::routing::get;
use axum::Router;

/// The OpenAPI document.
pub const OPENAPI: &str = include_str!("../openapi.json");

pub(super) const ROUTES: &[Route] = &[Route::get("/api/openapi.json")];

pub(super) fn router() -> Router<AppState> {
    Router::new().route(
        "/api/openapi.json",
        get(|| async { ([(header::CONTENT_TYPE, "application/json")], OPENAPI) }),
    )
}
