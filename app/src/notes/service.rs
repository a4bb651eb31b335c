//! Note use cases: the rules, then the write, in one transaction. A note is its own record
//! (author and time); correcting or deleting one is recorded in the audit trail of the record
//! it is about, without its text.

use sqlx::PgConnection;

use super::model::{NoteAt, NoteForm, NoteInput, NoteList};
use super::repo;
use crate::audit::model::{Action, Changes};
use crate::audit::repo::{self as audit, Author};
use crate::auth::Actor;
use crate::domain::NoteId;
use crate::error::AppError;
use crate::idempotency::{self, IdempotencyKey};
use crate::policy::{self, ensure};
use crate::records::RecordRef;
use crate::state::AppState;

/// The notes a record's page shows, read at the application's clock.
pub async fn for_record(db: &mut PgConnection, record: RecordRef, state: &AppState) -> Result<NoteList, AppError> {
    Ok(NoteList { items: repo::for_record(db, record).await?, as_of: state.clock.now() })
}

/// The notes about a record, for the API: the record must exist.
pub async fn list(state: &AppState, record: RecordRef) -> Result<NoteList, AppError> {
    let mut db = state.pool.acquire().await?;
    crate::records::owners(&mut db, record).await?.ok_or(AppError::NotFound)?;
    for_record(&mut db, record, state).await
}

pub async fn get(state: &AppState, id: NoteId) -> Result<NoteAt, AppError> {
    let mut db = state.pool.acquire().await?;
    let note = repo::find(&mut db, id).await?.ok_or(AppError::NotFound)?;
    Ok(NoteAt { note, as_of: state.clock.now() })
}

/// Adds a note to a record; the client's last contact moves to now.
#[tracing::instrument(skip_all, fields(actor = %actor.id))]
pub async fn add(
    state: &AppState,
    actor: &Actor,
    record: RecordRef,
    form: &NoteForm,
    key: Option<&IdempotencyKey>,
) -> Result<NoteId, AppError> {
    let now = state.clock.now();
    let mut tx = state.pool.begin().await?;
    let owners = crate::records::owners(&mut tx, record).await?.ok_or(AppError::NotFound)?;
    ensure(policy::can_write_on_record(actor, &owners))?;
    let input = NoteInput::try_from(form)?;
    let claim = match idempotency::claim(&mut tx, actor.id, key, "note", &(record, form), now).await? {
        idempotency::Claim::Done(id) => return Ok(NoteId(id)),
        claim => claim,
    };
    let id = repo::insert(&mut tx, &owners, record.event_id(), &input, actor.id, now).await?;
    idempotency::complete(&mut tx, actor.id, claim, id.0).await?;
    repo::mark_contact(&mut tx, owners.client_id, now).await?;
    crate::db::commit(tx).await?;
    Ok(id)
}

/// Corrects a note (its author, within the window), refused if it changed since `version`.
/// Returns the record it is about.
#[tracing::instrument(skip_all, fields(actor = %actor.id, note = %id))]
pub async fn update(
    state: &AppState,
    actor: &Actor,
    id: NoteId,
    version: Option<i32>,
    form: &NoteForm,
) -> Result<RecordRef, AppError> {
    let input = NoteInput::try_from(form)?;
    let now = state.clock.now();
    let mut tx = state.pool.begin().await?;
    let note = repo::lock(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    ensure(policy::can_change_note(actor, note.author_id, note.created_at, now))?;
    if version.is_some_and(|v| v != note.version) {
        return Err(AppError::Conflict);
    }
    if note.kind == input.kind && note.body == input.body.as_str() {
        return Ok(note.record());
    }
    repo::update(&mut tx, id, &input, now).await?;
    let changes = Changes::new().diff("kind", note.kind.code(), input.kind.code());
    record_on(&mut tx, Author::new(actor.id, now), note.record(), Action::EditNote, &changes).await?;
    crate::db::commit(tx).await?;
    Ok(note.record())
}

/// Deletes a note: its author within the window, or management at any time (a note that
/// should not have been written). Returns the record it was about.
#[tracing::instrument(skip_all, fields(actor = %actor.id, note = %id))]
pub async fn delete(state: &AppState, actor: &Actor, id: NoteId) -> Result<RecordRef, AppError> {
    let now = state.clock.now();
    let mut tx = state.pool.begin().await?;
    let note = repo::lock(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    ensure(policy::can_delete_note(actor, note.author_id, note.created_at, now))?;
    repo::delete(&mut tx, id).await?;
    let changes = Changes::new().set("kind", note.kind.code());
    record_on(&mut tx, Author::new(actor.id, now), note.record(), Action::DeleteNote, &changes).await?;
    crate::db::commit(tx).await?;
    Ok(note.record())
}

async fn record_on(
    tx: &mut PgConnection,
    author: Author,
    record: RecordRef,
    action: Action,
    changes: &Changes,
) -> sqlx::Result<()> {
    match record {
        RecordRef::Client(id) => audit::record(tx, author, id, action, changes).await,
        RecordRef::Contract(id) => audit::record(tx, author, id, action, changes).await,
        RecordRef::Event(id) => audit::record(tx, author, id, action, changes).await,
    }
}
