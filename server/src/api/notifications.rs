//! Notifications: the caller's newest ones with their unread count, and marking them read.
//! Each caller reaches only their own: another's id is "not found".

use axum::extract::State;
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use app::domain::{ClientId, ContractId, EventId, NotificationId};
use app::notifications::model::{NotificationList, NotificationRow};
use app::notifications::service;

use super::ApiState;
use super::auth::ApiActor;
use super::problem::{ApiError, ApiPath};

pub fn router() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new().routes(routes!(list)).routes(routes!(read)).routes(routes!(read_all))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Notification {
    #[schema(value_type = Uuid)]
    pub id: NotificationId,
    /// What happened.
    #[schema(example = "event_assigned")]
    #[schema(
        pattern = "^(event_assigned|event_changed|contract_signed|contract_paid|follow_up_due|event_without_support|milestone_due|event_unpaid)$"
    )]
    pub kind: String,
    /// The sentence the bell shows (French).
    #[schema(example = "Gabrielle Gestion vous a confié l’événement « Gala d’hiver »")]
    pub text: String,
    /// For a changed event, which of its fields changed (`dates`, `location`, `attendees`).
    pub changed: Vec<String>,
    /// The record it is about: its client, and its contract and event when it is about one.
    #[schema(value_type = Uuid)]
    pub client_id: ClientId,
    #[schema(value_type = Option<Uuid>)]
    pub contract_id: Option<ContractId>,
    #[schema(value_type = Option<Uuid>)]
    pub event_id: Option<EventId>,
    pub created_at: DateTime<Utc>,
    /// Set once read.
    pub read_at: Option<DateTime<Utc>>,
}

impl From<NotificationRow> for Notification {
    fn from(row: NotificationRow) -> Self {
        Notification {
            text: row.text(),
            id: row.id,
            kind: row.kind,
            changed: row.changed,
            client_id: row.client_id,
            contract_id: row.contract_id,
            event_id: row.event_id,
            created_at: row.created_at,
            read_at: row.read_at,
        }
    }
}

/// The caller's newest notifications (at most 50) and how many of all theirs are unread.
#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationListBody {
    pub items: Vec<Notification>,
    pub unread: i64,
}

impl From<NotificationList> for NotificationListBody {
    fn from(list: NotificationList) -> Self {
        NotificationListBody { items: list.items.into_iter().map(Notification::from).collect(), unread: list.unread }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReadAll {
    /// How many were unread.
    pub read: u64,
}

/// The caller's notifications, newest first.
#[utoipa::path(get, path = "/notifications", operation_id = "listNotifications", tag = "notifications",
    responses((status = 200, description = "Newest first, with the unread count", body = NotificationListBody)),
    security(("bearer" = [])))]
async fn list(
    State(state): State<ApiState>,
    ApiActor(actor): ApiActor,
) -> Result<axum::Json<NotificationListBody>, ApiError> {
    Ok(axum::Json(service::list(&state.app, &actor).await?.into()))
}

/// Marks one of the caller's notifications read (again: no change).
#[utoipa::path(post, path = "/notifications/{id}/read", operation_id = "readNotification", tag = "notifications",
    params(("id" = Uuid, Path)),
    responses((status = 200, description = "The notification, read", body = Notification)), security(("bearer" = [])))]
async fn read(
    State(state): State<ApiState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<NotificationId>,
) -> Result<axum::Json<Notification>, ApiError> {
    Ok(axum::Json(service::open(&state.app, &actor, id).await?.into()))
}

/// Marks all the caller's notifications read.
#[utoipa::path(post, path = "/notifications/read", operation_id = "readAllNotifications", tag = "notifications",
    responses((status = 200, description = "How many were unread", body = ReadAll)), security(("bearer" = [])))]
async fn read_all(State(state): State<ApiState>, ApiActor(actor): ApiActor) -> Result<axum::Json<ReadAll>, ApiError> {
    Ok(axum::Json(ReadAll { read: service::read_all(&state.app, &actor).await? }))
}
