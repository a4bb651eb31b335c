//! All SQL about support planning: overlaps through the `period` GiST indexes (see migrations), the
//! week's load, and the travel buffer setting.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgExecutor};

use super::model::{Candidate, Clash};
use crate::domain::{CollaboratorId, EventId};

/// What an overlap check needs of an event: itself (never its own clash) and its dates.
#[derive(Debug, Clone, Copy)]
pub struct Slot {
    pub id: EventId,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

/// The most clashes listed per person and event: enough to say who is taken and by what.
const CLASHES_SHOWN: i64 = 3;

pub async fn travel_buffer_minutes(db: impl PgExecutor<'_>) -> sqlx::Result<i32> {
    sqlx::query_scalar("select travel_buffer_minutes from planning_setting").fetch_one(db).await
}

/// The buffer, locked until the transaction ends: two changes at once each audit the value the
/// other left.
pub async fn lock_travel_buffer_minutes(db: impl PgExecutor<'_>) -> sqlx::Result<i32> {
    sqlx::query_scalar("select travel_buffer_minutes from planning_setting for update").fetch_one(db).await
}

pub async fn set_travel_buffer_minutes(db: impl PgExecutor<'_>, minutes: i32, at: DateTime<Utc>) -> sqlx::Result<()> {
    sqlx::query("update planning_setting set travel_buffer_minutes = $1, updated_at = $2")
        .bind(minutes)
        .bind(at)
        .execute(db)
        .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct SupportClash {
    slot_id: EventId,
    support_id: CollaboratorId,
    #[sqlx(flatten)]
    clash: Clash,
}

/// The slots as SQL rows, with the reach of each: the slot widened by the travel buffer on both
/// sides, bounds excluded. Another event clashes when its `period` overlaps the reach:
/// `other.start < end + buffer` and `other.end + buffer > start`, so two events exactly a
/// buffer apart do not clash, nor do cancelled events (the index leaves them out).
const SLOTS: &str =
    "with buffer as (select make_interval(mins => travel_buffer_minutes) as span from planning_setting),
      slot as (select t.id, tstzrange(t.starts_at - b.span, t.ends_at + b.span, '()') as reach
                 from unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[]) t(id, starts_at, ends_at), buffer b)";

/// For each slot, the first events of each active support collaborator (or only `only`) in its
/// reach. The events in the way are picked from the index alone (it carries their ids), then
/// only those are read.
pub async fn support_clashes(
    db: &mut PgConnection,
    slots: &[Slot],
    only: Option<CollaboratorId>,
) -> sqlx::Result<Vec<(EventId, CollaboratorId, Clash)>> {
    let rows: Vec<SupportClash> = sqlx::query_as(&format!(
        "{SLOTS}
         select slot.id as slot_id, s.id as support_id, e.id as event_id, e.title, e.starts_at, e.ends_at,
                e.location, s.full_name as support_contact_name
           from slot
           cross join collaborator s
           cross join lateral (
             select x.id from event x
              where x.support_contact_id = s.id and x.cancelled_at is null and x.id <> slot.id
                and x.period && slot.reach
              order by lower(x.period), x.id
              limit $5) near
           join event e on e.id = near.id
          where s.department = 'support' and s.active and ($4::uuid is null or s.id = $4)
          order by slot.id, s.id, e.starts_at, e.id"
    ))
    .bind(slots.iter().map(|s| s.id).collect::<Vec<_>>())
    .bind(slots.iter().map(|s| s.starts_at).collect::<Vec<_>>())
    .bind(slots.iter().map(|s| s.ends_at).collect::<Vec<_>>())
    .bind(only)
    .bind(CLASHES_SHOWN)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| (r.slot_id, r.support_id, r.clash)).collect())
}

/// For each slot, the active support collaborators with an event in its reach: one index probe
/// per slot and person, stopping at the first (the support queue needs who, not what).
pub async fn busy_supports(db: &mut PgConnection, slots: &[Slot]) -> sqlx::Result<Vec<(EventId, CollaboratorId)>> {
    sqlx::query_as(&format!(
        "{SLOTS}
         select slot.id, s.id
           from slot
           cross join collaborator s
          where s.department = 'support' and s.active
            and exists (select 1 from event x
                         where x.support_contact_id = s.id and x.cancelled_at is null and x.id <> slot.id
                           and x.period && slot.reach)"
    ))
    .bind(slots.iter().map(|s| s.id).collect::<Vec<_>>())
    .bind(slots.iter().map(|s| s.starts_at).collect::<Vec<_>>())
    .bind(slots.iter().map(|s| s.ends_at).collect::<Vec<_>>())
    .fetch_all(db)
    .await
}

#[derive(sqlx::FromRow)]
struct WeekLoad {
    week_start: DateTime<Utc>,
    id: CollaboratorId,
    full_name: String,
    week_events: i64,
    week_minutes: i64,
}

/// Each active support collaborator's events and minutes (the part inside the week) in each of
/// `weeks` (from, to): one index scan per week and person.
pub async fn week_loads(
    db: &mut PgConnection,
    weeks: &[(DateTime<Utc>, DateTime<Utc>)],
) -> sqlx::Result<Vec<(DateTime<Utc>, Candidate)>> {
    let rows: Vec<WeekLoad> = sqlx::query_as(
        "select w.week_start, s.id, s.full_name, load.week_events, load.week_minutes
           from unnest($1::timestamptz[], $2::timestamptz[]) w(week_start, week_end)
           cross join collaborator s
           cross join lateral (
             select count(*) as week_events,
                    coalesce(sum(extract(epoch from upper(e.period * tstzrange(w.week_start, w.week_end))
                                                 - lower(e.period * tstzrange(w.week_start, w.week_end)))), 0)::bigint / 60
                      as week_minutes
               from event e
              where e.support_contact_id = s.id and e.cancelled_at is null
                and e.period && tstzrange(w.week_start, w.week_end)) load
          where s.department = 'support' and s.active
          order by w.week_start, s.full_name, s.id",
    )
    .bind(weeks.iter().map(|w| w.0).collect::<Vec<_>>())
    .bind(weeks.iter().map(|w| w.1).collect::<Vec<_>>())
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let candidate = Candidate {
                id: r.id,
                full_name: r.full_name,
                week_events: r.week_events,
                week_minutes: r.week_minutes,
                busy: false,
                clashes: Vec::new(),
            };
            (r.week_start, candidate)
        })
        .collect())
}

/// The other events (not cancelled) at the same place whose times overlap this one's, buffer
/// aside: two teams in one room. None for a cancelled event.
pub async fn place_clashes(db: &mut PgConnection, id: EventId) -> sqlx::Result<Vec<Clash>> {
    sqlx::query_as(
        "select x.id as event_id, x.title, x.starts_at, x.ends_at, x.location, s.full_name as support_contact_name
           from event e
           join event x on x.place_key = e.place_key and x.period && e.period and x.id <> e.id
                       and x.cancelled_at is null
           left join collaborator s on s.id = x.support_contact_id
          where e.id = $1 and e.cancelled_at is null and e.place_key <> ''
          order by x.starts_at, x.id
          limit 10",
    )
    .bind(id)
    .fetch_all(db)
    .await
}

/// Serialises the assignments of one support collaborator: two managers booking the same
/// person at once each see the other's booking, never neither.
pub async fn lock_support_calendar(tx: &mut PgConnection, support: CollaboratorId) -> sqlx::Result<()> {
    sqlx::query("select pg_advisory_xact_lock(hashtextextended('support-calendar:' || $1::text, 0))")
        .bind(support)
        .execute(tx)
        .await?;
    Ok(())
}
