//! All SQL about run sheets (`run_sheet`, `run_sheet_item`): see
//! migrations/20261207000101_run_sheet.sql.

use sqlx::{PgConnection, PgExecutor};

use super::model::{ExportedRunSheet, NewTimelineItem, RunSheetFields, RunSheetInput, TimelineItem};
use crate::domain::{ClientId, EventId, TimelineItemId};

const FIELDS: &str = "select access_notes, onsite_contact_name, onsite_contact_phone, version from run_sheet";
const ITEM: &str = "select id, event_id, at, kind, label, details from run_sheet_item";

/// The sheet's fields; the empty sheet (version 0) before its first change.
pub async fn fields(db: impl PgExecutor<'_>, event: EventId) -> sqlx::Result<RunSheetFields> {
    let found = sqlx::query_as(&format!("{FIELDS} where event_id = $1")).bind(event).fetch_optional(db).await?;
    Ok(found.unwrap_or_default())
}

/// The timeline, in time order.
pub async fn items(db: impl PgExecutor<'_>, event: EventId) -> sqlx::Result<Vec<TimelineItem>> {
    sqlx::query_as(&format!("{ITEM} where event_id = $1 order by at, created_at, id")).bind(event).fetch_all(db).await
}

pub async fn find_item(db: impl PgExecutor<'_>, id: TimelineItemId) -> sqlx::Result<Option<TimelineItem>> {
    sqlx::query_as(&format!("{ITEM} where id = $1")).bind(id).fetch_optional(db).await
}

/// The sheet locked for a change, made empty first if the event has none yet. (The caller
/// holds the event's lock, so two first changes cannot both make it.)
pub async fn lock(tx: &mut PgConnection, event: EventId) -> sqlx::Result<RunSheetFields> {
    sqlx::query("insert into run_sheet (event_id) values ($1) on conflict (event_id) do nothing")
        .bind(event)
        .execute(&mut *tx)
        .await?;
    sqlx::query_as(&format!("{FIELDS} where event_id = $1 for update")).bind(event).fetch_one(&mut *tx).await
}

/// Writes the sheet's own fields and counts the change.
pub async fn update_fields(tx: &mut PgConnection, event: EventId, input: &RunSheetInput) -> sqlx::Result<()> {
    sqlx::query(
        "update run_sheet set access_notes = $2, onsite_contact_name = $3, onsite_contact_phone = $4,
                version = version + 1, updated_at = now()
          where event_id = $1",
    )
    .bind(event)
    .bind(&input.access_notes)
    .bind(&input.onsite_contact_name)
    .bind(input.onsite_contact_phone.as_ref().map(|p| p.as_e164()))
    .execute(tx)
    .await?;
    Ok(())
}

/// Counts a change of the timeline against the sheet's version.
pub async fn touch(tx: &mut PgConnection, event: EventId) -> sqlx::Result<()> {
    sqlx::query("update run_sheet set version = version + 1, updated_at = now() where event_id = $1")
        .bind(event)
        .execute(tx)
        .await?;
    Ok(())
}

pub async fn count_items(tx: &mut PgConnection, event: EventId) -> sqlx::Result<i64> {
    sqlx::query_scalar("select count(*) from run_sheet_item where event_id = $1").bind(event).fetch_one(tx).await
}

pub async fn insert_item(
    tx: &mut PgConnection,
    event: EventId,
    item: &NewTimelineItem,
) -> sqlx::Result<TimelineItemId> {
    sqlx::query_scalar(
        "insert into run_sheet_item (event_id, at, kind, label, details) values ($1, $2, $3, $4, $5) returning id",
    )
    .bind(event)
    .bind(item.at)
    .bind(item.kind.code())
    .bind(item.label.as_str())
    .bind(&item.details)
    .fetch_one(tx)
    .await
}

pub async fn update_item(tx: &mut PgConnection, id: TimelineItemId, item: &NewTimelineItem) -> sqlx::Result<()> {
    sqlx::query("update run_sheet_item set at = $2, kind = $3, label = $4, details = $5 where id = $1")
        .bind(id)
        .bind(item.at)
        .bind(item.kind.code())
        .bind(item.label.as_str())
        .bind(&item.details)
        .execute(tx)
        .await?;
    Ok(())
}

pub async fn delete_item(tx: &mut PgConnection, id: TimelineItemId) -> sqlx::Result<()> {
    sqlx::query("delete from run_sheet_item where id = $1").bind(id).execute(tx).await?;
    Ok(())
}

/// The run sheets of a client's events, for the RGPD export.
pub async fn all_for_client(db: &mut PgConnection, client: ClientId) -> sqlx::Result<Vec<ExportedRunSheet>> {
    let sheets: Vec<(EventId, String, String, Option<String>)> = sqlx::query_as(
        "select r.event_id, r.access_notes, r.onsite_contact_name, r.onsite_contact_phone
           from run_sheet r join event e on e.id = r.event_id
          where e.client_id = $1 order by e.starts_at, e.id",
    )
    .bind(client)
    .fetch_all(&mut *db)
    .await?;
    let items: Vec<TimelineItem> = sqlx::query_as(
        "select i.id, i.event_id, i.at, i.kind, i.label, i.details
           from run_sheet_item i join event e on e.id = i.event_id
          where e.client_id = $1 order by i.at, i.created_at, i.id",
    )
    .bind(client)
    .fetch_all(&mut *db)
    .await?;
    Ok(sheets
        .into_iter()
        .map(|(event_id, access_notes, onsite_contact_name, onsite_contact_phone)| ExportedRunSheet {
            items: items.iter().filter(|i| i.event_id == event_id).cloned().collect(),
            event_id,
            access_notes,
            onsite_contact_name,
            onsite_contact_phone,
        })
        .collect())
}

/// Deletes the run sheets of a client's events (its anonymisation): the contact on site, the
/// access notes and the timeline are all free text about the client. Returns how many.
pub async fn delete_for_client(tx: &mut PgConnection, client: ClientId) -> sqlx::Result<u64> {
    let done = sqlx::query("delete from run_sheet where event_id in (select id from event where client_id = $1)")
        .bind(client)
        .execute(tx)
        .await?;
    Ok(done.rows_affected())
}
