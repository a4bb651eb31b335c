//! Server functions for debriefs: thin wrappers over the service.

use leptos::prelude::*;

use super::model::DebriefForm;
use crate::domain::EventId;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::routes::{self, Notice};

/// The debrief form of an event's page; back to the page, which says whether the sales contact
/// was set the next edition's follow-up.
#[server(endpoint = "save_debrief")]
pub async fn save_debrief(event_id: EventId, version: i32, form: DebriefForm) -> Result<(), AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    let follow_up = super::service::save(&state, &actor, event_id, version, &form).await?;
    let notice = if follow_up.is_some() { Notice::DebriefWithFollowUp } else { Notice::DebriefSaved };
    leptos_axum::redirect(&routes::event(event_id, Some(notice)));
    Ok(())
}
