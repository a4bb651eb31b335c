//! Server functions for events: thin wrappers over the service.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::detail::EventDetail;
use super::model::{EventForm, EventPage, EventQuery, UnassignedEvents};
use crate::domain::{ContractId, EventId};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::listing_sql::CountReuse;
#[cfg(feature = "ssr")]
use crate::routes::{self, Notice};

#[server(endpoint = "list_events", input = GetUrl)]
pub async fn list_events(query: EventQuery) -> Result<EventPage, AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    super::service::list(&state, &actor, &query, CountReuse::Never).await
}

/// The events not over yet without a support contact, soonest first (management's queue).
#[server(endpoint = "support_queue", input = GetUrl)]
pub async fn support_queue(paging: crate::listing::Paging) -> Result<UnassignedEvents, AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    super::service::support_queue(&state, &actor, paging).await
}

#[server(endpoint = "get_event", input = GetUrl)]
pub async fn get_event(id: EventId) -> Result<EventDetail, AppError> {
    let (state, _) = crate::auth::api::signed_in().await?;
    super::service::detail(&state, id).await
}

#[server(endpoint = "create_event")]
pub async fn create_event(
    contract_id: ContractId,
    form: EventForm,
    idempotency_key: Option<String>,
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    let key = crate::idempotency::from_form(idempotency_key.as_deref())?;
    let id = super::service::create(&state, &actor, contract_id, &form, key.as_ref()).await?;
    leptos_axum::redirect(&routes::event(id, Some(Notice::Created)));
    Ok(())
}

#[server(endpoint = "update_event")]
pub async fn update_event(id: EventId, version: i32, form: EventForm) -> Result<(), AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    super::service::update(&state, &actor, id, version, &form).await?;
    leptos_axum::redirect(&routes::event(id, Some(Notice::Updated)));
    Ok(())
}

/// An empty `support_contact_id` removes the assignment.
#[server(endpoint = "assign_event_support")]
pub async fn assign_event_support(
    id: EventId,
    version: i32,
    support_contact_id: String,
    /// Set by the support queue, which stays on the queue after each assignment.
    #[server(default)]
    back_to_queue: bool,
    /// Why a support collaborator already busy then is booked anyway (management's override).
    #[server(default)]
    override_reason: Option<String>,
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    let support = match support_contact_id.trim() {
        "" => None,
        raw => Some(
            raw.parse().map_err(|_| AppError::field("support_contact_id", crate::i18n::fr::COLLABORATOR_UNKNOWN))?,
        ),
    };
    super::service::assign_support(&state, &actor, id, version, support, override_reason.as_deref()).await?;
    if back_to_queue {
        leptos_axum::redirect(&routes::with_notice(routes::SUPPORT_QUEUE, Notice::Assigned));
    } else {
        leptos_axum::redirect(&routes::event(id, Some(Notice::Assigned)));
    }
    Ok(())
}

/// Takes the event to another state: confirmed, back to planned, cancelled (with `reason`),
/// restored. `status`: an `EventStatus` code.
#[server(endpoint = "move_event")]
pub async fn move_event(
    id: EventId,
    version: i32,
    status: String,
    #[server(default)] reason: Option<String>,
    /// Set by the board, which stays on the board after each move.
    #[server(default)]
    back_to_board: bool,
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    let target = super::status::EventStatus::from_code(status.trim())
        .ok_or_else(|| AppError::field("status", crate::i18n::fr::STATUS_UNKNOWN))?;
    let moved = super::lifecycle::move_to(&state, &actor, id, version, target, reason.as_deref()).await?;
    let notice = match moved.event_move {
        super::status::EventMove::Cancel => Notice::Cancelled,
        super::status::EventMove::Restore if moved.support_dropped => Notice::RestoredWithoutSupport,
        super::status::EventMove::Restore => Notice::Restored,
        super::status::EventMove::Confirm | super::status::EventMove::Unconfirm => Notice::StatusChanged,
    };
    if back_to_board {
        leptos_axum::redirect(&routes::with_notice(routes::EVENT_BOARD, notice));
    } else {
        leptos_axum::redirect(&routes::event(id, Some(notice)));
    }
    Ok(())
}

#[server(endpoint = "delete_event")]
pub async fn delete_event(id: EventId) -> Result<(), AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    let contract = super::service::delete(&state, &actor, id).await?;
    leptos_axum::redirect(&routes::contract(contract, Some(Notice::Deleted)));
    Ok(())
}
