//! Ending a collaborator's access. One function owns it, and everything that must end someone's
//! access calls it: deactivation, department change, deletion, a password change (which keeps
//! the session that made it), a reset by management, and "close every session".

use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use super::{api_tokens, repo};
use crate::domain::CollaboratorId;

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
    collaborator_id: CollaboratorId,
    keep_session: Option<Uuid>,
    now: DateTime<Utc>,
) -> sqlx::Result<Ended> {
    let web_sessions = repo::end_other_sessions(&mut *tx, collaborator_id, keep_session, now).await?;
    let api_tokens = api_tokens::revoke_all_for(&mut *tx, collaborator_id, now).await?;
    api_tokens::stop_access_tokens(tx, collaborator_id).await?;
    Ok(Ended { web_sessions, api_tokens })
}
