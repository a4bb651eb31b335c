//! Server functions for payments: thin wrappers over the service.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::model::{Collections, MilestoneForm, OwedPages, PaymentForm, PaymentOfContract};
use crate::domain::{ContractId, MilestoneId, PaymentId};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::routes::{self, Notice};

#[server(endpoint = "record_payment")]
pub async fn record_payment(
    contract_id: ContractId,
    form: PaymentForm,
    idempotency_key: Option<String>,
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    let key = crate::idempotency::from_form(idempotency_key.as_deref())?;
    super::service::record_payment(&state, &actor, contract_id, &form, key.as_ref()).await?;
    leptos_axum::redirect(&routes::contract(contract_id, Some(Notice::PaymentRecorded)));
    Ok(())
}

#[server(endpoint = "get_payment", input = GetUrl)]
pub async fn get_payment(id: PaymentId) -> Result<PaymentOfContract, AppError> {
    let (state, _) = crate::auth::api::signed_in().await?;
    super::service::payment_of_contract(&state, id).await
}

#[server(endpoint = "delete_payment")]
pub async fn delete_payment(id: PaymentId) -> Result<(), AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    let contract = super::service::delete_payment(&state, &actor, id).await?;
    leptos_axum::redirect(&routes::contract(contract, Some(Notice::PaymentDeleted)));
    Ok(())
}

#[server(endpoint = "add_milestone")]
pub async fn add_milestone(
    contract_id: ContractId,
    form: MilestoneForm,
    idempotency_key: Option<String>,
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    let key = crate::idempotency::from_form(idempotency_key.as_deref())?;
    super::service::add_milestone(&state, &actor, contract_id, &form, key.as_ref()).await?;
    leptos_axum::redirect(&routes::contract(contract_id, Some(Notice::MilestoneAdded)));
    Ok(())
}

#[server(endpoint = "delete_milestone")]
pub async fn delete_milestone(id: MilestoneId) -> Result<(), AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    let contract = super::service::delete_milestone(&state, &actor, id).await?;
    leptos_axum::redirect(&routes::contract(contract, Some(Notice::MilestoneDeleted)));
    Ok(())
}

/// "Encaissements": `seller` (management only) narrows it to one salesperson's clients; `pages`
/// says which page of each list.
#[server(endpoint = "get_collections", input = GetUrl)]
pub async fn get_collections(seller: Option<String>, pages: OwedPages) -> Result<Collections, AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    let seller = match seller.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(id) => Some(id.parse().map_err(|message: String| AppError::field("commercial", message))?),
    };
    super::service::collections(&state, &actor, seller, pages).await
}
