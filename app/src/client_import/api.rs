//! Server functions of the import: thin wrappers over the service.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::model::{ImportConfirmation, ImportId, ImportView};
use crate::error::AppError;

#[server(endpoint = "get_client_import", input = GetUrl)]
pub async fn get_client_import(id: ImportId) -> Result<ImportView, AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    super::service::preview(&state, &actor, id).await
}

#[server(endpoint = "confirm_client_import")]
pub async fn confirm_client_import(form: ImportConfirmation) -> Result<(), AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    let id = super::service::confirm(&state, &actor, &form).await?;
    leptos_axum::redirect(&crate::routes::client_import(id));
    Ok(())
}
