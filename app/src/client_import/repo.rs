//! All SQL of `client_import`: staged imports, seen only by who uploaded them.

use chrono::{DateTime, Utc};
use sqlx::types::Json;
use sqlx::{PgConnection, PgExecutor, Row};

use super::model::{ImportId, ImportResult, StagedRow};
use crate::domain::CollaboratorId;

/// A staged import as stored.
#[derive(Debug, sqlx::FromRow)]
pub struct StoredImport {
    pub id: ImportId,
    pub sales_contact_id: CollaboratorId,
    pub sales_contact_name: String,
    pub file_name: String,
    pub rows: Json<Vec<StagedRow>>,
    pub expires_at: DateTime<Utc>,
    pub result: Option<Json<ImportResult>>,
}

const SELECT: &str = "select i.id, i.sales_contact_id, s.full_name as sales_contact_name, i.file_name, i.rows,
        i.expires_at, i.result
    from client_import i join collaborator s on s.id = i.sales_contact_id";

/// Imports nobody confirmed in time: the rows they hold are personal data nobody needs.
pub async fn delete_expired(db: impl PgExecutor<'_>, now: DateTime<Utc>) -> sqlx::Result<u64> {
    let done = sqlx::query("delete from client_import where expires_at < $1 and confirmed_at is null")
        .bind(now)
        .execute(db)
        .await?;
    Ok(done.rows_affected())
}

pub async fn insert(
    db: impl PgExecutor<'_>,
    owner: CollaboratorId,
    sales_contact: CollaboratorId,
    file_name: &str,
    rows: &[StagedRow],
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> sqlx::Result<ImportId> {
    let row = sqlx::query(
        "insert into client_import (owner_id, sales_contact_id, file_name, rows, created_at, expires_at)
         values ($1, $2, $3, $4, $5, $6) returning id",
    )
    .bind(owner)
    .bind(sales_contact)
    .bind(file_name)
    .bind(Json(rows))
    .bind(now)
    .bind(expires_at)
    .fetch_one(db)
    .await?;
    row.try_get("id")
}

/// `owner`'s import: someone else's is not found.
pub async fn find(db: impl PgExecutor<'_>, id: ImportId, owner: CollaboratorId) -> sqlx::Result<Option<StoredImport>> {
    sqlx::query_as::<_, StoredImport>(&format!("{SELECT} where i.id = $1 and i.owner_id = $2"))
        .bind(id)
        .bind(owner)
        .fetch_optional(db)
        .await
}

/// `owner`'s import, locked until the end of the transaction (two confirmations wait for
/// each other, and the second finds the first's result).
pub async fn lock(tx: &mut PgConnection, id: ImportId, owner: CollaboratorId) -> sqlx::Result<Option<StoredImport>> {
    sqlx::query_as::<_, StoredImport>(&format!("{SELECT} where i.id = $1 and i.owner_id = $2 for update of i"))
        .bind(id)
        .bind(owner)
        .fetch_optional(tx)
        .await
}

/// The import is done: its result kept, its rows forgotten.
pub async fn complete(
    tx: &mut PgConnection,
    id: ImportId,
    result: &ImportResult,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query("update client_import set confirmed_at = $2, result = $3, rows = '[]' where id = $1")
        .bind(id)
        .bind(now)
        .bind(Json(result))
        .execute(tx)
        .await?;
    Ok(())
}
