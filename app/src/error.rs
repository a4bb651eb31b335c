//! The one error type shared by server functions, pages and (later) the REST API.
//!
//! It crosses the wire as JSON, so it carries only what the browser may see: a kind and a
//! user-facing message. Internal details are logged on the server and never serialised.

use std::collections::BTreeMap;

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::i18n::fr as t;

/// Per-field validation messages, keyed by the form field's name.
pub type FieldErrors = BTreeMap<String, String>;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// No valid session: the caller must sign in.
    #[error("{}", t::ERR_UNAUTHORIZED)]
    Unauthorized,
    /// Signed in, but the permission policy refuses the action.
    #[error("{}", t::ERR_FORBIDDEN)]
    Forbidden,
    #[error("{}", t::ERR_NOT_FOUND)]
    NotFound,
    /// The input is well-formed but invalid: messages per field, and the values as submitted,
    /// so that a form posted without JavaScript comes back filled in.
    #[error("{}", t::ERR_VALIDATION)]
    Validation { errors: FieldErrors, values: FieldErrors },
    /// Someone else saved the record since it was loaded (optimistic concurrency).
    #[error("{}", t::ERR_CONFLICT)]
    Conflict,
    /// The action is not possible in the record's current state; the message says why and what
    /// to do instead ("anonymise this client").
    #[error("{0}")]
    Refused(String),
    /// Email and password did not match an active account (deliberately vague).
    #[error("{}", t::ERR_BAD_CREDENTIALS)]
    BadCredentials,
    /// Too many failed password checks; retry after this many seconds.
    #[error("{}", t::err_throttled(*.0))]
    Throttled(i64),
    /// Too many password checks waiting for the hashing workers: retry in a few seconds.
    #[error("{}", t::ERR_BUSY)]
    Busy,
    /// The password was generated or reset by management: it must be changed first.
    #[error("{}", t::ERR_PASSWORD_CHANGE_REQUIRED)]
    PasswordChangeRequired,
    /// The request could not be understood (malformed arguments).
    #[error("{}", t::ERR_BAD_REQUEST)]
    BadRequest,
    /// Something failed on the server; details are in the server log only.
    #[error("{}", t::ERR_INTERNAL)]
    Internal,
}

impl AppError {
    pub fn invalid(errors: FieldErrors) -> Self {
        AppError::Validation { errors, values: FieldErrors::new() }
    }

    pub fn field(name: &str, message: impl Into<String>) -> Self {
        AppError::invalid(FieldErrors::from([(name.to_owned(), message.into())]))
    }

    /// Attaches the submitted values to a validation error (other errors are left as they are).
    pub fn keeping(self, submitted: &[(&str, &str)]) -> Self {
        match self {
            AppError::Validation { errors, .. } => AppError::Validation {
                errors,
                values: submitted.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect(),
            },
            other => other,
        }
    }

    /// The value submitted for a field, when this error kept it.
    pub fn submitted(&self, name: &str) -> Option<&str> {
        match self {
            AppError::Validation { values, .. } => values.get(name).map(String::as_str),
            _ => None,
        }
    }

    /// The message for one form field, if this error concerns it.
    pub fn field_message(&self, name: &str) -> Option<&str> {
        match self {
            AppError::Validation { errors, .. } => errors.get(name).map(String::as_str),
            _ => None,
        }
    }

    pub fn status_code(&self) -> http::StatusCode {
        use http::StatusCode as S;
        match self {
            AppError::Unauthorized | AppError::BadCredentials => S::UNAUTHORIZED,
            AppError::Forbidden | AppError::PasswordChangeRequired => S::FORBIDDEN,
            AppError::NotFound => S::NOT_FOUND,
            AppError::Validation { .. } => S::UNPROCESSABLE_ENTITY,
            AppError::Conflict | AppError::Refused(_) => S::CONFLICT,
            AppError::Throttled(_) => S::TOO_MANY_REQUESTS,
            AppError::Busy => S::SERVICE_UNAVAILABLE,
            AppError::BadRequest => S::BAD_REQUEST,
            AppError::Internal => S::INTERNAL_SERVER_ERROR,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // Arguments the server could not decode: the caller sent something malformed.
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => AppError::BadRequest,
            #[cfg(feature = "ssr")]
            ServerFnErrorErr::Deserialization(_) | ServerFnErrorErr::UnsupportedRequestMethod(_) => {
                AppError::BadRequest
            }
            other => {
                tracing::warn!(error = %other, "server function transport error");
                AppError::Internal
            }
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        tracing::error!(%error, "database error");
        crate::monitoring::unexpected_error("database", &crate::monitoring::sqlx_error_code(&error));
        AppError::Internal
    }
}

#[cfg(feature = "ssr")]
impl From<tower_sessions::session::Error> for AppError {
    fn from(error: tower_sessions::session::Error) -> Self {
        tracing::error!(%error, "session store error");
        crate::monitoring::unexpected_error("session_store", "session");
        AppError::Internal
    }
}
