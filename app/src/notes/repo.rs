//! All SQL about notes.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;

use super::model::{NoteInput, NoteRow};
use crate::domain::{ClientId, CollaboratorId, NoteId};
use crate::records::{RecordOwners, RecordRef};

const SELECT: &str = "select n.id, n.client_id, n.contract_id, n.event_id, n.kind, n.body, n.author_id,
        a.full_name as author_name, n.created_at, n.updated_at, n.version
    from note n
    left join collaborator a on a.id = n.author_id";

/// A page shows at most this many notes (the newest).
const SHOWN: i64 = 200;

/// The notes about a record, newest first: a client's page shows the notes on its contracts
/// and events too, a contract's those on its events.
pub async fn for_record(db: &mut PgConnection, record: RecordRef) -> sqlx::Result<Vec<NoteRow>> {
    let column = record.scope_column();
    sqlx::query_as::<_, NoteRow>(&format!(
        "{SELECT} where n.{column} = $1 order by n.created_at desc, n.id desc limit {SHOWN}"
    ))
    .bind(record.uuid())
    .fetch_all(db)
    .await
}

/// Every note about a client, oldest first, for its data export.
pub async fn all_for_client(db: &mut PgConnection, client_id: ClientId) -> sqlx::Result<Vec<NoteRow>> {
    sqlx::query_as::<_, NoteRow>(&format!("{SELECT} where n.client_id = $1 order by n.created_at, n.id"))
        .bind(client_id)
        .fetch_all(db)
        .await
}

pub async fn lock(tx: &mut PgConnection, id: NoteId) -> sqlx::Result<Option<NoteRow>> {
    sqlx::query_as::<_, NoteRow>(&format!("{SELECT} where n.id = $1 for update of n")).bind(id).fetch_optional(tx).await
}

pub async fn find(db: &mut PgConnection, id: NoteId) -> sqlx::Result<Option<NoteRow>> {
    sqlx::query_as::<_, NoteRow>(&format!("{SELECT} where n.id = $1")).bind(id).fetch_optional(db).await
}

pub async fn insert(
    tx: &mut PgConnection,
    record: &RecordOwners,
    event: Option<crate::domain::EventId>,
    input: &NoteInput,
    author: CollaboratorId,
    at: DateTime<Utc>,
) -> sqlx::Result<NoteId> {
    sqlx::query_scalar(
        "insert into note (client_id, contract_id, event_id, kind, body, author_id, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $7) returning id",
    )
    .bind(record.client_id)
    .bind(record.contract_id)
    .bind(event)
    .bind(input.kind.code())
    .bind(input.body.as_str())
    .bind(author)
    .bind(at)
    .fetch_one(tx)
    .await
}

pub async fn update(tx: &mut PgConnection, id: NoteId, input: &NoteInput, at: DateTime<Utc>) -> sqlx::Result<()> {
    sqlx::query("update note set kind = $2, body = $3, updated_at = $4, version = version + 1 where id = $1")
        .bind(id)
        .bind(input.kind.code())
        .bind(input.body.as_str())
        .bind(at)
        .execute(tx)
        .await?;
    Ok(())
}

pub async fn delete(tx: &mut PgConnection, id: NoteId) -> sqlx::Result<()> {
    sqlx::query("delete from note where id = $1").bind(id).execute(tx).await?;
    Ok(())
}

/// Erases every note about a client (its anonymisation); returns how many there were.
pub async fn delete_for_client(tx: &mut PgConnection, client_id: ClientId) -> sqlx::Result<u64> {
    Ok(sqlx::query("delete from note where client_id = $1").bind(client_id).execute(tx).await?.rows_affected())
}

/// A note is a contact with the client: its "last contact" (`updated_at`, which edits of the
/// client's own fields also move) moves to the note's time. Not its version: an open edit
/// form of the client stays valid.
pub async fn mark_contact(tx: &mut PgConnection, client_id: ClientId, at: DateTime<Utc>) -> sqlx::Result<()> {
    sqlx::query("update client set updated_at = greatest(updated_at, $2) where id = $1")
        .bind(client_id)
        .bind(at)
        .execute(tx)
        .await?;
    Ok(())
}
