//! Wiring: the Leptos app, its server functions and the middleware stack.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use leptos::prelude::provide_context;
use leptos_axum::{AxumRouteListing, LeptosRoutes, generate_route_list};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::services::ServeFile;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};
use tower_sessions_sqlx_store::PostgresStore;

use app::state::AppState;
use app::{App, shell};

use crate::api::jwt::JwtKey;
use crate::middleware::cross_site::PublicOrigin;
use crate::middleware::security_headers::Hsts;
use crate::middleware::{
    body_limit, compression, cross_site, retry_reads, security_headers, server_fn_status, session_gate,
};

pub struct RouterOptions {
    pub secure_cookies: bool,
    /// The only origin whose state-changing requests are accepted (`PUBLIC_ORIGIN`).
    pub public_origin: PublicOrigin,
    /// Signs the REST API's access tokens.
    pub jwt_key: JwtKey,
    /// Swagger UI's files for `/api/docs`.
    pub api_docs_dir: String,
}

pub fn session_store(state: &AppState) -> PostgresStore {
    PostgresStore::new(state.pool.clone())
        .with_schema_name("public")
        .and_then(|s| s.with_table_name("http_session"))
        .expect("constant identifiers are valid")
}

/// The app's routes, listed once per process. Listing them renders the whole app while a
/// process-wide flag of Leptos is set, and every resource first polled meanwhile, in any thread,
/// waits for good (leptos #4773): a page rendered while another router was being built never
/// finished. Listed once, before the first router exists, the listing cannot overlap a render.
/// The list depends on the code only, never on the state, so one copy serves every router.
fn leptos_routes() -> Vec<AxumRouteListing> {
    static ROUTES: std::sync::LazyLock<Vec<AxumRouteListing>> = std::sync::LazyLock::new(|| generate_route_list(App));
    ROUTES.clone()
}

pub fn build(state: AppState, options: RouterOptions) -> Router {
    let routes = leptos_routes();
    let session_layer = SessionManagerLayer::new(session_store(&state))
        .with_name(if options.secure_cookies { "__Host-epic_session" } else { "epic_session" })
        .with_secure(options.secure_cookies)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_path("/")
        // Overridden at sign-in with the absolute timeout; anonymous visitors store nothing.
        .with_expiry(Expiry::OnInactivity(time::Duration::minutes(30)));

    let context_state = state.clone();
    let leptos_options = state.leptos_options.clone();
    let site = Router::new()
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(context_state.clone()),
            move || shell(leptos_options.clone()),
        )
        .merge(app::rgpd::http::routes())
        .merge(app::run_sheet::http::routes())
        .merge(app::export::http::routes())
        .merge(app::notifications::stream::routes())
        .merge(app::client_import::http::routes())
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(from_fn(server_fn_status::set_server_fn_error_status))
        .layer(from_fn_with_state(state.clone(), session_gate::resolve_actor_and_gate_pages))
        .layer(session_layer)
        .with_state(state.clone());

    // The REST API and its documentation: outside the session layer (bearer tokens, no cookies).
    let (api, _document) = crate::api::build(state.clone(), options.jwt_key);

    let retry_state = state.clone();
    let pkg_dir = format!("{}/{}", state.leptos_options.site_root, state.leptos_options.site_pkg_dir);
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(readyz))
        .nest_service("/pkg", crate::assets::pkg_service(&pkg_dir))
        .route_service("/favicon.svg", ServeFile::new(format!("{}/favicon.svg", state.leptos_options.site_root)))
        .with_state(state)
        .nest(crate::api::PREFIX, api)
        .merge(crate::api::docs::router(&options.api_docs_dir))
        // Outside the session layer: calendar applications send no cookie, only the secret link.
        .merge(app::agenda::feed::routes().with_state(retry_state.clone()))
        .merge(site)
        .layer(from_fn_with_state(options.public_origin.clone(), cross_site::refuse_cross_site))
        .layer(from_fn(body_limit::limit_body_size))
        .layer(CatchPanicLayer::custom(|_| {
            app::monitoring::unexpected_error("panic", "request_handler");
            crate::error_pages::internal()
        }))
        // Outside the panic guard (a panic answers 500 and is never run twice) and everything
        // else, so that a read answered again goes through the whole pipeline again.
        .layer(from_fn_with_state(retry_state, retry_reads::retry_reads_once))
        .layer(from_fn_with_state(Hsts(options.secure_cookies), security_headers::add_security_headers))
        // Right inside the compression, so that no other layer drops its mark.
        .layer(from_fn(compression::mark_reflecting_responses))
        .layer(compression::layer())
        .layer(TraceLayer::new_for_http().make_span_with(crate::telemetry::request_span))
}

async fn readyz(State(state): State<AppState>) -> Response {
    match sqlx::query("select 1").execute(&state.pool).await {
        Ok(_) => "ready".into_response(),
        Err(error) => {
            tracing::warn!(%error, "readiness check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable").into_response()
        }
    }
}
