//! Security log and sessions use cases (management only).

use uuid::Uuid;

use super::model::{CollaboratorSessions, Recorded, SecurityPage, SecurityQuery};
use super::repo;
use crate::auth::Actor;
use crate::auth::session::{ABSOLUTE_TIMEOUT, IDLE_TIMEOUT};
use crate::error::AppError;
use crate::policy::{self, ensure};
use crate::state::AppState;

pub async fn list(state: &AppState, actor: &Actor, query: &SecurityQuery) -> Result<SecurityPage, AppError> {
    ensure(policy::can_administer(actor))?;
    Ok(repo::list(&state.pool, query).await?)
}

/// A collaborator's open sessions; `current` marks the viewer's own.
pub async fn sessions(
    state: &AppState,
    actor: &Actor,
    collaborator_id: Uuid,
    current: Option<Uuid>,
) -> Result<CollaboratorSessions, AppError> {
    ensure(policy::can_administer(actor))?;
    let now = state.clock.now();
    let mut db = state.pool.acquire().await?;
    let who = repo::collaborator(&mut *db, collaborator_id).await?.ok_or(AppError::NotFound)?;
    let mut sessions =
        repo::open_sessions(&mut *db, collaborator_id, now - IDLE_TIMEOUT, now - ABSOLUTE_TIMEOUT).await?;
    for session in &mut sessions {
        session.current = Some(session.id) == current;
    }
    Ok(CollaboratorSessions {
        id: who.id,
        full_name: who.full_name,
        department: who.department,
        active: who.active,
        sessions,
    })
}

/// Ends one session of a collaborator (they are signed out at their next click); recorded.
#[tracing::instrument(skip_all, fields(actor = %actor.id, collaborator = %collaborator_id))]
pub async fn end_one(state: &AppState, actor: &Actor, collaborator_id: Uuid, session_id: Uuid) -> Result<(), AppError> {
    ensure(policy::can_administer(actor))?;
    let now = state.clock.now();
    let mut tx = state.pool.begin().await?;
    repo::collaborator(&mut *tx, collaborator_id).await?.ok_or(AppError::NotFound)?;
    if !repo::end_session(&mut tx, collaborator_id, session_id, now).await? {
        return Err(AppError::NotFound);
    }
    repo::record(&mut *tx, Recorded::SessionEnded, Some(collaborator_id), Some(actor.id), None, now).await?;
    tx.commit().await?;
    tracing::info!("session ended by management");
    Ok(())
}

/// Ends every session of a collaborator; recorded. Returns how many were open.
#[tracing::instrument(skip_all, fields(actor = %actor.id, collaborator = %collaborator_id))]
pub async fn end_all(state: &AppState, actor: &Actor, collaborator_id: Uuid) -> Result<u64, AppError> {
    ensure(policy::can_administer(actor))?;
    let now = state.clock.now();
    let mut tx = state.pool.begin().await?;
    repo::collaborator(&mut *tx, collaborator_id).await?.ok_or(AppError::NotFound)?;
    let ended = crate::auth::repo::end_all_sessions(&mut *tx, collaborator_id, now).await?;
    repo::record(&mut *tx, Recorded::SessionsEnded, Some(collaborator_id), Some(actor.id), None, now).await?;
    tx.commit().await?;
    tracing::info!(ended, "all sessions ended by management");
    Ok(ended)
}
