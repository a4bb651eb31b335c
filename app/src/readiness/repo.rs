//! All SQL about readiness: each check is one indexed lookup about the event `e` (its contract's
//! milestones, its run sheet's steps, its follow-ups), for one event's page and for the filter
//! "à risque" of the event list (management's home).

use chrono::NaiveDate;
use sqlx::{PgConnection, Postgres, QueryBuilder};

use super::model::Readiness;
use crate::domain::EventId;

/// The checks about `e` as boolean columns, in `Readiness`'s order; `today` (Paris) says what
/// is overdue.
fn push_checks(qb: &mut QueryBuilder<'_, Postgres>, today: NaiveDate, separator: &str) {
    let checks = [
        "e.support_contact_id is not null",
        "(e.location <> '' and e.attendees > 0)",
        "exists (select 1 from contract k where k.id = e.contract_id and k.signed_at is not null)",
        "not exists (select 1 from payment_milestone m where m.contract_id = e.contract_id
            and m.paid_cents < m.amount_cents and m.due_on <= (e.starts_at at time zone 'Europe/Paris')::date)",
        "exists (select 1 from run_sheet_item i where i.event_id = e.id)",
    ];
    for check in checks {
        qb.push(check).push(separator);
    }
    qb.push("not exists (select 1 from follow_up f where f.event_id = e.id and f.done_at is null and f.due_on < ")
        .push_bind(today)
        .push(")");
}

/// One event's checks.
pub async fn of_event(db: &mut PgConnection, id: EventId, today: NaiveDate) -> sqlx::Result<Readiness> {
    let mut qb = QueryBuilder::new("select (");
    push_checks(&mut qb, today, "), (");
    qb.push(") from event e where e.id = ").push_bind(id);
    let (support, place, signed, paid, run_sheet, follow_ups) = qb.build_query_as().fetch_one(db).await?;
    Ok(Readiness { support, place, signed, paid, run_sheet, follow_ups })
}

/// `and` the event is still to come (from today on, Paris), not cancelled, and misses a check:
/// the list's filter "à risque".
pub fn push_at_risk(qb: &mut QueryBuilder<'_, Postgres>, today: NaiveDate) {
    qb.push(" and e.ends_at > (").push_bind(today).push("::timestamp at time zone 'Europe/Paris')");
    qb.push(" and e.cancelled_at is null and not (");
    push_checks(qb, today, " and ");
    qb.push(")");
}
