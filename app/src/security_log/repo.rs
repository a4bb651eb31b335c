//! All SQL of the security log and of the sessions management reads and ends.

use std::net::IpAddr;

use chrono::{DateTime, Utc};
use sqlx::postgres::PgRow;
use sqlx::types::ipnetwork::IpNetwork;
use sqlx::{PgConnection, PgExecutor, PgPool, Postgres, QueryBuilder, Row};
use uuid::Uuid;

use super::model::{Recorded, SecurityKind, SecurityPage, SecurityQuery, SecurityRow, SessionInfo, SessionKind};
use crate::audit::journal::day_bounds;
use crate::audit::model::Entity;
use crate::auth::Department;
use crate::listing::Page;
use crate::listing_sql::{Total, capped_count, push_order_and_page};

/// Records a security event; call it with the transaction of what it records.
pub async fn record(
    db: impl PgExecutor<'_>,
    event: Recorded,
    collaborator_id: Option<Uuid>,
    actor_id: Option<Uuid>,
    ip: Option<IpAddr>,
    at: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query("insert into security_event (kind, collaborator_id, actor_id, ip, at) values ($1, $2, $3, $4, $5)")
        .bind(event.kind().code())
        .bind(collaborator_id)
        .bind(actor_id)
        .bind(ip.map(IpNetwork::from))
        .bind(at)
        .execute(db)
        .await?;
    Ok(())
}

/// Both sources as one relation: `security_event` rows and the security-relevant audit records.
fn push_union(qb: &mut QueryBuilder<'_, Postgres>) {
    qb.push(
        "(select e.at, e.id as seq, e.kind, e.collaborator_id, c.full_name as collaborator_name,
                 a.full_name as actor_name, host(e.ip) as ip, null::text as entity, null::uuid as entity_id
          from security_event e
          left join collaborator c on c.id = e.collaborator_id
          left join collaborator a on a.id = e.actor_id
          union all
          select r.at, r.id, r.action, case when r.entity = 'collaborator' then r.entity_id end,
                 c.full_name, coalesce(a.full_name, r.actor_name), null, r.entity, r.entity_id
          from audit_record r
          left join collaborator c on r.entity = 'collaborator' and c.id = r.entity_id
          left join collaborator a on a.id = r.actor_id
          where r.action = any(",
    );
    qb.push_bind(SecurityKind::audit_codes().into_iter().map(str::to_owned).collect::<Vec<_>>());
    qb.push(")) s");
}

fn push_filters(qb: &mut QueryBuilder<'_, Postgres>, query: &SecurityQuery) {
    qb.push(" where true");
    if let Some(kind) = query.kind {
        qb.push(" and s.kind = ").push_bind(kind.code());
    }
    if let Some(collaborator) = query.collaborator {
        qb.push(" and s.collaborator_id = ").push_bind(collaborator);
    }
    let (start, end) = day_bounds(query.from, query.to);
    if let Some(start) = start {
        qb.push(" and s.at >= ").push_bind(start);
    }
    if let Some(end) = end {
        qb.push(" and s.at < ").push_bind(end);
    }
}

pub async fn list(pool: &PgPool, query: &SecurityQuery) -> sqlx::Result<SecurityPage> {
    let mut qb = QueryBuilder::new("select * from ");
    push_union(&mut qb);
    push_filters(&mut qb, query);
    push_order_and_page(&mut qb, "s.at", true, "s.seq", query.paging);
    let rows = qb.build().fetch_all(pool).await?;
    let mut items = Vec::with_capacity(rows.len());
    for row in rows {
        let Some(kind) = SecurityKind::from_code(row.try_get::<&str, _>("kind")?) else {
            continue;
        };
        let entity: Option<String> = row.try_get("entity")?;
        let entity_id: Option<Uuid> = row.try_get("entity_id")?;
        items.push(SecurityRow {
            at: row.try_get("at")?,
            kind,
            collaborator_id: row.try_get("collaborator_id")?,
            collaborator_name: row.try_get("collaborator_name")?,
            actor_name: row.try_get("actor_name")?,
            ip: row.try_get("ip")?,
            record: entity.as_deref().and_then(Entity::from_code).zip(entity_id),
        });
    }
    let mut count = QueryBuilder::new("select count(*) from (select 1 from ");
    push_union(&mut count);
    push_filters(&mut count, query);
    let total = capped_count(pool, count, true, &Total::counted()).await?;
    Ok(Page { items, total, paging: query.paging })
}

pub struct CollaboratorRow {
    pub id: Uuid,
    pub full_name: String,
    pub department: Department,
    pub active: bool,
}

pub async fn collaborator(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<Option<CollaboratorRow>> {
    let row = sqlx::query("select id, full_name, department, active from collaborator where id = $1")
        .bind(id)
        .fetch_optional(db)
        .await?;
    row.map(|r| {
        Ok(CollaboratorRow {
            id: r.try_get("id")?,
            full_name: r.try_get("full_name")?,
            department: r.try_get("department")?,
            active: r.try_get("active")?,
        })
    })
    .transpose()
}

/// A collaborator's sessions still open at `now` (not ended, not timed out), newest first.
pub async fn open_sessions(
    db: impl PgExecutor<'_>,
    collaborator_id: Uuid,
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

/// Ends one open session of this collaborator; false if there is no such open session.
pub async fn end_session(
    tx: &mut PgConnection,
    collaborator_id: Uuid,
    session_id: Uuid,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "update collaborator_session set ended_at = $3 where id = $2 and collaborator_id = $1 and ended_at is null",
    )
    .bind(collaborator_id)
    .bind(session_id)
    .bind(now)
    .execute(tx)
    .await?;
    Ok(done.rows_affected() == 1)
}
