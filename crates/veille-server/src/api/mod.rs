//! The JSON API: one module per resource, each with its routes and its
//! entry in `openapi.json`.
//!
//! # Adding a resource (stories, events, facts, entities…)
//!
//! 1. A file `api/<resource>.rs` with `pub(super) const ROUTES: &[Route]`
//!    and `pub(super) fn router() -> Router<AppState>`; handlers read the
//!    store with `state.read(|engine| …)` and answer [`crate::Json`] or
//!    [`crate::ApiError`].
//! 2. Two lines below: `.merge(<resource>::router())` in [`router`] and
//!    `<resource>::ROUTES` in [`routes`].
//! 3. Its paths in `src/openapi.json`; a test fails until every route is
//!    listed there and every listed path is served.

mod claims;
mod docs;
mod dupes;
mod entities;
mod events;
mod ingest;
mod openapi;
mod params;
mod reuse;
mod search;
mod stories;
mod views;

use crate::AppState;
use axum::Router;

/// An endpoint: its method and path (axum syntax, `{id}` for a segment).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    pub method: &'static str,
    pub path: &'static str,
}

impl Route {
    pub const fn get(path: &'static str) -> Route {
        Route {
            method: "get",
            path,
        }
    }
    pub const fn post(path: &'static str) -> Route {
        Route {
            method: "post",
            path,
        }
    }
}

/// Every API route.
pub fn router() -> Router<AppState> {
    Router::new()
        .merge(docs::router())
        .merge(dupes::router())
        .merge(reuse::router())
        .merge(search::router())
        .merge(ingest::router())
        .merge(openapi::router())
        .merge(stories::router())
        .merge(events::router())
        .merge(entities::router())
        .merge(claims::router())
        .merge(views::router())
}

/// Every API route, as listed in the OpenAPI document.
pub fn routes() -> Vec<Route> {
    [
        docs::ROUTES,
        dupes::ROUTES,
        reuse::ROUTES,
        search::ROUTES,
        ingest::ROUTES,
        openapi::ROUTES,
        stories::ROUTES,
        events::ROUTES,
        entities::ROUTES,
        claims::ROUTES,
        views::ROUTES,
    ]
    .concat()
}

pub(crate) use docs::{doc_view, DocView};
pub(crate) use entities::entity_page;
pub use openapi::OPENAPI;
pub(crate) use stories::story_id;
