//! Responses compressed on the fly (Brotli or gzip, as the browser accepts), except those that
//! could leak what they hold through their compressed size (BREACH).
//!
//! BREACH needs a response that mixes something the attacker wants with text the attacker
//! chose, fetched many times with the victim's cookies while the attacker watches the sizes on
//! the wire. Here:
//! - pages carry no CSRF token (cross-site writes are refused on their `Origin`, see
//!   `cross_site`), and the CSP nonce is new in every response, so no token is there to guess;
//! - but a signed-in page holds personal data (names, e-mails, phones), and its query string
//!   is echoed back (the search box, the filters, the pager's links). A cross-site page can make
//!   the browser load such a URL with the session cookie (a top-level navigation sends
//!   `SameSite=Lax` cookies).
//!
//! So a response to a request with a query string is sent uncompressed, pages and server
//! functions alike; pages without one are compressed. The REST API (`/api/v1`) is compressed
//! always: it authenticates with a bearer token that a browser never adds by itself, so a
//! cross-site request gets nothing personal to measure. Static files come precompressed.

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use tower_http::compression::predicate::{DefaultPredicate, Predicate};
use tower_http::compression::{CompressionLayer, CompressionLevel};

/// Marks a response that must go uncompressed.
#[derive(Debug, Clone, Copy)]
struct Uncompressed;

/// Compresses what the default predicate would (not images, nor tiny bodies), unless marked.
pub fn layer() -> CompressionLayer<impl Predicate> {
    let unmarked = |_: http::StatusCode, _: http::Version, _: &http::HeaderMap, extensions: &http::Extensions| {
        extensions.get::<Uncompressed>().is_none()
    };
    // Brotli's default quality (11, the best) costs tens of milliseconds per page; 4 compresses
    // better than gzip's default for about its time, the usual choice for dynamic content (and
    // a fast level for gzip too).
    CompressionLayer::new().quality(CompressionLevel::Precise(4)).compress_when(DefaultPredicate::new().and(unmarked))
}

/// Marks the responses that could leak through their size (see the module's comment); goes
/// right inside `layer()`.
pub async fn mark_reflecting_responses(request: Request, next: Next) -> Response {
    let reflects_query = request.uri().query().is_some() && !crate::api::is_api_path(request.uri().path());
    let mut response = next.run(request).await;
    if reflects_query {
        response.extensions_mut().insert(Uncompressed);
    }
    response
}
