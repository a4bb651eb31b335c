//! Resolves the session once per request into `RequestActor`, and keeps anonymous visitors on
//! the sign-in page: every other page needs a session, and sends them back where they were going.

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

/// Server functions answer `Unauthorized` themselves; this gate is for pages.
fn is_page_request(method: &Method, path: &str) -> bool {
    matches!(*method, Method::GET | Method::HEAD) && !path.starts_with("/api/")
}

pub async fn resolve_actor_and_gate_pages(
    State(state): State<AppState>,
    session: Session,
    mut request: Request,
    next: Next,
) -> Response {
    let actor = match session::resolve(&state, &session).await {
        Ok(actor) => actor,
        // The session store is the database: when it cannot be read, nothing else can be.
        Err(_) => return crate::error_pages::unavailable(request.uri().path()),
    };
    let path = request.uri().path();
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

/// The decoded `next` parameter of a query string.
fn next_param(query: &str) -> Option<String> {
    query.split('&').find_map(|pair| {
        let value = pair.strip_prefix("next=")?;
        percent_decode(value)
    })
}

fn percent_decode(value: &str) -> Option<String> {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_is_decoded_from_the_query() {
        assert_eq!(next_param("next=/clients%3Fpage%3D2").as_deref(), Some("/clients?page=2"));
        assert_eq!(next_param("deconnecte=1"), None);
        assert_eq!(next_param("next=%zz"), None);
    }

    #[test]
    fn only_page_reads_are_gated() {
        assert!(is_page_request(&Method::GET, "/clients"));
        assert!(!is_page_request(&Method::POST, "/clients"));
        assert!(!is_page_request(&Method::GET, "/api/current_user"));
    }
}
