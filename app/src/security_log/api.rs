//! Server functions of the security log and of sessions management (management only, checked
//! in the service).

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use uuid::Uuid;

use super::model::{CollaboratorSessions, SecurityPage, SecurityQuery};
use crate::auth::SessionKind;
use crate::domain::CollaboratorId;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::routes::{self, Notice};

#[server(endpoint = "security_log", input = GetUrl)]
pub async fn security_log(query: SecurityQuery) -> Result<SecurityPage, AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    super::service::list(&state, &actor, &query).await
}

#[server(endpoint = "collaborator_sessions", input = GetUrl)]
pub async fn get_collaborator_sessions(id: CollaboratorId) -> Result<CollaboratorSessions, AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    let session: tower_sessions::Session = leptos_axum::extract().await.map_err(|_| AppError::Internal)?;
    let current = crate::auth::session::current_row(&session).await?;
    super::service::sessions(&state, &actor, id, current).await
}

#[server(endpoint = "end_collaborator_session")]
pub async fn end_collaborator_session(
    collaborator_id: CollaboratorId,
    kind: SessionKind,
    session_id: Uuid,
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    super::service::end_one(&state, &actor, collaborator_id, kind, session_id).await?;
    let notice = match kind {
        SessionKind::Web => Notice::SessionEnded,
        SessionKind::Api => Notice::ApiSignInEnded,
    };
    leptos_axum::redirect(&routes::collaborator_sessions(collaborator_id, Some(notice)));
    Ok(())
}

#[server(endpoint = "end_collaborator_sessions")]
pub async fn end_collaborator_sessions(collaborator_id: CollaboratorId) -> Result<(), AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    super::service::end_all(&state, &actor, collaborator_id).await?;
    leptos_axum::redirect(&routes::collaborator_sessions(collaborator_id, Some(Notice::SessionsEnded)));
    Ok(())
}
