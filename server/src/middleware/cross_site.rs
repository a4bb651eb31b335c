//! CSRF protection: state-changing requests coming from another site are refused.
//! Browsers say where a request comes from in `Origin` (and `Sec-Fetch-Site`); a plain form
//! posted from our own pages passes, a form or fetch from another origin does not. `Origin` is
//! compared — scheme, host and port — with the configured public origin (`PUBLIC_ORIGIN`), not
//! with the request's own `Host`, which a proxy or a client can write.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, Method, StatusCode, Uri, header};

/// Where the site is served from, as browsers write it in `Origin`: `https://crm.example.fr`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicOrigin {
    scheme: String,
    host: String,
    port: u16,
}

impl PublicOrigin {
    /// `http(s)://host[:port]`, nothing after it (a trailing `/` is tolerated).
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let uri: Uri = text.trim_end_matches('/').parse().map_err(|_| format!("{text:?} is not an origin"))?;
        let scheme = uri.scheme_str().map(str::to_ascii_lowercase);
        let default_port = match scheme.as_deref() {
            Some("https") => 443,
            Some("http") => 80,
            _ => return Err(format!("{text:?} must start with http:// or https://")),
        };
        let host = uri.host().filter(|h| !h.is_empty()).ok_or_else(|| format!("{text:?} names no host"))?;
        if uri.path_and_query().is_some_and(|pq| pq.as_str() != "/") {
            return Err(format!("{text:?} must not have a path"));
        }
        Ok(PublicOrigin {
            scheme: scheme.unwrap_or_default(),
            host: host.to_ascii_lowercase(),
            port: uri.port_u16().unwrap_or(default_port),
        })
    }

    /// The local demo's origin: `http://` and the listening address (127.0.0.1 when listening
    /// on every interface).
    pub fn for_bind_address(bind: SocketAddr) -> Self {
        let ip = if bind.ip().is_unspecified() { IpAddr::V4(Ipv4Addr::LOCALHOST) } else { bind.ip() };
        let host = match ip {
            IpAddr::V4(v4) => v4.to_string(),
            IpAddr::V6(v6) => format!("[{v6}]"),
        };
        PublicOrigin { scheme: "http".into(), host, port: bind.port() }
    }

    /// Whether an `Origin` header names this origin (`null` and anything malformed do not).
    pub fn matches(&self, origin: &str) -> bool {
        PublicOrigin::parse(origin).is_ok_and(|o| o == *self)
    }
}

impl std::fmt::Display for PublicOrigin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}://{}:{}", self.scheme, self.host, self.port)
    }
}

/// The REST API is exempt: it authenticates with a bearer token, which a browser never adds to
/// a request on its own, and reads only JSON bodies, which another site cannot send without a
/// CORS preflight that this server never grants.
pub async fn refuse_cross_site(State(origin): State<PublicOrigin>, request: Request, next: Next) -> Response {
    if is_cross_site(request.method(), request.headers(), &origin) && !crate::api::is_api_path(request.uri().path()) {
        tracing::warn!(method = %request.method(), path = request.uri().path(), "cross-site request refused");
        return (StatusCode::FORBIDDEN, app::i18n::fr::REQUEST_CROSS_SITE).into_response();
    }
    next.run(request).await
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// True for a non-GET request that a browser marked as coming from elsewhere than `public`.
pub fn is_cross_site(method: &Method, headers: &HeaderMap, public: &PublicOrigin) -> bool {
    if is_safe(method) {
        return false;
    }
    let text = |name| headers.get(name).map(|v| v.to_str().unwrap_or("\u{0}"));
    if let Some(origin) = text(header::ORIGIN) {
        return !public.matches(origin);
    }
    match text(http::HeaderName::from_static("sec-fetch-site")) {
        Some(site) => !matches!(site, "same-origin" | "none"),
        // Neither header: not a browser (curl, scripts), which cannot carry a victim's cookie.
        None => false,
    }
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

    fn local() -> PublicOrigin {
        PublicOrigin::parse("http://127.0.0.1:3000").unwrap()
    }

    #[test]
    fn same_origin_posts_pass() {
        let h = headers(&[("host", "127.0.0.1:3000"), ("origin", "http://127.0.0.1:3000")]);
        assert!(!is_cross_site(&Method::POST, &h, &local()));
        assert!(!is_cross_site(&Method::POST, &headers(&[("sec-fetch-site", "same-origin")]), &local()));
        assert!(!is_cross_site(&Method::POST, &headers(&[("sec-fetch-site", "none")]), &local()));
    }

    #[test]
    fn posts_from_another_origin_are_refused() {
        let h = headers(&[("host", "127.0.0.1:3000"), ("origin", "https://evil.example")]);
        assert!(is_cross_site(&Method::POST, &h, &local()));
        assert!(is_cross_site(&Method::DELETE, &h, &local()));
        assert!(is_cross_site(&Method::POST, &headers(&[("host", "a"), ("origin", "null")]), &local()));
        assert!(is_cross_site(&Method::POST, &headers(&[("sec-fetch-site", "cross-site")]), &local()));
        assert!(is_cross_site(&Method::POST, &headers(&[("sec-fetch-site", "same-site")]), &local()));
    }

    #[test]
    fn scheme_host_and_port_must_all_match_the_public_origin() {
        let public = PublicOrigin::parse("https://crm.example.fr").unwrap();
        let from = |origin: &'static str| headers(&[("host", "crm.example.fr"), ("origin", origin)]);
        assert!(!is_cross_site(&Method::POST, &from("https://crm.example.fr"), &public));
        assert!(!is_cross_site(&Method::POST, &from("https://CRM.example.fr:443"), &public));
        assert!(is_cross_site(&Method::POST, &from("http://crm.example.fr"), &public), "scheme");
        assert!(is_cross_site(&Method::POST, &from("https://crm.example.fr:8443"), &public), "port");
        assert!(is_cross_site(&Method::POST, &from("https://crm.example.fr.evil.example"), &public), "host");
        // The request's own Host is not what counts: a spoofed one does not make a match.
        let spoofed = headers(&[("host", "evil.example"), ("origin", "https://evil.example")]);
        assert!(is_cross_site(&Method::POST, &spoofed, &public));
    }

    #[test]
    fn public_origins_are_parsed_strictly_and_derived_from_the_bind_address() {
        assert!(PublicOrigin::parse("crm.example.fr").is_err());
        assert!(PublicOrigin::parse("ftp://crm.example.fr").is_err());
        assert!(PublicOrigin::parse("https://crm.example.fr/app").is_err());
        assert_eq!(PublicOrigin::parse("https://crm.example.fr/").unwrap().to_string(), "https://crm.example.fr:443");
        let any = SocketAddr::from(([0, 0, 0, 0], 3100));
        assert_eq!(PublicOrigin::for_bind_address(any), PublicOrigin::parse("http://127.0.0.1:3100").unwrap());
        let v6: SocketAddr = "[::1]:3000".parse().unwrap();
        assert!(PublicOrigin::for_bind_address(v6).matches("http://[::1]:3000"));
    }

    #[test]
    fn origin_wins_over_sec_fetch_site() {
        let h = headers(&[("host", "a.fr"), ("origin", "https://b.fr"), ("sec-fetch-site", "same-origin")]);
        assert!(is_cross_site(&Method::POST, &h, &local()));
    }

    #[test]
    fn reads_are_never_refused_and_non_browsers_pass() {
        let h = headers(&[("host", "a.fr"), ("origin", "https://b.fr")]);
        assert!(!is_cross_site(&Method::GET, &h, &local()));
        assert!(!is_cross_site(&Method::POST, &HeaderMap::new(), &local()));
    }
}
