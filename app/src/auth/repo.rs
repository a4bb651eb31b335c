//! All SQL of sign-in: collaborators' credentials, sign-in attempts, server-side sessions.

use std::net::IpAddr;

use chrono::{DateTime, Utc};
use sqlx::{PgExecutor, PgPool};
use uuid::Uuid;

use super::model::{Actor, Department};

pub struct CredentialRow {
    pub id: Uuid,
    pub password_hash: String,
    pub active: bool,
}

pub async fn find_credentials(db: impl PgExecutor<'_>, email: &str) -> sqlx::Result<Option<CredentialRow>> {
    sqlx::query_as!(
        CredentialRow,
        "select id, password_hash, active from collaborator where lower(email) = lower($1)",
        email
    )
    .fetch_optional(db)
    .await
}

pub async fn update_password_hash(db: impl PgExecutor<'_>, id: Uuid, hash: &str) -> sqlx::Result<()> {
    sqlx::query!("update collaborator set password_hash = $2 where id = $1", id, hash).execute(db).await?;
    Ok(())
}

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

/// The latest failures for this account from this address since its last successful sign-in.
pub async fn recent_pair_failures(
    db: &PgPool,
    email: &str,
    ip: IpAddr,
    limit: i64,
) -> sqlx::Result<Vec<DateTime<Utc>>> {
    let ip = sqlx::types::ipnetwork::IpNetwork::from(ip);
    sqlx::query_scalar!(
        r#"select attempted_at as "at!: DateTime<Utc>" from sign_in_attempt
           where email = $1 and ip = $2 and not succeeded
             and attempted_at > coalesce(
               (select max(attempted_at) from sign_in_attempt where email = $1 and ip = $2 and succeeded),
               '-infinity')
           order by attempted_at desc
           limit $3"#,
        email,
        ip,
        limit
    )
    .fetch_all(db)
    .await
}

/// The latest failures from this address, whatever the account.
pub async fn recent_ip_failures(db: &PgPool, ip: IpAddr, limit: i64) -> sqlx::Result<Vec<DateTime<Utc>>> {
    let ip = sqlx::types::ipnetwork::IpNetwork::from(ip);
    sqlx::query_scalar!(
        r#"select attempted_at as "at!: DateTime<Utc>" from sign_in_attempt
           where ip = $1 and not succeeded
           order by attempted_at desc
           limit $2"#,
        ip,
        limit
    )
    .fetch_all(db)
    .await
}

pub async fn insert_session(
    db: impl PgExecutor<'_>,
    collaborator_id: Uuid,
    now: DateTime<Utc>,
    ip: Option<IpAddr>,
    user_agent: Option<&str>,
) -> sqlx::Result<Uuid> {
    let id = Uuid::new_v4();
    sqlx::query!(
        "insert into collaborator_session (id, collaborator_id, started_at, last_seen_at, ip, user_agent)
         values ($1, $2, $3, $3, $4, $5)",
        id,
        collaborator_id,
        now as _,
        ip.map(sqlx::types::ipnetwork::IpNetwork::from),
        user_agent
    )
    .execute(db)
    .await?;
    Ok(id)
}

/// A live server-side session with the collaborator it belongs to.
pub struct SessionRow {
    pub started_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub active: bool,
    pub actor: Actor,
}

pub async fn find_open_session(db: &PgPool, id: Uuid) -> sqlx::Result<Option<SessionRow>> {
    let row = sqlx::query!(
        r#"select s.started_at as "started_at: DateTime<Utc>", s.last_seen_at as "last_seen_at: DateTime<Utc>", c.active, c.id, c.full_name, c.email,
                  c.department as "department: Department"
           from collaborator_session s join collaborator c on c.id = s.collaborator_id
           where s.id = $1 and s.ended_at is null"#,
        id
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| SessionRow {
        started_at: r.started_at,
        last_seen_at: r.last_seen_at,
        active: r.active,
        actor: Actor { id: r.id, full_name: r.full_name, email: r.email, department: r.department },
    }))
}

pub async fn touch_session(db: &PgPool, id: Uuid, now: DateTime<Utc>) -> sqlx::Result<()> {
    sqlx::query!("update collaborator_session set last_seen_at = $2 where id = $1", id, now as _).execute(db).await?;
    Ok(())
}

pub async fn end_session(db: impl PgExecutor<'_>, id: Uuid, now: DateTime<Utc>) -> sqlx::Result<()> {
    sqlx::query!("update collaborator_session set ended_at = $2 where id = $1 and ended_at is null", id, now as _)
        .execute(db)
        .await?;
    Ok(())
}

/// Ends every open session of a collaborator (deactivation, password reset).
pub async fn end_all_sessions(db: impl PgExecutor<'_>, collaborator_id: Uuid, now: DateTime<Utc>) -> sqlx::Result<u64> {
    end_other_sessions(db, collaborator_id, None, now).await
}

pub async fn password_hash(db: impl PgExecutor<'_>, collaborator_id: Uuid) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("select password_hash from collaborator where id = $1 and active")
        .bind(collaborator_id)
        .fetch_optional(db)
        .await
}

/// Ends every open session of a collaborator but `keep` (the one changing the password).
pub async fn end_other_sessions(
    db: impl PgExecutor<'_>,
    collaborator_id: Uuid,
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
