//! `/api/search?q=`: full-text search with snippets and highlights.

use super::{params, Route};
use crate::cache;
use crate::{ApiError, AppState};
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use serde::Deserialize;
use veille_engine::{SearchFilter, SearchRequest};

pub(super) const ROUTES: &[Route] = &[Route::get("/api/search")];

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/api/search", get(search))
}

#[derive(Debug, Deserialize)]
struct Params {
    q: Option<String>,
    lang: Option<String>,
    from: Option<String>,
    to: Option<String>,
    site: Option<String>,
    story: Option<i64>,
    entity: Option<i64>,
    limit: Option<usize>,
    offset: Option<usize>,
}

/// The request a query string describes.
fn request(p: Params) -> Result<SearchRequest, ApiError> {
    let query = p.q.unwrap_or_default();
    if query.trim().is_empty() {
        return Err(ApiError::bad_request("give the words to find: ?q=…"));
    }
    Ok(SearchRequest {
        query,
        filter: SearchFilter {
            lang: p.lang.filter(|l| !l.is_empty()),
            since: params::date("from", p.from.as_deref())?,
            until: params::date("to", p.to.as_deref())?,
            site: p.site.filter(|s| !s.is_empty()),
            story: p.story,
            entity: p.entity,
            limit: params::limit(p.limit, 20),
            offset: p.offset.unwrap_or(0),
        },
    })
}

/// The key of a kept answer: the whole request, its query's words
/// separated by single spaces (they are split on whitespace anyway), with
/// every filter, the page size and the offset.
fn normalise(req: &mut SearchRequest) -> Result<String, ApiError> {
    req.query = req.query.split_whitespace().collect::<Vec<_>>().join(" ");
    serde_json::to_string(&*req).map_err(ApiError::internal)
}

async fn search(
    State(state): State<AppState>,
    q: Result<Query<Params>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(p) = q.map_err(params::rejected)?;
    let mut req = request(p)?;
    let key = format!("search?{}", normalise(&mut req)?);
    cache::kept(&state, key, move |e| e.search(&req).map_err(ApiError::from)).await
}
