//! All SQL of the RGPD tools (the audit trail's part is in `audit::repo`).

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};

use super::model::{Pseudonym, Purged, RetentionPage, RetentionQuery, RetentionRow};
use crate::domain::{ClientId, EventId, MilestoneId};
use crate::listing::{COUNT_CAP, Page};

/// (contracts, events, events with notes) of a client.
pub async fn counts(db: &mut PgConnection, client: ClientId) -> sqlx::Result<(i64, i64, i64)> {
    sqlx::query_as(
        "select (select count(*) from contract where client_id = $1),
                (select count(*) from event where client_id = $1),
                (select count(*) from event where client_id = $1 and notes <> '')",
    )
    .bind(client)
    .fetch_one(db)
    .await
}

/// Replaces the client's personal fields; the `event.search` trigger then rebuilds its events'
/// search text from the pseudonym.
pub async fn anonymise_client(
    tx: &mut PgConnection,
    id: ClientId,
    pseudonym: &Pseudonym,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        "update client set full_name = $2, email = $3, phone = $4, company_name = $5, anonymised_at = $6,
                version = version + 1
         where id = $1",
    )
    .bind(id)
    .bind(&pseudonym.full_name)
    .bind(&pseudonym.email)
    .bind(&pseudonym.phone)
    .bind(&pseudonym.company_name)
    .bind(now)
    .execute(tx)
    .await?;
    Ok(())
}

/// The client's events (id, title, location), locked for their scrubbing.
pub async fn lock_event_texts(tx: &mut PgConnection, id: ClientId) -> sqlx::Result<Vec<(EventId, String, String)>> {
    sqlx::query_as("select id, title, location from event where client_id = $1 order by id for update")
        .bind(id)
        .fetch_all(tx)
        .await
}

/// Writes an event's scrubbed title and place, clears its notes and replaces the reason it was
/// cancelled for (free text); the `event.search` trigger rebuilds its search text.
pub async fn scrub_event(tx: &mut PgConnection, id: EventId, title: &str, location: &str) -> sqlx::Result<()> {
    sqlx::query(
        "update event set title = $2, location = $3, notes = '', version = version + 1,
                cancel_reason = case when cancel_reason is null then null else $4 end
         where id = $1",
    )
    .bind(id)
    .bind(title)
    .bind(location)
    .bind(super::model::ERASED)
    .execute(tx)
    .await?;
    Ok(())
}

/// The names of the client's contracts' payment milestones, locked for their scrubbing.
pub async fn lock_milestone_labels(tx: &mut PgConnection, id: ClientId) -> sqlx::Result<Vec<(MilestoneId, String)>> {
    sqlx::query_as(
        "select m.id, m.label from payment_milestone m join contract k on k.id = m.contract_id
          where k.client_id = $1 order by m.id for update of m",
    )
    .bind(id)
    .fetch_all(tx)
    .await
}

pub async fn set_milestone_label(tx: &mut PgConnection, id: MilestoneId, label: &str) -> sqlx::Result<()> {
    sqlx::query("update payment_milestone set label = $2 where id = $1").bind(id).bind(label).execute(tx).await?;
    Ok(())
}

/// Runs the retention schedule (see `purge_personal_data` in the migrations) at `now`.
pub async fn purge(pool: &PgPool, now: DateTime<Utc>) -> sqlx::Result<Purged> {
    sqlx::query_as("select attempts, sessions, security_events from purge_personal_data($1)")
        .bind(now)
        .fetch_one(pool)
        .await
}

/// "No contact for three years": the client was not edited, none of its contracts changed and
/// none of its events ended (or were edited) since `cutoff`. Anonymised clients are done.
const RETENTION_WHERE: &str = " where c.anonymised_at is null and c.updated_at < $1
      and not exists (select 1 from contract k where k.client_id = c.id and k.updated_at >= $1)
      and not exists (select 1 from event e where e.client_id = c.id and (e.ends_at >= $1 or e.updated_at >= $1))";

pub async fn retention_list(
    pool: &PgPool,
    query: &RetentionQuery,
    cutoff: DateTime<Utc>,
) -> sqlx::Result<RetentionPage> {
    let items = sqlx::query_as::<_, RetentionRow>(&format!(
        "select c.id, c.full_name, c.company_name, c.signed_contract_count = 0 as is_prospect,
                greatest(c.updated_at,
                         (select max(k.updated_at) from contract k where k.client_id = c.id),
                         (select max(greatest(e.ends_at, e.updated_at)) from event e where e.client_id = c.id))
                  as last_contact
         from client c {RETENTION_WHERE}
         order by last_contact, c.id limit $2 offset $3"
    ))
    .bind(cutoff)
    .bind(i64::from(query.paging.size))
    .bind(query.paging.offset())
    .fetch_all(pool)
    .await?;
    let total: i64 = sqlx::query_scalar(&format!(
        "select count(*) from (select 1 from client c {RETENTION_WHERE} limit $2) counted"
    ))
    .bind(cutoff)
    .bind(COUNT_CAP + 1)
    .fetch_one(pool)
    .await?;
    Ok(Page { items, total, paging: query.paging })
}

/// The ids of the clients on the retention list, oldest contact first, locked.
pub async fn lock_retention_ids(
    tx: &mut PgConnection,
    cutoff: DateTime<Utc>,
    limit: i64,
) -> sqlx::Result<Vec<ClientId>> {
    sqlx::query_scalar(&format!("select c.id from client c {RETENTION_WHERE} order by c.id limit $2 for update of c"))
        .bind(cutoff)
        .bind(limit)
        .fetch_all(tx)
        .await
}
