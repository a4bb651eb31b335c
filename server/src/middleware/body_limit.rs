//! Request bodies are read whole, up to a limit, before any handler runs: anything larger is a
//! clear 413 whether or not the client declared its length. The client import's upload alone
//! has a larger limit, and a file over it is answered with the upload page saying so.

use std::pin::Pin;

use axum::body::{Body, Bytes, HttpBody, to_bytes};
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use http::{Method, StatusCode, header};

use crate::limits::{IMPORT_DRAIN_BYTES, IMPORT_MAX_BODY_BYTES, MAX_BODY_BYTES};

pub async fn limit_body_size(request: Request, next: Next) -> Response {
    let declared =
        request.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if is_import_upload(&request) {
        return limit_import_upload(request, declared, next).await;
    }
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

fn is_import_upload(request: &Request) -> bool {
    request.method() == Method::POST && request.uri().path() == app::routes::CLIENT_IMPORT
}

/// The upload of a client import: up to `IMPORT_MAX_BODY_BYTES`. A larger one stages nothing
/// and leads back to the upload form, which says the file is too large; it is read on (and
/// thrown away) up to `IMPORT_DRAIN_BYTES` first, because a browser still sending its file
/// shows a broken connection instead of an answer it did not wait for.
async fn limit_import_upload(request: Request, declared: Option<u64>, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    let keep =
        if declared.is_some_and(|length| length > IMPORT_MAX_BODY_BYTES as u64) { 0 } else { IMPORT_MAX_BODY_BYTES };
    match read_at_most(body, keep).await {
        Some(bytes) if declared.is_none_or(|length| length <= IMPORT_MAX_BODY_BYTES as u64) => {
            next.run(Request::from_parts(parts, Body::from(bytes))).await
        }
        _ => Redirect::to(&app::client_import::model::FileRefusal::TooLarge.page_url()).into_response(),
    }
}

/// The body if it has `keep` bytes at most; else `None`, once the rest is read (and dropped)
/// up to `IMPORT_DRAIN_BYTES`, or the body broke off.
async fn read_at_most(mut body: Body, keep: usize) -> Option<Bytes> {
    let (mut kept, mut seen) = (Vec::new(), 0u64);
    while let Some(frame) = std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
        let Ok(data) = frame.ok()?.into_data() else { continue };
        seen += data.len() as u64;
        if seen <= keep as u64 {
            kept.extend_from_slice(&data);
        } else if seen > IMPORT_DRAIN_BYTES {
            break;
        }
    }
    (seen <= keep as u64).then(|| Bytes::from(kept))
}

/// A plain answer for pages, a problem document for the REST API.
fn too_large(api: bool) -> Response {
    if api {
        return crate::api::problem::too_large();
    }
    (StatusCode::PAYLOAD_TOO_LARGE, app::i18n::fr::REQUEST_TOO_LARGE).into_response()
}
