//! Server functions for contracts: thin wrappers over the service.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::detail::ContractDetail;
use super::model::{AmountsForm, ContractPage, ContractQuery};
use crate::domain::{ClientId, ContractId};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::listing_sql::CountReuse;
#[cfg(feature = "ssr")]
use crate::routes::{self, Notice};

#[server(endpoint = "list_contracts", input = GetUrl)]
pub async fn list_contracts(query: ContractQuery) -> Result<ContractPage, AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    super::service::list(&state, &actor, &query, CountReuse::Never).await
}

#[server(endpoint = "get_contract", input = GetUrl)]
pub async fn get_contract(id: ContractId) -> Result<ContractDetail, AppError> {
    let (state, _) = crate::auth::api::signed_in().await?;
    super::service::detail(&state, id).await
}

#[server(endpoint = "create_contract")]
pub async fn create_contract(
    client_id: ClientId,
    form: AmountsForm,
    idempotency_key: Option<String>,
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    let key = crate::idempotency::from_form(idempotency_key.as_deref())?;
    let id = super::service::create(&state, &actor, client_id, &form, key.as_ref()).await?;
    leptos_axum::redirect(&routes::contract(id, Some(Notice::Created)));
    Ok(())
}

#[server(endpoint = "update_contract")]
pub async fn update_contract(id: ContractId, version: i32, form: AmountsForm) -> Result<(), AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    super::service::update_amounts(&state, &actor, id, version, &form).await?;
    leptos_axum::redirect(&routes::contract(id, Some(Notice::Updated)));
    Ok(())
}

#[server(endpoint = "sign_contract")]
pub async fn sign_contract(id: ContractId, version: i32) -> Result<(), AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    super::service::sign(&state, &actor, id, version).await?;
    leptos_axum::redirect(&routes::contract(id, Some(Notice::Signed)));
    Ok(())
}

#[server(endpoint = "delete_contract")]
pub async fn delete_contract(id: ContractId) -> Result<(), AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    let client = super::service::delete(&state, &actor, id).await?;
    leptos_axum::redirect(&routes::client(client, Some(Notice::Deleted)));
    Ok(())
}
