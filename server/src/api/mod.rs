//! The REST API under `/api/v1`: bearer tokens instead of sessions, JSON in and out, problem
//! details for errors, and an OpenAPI 3.1 document built from the handlers themselves. Every
//! handler calls the same domain services as the pages; no rule lives here.

pub mod auth;
pub mod clients;
pub mod collaborators;
pub mod contracts;
pub mod docs;
pub mod events;
pub mod idempotency;
pub mod jwt;
pub mod openapi;
pub mod problem;

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::Router;
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, HeaderValue, StatusCode, header};
use serde::{Deserialize, Serialize};
use utoipa::IntoParams;

use app::error::AppError;
use app::listing::{ListQuery, Page, ParamReader};
use app::state::AppState;

use self::jwt::JwtKey;
use self::problem::ApiError;

pub const PREFIX: &str = "/api/v1";

/// Whether a request is for the REST API (not a page nor a server function).
pub fn is_api_path(path: &str) -> bool {
    path.strip_prefix(PREFIX).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

#[derive(Clone)]
pub struct ApiState {
    pub app: AppState,
    pub key: Arc<JwtKey>,
    /// The OpenAPI document, serialised once.
    pub openapi: Arc<String>,
}

/// The API's router (to nest under `PREFIX`) and its OpenAPI document.
pub fn build(app: AppState, key: JwtKey) -> (Router, utoipa::openapi::OpenApi) {
    let (router, document) = openapi::router().split_for_parts();
    let json = document.to_json().expect("the document serialises");
    let state = ApiState { app, key: Arc::new(key), openapi: Arc::new(json) };
    let router = router
        .fallback(problem::not_found)
        .method_not_allowed_fallback(problem::method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(state.clone(), auth::record_refusals))
        .with_state(state);
    (router, document)
}

/// Reads back a record the request has just written and committed. A lost database connection
/// here must not turn the committed write into a 503 that says nothing changed (a client asking
/// again would then find its record taken): the read, nothing but a read, is asked once more
/// on a live connection.
pub async fn read_back<T, Fut>(app: &AppState, read: impl Fn() -> Fut) -> Result<T, AppError>
where
    Fut: Future<Output = Result<T, AppError>>,
{
    match read().await {
        Err(AppError::Unavailable) => {
            crate::db::recover_connections(&app.pool).await;
            read().await
        }
        other => other,
    }
}

/// A page of a list, as the API answers it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ListBody<T> {
    pub items: Vec<T>,
    /// Exact up to 1,000; 1,001 means "more than 1,000".
    pub total: i64,
    pub page: u32,
    pub page_size: u32,
}

impl<T> ListBody<T> {
    pub fn from_page<R>(page: Page<R>, map: impl Fn(R) -> T) -> Self {
        ListBody {
            total: page.total,
            page: page.paging.page,
            page_size: page.paging.size,
            items: page.items.into_iter().map(map).collect(),
        }
    }
}

/// Reads a list's parameters with the list page's own parser (`ui` maps the page's parameter
/// names to the values the API received), plus the API's `page` and `page_size`. Problems are
/// reported under the API's names (`names` maps the page's names back).
pub fn list_query<Q: ListQuery>(
    ui: &[(&str, Option<String>)],
    page: &Option<String>,
    page_size: &Option<String>,
    parse: impl Fn(&dyn Fn(&str) -> Option<String>) -> Result<Q, AppError>,
    names: &[(&str, &str)],
) -> Result<Q, ApiError> {
    let get = |name: &str| ui.iter().find(|(n, _)| *n == name).and_then(|(_, v)| v.clone());
    let parsed = parse(&get);
    let paging_get = |name: &str| match name {
        "page" => page.clone(),
        "page_size" => page_size.clone(),
        _ => None,
    };
    let mut reader = ParamReader::new(&paging_get);
    let paging = reader.api_paging();
    let paging = reader.finish(paging);
    match (parsed, paging) {
        (Ok(mut query), Ok(paging)) => {
            *query.paging_mut() = paging;
            Ok(query)
        }
        (parsed, paging) => {
            let mut errors = BTreeMap::new();
            for error in [parsed.err(), paging.err()].into_iter().flatten() {
                match error {
                    AppError::Validation { errors: fields, .. } => errors.extend(fields),
                    other => return Err(other.into()),
                }
            }
            Err(ApiError::invalid_fields(errors).renamed(names))
        }
    }
}

/// The list page's sort code for the API's `sort` (a field name, `-` first for descending).
/// Unknown names become a code the page's parser refuses.
pub fn sort_param(raw: &Option<String>, fields: &[(&str, &str)]) -> Option<String> {
    let raw = raw.as_deref()?.trim();
    let (descending, name) = raw.strip_prefix('-').map_or((false, raw), |name| (true, name));
    match fields.iter().find(|(api, _)| *api == name) {
        Some((_, code)) => Some(format!("{}{code}", if descending { "-" } else { "" })),
        None => Some(format!("?{raw}")),
    }
}

/// Documents the `If-Match` request header; `expected_version` reads it.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Header)]
#[allow(dead_code, reason = "read by `expected_version`, described to OpenAPI by this struct")]
pub struct IfMatchHeader {
    /// The record's version this change is based on, as its `ETag` gave it (`"3"`); a record
    /// changed since is not overwritten (409). `*`, or no header, changes the current version.
    #[serde(rename = "If-Match")]
    #[param(example = "\"3\"")]
    if_match: Option<String>,
}

/// The version a write is based on: `If-Match: "<version>"` when given, else the current one.
pub fn expected_version(headers: &HeaderMap, current: i32) -> Result<i32, ApiError> {
    let Some(value) = headers.get(header::IF_MATCH) else {
        return Ok(current);
    };
    let text = value.to_str().unwrap_or_default().trim();
    if text == "*" {
        return Ok(current);
    }
    text.trim_start_matches("W/")
        .trim_matches('"')
        .parse::<i32>()
        .map_err(|_| ApiError::new(StatusCode::BAD_REQUEST, app::i18n::fr::API_BAD_IF_MATCH))
}

/// A record with its `ETag` (its version), for `If-Match` on the next write.
pub fn with_etag(status: StatusCode, version: i32, body: impl Serialize) -> Response {
    let etag = HeaderValue::from_str(&format!("\"{version}\"")).expect("digits");
    (status, [(header::ETAG, etag)], axum::Json(body)).into_response()
}

/// `201 Created` with the new record's `Location` and `ETag`.
pub fn created(path: String, version: i32, body: impl Serialize) -> Response {
    let mut response = with_etag(StatusCode::CREATED, version, body);
    if let Ok(location) = HeaderValue::from_str(&format!("{PREFIX}{path}")) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}
