//! The `Idempotency-Key` request header of the creating operations (see `app::idempotency`).

use http::{HeaderMap, StatusCode};
use serde::Deserialize;
use utoipa::IntoParams;

use app::idempotency::IdempotencyKey;

use super::problem::ApiError;

pub const HEADER: &str = "idempotency-key";

/// Documents the header; `key` reads it.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Header)]
#[allow(dead_code, reason = "read by `key`, described to OpenAPI by this struct")]
pub struct IdempotencyHeader {
    /// Names this creation (a new UUID per creation, typically). Sent again with the same key
    /// and the same body within 24 hours, for instance after a lost answer or a 503, the request
    /// answers the record the first one created instead of creating another; the same key with
    /// another body is refused (422). 1 to 255 visible ASCII characters, quoted or not.
    #[serde(rename = "Idempotency-Key")]
    #[param(max_length = 257, pattern = r#"^"?[!-~]{1,255}"?$"#)]
    idempotency_key: Option<String>,
}

/// The request's key, if it has one; a malformed one is a 400.
pub fn key(headers: &HeaderMap) -> Result<Option<IdempotencyKey>, ApiError> {
    let Some(value) = headers.get(HEADER) else { return Ok(None) };
    let text = value.to_str().unwrap_or_default().trim();
    // RFC 8941 string form ("…"), as the IETF draft writes it, or the bare token many clients send.
    let text = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')).unwrap_or(text);
    IdempotencyKey::parse(text).map(Some).map_err(|message| ApiError::new(StatusCode::BAD_REQUEST, message))
}
