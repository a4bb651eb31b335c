//! Server functions for the boards: thin wrappers over the service.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::model::{BoardQuery, EventBoard};
use crate::error::AppError;

#[server(endpoint = "events_board", input = GetUrl)]
pub async fn events_board(query: BoardQuery) -> Result<EventBoard, AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    super::service::events_board(&state, &actor, &query).await
}
