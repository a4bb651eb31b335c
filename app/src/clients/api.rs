//! Server functions for clients: thin wrappers over the service.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::detail::ClientDetail;
use super::model::{ClientForm, ClientPage, ClientQuery};
use crate::domain::{ClientId, CollaboratorId};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::listing_sql::CountReuse;
#[cfg(feature = "ssr")]
use crate::routes::{self, Notice};

#[server(endpoint = "list_clients", input = GetUrl)]
pub async fn list_clients(query: ClientQuery) -> Result<ClientPage, AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    super::service::list(&state, &actor, &query, CountReuse::Never).await
}

#[server(endpoint = "get_client", input = GetUrl)]
pub async fn get_client(id: ClientId) -> Result<ClientDetail, AppError> {
    let (state, _) = crate::auth::api::signed_in().await?;
    super::service::detail(&state, id).await
}

#[server(endpoint = "create_client")]
pub async fn create_client(form: ClientForm, idempotency_key: Option<String>) -> Result<(), AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    let key = crate::idempotency::from_form(idempotency_key.as_deref())?;
    let id = super::service::create(&state, &actor, &form, key.as_ref()).await?;
    leptos_axum::redirect(&routes::client(id, Some(Notice::Created)));
    Ok(())
}

#[server(endpoint = "update_client")]
pub async fn update_client(id: ClientId, version: i32, form: ClientForm) -> Result<(), AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    super::service::update(&state, &actor, id, version, &form).await?;
    leptos_axum::redirect(&routes::client(id, Some(Notice::Updated)));
    Ok(())
}

#[server(endpoint = "change_client_sales_contact")]
pub async fn change_client_sales_contact(
    id: ClientId,
    version: i32,
    sales_contact_id: CollaboratorId,
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    super::service::change_sales_contact(&state, &actor, id, version, sales_contact_id).await?;
    leptos_axum::redirect(&routes::client(id, Some(Notice::Reassigned)));
    Ok(())
}

#[server(endpoint = "delete_client")]
pub async fn delete_client(id: ClientId) -> Result<(), AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    super::service::delete(&state, &actor, id).await?;
    leptos_axum::redirect(&routes::with_notice(routes::CLIENTS, Notice::Deleted));
    Ok(())
}
