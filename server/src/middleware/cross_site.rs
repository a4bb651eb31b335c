//! CSRF protection: state-changing requests coming from another site are refused.
//! Browsers say where a request comes from in `Origin` (and `Sec-Fetch-Site`); a plain form
//! posted from our own pages passes, a form or fetch from another origin does not.

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, Method, StatusCode, header};

/// The REST API is exempt: it authenticates with a bearer token, which a browser never adds to
/// a request on its own, and reads only JSON bodies, which another site cannot send without a
/// CORS preflight that this server never grants.
pub async fn refuse_cross_site(request: Request, next: Next) -> Response {
    if is_cross_site(request.method(), request.headers()) && !crate::api::is_api_path(request.uri().path()) {
        tracing::warn!(method = %request.method(), path = request.uri().path(), "cross-site request refused");
        return (StatusCode::FORBIDDEN, "Requête refusée : elle ne provient pas de ce site.").into_response();
    }
    next.run(request).await
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// True for a non-GET request that a browser marked as coming from elsewhere.
pub fn is_cross_site(method: &Method, headers: &HeaderMap) -> bool {
    if is_safe(method) {
        return false;
    }
    let text = |name| headers.get(name).map(|v| v.to_str().unwrap_or("\u{0}"));
    if let Some(origin) = text(header::ORIGIN) {
        let Some(host) = text(header::HOST) else {
            return true;
        };
        return origin_authority(origin) != Some(host);
    }
    match text(http::HeaderName::from_static("sec-fetch-site")) {
        Some(site) => !matches!(site, "same-origin" | "none"),
        // Neither header: not a browser (curl, scripts), which cannot carry a victim's cookie.
        None => false,
    }
}

/// `https://host:port` → `host:port`; `null` and anything odd → `None`.
fn origin_authority(origin: &str) -> Option<&str> {
    let rest = origin.strip_prefix("https://").or_else(|| origin.strip_prefix("http://"))?;
    (!rest.is_empty() && !rest.contains('/')).then_some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, http::HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn same_origin_posts_pass() {
        let h = headers(&[("host", "127.0.0.1:3000"), ("origin", "http://127.0.0.1:3000")]);
        assert!(!is_cross_site(&Method::POST, &h));
        assert!(!is_cross_site(&Method::POST, &headers(&[("sec-fetch-site", "same-origin")])));
        assert!(!is_cross_site(&Method::POST, &headers(&[("sec-fetch-site", "none")])));
    }

    #[test]
    fn posts_from_another_origin_are_refused() {
        let h = headers(&[("host", "127.0.0.1:3000"), ("origin", "https://evil.example")]);
        assert!(is_cross_site(&Method::POST, &h));
        assert!(is_cross_site(&Method::DELETE, &h));
        assert!(is_cross_site(&Method::POST, &headers(&[("host", "a"), ("origin", "null")])));
        assert!(is_cross_site(&Method::POST, &headers(&[("sec-fetch-site", "cross-site")])));
        assert!(is_cross_site(&Method::POST, &headers(&[("sec-fetch-site", "same-site")])));
    }

    #[test]
    fn origin_wins_over_sec_fetch_site() {
        let h = headers(&[("host", "a.fr"), ("origin", "https://b.fr"), ("sec-fetch-site", "same-origin")]);
        assert!(is_cross_site(&Method::POST, &h));
    }

    #[test]
    fn reads_are_never_refused_and_non_browsers_pass() {
        let h = headers(&[("host", "a.fr"), ("origin", "https://b.fr")]);
        assert!(!is_cross_site(&Method::GET, &h));
        assert!(!is_cross_site(&Method::POST, &HeaderMap::new()));
    }
}
