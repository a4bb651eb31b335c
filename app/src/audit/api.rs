//! Server functions of the audit trail browser (management only).

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::journal::{JournalPage, JournalQuery};
use crate::collaborators::model::CollaboratorChoice;
use crate::error::AppError;

#[server(endpoint = "audit_journal", input = GetUrl)]
pub async fn audit_journal(query: JournalQuery) -> Result<JournalPage, AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    crate::policy::ensure(crate::policy::can_administer(&actor))?;
    Ok(super::repo::journal(state.read_pool(), &query).await?)
}

/// Every collaborator (inactive ones too), for the administration filters.
#[server(endpoint = "collaborator_choices", input = GetUrl)]
pub async fn collaborator_choices() -> Result<Vec<CollaboratorChoice>, AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    crate::policy::ensure(crate::policy::can_administer(&actor))?;
    Ok(crate::collaborators::repo::choices(&state.pool, None).await?)
}
