//! All SQL about debriefs.

use sqlx::PgConnection;

use super::model::{DebriefInput, DebriefRow, Satisfaction};
use crate::domain::{ClientId, CollaboratorId, EventId};

const SELECT: &str = "select d.event_id, d.went_well, d.went_badly, d.satisfaction, d.actual_attendees,
        w.full_name as written_by_name, d.created_at, d.updated_at, d.version
    from event_debrief d
    left join collaborator w on w.id = d.written_by";

pub async fn find(db: &mut PgConnection, event: EventId) -> sqlx::Result<Option<DebriefRow>> {
    sqlx::query_as(&format!("{SELECT} where d.event_id = $1")).bind(event).fetch_optional(db).await
}

/// The debriefs of the client's events (RGPD export).
pub async fn all_for_client(db: &mut PgConnection, client: ClientId) -> sqlx::Result<Vec<DebriefRow>> {
    sqlx::query_as(&format!(
        "{SELECT} join event e on e.id = d.event_id where e.client_id = $1 order by e.starts_at, e.id"
    ))
    .bind(client)
    .fetch_all(db)
    .await
}

/// Writes the debrief (the first time, or over the one there), by `author` at `at`.
pub async fn save(
    tx: &mut PgConnection,
    event: EventId,
    input: &DebriefInput,
    author: CollaboratorId,
    at: chrono::DateTime<chrono::Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        "insert into event_debrief (event_id, went_well, went_badly, satisfaction, actual_attendees, written_by,
                                    created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $7)
         on conflict (event_id) do update set went_well = excluded.went_well, went_badly = excluded.went_badly,
             satisfaction = excluded.satisfaction, actual_attendees = excluded.actual_attendees,
             written_by = excluded.written_by, updated_at = excluded.updated_at,
             version = event_debrief.version + 1",
    )
    .bind(event)
    .bind(input.went_well.as_str())
    .bind(input.went_badly.as_str())
    .bind(input.satisfaction)
    .bind(input.actual_attendees)
    .bind(author)
    .bind(at)
    .execute(tx)
    .await?;
    Ok(())
}

/// The client's satisfaction over its events' debriefs.
pub async fn satisfaction_of(db: &mut PgConnection, client: ClientId) -> sqlx::Result<Satisfaction> {
    sqlx::query_as(
        "select count(*) as debriefs, coalesce(sum(d.satisfaction), 0)::bigint as total
           from event_debrief d join event e on e.id = d.event_id
          where e.client_id = $1 and e.cancelled_at is null",
    )
    .bind(client)
    .fetch_one(db)
    .await
}

/// Empties the free texts of the client's debriefs (anonymisation): the scores and counts stay.
/// Returns how many debriefs changed.
pub async fn clear_texts_of_client(tx: &mut PgConnection, client: ClientId) -> sqlx::Result<u64> {
    let done = sqlx::query(
        "update event_debrief d set went_well = '', went_badly = '', version = d.version + 1
           from event e
          where e.id = d.event_id and e.client_id = $1 and (d.went_well <> '' or d.went_badly <> '')",
    )
    .bind(client)
    .execute(tx)
    .await?;
    Ok(done.rows_affected())
}
