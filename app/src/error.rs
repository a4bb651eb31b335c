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
    /// The database cannot be reached right now (restarting, failing over, down): the request
    /// changed nothing, and the same request a few seconds later should succeed.
    #[error("{}", t::ERR_UNAVAILABLE)]
    Unavailable,
    /// The connection to the database broke while a write was being committed: it may or may
    /// not have been saved. The caller checks before doing it again.
    #[error("{}", t::ERR_OUTCOME_UNKNOWN)]
    OutcomeUnknown,
    /// Something failed on the server; details are in the server log only.
    #[error("{}", t::ERR_INTERNAL)]
    Internal,
}

/// How long a client should wait before asking again after `Unavailable` (`Retry-After`): about
/// what a PostgreSQL restart or failover takes.
pub const RETRY_AFTER_SECONDS: u32 = 5;

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
            AppError::Unavailable | AppError::OutcomeUnknown => S::SERVICE_UNAVAILABLE,
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
        crate::monitoring::unexpected_error("database", &crate::monitoring::sqlx_error_code(&error));
        if database_unavailable(&error) {
            tracing::warn!(%error, "database unavailable");
            AppError::Unavailable
        } else {
            tracing::error!(%error, "database error");
            AppError::Internal
        }
    }
}

/// Whether `error` means "the database cannot be reached or dropped the connection" — which
/// asking again later cures — rather than a fault of the query or of the data. The statement
/// of a dropped connection was not committed: PostgreSQL rolls back what a lost session began.
#[cfg(feature = "ssr")]
pub fn database_unavailable(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::WorkerCrashed => true,
        sqlx::Error::Database(db) => db.code().is_some_and(|code| connection_lost_code(&code)),
        _ => false,
    }
}

/// SQLSTATEs of a server that ended or refuses the session: the connection exceptions (class
/// 08), `admin_shutdown` (a restart or a terminated backend), `crash_shutdown`,
/// `cannot_connect_now` (starting up or shutting down).
#[cfg(feature = "ssr")]
fn connection_lost_code(code: &str) -> bool {
    code.starts_with("08") || matches!(code, "57P01" | "57P02" | "57P03")
}

#[cfg(feature = "ssr")]
impl From<tower_sessions::session::Error> for AppError {
    fn from(error: tower_sessions::session::Error) -> Self {
        tracing::error!(%error, "session store error");
        crate::monitoring::unexpected_error("session_store", "session");
        AppError::Internal
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn an_unreachable_database_is_unavailable_not_an_internal_error() {
        let refused = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "connection refused");
        let reset = std::io::Error::new(std::io::ErrorKind::ConnectionReset, "connection reset by peer");
        for error in
            [sqlx::Error::PoolTimedOut, sqlx::Error::PoolClosed, sqlx::Error::Io(refused), sqlx::Error::Io(reset)]
        {
            let app_error = AppError::from(error);
            assert_eq!(app_error, AppError::Unavailable);
            assert_eq!(app_error.status_code(), http::StatusCode::SERVICE_UNAVAILABLE);
        }
    }

    #[test]
    fn faults_of_the_query_or_the_data_stay_internal() {
        for error in
            [sqlx::Error::RowNotFound, sqlx::Error::ColumnNotFound("x".into()), sqlx::Error::Protocol("?".into())]
        {
            assert_eq!(AppError::from(error), AppError::Internal);
        }
    }

    #[test]
    fn sessions_ended_by_the_server_are_connection_losses() {
        for code in ["57P01", "57P02", "57P03", "08006", "08003", "08000"] {
            assert!(connection_lost_code(code), "{code}");
        }
        // A statement timeout, a deadlock, a unique violation: the database is up.
        for code in ["57014", "40P01", "23505", "42P01"] {
            assert!(!connection_lost_code(code), "{code}");
        }
    }

    #[test]
    fn a_lost_commit_does_not_claim_that_nothing_changed() {
        let message = AppError::OutcomeUnknown.to_string();
        assert!(message.contains("Vérifiez") && !message.contains("rien n’a été modifié"), "{message}");
        assert_eq!(AppError::OutcomeUnknown.status_code(), http::StatusCode::SERVICE_UNAVAILABLE);
    }

    #[test]
    fn the_unavailable_message_says_nothing_changed_and_to_retry() {
        let message = AppError::Unavailable.to_string();
        assert!(message.contains("Réessayez") && message.contains("rien n’a été modifié"), "{message}");
    }
}
