//! Server functions for notes: thin wrappers over the service.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::model::{NoteAt, NoteForm};
use crate::domain::NoteId;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::routes::{Notice, with_notice};

/// Adds a note to the record named by `on` ("client", "contract", "event") and `record_id`.
#[server(endpoint = "add_note")]
pub async fn add_note(
    on: String,
    record_id: String,
    form: NoteForm,
    idempotency_key: Option<String>,
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    let record = crate::records::RecordRef::parse(&on, &record_id)?;
    let key = crate::idempotency::from_form(idempotency_key.as_deref())?;
    super::service::add(&state, &actor, record, &form, key.as_ref()).await?;
    leptos_axum::redirect(&with_notice(&record.path(), Notice::NoteAdded));
    Ok(())
}

/// A note, for its edit page.
#[server(endpoint = "get_note", input = GetUrl)]
pub async fn get_note(id: NoteId) -> Result<NoteAt, AppError> {
    let (state, _) = crate::auth::api::signed_in().await?;
    super::service::get(&state, id).await
}

#[server(endpoint = "update_note")]
pub async fn update_note(id: NoteId, version: i32, form: NoteForm) -> Result<(), AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    let record = super::service::update(&state, &actor, id, Some(version), &form).await?;
    leptos_axum::redirect(&with_notice(&record.path(), Notice::NoteUpdated));
    Ok(())
}

#[server(endpoint = "delete_note")]
pub async fn delete_note(id: NoteId) -> Result<(), AppError> {
    let (state, actor) = crate::auth::api::signed_in().await?;
    let record = super::service::delete(&state, &actor, id).await?;
    leptos_axum::redirect(&with_notice(&record.path(), Notice::NoteDeleted));
    Ok(())
}
