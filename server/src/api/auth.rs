//! `POST /auth/token`, `/auth/refresh`, `/auth/revoke`, and the bearer-token extractor every
//! other endpoint starts with.

use std::net::{IpAddr, SocketAddr};

use axum::Json;
use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::response::{IntoResponse, Response};
use http::request::Parts;
use http::{StatusCode, header};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use app::auth::api_tokens;
use app::auth::client_addr::client_address;
use app::auth::model::{Actor, Credentials};
use app::auth::service;
use app::error::AppError;

use super::ApiState;
use super::jwt::ACCESS_TTL;
use super::problem::{ApiError, ApiJson, Problem};

pub fn router() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new().routes(routes!(token)).routes(routes!(refresh)).routes(routes!(revoke))
}

/// The client's address, as `app::auth::client_addr` decides it for every part of the server.
pub struct ClientAddress(pub IpAddr);

impl FromRequestParts<ApiState> for ClientAddress {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &ApiState) -> Result<Self, ApiError> {
        let ConnectInfo(peer) = ConnectInfo::<SocketAddr>::from_request_parts(parts, state).await.map_err(|error| {
            tracing::error!(%error, "no peer address on the request");
            ApiError::from(AppError::Internal)
        })?;
        Ok(ClientAddress(client_address(peer.ip(), &parts.headers, &state.app.trusted_proxies)))
    }
}

/// The collaborator named by the request's `Authorization: Bearer` access token, active now.
pub struct ApiActor(pub Actor);

impl FromRequestParts<ApiState> for ApiActor {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &ApiState) -> Result<Self, ApiError> {
        let Some(value) = parts.headers.get(header::AUTHORIZATION) else {
            return Err(ApiError::unauthenticated());
        };
        let token = value
            .to_str()
            .ok()
            .and_then(|v| v.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, token)| token.trim())
            .ok_or_else(ApiError::invalid_token)?;
        let id = state.key.verify(token, state.app.clock.now()).map_err(|_| ApiError::invalid_token())?;
        let actor = api_tokens::active_actor(&state.app.pool, id).await?.ok_or_else(ApiError::invalid_token)?;
        Ok(ApiActor(actor))
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    #[schema(example = "commercial@epic-events.fr")]
    email: String,
    #[schema(example = "EpicEvents-Demo-2026")]
    password: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    refresh_token: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TokenResponse {
    /// A signed JWT (HS256) to send as `Authorization: Bearer …`.
    access_token: String,
    /// Opaque; exchange it once at `/auth/refresh` for a new pair. Valid 7 days.
    refresh_token: String,
    #[schema(example = "Bearer")]
    token_type: &'static str,
    /// Seconds the access token stays valid.
    #[schema(example = 900)]
    expires_in: i64,
}

fn tokens(state: &ApiState, collaborator: uuid::Uuid, refresh_token: String) -> Response {
    let body = TokenResponse {
        access_token: state.key.issue(collaborator, state.app.clock.now()),
        refresh_token,
        token_type: "Bearer",
        expires_in: ACCESS_TTL.num_seconds(),
    };
    // Tokens are credentials: never cached (RFC 6749 §5.1).
    ([(header::CACHE_CONTROL, "no-store")], Json(body)).into_response()
}

/// Signs in with an email and a password, with the same throttling as the sign-in page.
#[utoipa::path(post, path = "/auth/token", operation_id = "createToken", tag = "auth", request_body = TokenRequest,
    responses(
        (status = 200, description = "A new access token and refresh token", body = TokenResponse),
        (status = 401, description = "Wrong email or password, or an inactive account", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The password was generated or reset by management: change it in the web app first", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Missing or malformed email or password", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failed attempts (per account and address, per address, and a growing delay per account); see `Retry-After`", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Too many sign-ins waiting to be checked; see `Retry-After`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn token(
    State(state): State<ApiState>,
    ClientAddress(ip): ClientAddress,
    ApiJson(request): ApiJson<TokenRequest>,
) -> Result<Response, ApiError> {
    let credentials = Credentials::parse(&request.email, &request.password)?;
    let signed_in = service::authenticate(&state.app, credentials, ip).await?;
    if signed_in.must_change_password {
        return Err(ApiError::new(StatusCode::FORBIDDEN, app::i18n::fr::API_PASSWORD_CHANGE_REQUIRED));
    }
    let collaborator = signed_in.collaborator;
    let refresh_token = api_tokens::issue(&state.app.pool, collaborator, None, state.app.clock.now()).await?;
    Ok(tokens(&state, collaborator, refresh_token))
}

/// Exchanges a refresh token for a new pair. Each refresh token works once: presenting one
/// again revokes every token issued from the same sign-in.
#[utoipa::path(post, path = "/auth/refresh", operation_id = "refreshToken", tag = "auth", request_body = RefreshRequest,
    responses(
        (status = 200, description = "A new access token and refresh token", body = TokenResponse),
        (status = 401, description = "Unknown, expired, revoked or already used refresh token", body = Problem, content_type = "application/problem+json"),
    ))]
async fn refresh(
    State(state): State<ApiState>,
    ApiJson(request): ApiJson<RefreshRequest>,
) -> Result<Response, ApiError> {
    let (collaborator, refresh_token) =
        api_tokens::rotate(&state.app.pool, &request.refresh_token, state.app.clock.now()).await.map_err(|error| {
            match error {
                AppError::Unauthorized => ApiError::invalid_token(),
                other => other.into(),
            }
        })?;
    Ok(tokens(&state, collaborator, refresh_token))
}

/// Revokes a refresh token and every token issued from the same sign-in. Answers 204 whether
/// or not the token existed. Access tokens already issued run until they expire (15 minutes
/// at most), unless the collaborator is deactivated.
#[utoipa::path(post, path = "/auth/revoke", operation_id = "revokeToken", tag = "auth", request_body = RefreshRequest,
    responses((status = 204, description = "Revoked")))]
async fn revoke(
    State(state): State<ApiState>,
    ApiJson(request): ApiJson<RefreshRequest>,
) -> Result<StatusCode, ApiError> {
    api_tokens::revoke(&state.app.pool, &request.refresh_token, state.app.clock.now()).await?;
    Ok(StatusCode::NO_CONTENT)
}
