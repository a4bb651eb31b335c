//! `/api/docs`: Swagger UI from local files (npm's `swagger-ui-dist`, installed by the
//! scripts into `api-docs/node_modules`), reading `/api/v1/openapi.json`. Nothing comes from a
//! CDN, and no inline script runs: the page has its own CSP, as strict as the app's but for
//! the inline styles Swagger UI sets on its elements.

use axum::Router;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use http::{HeaderValue, StatusCode, header};
use tower_http::services::ServeDir;

/// The Swagger UI files the page uses.
const ASSETS: [&str; 3] = ["swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js"];

const PAGE: &str = r##"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Epic Events CRM API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/assets/swagger-ui-standalone-preset.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>
"##;

const INIT: &str = r##"window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/api/v1/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: "StandaloneLayout",
    validatorUrl: null
  });
});
"##;

pub const DOCS_CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
     img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; \
     frame-ancestors 'none'";

/// Routes for `/api/docs` and its files in `assets_dir`.
pub fn router(assets_dir: &str) -> Router {
    let missing = ASSETS.iter().any(|file| !std::path::Path::new(assets_dir).join(file).is_file());
    if missing {
        tracing::warn!(
            assets_dir,
            "Swagger UI files not found: /api/docs will say so (run scripts/run to install them)"
        );
    }
    Router::new()
        .route("/api/docs", get(move || async move { page(missing) }))
        .route("/api/docs/init.js", get(|| async { with_csp(([(header::CONTENT_TYPE, "text/javascript")], INIT)) }))
        .nest_service("/api/docs/assets", ServeDir::new(assets_dir))
}

fn page(missing: bool) -> Response {
    if missing {
        let text = "The documentation files are not installed (api-docs/node_modules). The OpenAPI document is at /api/v1/openapi.json.";
        return with_csp((StatusCode::SERVICE_UNAVAILABLE, text));
    }
    with_csp(Html(PAGE))
}

fn with_csp(response: impl IntoResponse) -> Response {
    let mut response = response.into_response();
    response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(DOCS_CSP));
    response
}
