//! What a visitor sees when the server cannot answer normally: a plain French page, no
//! internals, and for a database that cannot be reached, a 503 that says when to try again.

use axum::response::{Html, IntoResponse, Response};
use http::{HeaderValue, StatusCode, header};

use app::error::{AppError, RETRY_AFTER_SECONDS};
use app::i18n::fr;

/// Something broke (a panic): 500.
pub fn internal() -> Response {
    (StatusCode::INTERNAL_SERVER_ERROR, Html(page(fr::ERR_GENERIC_TITLE, fr::ERR_INTERNAL))).into_response()
}

/// The database cannot be reached: 503 with `Retry-After`. Server functions (under `/api/`)
/// get the error as they encode it, the pages get a page.
pub fn unavailable(path: &str) -> Response {
    let mut response = if path.starts_with("/api/") {
        let body = serde_json::to_string(&AppError::Unavailable).unwrap_or_default();
        (StatusCode::SERVICE_UNAVAILABLE, [(header::CONTENT_TYPE, "application/json")], body).into_response()
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, Html(page(fr::ERR_UNAVAILABLE_TITLE, fr::ERR_UNAVAILABLE))).into_response()
    };
    response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECONDS));
    response
}

fn page(title: &str, message: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body><main><h1>{title}</h1><p>{message}</p><p><a href=\"/\">{}</a></p></main></body></html>",
        fr::BACK_HOME
    )
}
