//! Security log and sessions use cases (management only).

use uuid::Uuid;

use super::model::{CollaboratorSessions, Recorded, SecurityPage, SecurityQuery};
use super::repo;
use crate::auth::SessionKind;
use crate::auth::session::{ABSOLUTE_TIMEOUT, IDLE_TIMEOUT};
use crate::auth::{self, Actor, api_tokens};
use crate::collaborators;
use crate::domain::CollaboratorId;
use crate::error::AppError;
use crate::policy::{self, ensure};
use crate::state::AppState;

pub async fn list(state: &AppState, actor: &Actor, query: &SecurityQuery) -> Result<SecurityPage, AppError> {
    ensure(policy::can_administer(actor))?;
    Ok(repo::list(state.read_pool(), query).await?)
}

/// A collaborator's open sessions; `current` marks the viewer's own.
pub async fn sessions(
    state: &AppState,
    actor: &Actor,
    collaborator_id: CollaboratorId,
    current: Option<Uuid>,
) -> Result<CollaboratorSessions, AppError> {
    ensure(policy::can_administer(actor))?;
    let now = state.clock.now();
    let mut db = state.pool.acquire().await?;
    let who = collaborators::repo::find(&mut *db, collaborator_id).await?.ok_or(AppError::NotFound)?;
    let mut sessions =
        auth::repo::open_sessions(&mut *db, collaborator_id, now - IDLE_TIMEOUT, now - ABSOLUTE_TIMEOUT).await?;
    for session in &mut sessions {
        session.current = Some(session.id) == current;
    }
    sessions.extend(api_tokens::open_sign_ins(&mut *db, collaborator_id, now).await?);
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
pub async fn end_one(
    state: &AppState,
    actor: &Actor,
    collaborator_id: CollaboratorId,
    kind: SessionKind,
    session_id: Uuid,
) -> Result<(), AppError> {
    ensure(policy::can_administer(actor))?;
    let now = state.clock.now();
    let mut tx = state.pool.begin().await?;
    collaborators::repo::find(&mut *tx, collaborator_id).await?.ok_or(AppError::NotFound)?;
    let recorded = match kind {
        SessionKind::Web => {
            if !auth::repo::end_session(&mut *tx, session_id, Some(collaborator_id), now).await? {
                return Err(AppError::NotFound);
            }
            Recorded::SessionEnded
        }
        SessionKind::Api => {
            if !api_tokens::revoke_sign_in(&mut tx, collaborator_id, session_id, now).await? {
                return Err(AppError::NotFound);
            }
            // Its access tokens stop now; the person's other API sign-ins get new ones at their
            // next refresh.
            api_tokens::stop_access_tokens(&mut tx, collaborator_id).await?;
            Recorded::ApiSignInEnded
        }
    };
    repo::record(&mut *tx, recorded, Some(collaborator_id), Some(actor.id), None, now).await?;
    crate::db::commit(tx).await?;
    tracing::info!("session ended by management");
    Ok(())
}

/// Ends every session of a collaborator, web and API; recorded. Returns how many were open.
#[tracing::instrument(skip_all, fields(actor = %actor.id, collaborator = %collaborator_id))]
pub async fn end_all(state: &AppState, actor: &Actor, collaborator_id: CollaboratorId) -> Result<u64, AppError> {
    ensure(policy::can_administer(actor))?;
    let now = state.clock.now();
    let mut tx = state.pool.begin().await?;
    collaborators::repo::find(&mut *tx, collaborator_id).await?.ok_or(AppError::NotFound)?;
    let ended = crate::auth::access::end_access(&mut tx, collaborator_id, None, now).await?;
    repo::record(&mut *tx, Recorded::SessionsEnded, Some(collaborator_id), Some(actor.id), None, now).await?;
    crate::db::commit(tx).await?;
    tracing::info!(web = ended.web_sessions, api = ended.api_tokens, "all sessions ended by management");
    Ok(ended.web_sessions + ended.api_tokens)
}

/// A refused action (403) is a security event: who tried, from where; nothing about what.
pub async fn record_refusal(state: &AppState, collaborator_id: CollaboratorId, ip: Option<std::net::IpAddr>) {
    let now = state.clock.now();
    if let Err(error) = repo::record(&state.pool, Recorded::AccessRefused, Some(collaborator_id), None, ip, now).await {
        tracing::warn!(%error, "could not record a refusal in the security log");
    }
}
