//! Server functions for notifications: thin wrappers over the service.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::model::NotificationList;
use crate::domain::NotificationId;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::routes::{self, Notice, with_notice};

/// The newest notifications of the signed-in collaborator, and how many are unread.
#[server(endpoint = "list_notifications", input = GetUrl)]
pub async fn list_notifications() -> Result<NotificationList, AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    super::service::list(&state, &actor).await
}

/// The bell's number.
#[server(endpoint = "unread_notifications", input = GetUrl)]
pub async fn unread_notifications() -> Result<i64, AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    super::service::unread(&state, actor.id).await
}

/// Marks a notification read and goes to its record's page.
#[server(endpoint = "open_notification")]
pub async fn open_notification(id: NotificationId) -> Result<(), AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    let row = super::service::open(&state, &actor, id).await?;
    leptos_axum::redirect(&row.link());
    Ok(())
}

/// Marks every notification of the signed-in collaborator read.
#[server(endpoint = "read_all_notifications")]
pub async fn read_all_notifications() -> Result<(), AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    super::service::read_all(&state, &actor).await?;
    leptos_axum::redirect(&with_notice(routes::NOTIFICATIONS, Notice::NotificationsRead));
    Ok(())
}
