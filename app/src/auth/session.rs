//! Server-side sessions: the cookie (tower-sessions) holds only the id of a
//! `collaborator_session` row, which carries the timestamps the timeouts are checked against.

use std::net::IpAddr;

use chrono::{DateTime, Duration, Utc};
use tower_sessions::Session;
use uuid::Uuid;

use super::model::Actor;
use super::repo;
use crate::domain::CollaboratorId;
use crate::error::AppError;
use crate::state::AppState;

pub const IDLE_TIMEOUT: Duration = Duration::minutes(30);
pub const ABSOLUTE_TIMEOUT: Duration = Duration::hours(8);
/// `last_seen_at` is written at most this often, so browsing does not cost a write per click.
const TOUCH_EVERY: Duration = Duration::seconds(60);

const SESSION_ROW_KEY: &str = "collaborator_session";

/// Why a stored session is or is not usable at `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Liveness {
    Alive { touch: bool },
    IdleTimeout,
    AbsoluteTimeout,
}

pub fn liveness(started_at: DateTime<Utc>, last_seen_at: DateTime<Utc>, now: DateTime<Utc>) -> Liveness {
    if now - started_at >= ABSOLUTE_TIMEOUT {
        Liveness::AbsoluteTimeout
    } else if now - last_seen_at >= IDLE_TIMEOUT {
        Liveness::IdleTimeout
    } else {
        Liveness::Alive { touch: now - last_seen_at >= TOUCH_EVERY }
    }
}

/// Starts a session for a freshly authenticated collaborator, under a new cookie id.
pub async fn start(
    state: &AppState,
    session: &Session,
    collaborator_id: CollaboratorId,
    ip: Option<IpAddr>,
    user_agent: Option<&str>,
) -> Result<(), AppError> {
    let user_agent = user_agent.map(|ua| ua.chars().take(512).collect::<String>());
    let row_id =
        repo::insert_session(&state.pool, collaborator_id, state.clock.now(), ip, user_agent.as_deref()).await?;
    // A new cookie id at sign-in: a session id planted before sign-in is worth nothing after it.
    session.cycle_id().await?;
    session.insert(SESSION_ROW_KEY, row_id).await?;
    Ok(())
}

/// The `collaborator_session` row behind this cookie, if signed in.
pub async fn current_row(session: &Session) -> Result<Option<Uuid>, AppError> {
    Ok(session.get::<Uuid>(SESSION_ROW_KEY).await?)
}

/// Ends the session on the server and in the store; the old cookie no longer works.
pub async fn end(state: &AppState, session: &Session) -> Result<(), AppError> {
    if let Some(row_id) = session.get::<Uuid>(SESSION_ROW_KEY).await? {
        repo::end_session(&state.pool, row_id, None, state.clock.now()).await?;
    }
    session.flush().await?;
    Ok(())
}

/// A valid session's collaborator.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub actor: Actor,
    /// Their password was generated or reset by management: until they change it they reach
    /// only their account page (`routes::reachable_before_password_change`).
    pub must_change_password: bool,
}

/// The collaborator behind this request's session, if it is still valid. Expired sessions and
/// those of deactivated collaborators are ended on the spot.
pub async fn resolve(state: &AppState, session: &Session) -> Result<Option<SignedIn>, AppError> {
    let Some(row_id) = session.get::<Uuid>(SESSION_ROW_KEY).await? else {
        return Ok(None);
    };
    let Some(row) = repo::find_open_session(&state.pool, row_id).await? else {
        session.flush().await?;
        return Ok(None);
    };
    let now = state.clock.now();
    match liveness(row.started_at, row.last_seen_at, now) {
        Liveness::Alive { touch } if row.active => {
            if touch {
                repo::touch_session(&state.pool, row_id, now).await?;
            }
            Ok(Some(SignedIn { actor: row.actor, must_change_password: row.must_change_password }))
        }
        ended => {
            tracing::info!(collaborator = %row.actor.id, reason = ?ended, active = row.active, "session ended");
            end(state, session).await?;
            Ok(None)
        }
    }
}

/// Whether the session still lets its collaborator in, without counting this as activity: a
/// page's live updates are not the collaborator at work, and must not keep an idle session open.
pub async fn is_still_open(state: &AppState, session: &Session) -> Result<bool, AppError> {
    let Some(row_id) = session.get::<Uuid>(SESSION_ROW_KEY).await? else {
        return Ok(false);
    };
    let Some(row) = repo::find_open_session(&state.pool, row_id).await? else {
        return Ok(false);
    };
    let alive = matches!(liveness(row.started_at, row.last_seen_at, state.clock.now()), Liveness::Alive { .. });
    Ok(alive && row.active)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t0() -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000, 0).unwrap()
    }

    #[test]
    fn a_session_idle_for_thirty_minutes_is_over() {
        let start = t0();
        assert_eq!(liveness(start, start, start + Duration::minutes(29)), Liveness::Alive { touch: true });
        assert_eq!(liveness(start, start, start + Duration::minutes(30)), Liveness::IdleTimeout);
    }

    #[test]
    fn an_active_session_still_ends_after_eight_hours() {
        let start = t0();
        let now = start + Duration::hours(8);
        assert_eq!(liveness(start, now - Duration::minutes(1), now), Liveness::AbsoluteTimeout);
    }

    #[test]
    fn recent_activity_is_not_rewritten() {
        let start = t0();
        assert_eq!(liveness(start, start, start + Duration::seconds(10)), Liveness::Alive { touch: false });
    }
}
