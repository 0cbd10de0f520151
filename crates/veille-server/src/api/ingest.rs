//! `POST /api/ingest`: one article as JSON (the fields of a JSON Lines
//! line, or an array of them) or an HTML page. Requires the bearer token.
//!
//! The body is kept under `DATA_DIR/posted/` (named by a digest of its
//! bytes, so posting the same body twice is one file and one document) and
//! ingested through the same path as `veille ingest FILE`: the documents'
//! origin names that file.

use super::Route;
use crate::{token, ApiError, AppState, Json};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use serde::Serialize;
use veille_engine::{Failure, NoProgress};

pub(super) const ROUTES: &[Route] = &[Route::post("/api/ingest")];

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/api/ingest", post(ingest))
}

/// What an ingest request did.
#[derive(Debug, Serialize)]
pub struct IngestAnswer {
    pub added: u64,
    pub unchanged: u64,
    pub failures: Vec<Failure>,
    /// The file the body was kept in.
    pub stored_as: String,
}

/// The extension the body is stored under, from its content type.
fn extension(headers: &HeaderMap) -> Result<&'static str, ApiError> {
    let ct = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match ct.as_str() {
        "application/json" => Ok("json"),
        "text/html" | "application/xhtml+xml" => Ok("html"),
        _ => Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            format!(
                "content type {ct:?}: send application/json (an article object) or text/html (a page)"
            ),
        )),
    }
}

async fn ingest(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, Json<IngestAnswer>), ApiError> {
    let auth = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    if !token::authorizes(auth, state.token()) {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "writes need the header `Authorization: Bearer TOKEN` (the token is in the data directory, file api-token)",
        ));
    }
    let ext = extension(&headers)?;
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::bad_request("empty body"));
    }
    let dir = state.data_dir().join("posted");
    let digest = blake3::hash(&body).to_hex();
    let path = dir.join(format!("api-{}.{ext}", &digest[..16]));
    let (file, stored_as) = (path.clone(), path.display().to_string());
    let report = state
        .write(move |engine| {
            std::fs::create_dir_all(&dir).map_err(ApiError::internal)?;
            std::fs::write(&file, &body).map_err(ApiError::internal)?;
            engine
                .ingest(std::slice::from_ref(&file), &NoProgress)
                .map_err(ApiError::from)
        })
        .await?;
    if report.added == 0 && report.unchanged == 0 {
        let reason = report
            .failures
            .first()
            .map_or_else(|| "no article found".to_string(), |f| f.reason.clone());
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "unreadable_article",
            reason,
        ));
    }
    let status = if report.added > 0 {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((
        status,
        Json(IngestAnswer {
            added: report.added,
            unchanged: report.unchanged,
            failures: report.failures,
            stored_as,
        }),
    ))
}
