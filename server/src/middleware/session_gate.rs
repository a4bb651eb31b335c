//! Resolves the session once per request into `RequestActor`, and keeps anonymous visitors on
//! the sign-in page: every other page needs a session, and sends them back where they were going.
//! A collaborator whose password was generated or reset reaches only *Mon compte* until they
//! change it: other pages redirect there, other server functions answer 403.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use http::{Method, StatusCode};
use tower_sessions::Session;

use app::auth::api::RequestActor;
use app::auth::session;
use app::routes;
use app::security_log::service as security_log;
use app::state::AppState;

/// Server functions answer `Unauthorized` themselves, and the notifications' event stream tells
/// the browser that the session ended (an `EventSource` cannot follow a redirect to a page):
/// this gate is for pages.
fn is_page_request(method: &Method, path: &str) -> bool {
    matches!(*method, Method::GET | Method::HEAD) && !path.starts_with("/api/") && path != routes::NOTIFICATIONS_LIVE
}

pub async fn resolve_actor_and_gate_pages(
    State(state): State<AppState>,
    session: Session,
    mut request: Request,
    next: Next,
) -> Response {
    let signed_in = match session::resolve(&state, &session).await {
        Ok(signed_in) => signed_in,
        // The session store is the database: when it cannot be read, nothing else can be.
        Err(_) => return crate::error_pages::unavailable(request.uri().path()),
    };
    let path = request.uri().path();
    let must_change_password = signed_in.as_ref().is_some_and(|s| s.must_change_password);
    if must_change_password && !routes::reachable_before_password_change(path) {
        if path == routes::NOTIFICATIONS_LIVE {
            // Their bell (on *Mon compte*) hears that there is nothing for them yet, and stops.
            request.extensions_mut().insert(RequestActor(None));
            return next.run(request).await;
        }
        if is_page_request(request.method(), path) {
            return Redirect::to(&routes::my_account_change_password()).into_response();
        }
        return password_change_required();
    }
    let actor = signed_in.map(|s| s.actor);
    if is_page_request(request.method(), path) {
        let public = routes::is_public_page(path);
        if actor.is_none() && !public {
            let wanted = request.uri().path_and_query().map(|pq| pq.as_str()).unwrap_or(routes::HOME);
            return Redirect::to(&routes::sign_in_then(wanted)).into_response();
        }
        if actor.is_some() && path == routes::SIGN_IN {
            let next = request.uri().query().and_then(next_param);
            return Redirect::to(&app::auth::model::safe_next(next.as_deref())).into_response();
        }
    }
    let ip = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(peer)| peer.ip());
    let actor_id = actor.as_ref().map(|a| a.id);
    request.extensions_mut().insert(RequestActor(actor));
    let response = next.run(request).await;
    if let (StatusCode::FORBIDDEN, Some(id)) = (response.status(), actor_id) {
        security_log::record_refusal(&state, id, ip).await;
    }
    response
}

/// A server function refused until the password is changed: the `AppError` as server functions
/// encode it, so the page shows its message.
fn password_change_required() -> Response {
    let error = app::error::AppError::PasswordChangeRequired;
    let body = serde_json::to_string(&error).unwrap_or_default();
    (error.status_code(), [(http::header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// The decoded `next` parameter of a query string.
fn next_param(query: &str) -> Option<String> {
    form_urlencoded::parse(query.as_bytes()).find(|(name, _)| name == "next").map(|(_, value)| value.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_is_decoded_from_the_query() {
        assert_eq!(next_param("next=/clients%3Fpage%3D2").as_deref(), Some("/clients?page=2"));
        assert_eq!(next_param("deconnecte=1"), None);
        // Not valid percent-encoding: kept as typed, and `safe_next` sends it home.
        assert_eq!(next_param("next=%zz").as_deref(), Some("%zz"));
        assert_eq!(app::auth::model::safe_next(next_param("next=%zz").as_deref()), "/");
    }

    #[test]
    fn only_page_reads_are_gated() {
        assert!(is_page_request(&Method::GET, "/clients"));
        assert!(!is_page_request(&Method::POST, "/clients"));
        assert!(!is_page_request(&Method::GET, "/api/current_user"));
        assert!(!is_page_request(&Method::GET, routes::NOTIFICATIONS_LIVE));
    }
}
