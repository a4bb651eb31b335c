//! Server functions answer every error with 500 by default; this gives each `AppError` its own
//! status (401, 403, 422, 429…), so that only real failures are 500s.

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use http::StatusCode;

use app::error::AppError;

const SERVER_FN_ERROR_HEADER: &str = "serverfnerror";
/// Error bodies are small JSON documents; anything larger is not ours to reinterpret.
const MAX_ERROR_BODY: usize = 64 * 1024;

pub async fn set_server_fn_error_status(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !response.headers().contains_key(SERVER_FN_ERROR_HEADER)
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_ERROR_BODY).await else {
        let fallback = serde_json::to_vec(&AppError::Internal).unwrap_or_default();
        return Response::from_parts(parts, Body::from(fallback));
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status = error.status_code();
    }
    Response::from_parts(parts, Body::from(bytes))
}
