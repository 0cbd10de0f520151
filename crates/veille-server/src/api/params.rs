//! Query-string values shared by the resources: paging and dates, with
//! errors that name the parameter.

use crate::ApiError;
use veille_model::PartialDate;

/// The most items one request returns.
pub const MAX_LIMIT: usize = 500;

/// `limit`, defaulting to `default` and capped at [`MAX_LIMIT`].
pub fn limit(given: Option<usize>, default: usize) -> usize {
    given.unwrap_or(default).min(MAX_LIMIT)
}

/// A `YYYY`, `YYYY-MM` or `YYYY-MM-DD` parameter.
pub fn date(name: &str, given: Option<&str>) -> Result<Option<PartialDate>, ApiError> {
    match given.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => s.parse().map(Some).map_err(|_| {
            ApiError::bad_request(format!(
                "{name}: {s:?} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
            ))
        }),
    }
}

/// Turns a query-string rejection into a JSON 400.
pub fn rejected(e: axum::extract::rejection::QueryRejection) -> ApiError {
    ApiError::bad_request(e.body_text())
}
