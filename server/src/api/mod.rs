//! The REST API under `/api/v1`: bearer tokens instead of sessions, JSON in and out, problem
//! details for errors, and an OpenAPI 3.1 document built from the handlers themselves. Every
//! handler calls the same domain services as the pages; no rule lives here.

pub mod auth;
pub mod clients;
pub mod collaborators;
pub mod contracts;
pub mod debriefs;
pub mod docs;
pub mod events;
pub mod follow_ups;
pub mod idempotency;
pub mod jwt;
pub mod notes;
pub mod notifications;
pub mod openapi;
pub mod payments;
pub mod problem;
pub mod run_sheets;

use std::marker::PhantomData;
use std::sync::Arc;

use axum::Router;
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, HeaderValue, StatusCode, header};
use serde::Serialize;
use utoipa::IntoParams;
use utoipa::openapi::Required;
use utoipa::openapi::path::{Parameter, ParameterBuilder, ParameterIn};
use utoipa::openapi::schema::{ObjectBuilder, Type};

use app::error::AppError;
use app::listing::{API_MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE, MAX_REACHABLE_ROWS, Page, Sort, SortKey};
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

/// The `sort`, `page` and `page_size` parameters every list takes, described from the limits
/// the list's parser checks (`app::listing`), with the sort names of `S` as an enum.
pub struct ListControls<S>(PhantomData<S>);

impl<S> ListControls<S> {
    /// The parameters' names: fixed, so a request's query is checked against them without
    /// building their descriptions.
    pub const NAMES: [&'static str; 3] = ["sort", "page", "page_size"];
}

impl<S: SortKey> IntoParams for ListControls<S> {
    fn into_params(parameter_in: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        let place = parameter_in().unwrap_or(ParameterIn::Query);
        let sorts =
            S::ALL.iter().filter_map(|key| key.api_name()).flat_map(|name| [name.to_owned(), format!("-{name}")]);
        let default = Sort::<S>::default();
        let default_name = format!(
            "{}{}",
            if default.descending { "-" } else { "" },
            default.key.api_name().expect("the API sorts by its default column")
        );
        let sort = ObjectBuilder::new().schema_type(Type::String).enum_values(Some(sorts));
        let page = ObjectBuilder::new()
            .schema_type(Type::Integer)
            .minimum(Some(1))
            .maximum(Some(MAX_REACHABLE_ROWS))
            .default(Some(1.into()));
        let page_size = ObjectBuilder::new()
            .schema_type(Type::Integer)
            .minimum(Some(1))
            .maximum(Some(API_MAX_PAGE_SIZE))
            .default(Some(DEFAULT_PAGE_SIZE.into()));
        let parameter = |name: &str, description: String, schema: ObjectBuilder| {
            ParameterBuilder::new()
                .name(name)
                .parameter_in(place.clone())
                .required(Required::False)
                .description(Some(description))
                .schema(Some(schema))
                .build()
        };
        let [sort_name, page_name, page_size_name] = Self::NAMES;
        vec![
            parameter(
                sort_name,
                format!("The order: `{default_name}` by default; `-` before a name sorts descending."),
                sort,
            ),
            parameter(
                page_name,
                format!(
                    "From 1. Paging reaches the first {MAX_REACHABLE_ROWS} rows (`(page - 1) × page_size` \
                     below {MAX_REACHABLE_ROWS}): search or filter to go further."
                ),
                page,
            ),
            parameter(page_size_name, format!("1 to {API_MAX_PAGE_SIZE}."), page_size),
        ]
    }
}

/// Documents the `If-Match` request header; `expected_version` reads it.
#[derive(IntoParams)]
#[into_params(parameter_in = Header)]
#[allow(dead_code, reason = "read by `expected_version`, described to OpenAPI by this struct")]
pub struct IfMatchHeader {
    /// The record's version this change is based on, as its `ETag` gave it (`"3"`); a record
    /// changed since is not overwritten (409). `*`, or no header, changes the current version.
    #[param(rename = "If-Match", example = "\"3\"", pattern = r#"^(\*|(W/)?"?[0-9]{1,9}"?)$"#)]
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
