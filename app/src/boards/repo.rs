//! All SQL about the boards: one index scan per column (see migrations: each column has an
//! index in its own order), and a count that stops past the cap.

use chrono::{DateTime, Utc};
use sqlx::{PgPool, Postgres, QueryBuilder};

use super::model::{BoardCard, Cursor};
use crate::auth::{Actor, Department};
use crate::events::status::EventStatus;
use crate::listing::COUNT_CAP;

/// A column's rows, its order, and which way its cursor goes.
struct Column {
    filter: &'static str,
    /// The instant it is ordered by (then the id, the same way).
    order: &'static str,
    /// The same instant among the cards read (`b`).
    outer: &'static str,
    descending: bool,
}

fn column(status: EventStatus) -> Column {
    // `$now` is written in by `push_filter`; the statuses are `EventStatus::of`, in SQL.
    match status {
        EventStatus::ToPlan => Column {
            filter: "e.cancelled_at is null and e.confirmed_at is null and e.starts_at > $now",
            order: "e.starts_at",
            outer: "b.starts_at",
            descending: false,
        },
        EventStatus::Confirmed => Column {
            filter: "e.cancelled_at is null and e.confirmed_at is not null and e.starts_at > $now",
            order: "e.starts_at",
            outer: "b.starts_at",
            descending: false,
        },
        // Ordered by `upper(period)` (the end) rather than `ends_at`, which would let the planner
        // walk the finished events' index from the first event ever to now (1.4 s against 2 ms
        // on 1,000,000 events): the GiST index finds the few events of this moment, then sorted.
        EventStatus::Ongoing => Column {
            filter: "e.cancelled_at is null and e.period @> $now",
            order: "upper(e.period)",
            outer: "b.ends_at",
            descending: false,
        },
        EventStatus::Finished => Column {
            filter: "e.cancelled_at is null and e.ends_at <= $now",
            order: "e.ends_at",
            outer: "b.ends_at",
            descending: true,
        },
        EventStatus::Cancelled => Column {
            filter: "e.cancelled_at is not null",
            order: "e.cancelled_at",
            outer: "b.cancelled_at",
            descending: true,
        },
    }
}

/// `where` with the column's filter at `now` and the user's own events when `mine`.
fn push_filter(
    qb: &mut QueryBuilder<'_, Postgres>,
    status: EventStatus,
    actor: &Actor,
    mine: bool,
    now: DateTime<Utc>,
) {
    let mut parts = column(status).filter.split("$now");
    qb.push(" where ").push(parts.next().unwrap_or_default());
    for part in parts {
        qb.push_bind(now).push("::timestamptz").push(part);
    }
    if mine {
        match actor.department {
            Department::Support => {
                qb.push(" and e.support_contact_id = ").push_bind(actor.id);
            }
            Department::Sales => {
                qb.push(" and e.client_id in (select id from client where sales_contact_id = ")
                    .push_bind(actor.id)
                    .push(")");
            }
            // Management answers for every event.
            Department::Management => {}
        }
    }
}

/// The column's cards after `after` (at most `limit`), in its order, each with its client's
/// sales contact (who may cancel it): read for the page's cards only.
pub async fn cards(
    pool: &PgPool,
    status: EventStatus,
    actor: &Actor,
    mine: bool,
    now: DateTime<Utc>,
    after: Option<Cursor>,
    limit: i64,
) -> sqlx::Result<Vec<BoardCard>> {
    let Column { order, outer, descending, .. } = column(status);
    let mut qb = QueryBuilder::new("select b.*, c.sales_contact_id as client_sales_contact_id from (");
    qb.push(crate::events::repo::SELECT);
    push_filter(&mut qb, status, actor, mine, now);
    if let Some(cursor) = after {
        let past = if descending { "<" } else { ">" };
        qb.push(format_args!(" and ({order}, e.id) {past} ("))
            .push_bind(cursor.at)
            .push(", ")
            .push_bind(cursor.id)
            .push(")");
    }
    let direction = if descending { "desc" } else { "asc" };
    qb.push(format_args!(" order by {order} {direction}, e.id {direction} limit ")).push_bind(limit);
    qb.push(format_args!(") b join client c on c.id = b.client_id order by {outer} {direction}, b.id {direction}"));
    qb.build_query_as().fetch_all(pool).await
}

/// How many cards the column holds, counted up to `COUNT_CAP + 1`.
pub async fn count(
    pool: &PgPool,
    status: EventStatus,
    actor: &Actor,
    mine: bool,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    let mut qb = QueryBuilder::new("select count(*) from (select 1 from event e");
    push_filter(&mut qb, status, actor, mine, now);
    qb.push(format_args!(" limit {}) counted", COUNT_CAP + 1));
    qb.build_query_scalar().fetch_one(pool).await
}
