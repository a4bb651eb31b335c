//! Server functions for support planning: thin wrappers over the service.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::model::Assignment;
use crate::domain::EventId;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::routes::{self, Notice};

/// Who could run the event: each support collaborator's week and clashes (management).
#[server(endpoint = "event_assignment", input = GetUrl)]
pub async fn event_assignment(id: EventId) -> Result<Assignment, AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    super::service::assignment(&state, &actor, id).await
}

/// The travel buffer between two events of one person, in minutes (management).
#[server(endpoint = "travel_buffer", input = GetUrl)]
pub async fn travel_buffer() -> Result<i32, AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    super::service::travel_buffer(&state, &actor).await
}

#[server(endpoint = "set_travel_buffer")]
pub async fn set_travel_buffer(travel_buffer_minutes: String) -> Result<(), AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    super::service::set_travel_buffer(&state, &actor, &travel_buffer_minutes).await?;
    leptos_axum::redirect(&routes::with_notice(routes::SUPPORT_QUEUE, Notice::SettingChanged));
    Ok(())
}
