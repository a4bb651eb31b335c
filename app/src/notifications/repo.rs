//! SQL for notifications. Every insert names its recipients in SQL, from the record as it is in
//! the transaction that changed it, and skips the collaborator who acted and inactive accounts;
//! the table's triggers tell every instance whose bell changed once the change commits.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{PgConnection, PgExecutor};

use super::model::{NotificationKind, NotificationList, NotificationRow, WatchedField};
use crate::domain::{CollaboratorId, ContractId, EventId, NotificationId};

/// The notification and the record it is about, as that record is now.
const SELECT: &str = "select n.id, n.kind, n.created_at, n.read_at, a.full_name as actor_name, n.changed,
        coalesce(e.title, f.title, kc.full_name) as subject,
        coalesce(e.client_id, f.client_id, k.client_id) as client_id,
        coalesce(e.contract_id, f.contract_id, k.id) as contract_id,
        coalesce(e.id, f.event_id) as event_id, pm.label as milestone
   from notification n
   left join event e on e.id = n.event_id
   left join contract k on k.id = n.contract_id
   left join client kc on kc.id = k.client_id
   left join follow_up f on f.id = n.follow_up_id
   left join collaborator a on a.id = n.actor_id
   left join payment_milestone pm on pm.id = n.milestone_id";

/// Who hears of a change to an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Its support contact.
    Support,
    /// Its support contact and its client's sales contact.
    SupportAndSales,
}

pub async fn list(db: impl PgExecutor<'_>, recipient: CollaboratorId) -> sqlx::Result<Vec<NotificationRow>> {
    sqlx::query_as(&format!(
        "{SELECT} where n.recipient_id = $1 order by n.created_at desc, n.id desc limit {}",
        NotificationList::LIMIT
    ))
    .bind(recipient)
    .fetch_all(db)
    .await
}

pub async fn unread_count(db: impl PgExecutor<'_>, recipient: CollaboratorId) -> sqlx::Result<i64> {
    sqlx::query_scalar("select count(*) from notification where recipient_id = $1 and read_at is null")
        .bind(recipient)
        .fetch_one(db)
        .await
}

/// Marks one of the recipient's notifications read; `None` when it is not theirs (or is gone).
pub async fn mark_read(
    db: &mut PgConnection,
    id: NotificationId,
    recipient: CollaboratorId,
    at: DateTime<Utc>,
) -> sqlx::Result<Option<NotificationRow>> {
    sqlx::query("update notification set read_at = $3 where id = $1 and recipient_id = $2 and read_at is null")
        .bind(id)
        .bind(recipient)
        .bind(at)
        .execute(&mut *db)
        .await?;
    sqlx::query_as(&format!("{SELECT} where n.id = $1 and n.recipient_id = $2"))
        .bind(id)
        .bind(recipient)
        .fetch_optional(&mut *db)
        .await
}

/// Marks all the recipient's notifications read; returns how many were unread.
pub async fn mark_all_read(db: impl PgExecutor<'_>, recipient: CollaboratorId, at: DateTime<Utc>) -> sqlx::Result<u64> {
    let done = sqlx::query("update notification set read_at = $2 where recipient_id = $1 and read_at is null")
        .bind(recipient)
        .bind(at)
        .execute(db)
        .await?;
    Ok(done.rows_affected())
}

/// Tells an event's people (`audience`) what `actor` did to it.
pub async fn about_event(
    db: &mut PgConnection,
    kind: NotificationKind,
    event: EventId,
    audience: Audience,
    actor: CollaboratorId,
    changed: &[WatchedField],
    at: DateTime<Utc>,
) -> sqlx::Result<()> {
    let changed: Vec<&str> = changed.iter().map(|field| field.code()).collect();
    sqlx::query(
        "insert into notification (recipient_id, kind, event_id, actor_id, changed, created_at)
         select distinct c.id, $1, e.id, $4, $5, $6
           from event e
           join client cl on cl.id = e.client_id
           join collaborator c on c.id = e.support_contact_id or ($3 and c.id = cl.sales_contact_id)
          where e.id = $2 and c.active and c.id <> $4",
    )
    .bind(kind.code())
    .bind(event)
    .bind(audience == Audience::SupportAndSales)
    .bind(actor)
    .bind(&changed)
    .bind(at)
    .execute(db)
    .await?;
    Ok(())
}

/// Tells a contract's client's sales contact what `actor` did to it.
pub async fn about_contract(
    db: &mut PgConnection,
    kind: NotificationKind,
    contract: ContractId,
    actor: CollaboratorId,
    at: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        "insert into notification (recipient_id, kind, contract_id, actor_id, created_at)
         select c.id, $1, k.id, $3, $4
           from contract k
           join client cl on cl.id = k.client_id
           join collaborator c on c.id = cl.sales_contact_id
          where k.id = $2 and c.active and c.id <> $3",
    )
    .bind(kind.code())
    .bind(contract)
    .bind(actor)
    .bind(at)
    .execute(db)
    .await?;
    Ok(())
}

/// How many days back a follow-up still open is first announced as due: one overdue for longer
/// was already announced (or predates the bell), and older notifications are purged.
pub const DUE_LOOKBACK_DAYS: i64 = 7;

/// Announces, once each, the open follow-ups due by `today` to their owners.
pub async fn announce_due_follow_ups(
    db: impl PgExecutor<'_>,
    today: NaiveDate,
    at: DateTime<Utc>,
) -> sqlx::Result<u64> {
    let done = sqlx::query(
        "insert into notification (recipient_id, kind, follow_up_id, created_at)
         select f.owner_id, 'follow_up_due', f.id, $3
           from follow_up f
           join collaborator c on c.id = f.owner_id and c.active
          where f.done_at is null and f.due_on <= $1 and f.due_on >= $1 - $2::int
         on conflict do nothing",
    )
    .bind(today)
    .bind(DUE_LOOKBACK_DAYS as i32)
    .bind(at)
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}

/// Announces, once to each active manager, the events starting in `[from, until)` without support.
pub async fn announce_events_without_support(
    db: impl PgExecutor<'_>,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> sqlx::Result<u64> {
    let done = sqlx::query(
        "insert into notification (recipient_id, kind, event_id, created_at)
         select m.id, 'event_without_support', e.id, $1
           from event e
           cross join collaborator m
          where e.support_contact_id is null and e.cancelled_at is null and e.starts_at >= $1 and e.starts_at < $2
            and m.department = 'management' and m.active
         on conflict do nothing",
    )
    .bind(from)
    .bind(until)
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}

/// Forgets notifications older than `before` (and the digests' days before it).
pub async fn purge(db: &mut PgConnection, before: DateTime<Utc>) -> sqlx::Result<u64> {
    let done = sqlx::query("delete from notification where created_at < $1").bind(before).execute(&mut *db).await?;
    sqlx::query("delete from notification_digest where sent_at < $1").bind(before).execute(&mut *db).await?;
    Ok(done.rows_affected())
}

/// The collaborators with unread notifications no digest has named yet, and their addresses.
pub async fn digest_recipients(db: impl PgExecutor<'_>, day: NaiveDate) -> sqlx::Result<Vec<(CollaboratorId, String)>> {
    sqlx::query_as(
        "select c.id, c.email from collaborator c
          where c.active
            and exists (select 1 from notification n
                         where n.recipient_id = c.id and n.read_at is null and n.emailed_at is null)
            and not exists (select 1 from notification_digest d where d.recipient_id = c.id and d.day = $1)",
    )
    .bind(day)
    .fetch_all(db)
    .await
}

/// Claims the day's digest of `recipient` for this transaction; `false` when another instance
/// (or an earlier run) has it.
pub async fn claim_digest(
    db: &mut PgConnection,
    recipient: CollaboratorId,
    day: NaiveDate,
    at: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let claimed = sqlx::query(
        "insert into notification_digest (recipient_id, day, sent_at) values ($1, $2, $3) on conflict do nothing",
    )
    .bind(recipient)
    .bind(day)
    .bind(at)
    .execute(db)
    .await?;
    Ok(claimed.rows_affected() == 1)
}

/// The recipient's unread notifications no digest has named, marked as named now.
pub async fn take_for_digest(
    db: &mut PgConnection,
    recipient: CollaboratorId,
    at: DateTime<Utc>,
) -> sqlx::Result<Vec<NotificationRow>> {
    let rows: Vec<NotificationRow> = sqlx::query_as(&format!(
        "{SELECT} where n.recipient_id = $1 and n.read_at is null and n.emailed_at is null
         order by n.created_at desc, n.id desc limit {}",
        NotificationList::LIMIT
    ))
    .bind(recipient)
    .fetch_all(&mut *db)
    .await?;
    sqlx::query(
        "update notification set emailed_at = $2 where recipient_id = $1 and read_at is null and emailed_at is null",
    )
    .bind(recipient)
    .bind(at)
    .execute(&mut *db)
    .await?;
    Ok(rows)
}
