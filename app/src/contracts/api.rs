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

/// A move on the contracts board, or the contract page's "proposition envoyée".
#[server(endpoint = "move_contract")]
pub async fn move_contract(
    id: ContractId,
    version: i32,
    status: String,
    /// Set by the board, which stays on the board after each move.
    #[server(default)]
    back_to_board: bool,
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    let target = super::stage::ContractStage::from_code(status.trim())
        .ok_or_else(|| AppError::field("status", crate::i18n::fr::STAGE_UNKNOWN))?;
    let moved = super::service::move_to_stage(&state, &actor, id, version, target).await?;
    let notice = match moved {
        super::stage::ContractMove::Sign => Notice::Signed,
        super::stage::ContractMove::Propose | super::stage::ContractMove::Unpropose => Notice::StageChanged,
    };
    if back_to_board {
        leptos_axum::redirect(&routes::with_notice(routes::CONTRACT_BOARD, notice));
    } else {
        leptos_axum::redirect(&routes::contract(id, Some(notice)));
    }
    Ok(())
}

#[server(endpoint = "delete_contract")]
pub async fn delete_contract(id: ContractId) -> Result<(), AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    let client = super::service::delete(&state, &actor, id).await?;
    leptos_axum::redirect(&routes::client(client, Some(Notice::Deleted)));
    Ok(())
}
