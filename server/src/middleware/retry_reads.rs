//! Reads ride through a PostgreSQL restart or failover: a read that failed because its pooled
//! connection had died is answered again, once, on live connections, so the visitor never
//! sees it.
//!
//! Only GET and HEAD requests without a body are asked again: they change nothing but the
//! session's bookkeeping (its expiry, its last activity), which is the same written twice.
//! Writes are never repeated here: each is one transaction, which PostgreSQL rolls back when
//! its connection dies, so a write failed before its commit answers 503 ("réessayez") and
//! changed nothing (one cut off during its commit says its outcome is unknown: `app::db`); the
//! pool is recovered before that answer, so that the write sent again succeeds.

use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use http::{Method, StatusCode, header};

use app::state::AppState;

/// A dead connection fails at its first round trip, in milliseconds. A database that is down
/// fails only after the pool waited its acquire timeout (`DB_ACQUIRE_TIMEOUT`) for it: asking again then would
/// only double the wait, so a 503 that took longer than this is answered as it is.
const RETRY_IF_FAILED_WITHIN: Duration = Duration::from_secs(1);

pub async fn retry_reads_once(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let read = is_bodiless_read(&request);
    let (parts, body) = request.into_parts();
    let again = read.then(|| parts.clone());
    let started = Instant::now();
    let response = next.clone().run(Request::from_parts(parts, body)).await;
    if response.status() != StatusCode::SERVICE_UNAVAILABLE || started.elapsed() >= RETRY_IF_FAILED_WITHIN {
        return response;
    }
    // The other idle connections died too: left in the pool, each would fail a request of its
    // own. Recovered before answering, the write sent again ("réessayez") finds a live one.
    let mut dead = crate::db::recover_connections(&state.pool).await;
    if let Some(replica) = &state.replica {
        dead += crate::db::recover_connections(replica).await;
    }
    match again {
        Some(parts) => {
            tracing::warn!(
                path = parts.uri.path(),
                dead,
                "a read failed on a lost database connection; answering it again"
            );
            next.run(Request::from_parts(parts, Body::empty())).await
        }
        None => {
            tracing::warn!(
                dead,
                "a write failed on a lost database connection; it changed nothing and is not repeated"
            );
            response
        }
    }
}

fn is_bodiless_read(request: &Request) -> bool {
    let headers = request.headers();
    matches!(*request.method(), Method::GET | Method::HEAD)
        && headers.get(header::CONTENT_LENGTH).is_none_or(|length| length == "0")
        && !headers.contains_key(header::TRANSFER_ENCODING)
}
