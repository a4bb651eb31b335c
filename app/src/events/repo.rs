//! All SQL about events.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{PgConnection, PgPool, Postgres, QueryBuilder, Row};

use super::model::{EventInput, EventPage, EventQuery, EventRow, EventSort};
use crate::domain::datetime::day_bounds;
use crate::domain::{ClientId, CollaboratorId, ContractId, EventId};
use crate::error::AppError;
use crate::listing::{Page, like_pattern};
use crate::listing_sql::{PgQuery, Total, cached_plan, capped_count, push_order_and_page};

// The client's name and anonymised flag are the event's own copies (kept by triggers, see
// migrations): no client lookup per row.
pub(crate) const SELECT: &str = "select e.id, e.title, e.contract_id, e.client_id, e.client_name, e.starts_at,
        e.ends_at, e.location, e.attendees, e.notes, e.support_contact_id, e.client_anonymised,
        s.full_name as support_contact_name, e.confirmed_at, e.cancelled_at, e.cancel_reason, e.created_at,
        e.updated_at, e.version
    from event e
    left join collaborator s on s.id = e.support_contact_id";

fn sort_column(key: EventSort) -> &'static str {
    match key {
        EventSort::Start => "e.starts_at",
        EventSort::Title => "e.title",
        EventSort::Client => "e.client_name",
        EventSort::Attendees => "e.attendees",
    }
}

/// `query`'s filters for `actor_id`, on `today` (Paris: what is overdue for "à risque").
fn push_filters(qb: &mut QueryBuilder<'_, Postgres>, query: &EventQuery, actor_id: CollaboratorId, today: NaiveDate) {
    qb.push(" where true");
    if let Some(search) = &query.search {
        // Title, client name and company, kept together by a trigger (see migrations).
        qb.push(" and e.search like ").push_bind(like_pattern(search));
    }
    if query.without_support {
        // A cancelled event needs nobody.
        qb.push(" and e.support_contact_id is null and e.cancelled_at is null");
    }
    if query.mine {
        qb.push(" and e.support_contact_id = ").push_bind(actor_id);
    }
    if let Some(support) = query.support {
        qb.push(" and e.support_contact_id = ").push_bind(support);
    }
    if let Some(sales) = query.sales {
        qb.push(" and e.client_id in (select id from client where sales_contact_id = ").push_bind(sales).push(")");
    }
    if query.unpaid {
        qb.push(" and e.contract_id in (select id from contract where remaining_cents > 0)");
    }
    if query.incomplete {
        qb.push(" and (e.attendees = 0 or e.location = '') and e.cancelled_at is null");
    }
    if query.at_risk {
        crate::readiness::repo::push_at_risk(qb, today);
    }
    let (from, to) = day_bounds(query.from, query.to);
    if let Some(from) = from {
        qb.push(" and e.starts_at >= ").push_bind(from);
    }
    if let Some(to) = to {
        qb.push(" and e.starts_at < ").push_bind(to);
    }
}

pub async fn list(
    pool: &PgPool,
    query: &EventQuery,
    (actor_id, today): (CollaboratorId, NaiveDate),
    total: &Total<'_>,
) -> sqlx::Result<EventPage> {
    let mut qb = QueryBuilder::new(SELECT);
    push_filters(&mut qb, query, actor_id, today);
    push_order_and_page(&mut qb, sort_column(query.sort.key), query.sort.descending, "e.id", query.paging);
    let items = qb.build_query_as::<EventRow>().persistent(cached_plan(&query.search)).fetch_all(pool).await?;

    let mut count = QueryBuilder::new("select count(*) from (select 1 from event e");
    push_filters(&mut count, query, actor_id, today);
    let total = capped_count(pool, count, cached_plan(&query.search), total).await?;
    Ok(Page { items, total, paging: query.paging })
}

/// Calendars (the agenda, the feeds) leave cancelled events out, as calendar programs do; the
/// lists keep them, marked.
const NOT_CANCELLED: &str = " and e.cancelled_at is null";

/// The calendar's events from `first` to `last` (Paris days) under `query`'s other filters: at
/// most `per_day` each day (the earliest), each with its day's count (capped at `COUNT_CAP + 1`);
/// whether its contract is paid comes along. One small index scan per day, never the whole
/// range at once (a month of a big company is tens of thousands of events).
pub async fn agenda(
    pool: &PgPool,
    query: &EventQuery,
    (actor_id, today): (CollaboratorId, NaiveDate),
    (first, last): (NaiveDate, NaiveDate),
    per_day: i64,
) -> sqlx::Result<Vec<crate::agenda::model::AgendaEvent>> {
    // The days come from the range; the filters may not bound them again.
    let query = EventQuery { from: None, to: None, ..query.clone() };
    const DAY: &str = " and e.starts_at >= (days.day::timestamp at time zone 'Europe/Paris')
        and e.starts_at < ((days.day + 1)::timestamp at time zone 'Europe/Paris')";
    let mut qb = QueryBuilder::new(
        "select shown.*, counted.total as day_total from (select day::date as day from generate_series(",
    );
    qb.push_bind(first).push("::date, ").push_bind(last).push("::date, interval '1 day') day) days");
    qb.push(" cross join lateral (select count(*) as total from (select 1 from event e");
    push_filters(&mut qb, &query, actor_id, today);
    qb.push(DAY).push(NOT_CANCELLED).push(format_args!(" limit {}) c) counted", crate::listing::COUNT_CAP + 1));
    qb.push(
        " cross join lateral (select e.id, e.title, e.client_name, e.starts_at, e.ends_at, e.location,
            s.full_name as support_contact_name, k.remaining_cents > 0 as unpaid, days.day
          from event e
          join contract k on k.id = e.contract_id
          left join collaborator s on s.id = e.support_contact_id",
    );
    push_filters(&mut qb, &query, actor_id, today);
    qb.push(DAY).push(NOT_CANCELLED).push(" order by e.starts_at, e.id limit ").push_bind(per_day);
    qb.push(") shown order by shown.starts_at, shown.id");
    qb.build_query_as().fetch_all(pool).await
}

/// The first `limit` events of `query` by start, for a calendar feed.
pub async fn feed(
    pool: &PgPool,
    query: &EventQuery,
    (actor_id, today): (CollaboratorId, NaiveDate),
    limit: i64,
) -> sqlx::Result<Vec<EventRow>> {
    let mut qb = QueryBuilder::new(SELECT);
    push_filters(&mut qb, query, actor_id, today);
    qb.push(NOT_CANCELLED).push(" order by e.starts_at, e.id limit ").push_bind(limit);
    qb.build_query_as().fetch_all(pool).await
}

/// Every row of `query` (its filters and sort, no page), for a CSV export to stream.
pub fn export_query(
    query: &EventQuery,
    (actor_id, today): (CollaboratorId, NaiveDate),
) -> QueryBuilder<'static, Postgres> {
    let mut qb = QueryBuilder::new(SELECT);
    push_filters(&mut qb, query, actor_id, today);
    crate::listing_sql::push_order(&mut qb, sort_column(query.sort.key), query.sort.descending, "e.id");
    qb
}

pub async fn find(db: &mut PgConnection, id: EventId) -> sqlx::Result<Option<EventRow>> {
    sqlx::query_as::<_, EventRow>(&format!("{SELECT} where e.id = $1")).bind(id).fetch_optional(db).await
}

/// The event, locked with its contract until the end of the transaction. Its contract too: a
/// change of the event's dates works the contract's payment schedule out again (a trigger), and
/// must not do it from payments read before a payment recorded meanwhile (the payment services
/// lock the contract first). The event's own statement then starts after that payment.
pub async fn lock(tx: &mut PgConnection, id: EventId) -> sqlx::Result<Option<EventRow>> {
    let event = sqlx::query_as::<_, EventRow>(&format!("{SELECT} where e.id = $1 for update of e"))
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
    if let Some(event) = &event {
        sqlx::query("select 1 from contract where id = $1 for update")
            .bind(event.contract_id)
            .execute(&mut *tx)
            .await?;
    }
    Ok(event)
}

pub async fn for_client(db: &mut PgConnection, client_id: ClientId) -> sqlx::Result<Vec<EventRow>> {
    sqlx::query_as::<_, EventRow>(&format!("{SELECT} where e.client_id = $1 order by e.starts_at desc limit 200"))
        .bind(client_id)
        .fetch_all(db)
        .await
}

pub async fn for_contract(db: &mut PgConnection, contract_id: ContractId) -> sqlx::Result<Vec<EventRow>> {
    sqlx::query_as::<_, EventRow>(&format!("{SELECT} where e.contract_id = $1 order by e.starts_at desc limit 200"))
        .bind(contract_id)
        .fetch_all(db)
        .await
}

pub async fn insert(
    tx: &mut PgConnection,
    contract_id: ContractId,
    client_id: ClientId,
    input: &EventInput,
) -> Result<EventId, AppError> {
    let insert = sqlx::query(
        "insert into event (contract_id, client_id, title, starts_at, ends_at, location, attendees, notes)
         values ($1, $2, $3, $4, $5, $6, $7, $8) returning id",
    )
    .bind(contract_id)
    .bind(client_id);
    let row = bind_fields(insert, input).fetch_one(tx).await.map_err(|error| match &error {
        sqlx::Error::Database(db) if db.constraint() == Some("event_contract_signed_check") => unsigned_contract(),
        _ => crate::clients::repo::anonymised_refusal(error),
    })?;
    Ok(row.try_get("id")?)
}

/// The editable fields, bound in the order both statements name them.
fn bind_fields<'q>(query: PgQuery<'q>, input: &'q EventInput) -> PgQuery<'q> {
    query
        .bind(input.title.as_str())
        .bind(input.starts_at)
        .bind(input.ends_at)
        .bind(input.location.as_str())
        .bind(input.attendees)
        .bind(input.notes.as_str())
}

pub fn unsigned_contract() -> AppError {
    AppError::field("contract", crate::i18n::fr::CONTRACT_NOT_SIGNED)
}

pub async fn update(tx: &mut PgConnection, id: EventId, input: &EventInput) -> Result<(), AppError> {
    let update = sqlx::query(
        "update event set title = $2, starts_at = $3, ends_at = $4, location = $5, attendees = $6, notes = $7,
                version = version + 1
         where id = $1",
    )
    .bind(id);
    bind_fields(update, input).execute(tx).await.map_err(crate::clients::repo::anonymised_refusal)?;
    Ok(())
}

pub async fn set_support(
    tx: &mut PgConnection,
    id: EventId,
    support_contact_id: Option<CollaboratorId>,
) -> sqlx::Result<()> {
    sqlx::query("update event set support_contact_id = $2, version = version + 1 where id = $1")
        .bind(id)
        .bind(support_contact_id)
        .execute(tx)
        .await?;
    Ok(())
}

/// Writes the event's state: confirmed since `confirmed_at`, or cancelled (when, why), or
/// neither (planned).
pub async fn set_state(
    tx: &mut PgConnection,
    id: EventId,
    confirmed_at: Option<DateTime<Utc>>,
    cancelled: Option<(DateTime<Utc>, &str)>,
) -> sqlx::Result<()> {
    sqlx::query(
        "update event set confirmed_at = $2, cancelled_at = $3, cancel_reason = $4, version = version + 1
         where id = $1",
    )
    .bind(id)
    .bind(confirmed_at)
    .bind(cancelled.map(|(at, _)| at))
    .bind(cancelled.map(|(_, reason)| reason))
    .execute(tx)
    .await?;
    Ok(())
}

/// Every event of a client, without the page limit (RGPD export).
pub async fn all_for_client(db: &mut PgConnection, client_id: ClientId) -> sqlx::Result<Vec<EventRow>> {
    sqlx::query_as::<_, EventRow>(&format!("{SELECT} where e.client_id = $1 order by e.starts_at, e.id"))
        .bind(client_id)
        .fetch_all(db)
        .await
}

pub async fn delete(tx: &mut PgConnection, id: EventId) -> sqlx::Result<()> {
    sqlx::query("delete from event where id = $1").bind(id).execute(tx).await?;
    Ok(())
}
