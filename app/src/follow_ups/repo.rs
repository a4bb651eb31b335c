//! All SQL about follow-ups.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{PgConnection, Postgres, QueryBuilder};

use super::model::{FollowUpInput, FollowUpRow, FollowUpScope};
use crate::domain::{ClientId, CollaboratorId, EventId, FollowUpId};
use crate::records::{RecordOwners, RecordRef};

const SELECT: &str = "select f.id, f.client_id, c.full_name as client_name, f.contract_id, f.event_id, f.title,
        f.due_on, f.owner_id, o.full_name as owner_name, f.created_by, f.done_at, f.created_at, f.version
    from follow_up f
    join client c on c.id = f.client_id
    join collaborator o on o.id = f.owner_id";

/// A list shows at most this many (the soonest due).
const SHOWN: i64 = 200;

/// The open follow-ups about a record, soonest due first: a client's page shows those on its
/// contracts and events too, a contract's those on its events.
pub async fn open_for_record(db: &mut PgConnection, record: RecordRef) -> sqlx::Result<Vec<FollowUpRow>> {
    let column = record.scope_column();
    sqlx::query_as::<_, FollowUpRow>(&format!(
        "{SELECT} where f.{column} = $1 and f.done_at is null order by f.due_on, f.created_at, f.id limit {SHOWN}"
    ))
    .bind(record.uuid())
    .fetch_all(db)
    .await
}

/// `owner`'s open follow-ups, soonest due first (so overdue, then today, then later), then
/// those done since `done_since`, latest first.
pub async fn of_owner(
    db: &mut PgConnection,
    owner: CollaboratorId,
    done_since: DateTime<Utc>,
) -> sqlx::Result<Vec<FollowUpRow>> {
    sqlx::query_as::<_, FollowUpRow>(&format!(
        "({SELECT} where f.owner_id = $1 and f.done_at is null order by f.due_on, f.created_at, f.id limit {SHOWN})
         union all
         ({SELECT} where f.owner_id = $1 and f.done_at >= $2 order by f.done_at desc, f.id limit {SHOWN})"
    ))
    .bind(owner)
    .bind(done_since)
    .fetch_all(db)
    .await
}

/// How many open follow-ups `owner` has due on or before `today`, and the `first` of them,
/// the oldest due first ("Ma journée").
pub async fn due_of_owner(
    db: &mut PgConnection,
    owner: CollaboratorId,
    today: NaiveDate,
    first: i64,
) -> sqlx::Result<(i64, Vec<FollowUpRow>)> {
    let total =
        sqlx::query_scalar("select count(*) from follow_up where owner_id = $1 and done_at is null and due_on <= $2")
            .bind(owner)
            .bind(today)
            .fetch_one(&mut *db)
            .await?;
    let rows = sqlx::query_as::<_, FollowUpRow>(&format!(
        "{SELECT} where f.owner_id = $1 and f.done_at is null and f.due_on <= $2 order by f.due_on, f.created_at, f.id
         limit $3"
    ))
    .bind(owner)
    .bind(today)
    .bind(first)
    .fetch_all(db)
    .await?;
    Ok((total, rows))
}

/// Everyone's open follow-ups due before `today`, the oldest first.
pub async fn overdue(db: &mut PgConnection, today: NaiveDate) -> sqlx::Result<Vec<FollowUpRow>> {
    sqlx::query_as::<_, FollowUpRow>(&format!(
        "{SELECT} where f.done_at is null and f.due_on < $1 order by f.due_on, f.id limit {SHOWN}"
    ))
    .bind(today)
    .fetch_all(db)
    .await
}

/// Every row "Mes relances" shows (`Mine`: the open ones, then those done since `done_since`;
/// `TeamOverdue`: everyone's open ones due before `today`), for a CSV export to stream.
pub fn export_query(
    scope: FollowUpScope,
    owner: CollaboratorId,
    today: NaiveDate,
    done_since: DateTime<Utc>,
) -> QueryBuilder<'static, Postgres> {
    let mut qb = QueryBuilder::new(SELECT);
    match scope {
        FollowUpScope::Mine => {
            qb.push(" where f.owner_id = ").push_bind(owner);
            qb.push(" and (f.done_at is null or f.done_at >= ").push_bind(done_since);
            qb.push(") order by f.done_at nulls first, f.due_on, f.created_at, f.id");
        }
        FollowUpScope::TeamOverdue => {
            qb.push(" where f.done_at is null and f.due_on < ").push_bind(today);
            qb.push(" order by f.due_on, f.id");
        }
    }
    qb
}

/// Every follow-up about a client, for its data export.
pub async fn all_for_client(db: &mut PgConnection, client_id: ClientId) -> sqlx::Result<Vec<FollowUpRow>> {
    sqlx::query_as::<_, FollowUpRow>(&format!("{SELECT} where f.client_id = $1 order by f.created_at, f.id"))
        .bind(client_id)
        .fetch_all(db)
        .await
}

pub async fn find(db: &mut PgConnection, id: FollowUpId) -> sqlx::Result<Option<FollowUpRow>> {
    sqlx::query_as::<_, FollowUpRow>(&format!("{SELECT} where f.id = $1")).bind(id).fetch_optional(db).await
}

pub async fn lock(tx: &mut PgConnection, id: FollowUpId) -> sqlx::Result<Option<FollowUpRow>> {
    sqlx::query_as::<_, FollowUpRow>(&format!("{SELECT} where f.id = $1 for update of f"))
        .bind(id)
        .fetch_optional(tx)
        .await
}

pub async fn insert(
    tx: &mut PgConnection,
    record: &RecordOwners,
    event: Option<EventId>,
    input: &FollowUpInput,
    owner: CollaboratorId,
    author: CollaboratorId,
    at: DateTime<Utc>,
) -> sqlx::Result<FollowUpId> {
    sqlx::query_scalar(
        "insert into follow_up (client_id, contract_id, event_id, title, due_on, owner_id, created_by, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8) returning id",
    )
    .bind(record.client_id)
    .bind(record.contract_id)
    .bind(event)
    .bind(input.title.as_str())
    .bind(input.due_on)
    .bind(owner)
    .bind(author)
    .bind(at)
    .fetch_one(tx)
    .await
}

/// Marks it done by `by` at `at`, or to do again (`None`).
pub async fn set_done(
    tx: &mut PgConnection,
    id: FollowUpId,
    done: Option<(CollaboratorId, DateTime<Utc>)>,
) -> sqlx::Result<()> {
    sqlx::query("update follow_up set done_by = $2, done_at = $3, version = version + 1 where id = $1")
        .bind(id)
        .bind(done.map(|(by, _)| by))
        .bind(done.map(|(_, at)| at))
        .execute(tx)
        .await?;
    Ok(())
}

/// Erases every follow-up about a client (its anonymisation); returns how many there were.
pub async fn delete_for_client(tx: &mut PgConnection, client_id: ClientId) -> sqlx::Result<u64> {
    Ok(sqlx::query("delete from follow_up where client_id = $1").bind(client_id).execute(tx).await?.rows_affected())
}
