//! All SQL of the `sign_in_attempt` and `collaborator_session` tables: throttling and server-side
//! sessions. Collaborators' credentials are stored by `collaborators::repo`.

use std::net::IpAddr;

use chrono::{DateTime, Utc};
use sqlx::postgres::PgRow;
use sqlx::types::ipnetwork::IpNetwork;
use sqlx::{PgConnection, PgExecutor, PgPool, Row};
use uuid::Uuid;

use super::model::{Actor, SessionInfo, SessionKind};
use super::throttle::{PER_ACCOUNT, PER_ACCOUNT_AND_IP, PER_IP, RecentFailures};
use crate::domain::CollaboratorId;

pub async fn record_attempt(
    db: impl PgExecutor<'_>,
    email: &str,
    ip: IpAddr,
    succeeded: bool,
    at: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into sign_in_attempt (email, ip, succeeded, attempted_at) values ($1, $2, $3, $4)",
        email,
        sqlx::types::ipnetwork::IpNetwork::from(ip),
        succeeded,
        at as _
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Serialises the password checks of one account and of one address group until the end of
/// `tx`, so that counting the recent failures and reserving the next attempt cannot interleave
/// (forty parallel guesses see one another). The account is always locked first.
pub async fn lock_attempts(tx: &mut PgConnection, email: &str, group: (IpAddr, u8)) -> sqlx::Result<()> {
    sqlx::query("select pg_advisory_xact_lock(hashtextextended('sign_in_attempt:email:' || $1, 0))")
        .bind(email)
        .execute(&mut *tx)
        .await?;
    sqlx::query("select pg_advisory_xact_lock(hashtextextended('sign_in_attempt:ip:' || $1::text, 0))")
        .bind(network(group))
        .execute(&mut *tx)
        .await?;
    Ok(())
}

fn network((ip, prefix): (IpAddr, u8)) -> IpNetwork {
    IpNetwork::new(ip, prefix).expect("the throttle's prefixes are valid")
}

/// The failures that decide whether the next attempt may go ahead (rows are ordered by their
/// identity: the table is only ever inserted into).
pub async fn recent_failures(
    db: &mut PgConnection,
    email: &str,
    group: (IpAddr, u8),
    since: DateTime<Utc>,
) -> sqlx::Result<RecentFailures> {
    let group = network(group);
    // This account from this address group, since the pair's last success.
    let pair = sqlx::query_scalar(
        "select attempted_at from sign_in_attempt
         where email = $1 and ip <<= $2 and not succeeded
           and id > coalesce((select max(id) from sign_in_attempt where email = $1 and ip <<= $2 and succeeded), 0)
         order by id desc
         limit $3",
    )
    .bind(email)
    .bind(group)
    .bind(PER_ACCOUNT_AND_IP.max_failures as i64)
    .fetch_all(&mut *db)
    .await?;
    let address = sqlx::query_scalar(
        "select attempted_at from sign_in_attempt where ip <<= $1 and not succeeded order by id desc limit $2",
    )
    .bind(group)
    .bind(PER_IP.max_failures as i64)
    .fetch_all(&mut *db)
    .await?;
    // This account from anywhere, since its last success.
    let account = sqlx::query_scalar(
        "select attempted_at from sign_in_attempt
         where email = $1 and not succeeded and attempted_at > $2
           and id > coalesce((select max(id) from sign_in_attempt where email = $1 and succeeded), 0)
         order by id desc
         limit $3",
    )
    .bind(email)
    .bind(since)
    .bind(PER_ACCOUNT.lookback() as i64)
    .fetch_all(&mut *db)
    .await?;
    Ok(RecentFailures { pair, address, account })
}

pub async fn insert_session(
    db: impl PgExecutor<'_>,
    collaborator_id: CollaboratorId,
    now: DateTime<Utc>,
    ip: Option<IpAddr>,
    user_agent: Option<&str>,
) -> sqlx::Result<Uuid> {
    let id = Uuid::new_v4();
    sqlx::query!(
        "insert into collaborator_session (id, collaborator_id, started_at, last_seen_at, ip, user_agent)
         values ($1, $2, $3, $3, $4, $5)",
        id,
        collaborator_id as _,
        now as _,
        ip.map(sqlx::types::ipnetwork::IpNetwork::from),
        user_agent
    )
    .execute(db)
    .await?;
    Ok(id)
}

/// A live server-side session with the collaborator it belongs to.
#[derive(sqlx::FromRow)]
pub struct SessionRow {
    pub started_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub active: bool,
    /// Their password was generated or reset by management and not changed since.
    pub must_change_password: bool,
    #[sqlx(flatten)]
    pub actor: Actor,
}

pub async fn find_open_session(db: &PgPool, id: Uuid) -> sqlx::Result<Option<SessionRow>> {
    sqlx::query_as(
        "select s.started_at, s.last_seen_at, c.active, c.must_change_password, c.id, c.full_name, c.email, c.department
         from collaborator_session s join collaborator c on c.id = s.collaborator_id
         where s.id = $1 and s.ended_at is null",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}

pub async fn touch_session(db: &PgPool, id: Uuid, now: DateTime<Utc>) -> sqlx::Result<()> {
    sqlx::query!("update collaborator_session set last_seen_at = $2 where id = $1", id, now as _).execute(db).await?;
    Ok(())
}

/// Ends one open session; with `owner`, only if it is that collaborator's. False if there is no
/// such open session.
pub async fn end_session(
    db: impl PgExecutor<'_>,
    id: Uuid,
    owner: Option<CollaboratorId>,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "update collaborator_session set ended_at = $3
         where id = $1 and ($2::uuid is null or collaborator_id = $2) and ended_at is null",
    )
    .bind(id)
    .bind(owner)
    .bind(now)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A collaborator's sessions still open at `now` (not ended, not timed out), newest first.
pub async fn open_sessions(
    db: impl PgExecutor<'_>,
    collaborator_id: CollaboratorId,
    idle_since: DateTime<Utc>,
    started_since: DateTime<Utc>,
) -> sqlx::Result<Vec<SessionInfo>> {
    let rows = sqlx::query(
        "select id, started_at, last_seen_at, host(ip) as ip, user_agent from collaborator_session
         where collaborator_id = $1 and ended_at is null and last_seen_at > $2 and started_at > $3
         order by started_at desc",
    )
    .bind(collaborator_id)
    .bind(idle_since)
    .bind(started_since)
    .fetch_all(db)
    .await?;
    rows.iter().map(|r| session_info(r, SessionKind::Web)).collect()
}

/// A row of `id, started_at, last_seen_at, ip, user_agent` as a session of the sessions page
/// (web sessions here, API sign-ins in `auth::api_tokens`).
pub fn session_info(row: &PgRow, kind: SessionKind) -> sqlx::Result<SessionInfo> {
    Ok(SessionInfo {
        id: row.try_get("id")?,
        kind,
        started_at: row.try_get("started_at")?,
        last_seen_at: row.try_get("last_seen_at")?,
        ip: row.try_get("ip")?,
        user_agent: row.try_get("user_agent")?,
        current: false,
    })
}

/// How many sessions of the collaborator are not ended (timed-out ones included).
pub async fn open_session_count(db: impl PgExecutor<'_>, collaborator_id: CollaboratorId) -> sqlx::Result<i64> {
    sqlx::query_scalar("select count(*) from collaborator_session where collaborator_id = $1 and ended_at is null")
        .bind(collaborator_id)
        .fetch_one(db)
        .await
}

/// Ends every open session of a collaborator but `keep` (the one changing the password). Only
/// `access::end_access` calls it: ending sessions alone would leave API tokens working.
pub async fn end_other_sessions(
    db: impl PgExecutor<'_>,
    collaborator_id: CollaboratorId,
    keep: Option<Uuid>,
    now: DateTime<Utc>,
) -> sqlx::Result<u64> {
    let done = sqlx::query(
        "update collaborator_session set ended_at = $3
         where collaborator_id = $1 and ended_at is null and id is distinct from $2",
    )
    .bind(collaborator_id)
    .bind(keep)
    .bind(now)
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}
