//! Run sheet use cases. Every change: lock the event (its support and state decide who may
//! change the sheet), then the sheet (its version guards the whole sheet), the rules, the write
//! and its audit record on the event, in one transaction.

use sqlx::PgConnection;

use super::model::{
    Contact, MAX_ITEMS, NewTimelineItem, RunSheet, RunSheetFields, RunSheetForm, RunSheetInput, TimelineItemForm,
};
use super::repo;
use crate::audit::model::{Action, Changes};
use crate::audit::repo::{self as audit, Author};
use crate::auth::Actor;
use crate::domain::{CollaboratorId, EventId, TimelineItemId};
use crate::error::AppError;
use crate::events::model::EventRow;
use crate::i18n::fr as t;
use crate::policy;
use crate::records::RecordRef;
use crate::state::AppState;

async fn contact(db: &mut PgConnection, id: CollaboratorId) -> Result<Contact, AppError> {
    let (full_name, phone) = crate::collaborators::repo::contact(&mut *db, id).await?.ok_or(AppError::NotFound)?;
    Ok(Contact { full_name, phone })
}

/// The run sheet of an event (anyone signed in reads it).
pub async fn get(state: &AppState, id: EventId) -> Result<RunSheet, AppError> {
    let mut db = state.pool.acquire().await?;
    let event = crate::events::repo::find(&mut db, id).await?.ok_or(AppError::NotFound)?;
    let contract = crate::contracts::repo::find(&mut db, event.contract_id).await?.ok_or(AppError::NotFound)?;
    let sales = contact(&mut db, contract.client_sales_contact_id).await?;
    let support = match event.support_contact_id {
        Some(support) => Some(contact(&mut db, support).await?),
        None => None,
    };
    Ok(RunSheet {
        as_of: state.clock.now(),
        company_name: contract.company_name,
        fields: repo::fields(&mut *db, id).await?,
        items: repo::items(&mut *db, id).await?,
        follow_ups: crate::follow_ups::repo::open_for_record(&mut db, RecordRef::Event(id)).await?,
        sales,
        support,
        event,
    })
}

/// The run sheet as a PDF: (file name, bytes).
pub async fn pdf(state: &AppState, id: EventId) -> Result<(String, Vec<u8>), AppError> {
    let sheet = get(state, id).await?;
    let now = state.clock.now();
    // Laying out and subsetting the font is CPU work: off the async workers.
    let bytes = tokio::task::spawn_blocking(move || super::pdf::render(&sheet, now))
        .await
        .map_err(|_| AppError::Internal)??;
    Ok((t::run_sheet_file_name(id), bytes))
}

/// Locks the event and its sheet for a change by `actor` based on the sheet's `version`. A
/// finished or cancelled event refuses its own support with the reason (management alone
/// corrects it), anyone else without the right plainly; nobody types free text about an
/// anonymised client.
async fn lock_for_change(
    tx: &mut PgConnection,
    state: &AppState,
    actor: &Actor,
    id: EventId,
    version: i32,
) -> Result<(EventRow, RunSheetFields), AppError> {
    let event = crate::events::repo::lock(tx, id).await?.ok_or(AppError::NotFound)?;
    let locked = event.status(state.clock.now()).is_locked();
    policy::run_sheet_change(actor, event.support_contact_id, locked).ensure(t::EVENT_LOCKED)?;
    if event.client_anonymised {
        return Err(AppError::Refused(t::CLIENT_ANONYMISED_NO_CHANGE.to_owned()));
    }
    let sheet = repo::lock(tx, id).await?;
    if sheet.version != version {
        return Err(AppError::Conflict);
    }
    Ok((event, sheet))
}

async fn audited(
    tx: &mut PgConnection,
    state: &AppState,
    actor: &Actor,
    id: EventId,
    changes: &Changes,
) -> Result<(), AppError> {
    audit::record(tx, Author::new(actor.id, state.clock.now()), id, Action::EditRunSheet, changes).await?;
    Ok(())
}

/// Changes the access notes and the contact on site.
#[tracing::instrument(skip_all, fields(actor = %actor.id, event = %id))]
pub async fn update_details(
    state: &AppState,
    actor: &Actor,
    id: EventId,
    version: i32,
    form: &RunSheetForm,
) -> Result<(), AppError> {
    let input = RunSheetInput::try_from(form)?;
    let mut tx = state.pool.begin().await?;
    let (_, before) = lock_for_change(&mut tx, state, actor, id, version).await?;
    let changes = Changes::new()
        .diff("access_notes", &before.access_notes, &input.access_notes)
        .diff("onsite_contact_name", &before.onsite_contact_name, &input.onsite_contact_name)
        .field(
            "onsite_contact_phone",
            before.onsite_contact_phone.clone(),
            input.onsite_contact_phone.as_ref().map(|p| p.as_e164().to_owned()),
        );
    if changes.is_empty() {
        return Ok(());
    }
    repo::update_fields(&mut tx, id, &input).await?;
    audited(&mut tx, state, actor, id, &changes).await?;
    crate::db::commit(tx).await?;
    Ok(())
}

/// Adds a step to the timeline.
#[tracing::instrument(skip_all, fields(actor = %actor.id, event = %id))]
pub async fn add_item(
    state: &AppState,
    actor: &Actor,
    id: EventId,
    version: i32,
    form: &TimelineItemForm,
) -> Result<TimelineItemId, AppError> {
    let mut tx = state.pool.begin().await?;
    let (event, _) = lock_for_change(&mut tx, state, actor, id, version).await?;
    let item = NewTimelineItem::parse(form, (event.starts_at, event.ends_at))?;
    if repo::count_items(&mut tx, id).await? >= MAX_ITEMS as i64 {
        return Err(AppError::field("label", t::TIMELINE_TOO_MANY).keeping(&form.submitted()));
    }
    let item_id = repo::insert_item(&mut tx, id, &item).await?;
    repo::touch(&mut tx, id).await?;
    audited(&mut tx, state, actor, id, &Changes::new().set("timeline_item", item.summary())).await?;
    crate::db::commit(tx).await?;
    Ok(item_id)
}

/// The step and its event, locked for a change: an unknown step (or one deleted meanwhile) is
/// not found.
async fn lock_item(
    tx: &mut PgConnection,
    state: &AppState,
    actor: &Actor,
    item_id: TimelineItemId,
    version: i32,
) -> Result<(EventRow, super::model::TimelineItem), AppError> {
    let event_id = repo::find_item(&mut *tx, item_id).await?.ok_or(AppError::NotFound)?.event_id;
    let (event, _) = lock_for_change(tx, state, actor, event_id, version).await?;
    let item = repo::find_item(&mut *tx, item_id).await?.ok_or(AppError::NotFound)?;
    Ok((event, item))
}

/// Changes a step. Returns its event.
#[tracing::instrument(skip_all, fields(actor = %actor.id, item = %item_id))]
pub async fn update_item(
    state: &AppState,
    actor: &Actor,
    item_id: TimelineItemId,
    version: i32,
    form: &TimelineItemForm,
) -> Result<EventId, AppError> {
    let mut tx = state.pool.begin().await?;
    let (event, before) = lock_item(&mut tx, state, actor, item_id, version).await?;
    let item = NewTimelineItem::parse(form, (event.starts_at, event.ends_at))?;
    let details_changed = before.details != item.details;
    let changes = Changes::new().diff("timeline_item", before.summary(), item.summary());
    let changes =
        if details_changed { changes.diff("timeline_details", &before.details, &item.details) } else { changes };
    if changes.is_empty() {
        return Ok(event.id);
    }
    repo::update_item(&mut tx, item_id, &item).await?;
    repo::touch(&mut tx, event.id).await?;
    audited(&mut tx, state, actor, event.id, &changes).await?;
    crate::db::commit(tx).await?;
    Ok(event.id)
}

/// Takes a step out of the timeline. Returns its event.
#[tracing::instrument(skip_all, fields(actor = %actor.id, item = %item_id))]
pub async fn delete_item(
    state: &AppState,
    actor: &Actor,
    item_id: TimelineItemId,
    version: i32,
) -> Result<EventId, AppError> {
    let mut tx = state.pool.begin().await?;
    let (event, item) = lock_item(&mut tx, state, actor, item_id, version).await?;
    repo::delete_item(&mut tx, item_id).await?;
    repo::touch(&mut tx, event.id).await?;
    audited(&mut tx, state, actor, event.id, &Changes::new().field("timeline_item", Some(item.summary()), None))
        .await?;
    crate::db::commit(tx).await?;
    Ok(event.id)
}

/// One step and its sheet's version (for the API).
pub async fn item(state: &AppState, item_id: TimelineItemId) -> Result<(super::model::TimelineItem, i32), AppError> {
    let mut db = state.pool.acquire().await?;
    let item = repo::find_item(&mut *db, item_id).await?.ok_or(AppError::NotFound)?;
    let version = repo::fields(&mut *db, item.event_id).await?.version;
    Ok((item, version))
}
