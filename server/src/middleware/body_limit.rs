//! Request bodies are read whole, up to a limit, before any handler runs: anything larger is a
//! clear 413 whether or not the client declared its length.

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{StatusCode, header};

use crate::limits::MAX_BODY_BYTES;

pub async fn limit_body_size(request: Request, next: Next) -> Response {
    let declared =
        request.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    let api = crate::api::is_api_path(request.uri().path());
    if declared.is_some_and(|length| length > MAX_BODY_BYTES as u64) {
        return too_large(api);
    }
    let (parts, body) = request.into_parts();
    match to_bytes(body, MAX_BODY_BYTES).await {
        Ok(bytes) => next.run(Request::from_parts(parts, Body::from(bytes))).await,
        Err(_) => too_large(api),
    }
}

/// A plain answer for pages, a problem document for the REST API.
fn too_large(api: bool) -> Response {
    if api {
        return crate::api::problem::too_large();
    }
    (StatusCode::PAYLOAD_TOO_LARGE, app::i18n::fr::REQUEST_TOO_LARGE).into_response()
}
