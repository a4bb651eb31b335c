//! Headers every response carries. Pages set their own CSP (with the hydration nonce); every
//! other response gets the same policy without a nonce.

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use http::{HeaderValue, header};

pub async fn add_security_headers(request: Request, next: Next) -> Response {
    let is_static_asset = request.uri().path().starts_with("/pkg/");
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        let policy = app::security::content_security_policy(None);
        headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_str(&policy).expect("ASCII policy"));
    }
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers
        .insert(http::HeaderName::from_static("cross-origin-opener-policy"), HeaderValue::from_static("same-origin"));
    if !is_static_asset {
        // Pages and server functions carry personal data: never stored by browsers or proxies.
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}
