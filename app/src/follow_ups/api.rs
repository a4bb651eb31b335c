//! Server functions for follow-ups: thin wrappers over the service.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::model::{FollowUpForm, FollowUpList};
use crate::domain::FollowUpId;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::routes::{self, Notice, with_notice};

/// Sets a follow-up on the record named by `on` ("client", "contract", "event") and `record_id`.
#[server(endpoint = "add_follow_up")]
pub async fn add_follow_up(
    on: String,
    record_id: String,
    form: FollowUpForm,
    idempotency_key: Option<String>,
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    let record = crate::records::RecordRef::parse(&on, &record_id)?;
    let key = crate::idempotency::from_form(idempotency_key.as_deref())?;
    super::service::add(&state, &actor, record, &form, key.as_ref()).await?;
    leptos_axum::redirect(&with_notice(&record.path(), Notice::FollowUpAdded));
    Ok(())
}

/// "Mes relances", or (`team`, management) everyone's overdue follow-ups.
#[server(endpoint = "list_follow_ups", input = GetUrl)]
pub async fn list_follow_ups(team: bool) -> Result<FollowUpList, AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    super::service::list(&state, &actor, super::model::FollowUpScope::from_team_flag(team)).await
}

/// Marks a follow-up done (`done` = "true") or to do again, then goes back to "Mes relances"
/// (`back` = "list") or to the record's page.
#[server(endpoint = "complete_follow_up")]
pub async fn complete_follow_up(id: FollowUpId, done: String, back: String) -> Result<(), AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    let done = match done.as_str() {
        "true" => true,
        "false" => false,
        _ => return Err(AppError::BadRequest),
    };
    let row = super::service::set_done(&state, &actor, id, Some(done)).await?;
    let notice = if done { Notice::FollowUpDone } else { Notice::FollowUpReopened };
    let page = if back == "list" { routes::FOLLOW_UPS.to_owned() } else { row.record().path() };
    leptos_axum::redirect(&with_notice(&page, notice));
    Ok(())
}
