//! Server functions for signing in and out. Thin: they gather the request's facts and call
//! the services.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::model::Actor;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::routes::{self, Notice};

/// The collaborator signed in on this request, resolved once by the session middleware.
#[cfg(feature = "ssr")]
#[derive(Debug, Clone)]
pub struct RequestActor(pub Option<Actor>);

#[cfg(feature = "ssr")]
pub async fn current_actor() -> Result<Option<Actor>, AppError> {
    let axum::Extension(RequestActor(actor)) = leptos_axum::extract().await.map_err(|error| {
        tracing::error!(%error, "session middleware did not run for this request");
        AppError::Internal
    })?;
    Ok(actor)
}

/// The signed-in collaborator, or `Unauthorized`.
#[cfg(feature = "ssr")]
pub async fn require_actor() -> Result<Actor, AppError> {
    current_actor().await?.ok_or(AppError::Unauthorized)
}

/// The state and the signed-in collaborator: what a server function starts with.
#[cfg(feature = "ssr")]
pub async fn signed_in() -> Result<(crate::state::AppState, Actor), AppError> {
    let actor = require_actor().await?;
    Ok((crate::state::app_state()?, actor))
}

/// The client's address on this request (see `client_addr`): what throttling, sessions and the
/// security log record.
#[cfg(feature = "ssr")]
pub async fn request_client_address(state: &crate::state::AppState) -> Result<std::net::IpAddr, AppError> {
    use axum::extract::ConnectInfo;
    use std::net::SocketAddr;

    let ConnectInfo(peer) = leptos_axum::extract::<ConnectInfo<SocketAddr>>().await.map_err(|error| {
        tracing::error!(%error, "no peer address on the request");
        AppError::Internal
    })?;
    let headers: http::HeaderMap = leptos_axum::extract().await.map_err(|_| AppError::Internal)?;
    Ok(super::client_addr::client_address(peer.ip(), &headers, &state.trusted_proxies))
}

#[server(endpoint = "current_user", input = GetUrl)]
pub async fn current_user() -> Result<Option<Actor>, AppError> {
    current_actor().await
}

#[server(endpoint = "sign_in")]
pub async fn sign_in(email: String, password: String, next: Option<String>) -> Result<(), AppError> {
    use super::model::{Credentials, safe_next};
    use super::{service, session};
    use crate::state::app_state;

    let state = app_state()?;
    let credentials = Credentials::parse(&email, &password)?;
    let ip = request_client_address(&state).await?;
    let headers: http::HeaderMap = leptos_axum::extract().await.map_err(|_| AppError::Internal)?;
    let user_agent = headers.get(http::header::USER_AGENT).and_then(|v| v.to_str().ok());

    let signed_in = service::authenticate(&state, credentials, ip).await?;
    let session: tower_sessions::Session = leptos_axum::extract().await.map_err(|_| AppError::Internal)?;
    session::start(&state, &session, signed_in.collaborator, Some(ip), user_agent).await?;
    // A password management gave them is replaced first (the pages send them there anyway).
    let next =
        if signed_in.must_change_password { routes::my_account_change_password() } else { safe_next(next.as_deref()) };
    leptos_axum::redirect(&next);
    Ok(())
}

#[server(endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use super::session;
    use crate::state::app_state;

    let state = app_state()?;
    let session: tower_sessions::Session = leptos_axum::extract().await.map_err(|_| AppError::Internal)?;
    session::end(&state, &session).await?;
    leptos_axum::redirect(routes::SIGNED_OUT);
    Ok(())
}

#[server(endpoint = "change_password")]
pub async fn change_password(form: super::model::PasswordChange) -> Result<(), AppError> {
    use super::{service, session};
    use crate::state::app_state;

    let actor = require_actor().await?;
    let state = app_state()?;
    let ip = request_client_address(&state).await?;
    let session: tower_sessions::Session = leptos_axum::extract().await.map_err(|_| AppError::Internal)?;
    let keep = session::current_row(&session).await?;
    service::change_password(&state, &actor, &form, keep, ip).await?;
    leptos_axum::redirect(&routes::with_notice(routes::MY_ACCOUNT, Notice::PasswordChanged));
    Ok(())
}
