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
use veille_engine::{CasualtyFact, Engine, FactFilter, QuoteFilter};
use veille_model::DocId;

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

/// The documents to read: one story's, else `None` (all, or `doc`).
fn story_docs(engine: &Engine, story: Option<&str>) -> Result<Option<Vec<DocId>>, ApiError> {
    let Some(s) = story else { return Ok(None) };
    let id = super::stories::story_id(engine, s)?;
    Ok(Some(
        engine
            .store()
            .story_doc_ids(id)
            .map_err(veille_engine::Error::from)?,
    ))
}

/// Runs `per_doc` on each of a story's documents (by store id) until
/// `limit` items, or once on `doc` (all documents when `None`).
fn gather<T>(
    engine: &Engine,
    story: Option<&str>,
    doc: Option<String>,
    limit: usize,
    per_doc: impl Fn(Option<String>, Option<usize>) -> veille_engine::Result<Vec<T>>,
) -> Result<Vec<T>, ApiError> {
    let Some(ids) = story_docs(engine, story)? else {
        return Ok(per_doc(doc, Some(limit))?);
    };
    let mut out = Vec::new();
    for id in ids {
        if out.len() >= limit {
            break;
        }
        out.extend(per_doc(Some(id.0.to_string()), Some(limit - out.len()))?);
    }
    Ok(out)
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
    // a story's figures in one read (not one per document); the same list
    // as `gather` would make, see `Store::story_casualty_facts`
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
        gather(e, story.as_deref(), doc, limit, |doc, limit| {
            e.quotes(&QuoteFilter {
                speaker: speaker.clone(),
                doc,
                limit,
            })
        })
    })
    .await
}
