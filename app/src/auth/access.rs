//! Ending a collaborator's access. One function owns it, and everything that must end someone's
//! access calls it: deactivation, department change, deletion, a password change (which keeps
//! the session that made it), a reset by management, and "close every session".

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use super::actor_cache::CHANNEL;
use super::{api_tokens, repo};

/// What ending someone's access closed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Ended {
    pub web_sessions: u64,
    pub api_tokens: u64,
}

/// Ends every web session of the collaborator but `keep_session`, revokes every API refresh
/// token, stops the access tokens already issued (their credential version is bumped) and, when
/// the transaction commits, tells every instance to forget what it cached about them.
pub async fn end_access(
    tx: &mut PgConnection,
    collaborator_id: Uuid,
    keep_session: Option<Uuid>,
    now: DateTime<Utc>,
) -> sqlx::Result<Ended> {
    let web_sessions = repo::end_other_sessions(&mut *tx, collaborator_id, keep_session, now).await?;
    let api_tokens = api_tokens::revoke_all_for(&mut *tx, collaborator_id, now).await?;
    stop_access_tokens(tx, collaborator_id).await?;
    Ok(Ended { web_sessions, api_tokens })
}

/// Stops the collaborator's access tokens at once, leaving their refresh tokens: an API client
/// whose sign-in is still open gets a new access token at its next refresh.
pub async fn stop_access_tokens(tx: &mut PgConnection, collaborator_id: Uuid) -> sqlx::Result<()> {
    sqlx::query("update collaborator set credential_version = credential_version + 1 where id = $1")
        .bind(collaborator_id)
        .execute(&mut *tx)
        .await?;
    announce(&mut *tx, collaborator_id).await
}

/// Tells every instance, at commit, that what they know of this collaborator is stale.
pub async fn announce(db: impl PgExecutor<'_>, collaborator_id: Uuid) -> sqlx::Result<()> {
    sqlx::query("select pg_notify($1, $2)").bind(CHANNEL).bind(collaborator_id.to_string()).execute(db).await?;
    Ok(())
}
