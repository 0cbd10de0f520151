//! Errors at the HTTP edge: one table from failures to a status and a JSON
//! body `{"code": "doc_not_found", "message": "…"}`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use veille_engine::Error as EngineError;

/// An error answered to a client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    /// A stable snake_case code.
    pub code: &'static str,
    pub message: String,
}

#[derive(Serialize)]
struct Body<'a> {
    code: &'a str,
    message: &'a str,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            code,
            message: message.into(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    /// A bug or a machine failure: logged in full, answered without details.
    pub fn internal(detail: impl std::fmt::Display) -> ApiError {
        tracing::error!(error = %detail, "request failed");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "internal error (see the server log)",
        )
    }
}

impl From<EngineError> for ApiError {
    fn from(e: EngineError) -> ApiError {
        use veille_engine::Blame;
        match &e {
            EngineError::User(m) => ApiError::bad_request(m.clone()),
            EngineError::Store(s) => match (s.blame(), s.code()) {
                (Blame::User, "doc_not_found") => {
                    ApiError::new(StatusCode::NOT_FOUND, "doc_not_found", s.to_string())
                }
                (Blame::User, "ambiguous_reference") => {
                    ApiError::new(StatusCode::CONFLICT, "ambiguous_reference", s.to_string())
                }
                _ => ApiError::internal(&e),
            },
            EngineError::Io { .. } => ApiError::internal(&e),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = crate::json::to_body(&Body {
            code: self.code,
            message: &self.message,
        });
        let mut res = (self.status, body).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            res.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer"),
            );
        }
        res
    }
}
