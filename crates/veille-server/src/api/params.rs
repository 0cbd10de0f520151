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

/// A `kind` of entity (`person`, `organisation`, `place`), checked.
pub fn entity_kind(given: Option<&str>) -> Result<Option<&'static str>, ApiError> {
    match given.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => veille_extract::entities::EntityKind::parse(s)
            .map(|k| Some(k.as_str()))
            .ok_or_else(|| {
                ApiError::bad_request(format!("kind: {s:?} is not person, organisation or place"))
            }),
    }
}

/// A `kind` of casualty figure (`killed`, `injured`, …), checked.
pub fn casualty_kind(given: Option<&str>) -> Result<Option<veille_engine::CasualtyKind>, ApiError> {
    use veille_engine::CasualtyKind as K;
    const ALL: [K; 6] = [
        K::Killed,
        K::Injured,
        K::Missing,
        K::Captured,
        K::Displaced,
        K::Evacuated,
    ];
    match given.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .map(Some)
            .ok_or_else(|| {
                let names: Vec<&str> = ALL.iter().map(|k| k.as_str()).collect();
                ApiError::bad_request(format!("kind: {s:?} is not one of {}", names.join(", ")))
            }),
    }
}
