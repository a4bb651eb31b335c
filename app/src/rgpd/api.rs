//! Server functions of the RGPD tools: thin wrappers over the service (management only, checked
//! there). The export is a plain download route (`http.rs`), not a server function.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::model::{AnonymisationPreview, RetentionPage, RetentionQuery};
use crate::domain::ClientId;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::routes::{self, Notice};

#[server(endpoint = "anonymisation_preview")]
pub async fn get_anonymisation_preview(id: ClientId) -> Result<AnonymisationPreview, AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    super::service::preview(&state, &actor, id).await
}

#[server(endpoint = "anonymise_client")]
pub async fn anonymise_client(id: ClientId, confirm: Option<String>) -> Result<(), AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    super::service::anonymise(&state, &actor, id, confirm.as_deref()).await?;
    leptos_axum::redirect(&routes::client(id, Some(Notice::Anonymised)));
    Ok(())
}

#[server(endpoint = "retention_list", input = GetUrl)]
pub async fn retention_list(query: RetentionQuery) -> Result<RetentionPage, AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    super::service::retention(&state, &actor, &query).await
}

/// The retention page's bulk action: the ticked clients (`ids[]`), or all listed (`all`).
#[server(endpoint = "anonymise_clients")]
pub async fn anonymise_clients(
    ids: Option<Vec<ClientId>>,
    all: Option<String>,
    confirm: Option<String>,
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    let all = all.is_some_and(|v| v == "1");
    let done = super::service::anonymise_many(&state, &actor, ids.unwrap_or_default(), all, confirm.as_deref()).await?;
    leptos_axum::redirect(&format!("{}&n={done}", routes::with_notice(routes::RGPD_RETENTION, Notice::Anonymised)));
    Ok(())
}
