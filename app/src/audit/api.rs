//! Server functions of the audit trail browser (management only).

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::journal::{CollaboratorChoice, JournalPage, JournalQuery};
use crate::error::AppError;

#[server(endpoint = "audit_journal", input = GetUrl)]
pub async fn audit_journal(query: JournalQuery) -> Result<JournalPage, AppError> {
    let actor = crate::auth::api::require_actor().await?;
    crate::policy::ensure(crate::policy::can_administer(&actor))?;
    Ok(super::repo::journal(crate::state::app_state()?.read_pool(), &query).await?)
}

/// Every collaborator (inactive ones too), for the administration filters.
#[server(endpoint = "collaborator_choices", input = GetUrl)]
pub async fn collaborator_choices() -> Result<Vec<CollaboratorChoice>, AppError> {
    let actor = crate::auth::api::require_actor().await?;
    crate::policy::ensure(crate::policy::can_administer(&actor))?;
    Ok(super::repo::journal_collaborators(&crate::state::app_state()?.pool).await?)
}
