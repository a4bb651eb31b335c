//! All SQL of the `security_event` table, and the security log that reads it with the audit trail.

use std::net::IpAddr;

use chrono::{DateTime, Utc};
use sqlx::types::ipnetwork::IpNetwork;
use sqlx::{PgExecutor, PgPool, Postgres, QueryBuilder, Row};
use uuid::Uuid;

use super::model::{Recorded, SecurityKind, SecurityPage, SecurityQuery, SecurityRow};
use crate::audit::model::Entity;
use crate::audit::repo as audit;
use crate::domain::CollaboratorId;
use crate::domain::datetime::day_bounds;
use crate::listing::Page;
use crate::listing_sql::{Total, capped_count, push_order_and_page};

/// Records a security event; call it with the transaction of what it records.
pub async fn record(
    db: impl PgExecutor<'_>,
    event: Recorded,
    collaborator_id: Option<CollaboratorId>,
    actor_id: Option<CollaboratorId>,
    ip: Option<IpAddr>,
    at: DateTime<Utc>,
) -> sqlx::Result<()> {
    insert(db, event, collaborator_id, actor_id, ip, at, None).await
}

/// A CSV export of a list: who, from where, and which list (`detail`: its path and filters).
pub async fn record_export(
    db: impl PgExecutor<'_>,
    actor_id: CollaboratorId,
    ip: Option<IpAddr>,
    at: DateTime<Utc>,
    list: &str,
) -> sqlx::Result<()> {
    let detail: String = list.chars().take(2000).collect();
    insert(db, Recorded::ListExported, Some(actor_id), Some(actor_id), ip, at, Some(&detail)).await
}

async fn insert(
    db: impl PgExecutor<'_>,
    event: Recorded,
    collaborator_id: Option<CollaboratorId>,
    actor_id: Option<CollaboratorId>,
    ip: Option<IpAddr>,
    at: DateTime<Utc>,
    detail: Option<&str>,
) -> sqlx::Result<()> {
    sqlx::query(
        "insert into security_event (kind, collaborator_id, actor_id, ip, at, detail) values ($1, $2, $3, $4, $5, $6)",
    )
    .bind(event.kind().code())
    .bind(collaborator_id)
    .bind(actor_id)
    .bind(ip.map(IpNetwork::from))
    .bind(at)
    .bind(detail)
    .execute(db)
    .await?;
    Ok(())
}

/// Both sources as one relation: `security_event` rows and the security-relevant audit records.
fn push_union(qb: &mut QueryBuilder<'_, Postgres>) {
    qb.push(
        "(select e.at, e.id as seq, e.kind, e.collaborator_id, c.full_name as collaborator_name,
                 a.full_name as actor_name, host(e.ip) as ip, null::text as entity, null::uuid as entity_id,
                 e.detail
          from security_event e
          left join collaborator c on c.id = e.collaborator_id
          left join collaborator a on a.id = e.actor_id
          union all ",
    );
    audit::push_security_records(qb, SecurityKind::audit_codes());
    qb.push(") s");
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
            detail: row.try_get("detail")?,
        });
    }
    let mut count = QueryBuilder::new("select count(*) from (select 1 from ");
    push_union(&mut count);
    push_filters(&mut count, query);
    let total = capped_count(pool, count, true, &Total::counted()).await?;
    Ok(Page { items, total, paging: query.paging })
}
