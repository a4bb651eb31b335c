//! All SQL of the audit trail. Records are written inside the caller's transaction, so a change
//! and its record are committed together or not at all.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use super::model::{Action, AuditEntry, Changes, Entity};

pub async fn record(
    tx: &mut PgConnection,
    actor_id: Uuid,
    entity: Entity,
    entity_id: Uuid,
    action: Action,
    changes: &Changes,
    at: DateTime<Utc>,
) -> sqlx::Result<()> {
    let changes = serde_json::to_value(changes).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    sqlx::query!(
        "insert into audit_record (actor_id, actor_name, entity, entity_id, action, changes, at)
         values ($1, (select full_name from collaborator where id = $1), $2, $3, $4, $5, $6)",
        actor_id,
        entity.code(),
        entity_id,
        action.code(),
        changes,
        at as _
    )
    .execute(tx)
    .await?;
    Ok(())
}

/// The same change recorded for many records at once (a hand-over of a whole portfolio).
pub async fn record_many(
    tx: &mut PgConnection,
    actor_id: Uuid,
    entity: Entity,
    entity_ids: &[Uuid],
    action: Action,
    changes: &Changes,
    at: DateTime<Utc>,
) -> sqlx::Result<()> {
    if entity_ids.is_empty() {
        return Ok(());
    }
    let changes = serde_json::to_value(changes).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    sqlx::query(
        "insert into audit_record (actor_id, actor_name, entity, entity_id, action, changes, at)
         select $1, (select full_name from collaborator where id = $1), $2, id, $4, $5, $6 from unnest($3::uuid[]) id",
    )
    .bind(actor_id)
    .bind(entity.code())
    .bind(entity_ids)
    .bind(action.code())
    .bind(changes)
    .bind(at)
    .execute(tx)
    .await?;
    Ok(())
}

/// The history of one record, newest first.
pub async fn history(db: impl PgExecutor<'_>, entity: Entity, entity_id: Uuid) -> sqlx::Result<Vec<AuditEntry>> {
    let rows = sqlx::query!(
        r#"select a.actor_id, coalesce(c.full_name, a.actor_name) as "actor_name?", a.action, a.changes, a.at as "at: DateTime<Utc>"
           from audit_record a left join collaborator c on c.id = a.actor_id
           where a.entity = $1 and a.entity_id = $2
           order by a.at desc, a.id desc
           limit 200"#,
        entity.code(),
        entity_id
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(AuditEntry {
                actor_name: r.actor_name,
                action: Action::from_code(&r.action)?,
                changes: serde_json::from_value(r.changes).unwrap_or_default(),
                at: r.at,
                actor_id: r.actor_id,
            })
        })
        .collect())
}
