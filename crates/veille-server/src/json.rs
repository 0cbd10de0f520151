//! JSON responses that are safe to embed: `<`, `>` and `&` are written as
//! `\u003c`, `\u003e`, `\u0026`, so article text holding `<script>` never
//! appears as markup in a response body, whatever a client does with it.

use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// A JSON response body.
#[derive(Debug)]
pub struct Json<T>(pub T);

/// `value` as JSON with `<`, `>` and `&` escaped.
pub(crate) fn to_escaped<T: Serialize>(value: &T) -> serde_json::Result<String> {
    let s = serde_json::to_string(value)?;
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            // outside strings JSON never holds these characters, so
            // the escape only ever lands inside a string
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    Ok(out)
}

/// An escaped JSON body (from [`to_escaped`]) with its content type.
pub(crate) fn json_response(body: impl Into<axum::body::Body>) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body.into(),
    )
        .into_response()
}

/// `value` as escaped JSON with its content type.
pub(crate) fn to_body<T: Serialize>(value: &T) -> Response {
    match to_escaped(value) {
        Ok(out) => json_response(out),
        Err(e) => crate::ApiError::internal(e).into_response(),
    }
}

impl<T: Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        to_body(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped_and_round_trips() {
        let text = "<script>alert(1)</script> & co";
        let res = to_body(&serde_json::json!({ "text": text }));
        let body = futures_body(res);
        assert!(!body.contains('<') && !body.contains('&'), "{body}");
        let back: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(back["text"], text);
    }

    fn futures_body(res: Response) -> String {
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        rt.block_on(async {
            let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
                .await
                .unwrap();
            String::from_utf8(bytes.to_vec()).unwrap()
        })
    }
}
