//! Server functions for run sheets: thin wrappers over the service. Each change carries the
//! sheet's `version` as loaded (a change made meanwhile is refused, not overwritten).

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::model::{RunSheet, RunSheetForm, TimelineItemForm};
use crate::domain::{EventId, TimelineItemId};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::routes::{self, Notice};

#[server(endpoint = "get_run_sheet", input = GetUrl)]
pub async fn get_run_sheet(id: EventId) -> Result<RunSheet, AppError> {
    let (state, _) = crate::auth::api::signed_in().await?;
    super::service::get(&state, id).await
}

#[server(endpoint = "update_run_sheet")]
pub async fn update_run_sheet(id: EventId, version: i32, form: RunSheetForm) -> Result<(), AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    super::service::update_details(&state, &actor, id, version, &form).await?;
    leptos_axum::redirect(&routes::run_sheet(id, Some(Notice::RunSheetUpdated)));
    Ok(())
}

#[server(endpoint = "add_timeline_item")]
pub async fn add_timeline_item(id: EventId, version: i32, form: TimelineItemForm) -> Result<(), AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    super::service::add_item(&state, &actor, id, version, &form).await?;
    leptos_axum::redirect(&routes::run_sheet(id, Some(Notice::TimelineItemAdded)));
    Ok(())
}

#[server(endpoint = "update_timeline_item")]
pub async fn update_timeline_item(
    item_id: TimelineItemId,
    version: i32,
    form: TimelineItemForm,
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    let event = super::service::update_item(&state, &actor, item_id, version, &form).await?;
    leptos_axum::redirect(&routes::run_sheet(event, Some(Notice::TimelineItemUpdated)));
    Ok(())
}

#[server(endpoint = "delete_timeline_item")]
pub async fn delete_timeline_item(item_id: TimelineItemId, version: i32) -> Result<(), AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    let event = super::service::delete_item(&state, &actor, item_id, version).await?;
    leptos_axum::redirect(&routes::run_sheet(event, Some(Notice::TimelineItemDeleted)));
    Ok(())
}
