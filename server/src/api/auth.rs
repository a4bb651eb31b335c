//! `POST /auth/token`, `/auth/refresh`, `/auth/revoke`, and the bearer-token extractor every
//! other endpoint starts with.

use std::net::{IpAddr, SocketAddr};

use axum::Json;
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::request::Parts;
use http::{HeaderMap, StatusCode, header};
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
use super::jwt::{ACCESS_TTL, Bearer};
use super::problem::{ApiError, ApiJson, Problem};

pub fn router() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new().routes(routes!(token)).routes(routes!(refresh)).routes(routes!(revoke))
}

/// The access token of a request, if it has a bearer `Authorization` header.
fn bearer_token(headers: &HeaderMap) -> Option<Result<&str, ()>> {
    let value = headers.get(header::AUTHORIZATION)?;
    Some(
        value
            .to_str()
            .ok()
            .and_then(|v| v.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, token)| token.trim())
            .ok_or(()),
    )
}

/// Records every refused API call (403) in the security log, under the token's collaborator.
pub async fn record_refusals(State(state): State<ApiState>, request: Request, next: Next) -> Response {
    let now = state.app.clock.now();
    let bearer = bearer_token(request.headers()).and_then(Result::ok).and_then(|t| state.key.verify(t, now).ok());
    let ip = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(peer)| client_address(peer.ip(), request.headers(), &state.app.trusted_proxies));
    let response = next.run(request).await;
    if let (StatusCode::FORBIDDEN, Some(bearer)) = (response.status(), bearer) {
        app::security_log::service::record_refusal(&state.app, bearer.collaborator, ip).await;
    }
    response
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
        let token = bearer_token(&parts.headers)
            .ok_or_else(ApiError::unauthenticated)?
            .map_err(|()| ApiError::invalid_token())?;
        let bearer = state.key.verify(token, state.app.clock.now()).map_err(|_| ApiError::invalid_token())?;
        let actor = api_tokens::token_holder(
            &state.app.pool,
            &state.app.actors,
            bearer.collaborator,
            bearer.credential_version,
        )
        .await?
        .ok_or_else(ApiError::invalid_token)?;
        Ok(ApiActor(actor))
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    #[schema(example = "commercial@epic-events.fr", max_length = 254)]
    email: String,
    /// At most 1,024 bytes (UTF-8): a longer one is refused like a wrong password (401).
    #[schema(example = "EpicEvents-Demo-2026", max_length = 1024)]
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
    /// Opaque; exchange it once at `/auth/refresh` for a new pair. Valid 7 days, and never past
    /// 30 days after the sign-in (`/auth/token`) it comes from: then sign in again.
    refresh_token: String,
    #[schema(example = "Bearer")]
    token_type: &'static str,
    /// Seconds the access token stays valid.
    #[schema(example = 900)]
    expires_in: i64,
}

/// Where a token request comes from, for the sessions page.
fn origin(ip: IpAddr, headers: &HeaderMap) -> api_tokens::Origin {
    api_tokens::Origin::new(Some(ip), headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()))
}

async fn tokens(
    state: &ApiState,
    collaborator: app::domain::CollaboratorId,
    refresh_token: String,
) -> Result<Response, ApiError> {
    // The credential version now: if the access was ended meanwhile, this token is refused.
    let credential_version =
        api_tokens::credential_version(&state.app.pool, collaborator).await?.ok_or_else(ApiError::invalid_token)?;
    let bearer = Bearer { collaborator, credential_version };
    let body = TokenResponse {
        access_token: state.key.issue(bearer, state.app.clock.now()),
        refresh_token,
        token_type: "Bearer",
        expires_in: ACCESS_TTL.num_seconds(),
    };
    // Tokens are credentials: never cached (RFC 6749 §5.1).
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(body)).into_response())
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
    headers: HeaderMap,
    ApiJson(request): ApiJson<TokenRequest>,
) -> Result<Response, ApiError> {
    let credentials = Credentials::parse(&request.email, &request.password)?;
    let signed_in = service::authenticate(&state.app, credentials, ip).await?;
    if signed_in.must_change_password {
        return Err(ApiError::new(StatusCode::FORBIDDEN, app::i18n::fr::API_PASSWORD_CHANGE_REQUIRED));
    }
    let collaborator = signed_in.collaborator;
    let refresh_token =
        api_tokens::issue(&state.app.pool, collaborator, &origin(ip, &headers), state.app.clock.now()).await?;
    tokens(&state, collaborator, refresh_token).await
}

/// Exchanges a refresh token for a new pair. Each refresh token works once: presenting one
/// again revokes every token issued from the same sign-in (and is a security event). A sign-in
/// lasts 30 days at most, however often it is refreshed.
#[utoipa::path(post, path = "/auth/refresh", operation_id = "refreshToken", tag = "auth", request_body = RefreshRequest,
    responses(
        (status = 200, description = "A new access token and refresh token", body = TokenResponse),
        (status = 401, description = "Unknown, expired, revoked or already used refresh token", body = Problem, content_type = "application/problem+json"),
    ))]
async fn refresh(
    State(state): State<ApiState>,
    ClientAddress(ip): ClientAddress,
    headers: HeaderMap,
    ApiJson(request): ApiJson<RefreshRequest>,
) -> Result<Response, ApiError> {
    let now = state.app.clock.now();
    let (collaborator, refresh_token) =
        api_tokens::rotate(&state.app.pool, &request.refresh_token, &origin(ip, &headers), now).await.map_err(
            |error| match error {
                AppError::Unauthorized => ApiError::invalid_token(),
                other => other.into(),
            },
        )?;
    tokens(&state, collaborator, refresh_token).await
}

/// Revokes a refresh token and every token issued from the same sign-in. Answers 204 whether
/// or not the token existed. The collaborator's access tokens stop at once; their other API
/// sign-ins get new ones at their next refresh.
#[utoipa::path(post, path = "/auth/revoke", operation_id = "revokeToken", tag = "auth", request_body = RefreshRequest,
    responses((status = 204, description = "Revoked")))]
async fn revoke(
    State(state): State<ApiState>,
    ApiJson(request): ApiJson<RefreshRequest>,
) -> Result<StatusCode, ApiError> {
    api_tokens::revoke(&state.app.pool, &request.refresh_token, state.app.clock.now()).await?;
    Ok(StatusCode::NO_CONTENT)
}
