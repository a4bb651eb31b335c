//! Headers every response carries. Pages set their own CSP (with the hydration nonce); every
//! other response gets the same policy without a nonce. Served over HTTPS (`SECURE_COOKIES`),
//! every response also tells browsers to use nothing but HTTPS for a year (HSTS).

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use http::{HeaderValue, header};

/// Whether responses carry `Strict-Transport-Security` (the site is served over HTTPS).
#[derive(Debug, Clone, Copy)]
pub struct Hsts(pub bool);

/// One year, this domain and its subdomains.
pub const HSTS_VALUE: &str = "max-age=31536000; includeSubDomains";

pub async fn add_security_headers(State(Hsts(hsts)): State<Hsts>, request: Request, next: Next) -> Response {
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
    if hsts {
        headers.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static(HSTS_VALUE));
    }
    if !is_static_asset {
        // Pages and server functions carry personal data: never stored by browsers or proxies.
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}
