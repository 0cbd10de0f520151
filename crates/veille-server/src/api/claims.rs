//! `/api/facts` and `/api/quotes`: casualty figures with their claimant,
//! and quotes with their speaker, each with its sentence; filtered by one
//! document (`?doc=`) or one story (`?story=`, its documents oldest first).

use super::{params, Route};
use crate::cache;
use crate::{ApiError, AppState};
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use serde::Deserialize;
use veille_engine::{CasualtyFact, Engine, FactFilter, QuoteFilter, StoredQuote};

pub(super) const ROUTES: &[Route] = &[Route::get("/api/facts"), Route::get("/api/quotes")];

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/api/facts", get(facts))
        .route("/api/quotes", get(quotes))
}

#[derive(Debug, Deserialize)]
struct Params {
    /// facts: the kind of figure; ignored by quotes
    kind: Option<String>,
    /// quotes: words of the speaker; ignored by facts
    speaker: Option<String>,
    doc: Option<String>,
    story: Option<String>,
    limit: Option<usize>,
}

fn nonempty(s: Option<String>) -> Option<String> {
    s.filter(|s| !s.trim().is_empty())
}

/// Quotes of a story (in one read), a document or the whole store.
fn story_quotes(
    engine: &Engine,
    story: Option<&str>,
    doc: Option<String>,
    speaker: Option<String>,
    limit: usize,
) -> Result<Vec<StoredQuote>, ApiError> {
    if let Some(s) = story {
        let id = super::stories::story_id(engine, s)?;
        return Ok(engine.story_quotes(id, speaker.as_deref(), Some(limit))?);
    }
    Ok(engine.quotes(&QuoteFilter {
        speaker,
        doc,
        limit: Some(limit),
    })?)
}

/// Casualty figures of a story, a document or the whole store.
pub fn story_facts(
    engine: &Engine,
    story: Option<&str>,
    doc: Option<String>,
    kind: Option<&str>,
    limit: usize,
) -> Result<Vec<CasualtyFact>, ApiError> {
    let kind = params::casualty_kind(kind)?;
    // a story's figures in one read (not one per document), see
    // `Store::story_casualty_facts`
    if let Some(s) = story {
        let id = super::stories::story_id(engine, s)?;
        return Ok(engine.story_facts(id, kind, Some(limit))?);
    }
    Ok(engine.facts(&FactFilter {
        kind,
        doc,
        limit: Some(limit),
    })?)
}

async fn facts(
    State(state): State<AppState>,
    q: Result<Query<Params>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(p) = q.map_err(params::rejected)?;
    let limit = params::limit(p.limit, 100);
    let (story, doc) = (nonempty(p.story), nonempty(p.doc));
    let key = format!("facts?{:?}", (&p.kind, &doc, &story, limit));
    cache::kept(&state, key, move |e| {
        story_facts(e, story.as_deref(), doc, p.kind.as_deref(), limit)
    })
    .await
}

async fn quotes(
    State(state): State<AppState>,
    q: Result<Query<Params>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(p) = q.map_err(params::rejected)?;
    let limit = params::limit(p.limit, 100);
    let (story, doc, speaker) = (nonempty(p.story), nonempty(p.doc), nonempty(p.speaker));
    let key = format!("quotes?{:?}", (&speaker, &doc, &story, limit));
    cache::kept(&state, key, move |e| {
        story_quotes(e, story.as_deref(), doc, speaker, limit)
    })
    .await
}
