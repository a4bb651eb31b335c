//! Errors as RFC 9457 problem details (`application/problem+json`), and the extractors that
//! turn malformed requests into 400, 404, 415 and 422 problems instead of axum's plain text.

use std::collections::BTreeMap;
use std::marker::PhantomData;

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::response::{IntoResponse, Response};
use http::request::Parts;
use http::{HeaderValue, StatusCode, header};
use serde::Serialize;
use serde::de::DeserializeOwned;
use utoipa::openapi::path::ParameterIn;
use utoipa::{IntoParams, ToSchema};

use app::error::AppError;
use app::i18n::fr;
use app::listing::SortKey;

use super::ListControls;

pub const PROBLEM_JSON: &str = "application/problem+json";

/// When the password-hashing queue is full: a hash takes well under a second, so a few seconds
/// clear the line.
pub const BUSY_RETRY_AFTER_SECONDS: i64 = 5;

/// A problem detail (RFC 9457). `type` is always `about:blank`: the status and its title say
/// what happened; `detail` says it for people (in French), `errors` per field for 422.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    #[schema(example = "about:blank")]
    pub kind: &'static str,
    #[schema(example = "Unprocessable Entity")]
    pub title: String,
    #[schema(example = 422)]
    pub status: u16,
    #[schema(example = "Certains champs sont invalides.")]
    pub detail: String,
    /// Per-field messages (422 only), keyed by the request's field or parameter name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<BTreeMap<String, String>>,
}

/// An API failure, rendered as a problem.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub detail: String,
    pub errors: Option<BTreeMap<String, String>>,
    /// `WWW-Authenticate: Bearer …` on 401s.
    challenge: Option<&'static str>,
    retry_after_seconds: Option<i64>,
}

impl ApiError {
    pub fn new(status: StatusCode, detail: impl Into<String>) -> Self {
        ApiError { status, detail: detail.into(), errors: None, challenge: None, retry_after_seconds: None }
    }

    /// No credentials at all: the client must authenticate.
    pub fn unauthenticated() -> Self {
        ApiError { challenge: Some(r#"Bearer realm="epic-events""#), ..ApiError::from(AppError::Unauthorized) }
    }

    /// A token was sent but is expired, forged or names an inactive collaborator.
    pub fn invalid_token() -> Self {
        ApiError {
            challenge: Some(r#"Bearer realm="epic-events", error="invalid_token""#),
            detail: fr::API_INVALID_TOKEN.to_owned(),
            ..ApiError::from(AppError::Unauthorized)
        }
    }

    pub fn invalid_fields(errors: BTreeMap<String, String>) -> Self {
        ApiError { errors: Some(errors), ..ApiError::from(AppError::invalid(Default::default())) }
    }

    pub fn not_found() -> Self {
        ApiError::from(AppError::NotFound)
    }

    /// A duplicate the database refused (`message` on `field`) is a conflict (409), not a
    /// validation error, for API clients; the field stays named.
    pub fn duplicate_as_conflict(mut self, field: &str, message: &str) -> Self {
        let is_duplicate = self
            .errors
            .as_ref()
            .is_some_and(|errors| errors.len() == 1 && errors.get(field).is_some_and(|m| m == message));
        if is_duplicate {
            self.status = StatusCode::CONFLICT;
            self.detail = message.to_owned();
        }
        self
    }

    /// Renames per-field errors from the domain's form names to the API's field names.
    pub fn renamed(mut self, names: &[(&str, &str)]) -> Self {
        if let Some(errors) = self.errors.take() {
            let renamed = errors
                .into_iter()
                .map(|(field, message)| {
                    let name = names.iter().find(|(from, _)| *from == field).map_or(field, |(_, to)| (*to).to_owned());
                    (name, message)
                })
                .collect();
            self.errors = Some(renamed);
        }
        self
    }

    pub fn problem(&self) -> Problem {
        Problem {
            kind: "about:blank",
            title: self.status.canonical_reason().unwrap_or("Error").to_owned(),
            status: self.status.as_u16(),
            detail: self.detail.clone(),
            errors: self.errors.clone(),
        }
    }
}

impl From<AppError> for ApiError {
    fn from(error: AppError) -> Self {
        let status = error.status_code();
        let detail = error.to_string();
        match error {
            AppError::Validation { errors, .. } => ApiError { errors: Some(errors), ..ApiError::new(status, detail) },
            AppError::Throttled(seconds) => {
                ApiError { retry_after_seconds: Some(seconds.max(1)), ..ApiError::new(status, detail) }
            }
            AppError::Busy => {
                ApiError { retry_after_seconds: Some(BUSY_RETRY_AFTER_SECONDS), ..ApiError::new(status, detail) }
            }
            AppError::Unavailable | AppError::OutcomeUnknown => ApiError {
                retry_after_seconds: Some(i64::from(app::error::RETRY_AFTER_SECONDS)),
                ..ApiError::new(status, detail)
            },
            AppError::Unauthorized | AppError::BadCredentials => {
                ApiError { challenge: Some(r#"Bearer realm="epic-events""#), ..ApiError::new(status, detail) }
            }
            _ => ApiError::new(status, detail),
        }
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(error: sqlx::Error) -> Self {
        ApiError::from(AppError::from(error))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        problem_response(&self.problem(), self.challenge, self.retry_after_seconds)
    }
}

fn problem_response(problem: &Problem, challenge: Option<&'static str>, retry_after: Option<i64>) -> Response {
    let body = serde_json::to_vec(problem).unwrap_or_default();
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
    if let Some(challenge) = challenge {
        headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static(challenge));
    }
    if let Some(seconds) = retry_after {
        headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    }
    response
}

/// A JSON request body: `Content-Type: application/json` (else 415), well-formed JSON (else
/// 400), of the expected shape with no unknown fields (else 422, naming the field).
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let is_json = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .map(|mime| {
                let mime = mime.trim().to_ascii_lowercase();
                mime == "application/json" || (mime.starts_with("application/") && mime.ends_with("+json"))
            })
            .unwrap_or(false);
        if !is_json {
            return Err(ApiError::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, fr::API_NOT_JSON));
        }
        let bytes = axum::body::Bytes::from_request(request, state)
            .await
            .map_err(|_| ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, fr::API_TOO_LARGE))?;
        parse_json(&bytes).map(ApiJson)
    }
}

pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let malformed = |error: &serde_json::Error| {
        ApiError::new(StatusCode::BAD_REQUEST, format!("{} : {error}.", fr::API_MALFORMED_JSON))
    };
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let inner = error.inner();
        if inner.is_data() {
            let path = error.path().to_string();
            let field = if path == "." { "body".to_owned() } else { path };
            ApiError::invalid_fields(BTreeMap::from([(field, inner.to_string())]))
        } else {
            malformed(inner)
        }
    })?;
    deserializer.end().map_err(|error| malformed(&error))?;
    Ok(value)
}

/// A list's query parameters: those `P` and `ListControls<K>` document, each given once (else
/// a 422 naming it). The list's own parser (`app::listing::ParamReader`) reads their values.
pub struct ApiListQuery<P, K> {
    pairs: Vec<(String, String)>,
    list: PhantomData<fn() -> (P, K)>,
}

impl<P, K> ApiListQuery<P, K> {
    pub fn get(&self, name: &str) -> Option<String> {
        self.pairs.iter().find(|(n, _)| n == name).map(|(_, value)| value.clone())
    }
}

impl<P: IntoParams, K: SortKey, S: Send + Sync> FromRequestParts<S> for ApiListQuery<P, K> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        let in_query = || Some(ParameterIn::Query);
        let filters: Vec<String> = P::into_params(in_query).into_iter().map(|parameter| parameter.name).collect();
        let documented =
            |name: &str| filters.iter().any(|known| known == name) || ListControls::<K>::NAMES.contains(&name);
        let mut pairs: Vec<(String, String)> = Vec::new();
        let mut errors = BTreeMap::new();
        for (name, value) in form_urlencoded::parse(parts.uri.query().unwrap_or_default().as_bytes()) {
            if !documented(&name) {
                errors.insert(name.into_owned(), fr::API_UNKNOWN_PARAMETER.to_owned());
            } else if pairs.iter().any(|(given, _)| *given == name) {
                errors.insert(name.into_owned(), fr::API_REPEATED_PARAMETER.to_owned());
            } else {
                pairs.push((name.into_owned(), value.into_owned()));
            }
        }
        if errors.is_empty() {
            Ok(ApiListQuery { pairs, list: PhantomData })
        } else {
            Err(ApiError::invalid_fields(errors))
        }
    }
}

/// A record's id in the path: anything but a UUID names no record (404).
pub struct ApiPath<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for ApiPath<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(value)| ApiPath(value))
            .map_err(|_| ApiError::not_found())
    }
}

/// Unknown paths under `/api/v1`.
pub async fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, fr::API_NO_RESOURCE)
}

/// A known path with a method it does not serve.
pub async fn method_not_allowed() -> ApiError {
    ApiError::new(StatusCode::METHOD_NOT_ALLOWED, fr::API_METHOD_NOT_ALLOWED)
}

/// The same problem for the body-size limit, which runs before routing.
pub fn too_large() -> Response {
    ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, fr::API_TOO_LARGE).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Body {
        name: String,
        count: i64,
    }

    #[test]
    fn malformed_json_is_a_400_and_wrong_fields_a_422_naming_the_field() {
        assert_eq!(parse_json::<Body>(b"{").unwrap_err().status, StatusCode::BAD_REQUEST);
        let trailing = br#"{"name": "a", "count": 1} x"#;
        assert_eq!(parse_json::<Body>(trailing).unwrap_err().status, StatusCode::BAD_REQUEST);
        let wrong = parse_json::<Body>(br#"{"name": "a", "count": "x"}"#).unwrap_err();
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(wrong.errors.unwrap().contains_key("count"));
        let unknown = parse_json::<Body>(br#"{"name": "a", "count": 1, "admin": true}"#).unwrap_err();
        assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
        let huge = parse_json::<Body>(br#"{"name": "a", "count": 1e400}"#).unwrap_err();
        assert!(huge.status.is_client_error());
    }

    #[test]
    fn domain_errors_keep_their_status_and_fields_get_the_api_names() {
        let error = ApiError::from(AppError::field("total", "Montant invalide.")).renamed(&[("total", "total_amount")]);
        assert_eq!(error.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(error.problem().errors.unwrap()["total_amount"], "Montant invalide.");
        assert_eq!(ApiError::from(AppError::Conflict).status, StatusCode::CONFLICT);
        let problem = ApiError::from(AppError::Forbidden).problem();
        assert_eq!((problem.kind, problem.title.as_str(), problem.status), ("about:blank", "Forbidden", 403));
    }
}
