//! Server functions for the boards: thin wrappers over the service.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::contract_model::{ContractBoard, ContractBoardQuery};
use super::model::{EventBoard, EventBoardQuery};
use crate::error::AppError;

#[server(endpoint = "events_board", input = GetUrl)]
pub async fn events_board(query: EventBoardQuery) -> Result<EventBoard, AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    super::service::events_board(&state, &actor, &query).await
}

#[server(endpoint = "contracts_board", input = GetUrl)]
pub async fn contracts_board(query: ContractBoardQuery) -> Result<ContractBoard, AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    super::service::contracts_board(&state, &actor, &query).await
}
