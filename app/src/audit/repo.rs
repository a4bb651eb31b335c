//! All SQL of the audit trail: records written inside the caller's transaction (so a change and
//! its record are committed together or not at all), a record's history, and the journal.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgExecutor, PgPool, Postgres, QueryBuilder};
use uuid::Uuid;

use super::journal::{JournalPage, JournalQuery, JournalRow};
use super::model::{Action, AuditEntry, Changes, Entity, Subject};
use crate::domain::datetime::day_bounds;
use crate::domain::{ClientId, CollaboratorId};
use crate::listing::Page;
use crate::listing_sql::{Total, capped_count, push_order_and_page};

/// Who writes to the trail, and when: a use case makes one and records each of its writes
/// with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Author {
    pub by: CollaboratorId,
    pub at: DateTime<Utc>,
}

impl Author {
    pub fn new(by: CollaboratorId, at: DateTime<Utc>) -> Self {
        Author { by, at }
    }
}

fn changes_json(changes: &Changes) -> sqlx::Result<serde_json::Value> {
    serde_json::to_value(changes).map_err(|e| sqlx::Error::Encode(Box::new(e)))
}

/// Records `action` on `subject` (its type says which kind of record it is).
pub async fn record<S: Subject>(
    tx: &mut PgConnection,
    author: Author,
    subject: S,
    action: Action,
    changes: &Changes,
) -> sqlx::Result<()> {
    record_many(tx, author, &[subject], action, changes).await
}

/// The same change recorded for many records at once (a hand-over of a whole portfolio).
pub async fn record_many<S: Subject>(
    tx: &mut PgConnection,
    author: Author,
    subjects: &[S],
    action: Action,
    changes: &Changes,
) -> sqlx::Result<()> {
    if subjects.is_empty() {
        return Ok(());
    }
    let ids: Vec<Uuid> = subjects.iter().map(|s| s.uuid()).collect();
    sqlx::query(
        "insert into audit_record (actor_id, actor_name, entity, entity_id, action, changes, at)
         select $1, (select full_name from collaborator where id = $1), $2, id, $4, $5, $6 from unnest($3::uuid[]) id",
    )
    .bind(author.by)
    .bind(S::ENTITY.code())
    .bind(ids)
    .bind(action.code())
    .bind(changes_json(changes)?)
    .bind(author.at)
    .execute(tx)
    .await?;
    Ok(())
}

/// The history of one record, newest first.
pub async fn history<S: Subject>(db: impl PgExecutor<'_>, subject: S) -> sqlx::Result<Vec<AuditEntry>> {
    let rows = sqlx::query!(
        r#"select a.actor_id, coalesce(c.full_name, a.actor_name) as "actor_name?", a.action, a.changes, a.at as "at: DateTime<Utc>"
           from audit_record a left join collaborator c on c.id = a.actor_id
           where a.entity = $1 and a.entity_id = $2
           order by a.at desc, a.id desc
           limit 200"#,
        S::ENTITY.code(),
        subject.uuid()
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
                actor_id: r.actor_id.map(CollaboratorId),
            })
        })
        .collect())
}

fn push_filters(qb: &mut QueryBuilder<'_, Postgres>, query: &JournalQuery) {
    qb.push(" where true");
    if let Some(actor) = query.actor {
        qb.push(" and a.actor_id = ").push_bind(actor);
    }
    if let Some(entity) = query.entity {
        qb.push(" and a.entity = ").push_bind(entity.code());
    }
    if let Some(action) = query.action {
        qb.push(" and a.action = ").push_bind(action.code());
    }
    let (start, end) = day_bounds(query.from, query.to);
    if let Some(start) = start {
        qb.push(" and a.at >= ").push_bind(start);
    }
    if let Some(end) = end {
        qb.push(" and a.at < ").push_bind(end);
    }
}

const JOURNAL_SELECT: &str =
    "select a.id, a.at, a.actor_id, coalesce(p.full_name, a.actor_name) as actor_name, a.entity,
        a.entity_id, a.action, a.changes,
        case a.entity
          when 'client' then (select full_name from client where id = a.entity_id)
          when 'contract' then (select c.full_name from contract k join client c on c.id = k.client_id
                                where k.id = a.entity_id)
          when 'event' then (select title from event where id = a.entity_id)
          when 'collaborator' then (select full_name from collaborator where id = a.entity_id)
        end as label
     from audit_record a left join collaborator p on p.id = a.actor_id";

/// A journal row as read, before its codes are parsed.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct JournalLine {
    id: i64,
    at: DateTime<Utc>,
    actor_id: Option<CollaboratorId>,
    actor_name: Option<String>,
    entity: String,
    entity_id: Uuid,
    action: String,
    changes: serde_json::Value,
    label: Option<String>,
}

impl JournalLine {
    /// `None` for a code this version does not know (a record written by a newer one).
    pub fn parsed(self) -> Option<JournalRow> {
        Some(JournalRow {
            id: self.id,
            at: self.at,
            actor_id: self.actor_id,
            actor_name: self.actor_name,
            entity: Entity::from_code(&self.entity)?,
            entity_id: self.entity_id,
            action: Action::from_code(&self.action)?,
            changes: serde_json::from_value(self.changes).unwrap_or_default(),
            label: self.label,
        })
    }
}

/// The journal: audit records filtered, newest first, one page at a time.
pub async fn journal(pool: &PgPool, query: &JournalQuery) -> sqlx::Result<JournalPage> {
    let mut qb = QueryBuilder::new(JOURNAL_SELECT);
    push_filters(&mut qb, query);
    push_order_and_page(&mut qb, "a.at", true, "a.id", query.paging);
    let lines = qb.build_query_as::<JournalLine>().fetch_all(pool).await?;
    let items = lines.into_iter().filter_map(JournalLine::parsed).collect();
    let mut count = QueryBuilder::new("select count(*) from (select 1 from audit_record a");
    push_filters(&mut count, query);
    let total = capped_count(pool, count, true, &Total::counted()).await?;
    Ok(Page { items, total, paging: query.paging })
}

/// Every record of the journal's filters, newest first, for a CSV export to stream.
pub fn journal_export_query(query: &JournalQuery) -> QueryBuilder<'static, Postgres> {
    let mut qb = QueryBuilder::new(JOURNAL_SELECT);
    push_filters(&mut qb, query);
    crate::listing_sql::push_order(&mut qb, "a.at", true, "a.id");
    qb
}

/// The audit records about a client, its contracts and its events — deleted ones too: every
/// record names its client (`audit_record.client_id`, filled in by the database).
const CONCERNING: &str = "a.client_id = $1";

/// A record as stored, its changes unparsed (the RGPD tools read and erase them).
#[derive(Debug, sqlx::FromRow)]
pub struct StoredRecord {
    pub id: i64,
    pub entity: String,
    pub entity_id: Uuid,
    pub action: String,
    pub changes: serde_json::Value,
    pub at: DateTime<Utc>,
}

pub async fn concerning_client(db: &mut PgConnection, client: ClientId) -> sqlx::Result<Vec<StoredRecord>> {
    sqlx::query_as::<_, StoredRecord>(&format!(
        "select a.id, a.entity, a.entity_id, a.action, a.changes, a.at from audit_record a
         where {CONCERNING} order by a.at, a.id"
    ))
    .bind(client)
    .fetch_all(db)
    .await
}

/// Erases values from one audit record through the owner's narrow function: the application
/// role cannot update the trail, and the function only lets values of an anonymised or deleted
/// client's records shrink or become "[effacé]".
pub async fn erase_values(tx: &mut PgConnection, id: i64, changes: &serde_json::Value) -> sqlx::Result<()> {
    sqlx::query("select audit_record_erase($1, $2)").bind(id).bind(changes).execute(tx).await?;
    Ok(())
}

pub async fn count_concerning_client(db: &mut PgConnection, client: ClientId) -> sqlx::Result<i64> {
    sqlx::query_scalar(&format!("select count(*) from audit_record a where {CONCERNING}"))
        .bind(client)
        .fetch_one(db)
        .await
}

/// The records of the security-relevant `actions`, in the security log's columns: the audit
/// trail's half of the union `security_log::repo` reads.
pub fn push_security_records(qb: &mut QueryBuilder<'_, Postgres>, actions: Vec<&str>) {
    qb.push(
        "select r.at, r.id, r.action, case when r.entity = 'collaborator' then r.entity_id end,
                c.full_name, coalesce(a.full_name, r.actor_name), null, r.entity, r.entity_id, null
         from audit_record r
         left join collaborator c on r.entity = 'collaborator' and c.id = r.entity_id
         left join collaborator a on a.id = r.actor_id
         where r.action = any(",
    );
    qb.push_bind(actions.into_iter().map(str::to_owned).collect::<Vec<_>>());
    qb.push(")");
}
