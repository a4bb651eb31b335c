//! Server functions about collaborators needed by the CRM pages.

use leptos::prelude::*;

use crate::auth::{Actor, Department};
use crate::error::AppError;

/// Active collaborators of a department, for assignment forms.
#[server(endpoint = "active_collaborators")]
pub async fn active_collaborators(department: Department) -> Result<Vec<Actor>, AppError> {
    crate::auth::api::require_actor().await?;
    let state = crate::state::app_state()?;
    Ok(crate::collaborators::repo::list_active(&state.pool, department).await?)
}
