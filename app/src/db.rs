//! Ending a transaction. A commit whose connection breaks leaves its outcome unknown: PostgreSQL
//! may have committed before the answer was lost. Saying "nothing changed" then could be false,
//! so the caller is told to check before doing it again (creations sent again with their
//! idempotency key are found, not made twice: see `crate::idempotency`).

use sqlx::{Postgres, Transaction};

use crate::error::{AppError, database_unavailable};

/// Commits `tx`; a connection lost during the commit is `AppError::OutcomeUnknown`.
#[allow(clippy::disallowed_methods, reason = "the one place that commits")]
pub async fn commit(tx: Transaction<'_, Postgres>) -> Result<(), AppError> {
    tx.commit().await.map_err(|error| {
        if database_unavailable(&error) {
            tracing::warn!(%error, "connection lost during a commit: its outcome is unknown");
            crate::monitoring::unexpected_error("database", "commit_outcome_unknown");
            AppError::OutcomeUnknown
        } else {
            AppError::from(error)
        }
    })
}
