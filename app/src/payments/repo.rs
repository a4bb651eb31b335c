//! All SQL about payment milestones and payments. The database derives what follows from them
//! (the contract's remaining amount, each milestone's due day and paid part): see
//! migrations/20261206000001_payments.sql.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{PgConnection, PgExecutor, Postgres, QueryBuilder};

use super::model::{MilestoneRow, MonthTotals, NewMilestone, NewPayment, OWED_ROWS, OwedList, OwedRow, PaymentRow};
use super::schedule::{DueRule, Share};
use crate::domain::{Cents, CollaboratorId, ContractId, MilestoneId, PaymentId};
use crate::error::AppError;

const MILESTONE: &str = "select m.id, m.contract_id, m.position, m.label, m.share, m.percent_bp, m.amount_cents,
        m.due_kind, m.fixed_on, m.days_from_event, m.due_on, m.paid_cents
   from payment_milestone m";

/// The order payments settle milestones in (as `payment_schedule_refresh` allocates them).
const SETTLING_ORDER: &str = "payment_milestone_rank(m.due_on, m.due_kind), m.position";

const PAYMENT: &str = "select p.id, p.contract_id, p.paid_on, p.amount_cents, p.method, p.recorded_by,
        r.full_name as recorded_by_name, p.created_at
   from payment p
   left join collaborator r on r.id = p.recorded_by";

/// A contract's milestones, in the order payments settle them.
pub async fn milestones(db: &mut PgConnection, contract: ContractId) -> sqlx::Result<Vec<MilestoneRow>> {
    sqlx::query_as(&format!("{MILESTONE} where m.contract_id = $1 order by {SETTLING_ORDER}"))
        .bind(contract)
        .fetch_all(db)
        .await
}

pub async fn find_milestone(db: &mut PgConnection, id: MilestoneId) -> sqlx::Result<Option<MilestoneRow>> {
    sqlx::query_as(&format!("{MILESTONE} where m.id = $1")).bind(id).fetch_optional(db).await
}

/// The most payments a contract's page lists.
pub const PAYMENT_ROWS: i64 = 200;

/// A contract's payments, newest first.
pub async fn payments(db: &mut PgConnection, contract: ContractId) -> sqlx::Result<Vec<PaymentRow>> {
    sqlx::query_as(&format!(
        "{PAYMENT} where p.contract_id = $1 order by p.paid_on desc, p.created_at desc, p.id limit {PAYMENT_ROWS}"
    ))
    .bind(contract)
    .fetch_all(db)
    .await
}

pub async fn find_payment(db: &mut PgConnection, id: PaymentId) -> sqlx::Result<Option<PaymentRow>> {
    sqlx::query_as(&format!("{PAYMENT} where p.id = $1")).bind(id).fetch_optional(db).await
}

/// The contract a payment is for, without reading (or locking) anything else.
pub async fn payment_contract(db: &mut PgConnection, id: PaymentId) -> sqlx::Result<Option<ContractId>> {
    sqlx::query_scalar("select contract_id from payment where id = $1").bind(id).fetch_optional(db).await
}

pub async fn milestone_contract(db: &mut PgConnection, id: MilestoneId) -> sqlx::Result<Option<ContractId>> {
    sqlx::query_scalar("select contract_id from payment_milestone where id = $1").bind(id).fetch_optional(db).await
}

/// Adds a milestone last in the schedule, asking `amount` (worked out by the caller).
pub async fn insert_milestone(
    tx: &mut PgConnection,
    contract: ContractId,
    milestone: &NewMilestone,
    amount: Cents,
) -> sqlx::Result<MilestoneId> {
    let (share, percent_bp) = match milestone.share {
        Share::Amount(_) => ("amount", None),
        Share::Percent(bp) => ("percent", Some(i32::from(bp))),
        Share::Rest => ("rest", None),
    };
    let (due_kind, fixed_on, days) = match milestone.rule {
        DueRule::Signing => ("signing", None, None),
        DueRule::Fixed(day) => ("fixed", Some(day), None),
        DueRule::FromEvent(days) => ("event", None, Some(days)),
    };
    sqlx::query_scalar(
        "insert into payment_milestone
           (contract_id, position, label, share, percent_bp, amount_cents, due_kind, fixed_on, days_from_event)
         values ($1, (select coalesce(max(position), 0) + 1 from payment_milestone where contract_id = $1),
                 $2, $3, $4, $5, $6, $7, $8)
         returning id",
    )
    .bind(contract)
    .bind(milestone.label.as_str())
    .bind(share)
    .bind(percent_bp)
    .bind(amount)
    .bind(due_kind)
    .bind(fixed_on)
    .bind(days)
    .fetch_one(tx)
    .await
}

/// Writes what each milestone asks. The paid parts shrink with them here; `refresh` then
/// allocates the payments again.
pub async fn set_amounts(tx: &mut PgConnection, amounts: &[(MilestoneId, Cents)]) -> sqlx::Result<()> {
    let ids: Vec<MilestoneId> = amounts.iter().map(|(id, _)| *id).collect();
    let cents: Vec<i64> = amounts.iter().map(|(_, amount)| amount.get()).collect();
    sqlx::query(
        "update payment_milestone m set amount_cents = v.amount, paid_cents = least(m.paid_cents, v.amount)
           from unnest($1::uuid[], $2::bigint[]) as v(id, amount)
          where m.id = v.id and m.amount_cents <> v.amount",
    )
    .bind(&ids)
    .bind(&cents)
    .execute(tx)
    .await?;
    Ok(())
}

pub async fn delete_milestone(tx: &mut PgConnection, id: MilestoneId) -> sqlx::Result<()> {
    sqlx::query("delete from payment_milestone where id = $1").bind(id).execute(tx).await?;
    Ok(())
}

/// Works out the contract's due days and paid parts again (after its schedule changed).
pub async fn refresh(tx: &mut PgConnection, contract: ContractId) -> sqlx::Result<()> {
    sqlx::query("select payment_schedule_refresh(array[$1::uuid])").bind(contract).execute(tx).await?;
    Ok(())
}

/// Records a payment; the database lowers the contract's remaining amount in the same statement.
pub async fn insert_payment(
    tx: &mut PgConnection,
    contract: ContractId,
    payment: &NewPayment,
    recorded_by: CollaboratorId,
    at: DateTime<Utc>,
) -> Result<PaymentId, AppError> {
    sqlx::query_scalar(
        "insert into payment (contract_id, paid_on, amount_cents, method, recorded_by, created_at)
         values ($1, $2, $3, $4, $5, $6) returning id",
    )
    .bind(contract)
    .bind(payment.paid_on)
    .bind(payment.amount)
    .bind(payment.method.code())
    .bind(recorded_by)
    .bind(at)
    .fetch_one(tx)
    .await
    .map_err(|error| match &error {
        // Two payments racing past the service's check (it runs on the locked contract, so
        // this is the database's last word only).
        sqlx::Error::Database(db) if db.constraint() == Some("contract_remaining_cents_check") => {
            AppError::field("amount", crate::i18n::fr::PAYMENT_OVER_REMAINING)
        }
        _ => error.into(),
    })
}

pub async fn delete_payment(tx: &mut PgConnection, id: PaymentId) -> sqlx::Result<()> {
    sqlx::query("delete from payment where id = $1").bind(id).execute(tx).await?;
    Ok(())
}

/// Whose milestones "Encaissements" shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Everyone,
    /// The contracts this salesperson follows (their clients' open ones among them).
    ClientsOf(CollaboratorId),
}

/// Narrows milestones to the scope's, through the salesperson each carries: its contract's,
/// who for an open contract is its client's current one (the migration
/// `collections_by_salesperson` keeps them equal).
fn push_scope(qb: &mut QueryBuilder<'_, Postgres>, scope: Scope) {
    if let Scope::ClientsOf(seller) = scope {
        qb.push(" and m.sales_contact_id = ").push_bind(seller);
    }
}

/// The milestones still owed that fall due in `[from, until)` (`from` none: any time before),
/// by due day: page `page` of `OWED_ROWS`, and how many there are and how much they owe.
pub async fn owed(
    db: &mut PgConnection,
    scope: Scope,
    from: Option<NaiveDate>,
    until: NaiveDate,
    page: i64,
) -> sqlx::Result<OwedList> {
    // Through `payment_milestone_open_idx` (everyone's) or `payment_milestone_open_sales_idx`
    // (a salesperson's): the milestones not fully paid, by due day.
    let filter = |qb: &mut QueryBuilder<'_, Postgres>| {
        qb.push(" where m.paid_cents < m.amount_cents and m.due_on < ").push_bind(until);
        if let Some(from) = from {
            qb.push(" and m.due_on >= ").push_bind(from);
        }
        push_scope(qb, scope);
    };
    let mut rows = QueryBuilder::new(
        "select m.id as milestone_id, k.id as contract_id, c.id as client_id, c.full_name as client_name,
                c.company_name, s.full_name as sales_contact_name, m.label, m.due_on, m.amount_cents, m.paid_cents
           from payment_milestone m
           join contract k on k.id = m.contract_id
           join client c on c.id = k.client_id
           join collaborator s on s.id = c.sales_contact_id",
    );
    filter(&mut rows);
    rows.push(" order by m.due_on, m.id limit ")
        .push_bind(OWED_ROWS)
        .push(" offset ")
        .push_bind((page - 1) * OWED_ROWS);
    let items = rows.build_query_as::<OwedRow>().fetch_all(&mut *db).await?;
    let mut sums = QueryBuilder::new(
        "select count(*), coalesce(sum(m.amount_cents - m.paid_cents), 0)::bigint from payment_milestone m",
    );
    filter(&mut sums);
    let (count, owed_cents): (i64, i64) = sums.build_query_as().fetch_one(&mut *db).await?;
    Ok(OwedList { items, count, owed_cents, page })
}

/// Per month from `first` (a first day) for `months` months: what the milestones ask that fall
/// due then, and what was collected then; from the totals the triggers keep per salesperson
/// (`collection_month`), not from the milestones and payments themselves.
pub async fn month_totals(
    db: impl PgExecutor<'_>,
    scope: Scope,
    first: NaiveDate,
    months: i32,
) -> sqlx::Result<Vec<MonthTotals>> {
    let mut qb = QueryBuilder::new(
        "select months.month, coalesce(sum(t.due_cents), 0)::bigint as due_cents,
                coalesce(sum(t.collected_cents), 0)::bigint as collected_cents
           from (select (",
    );
    qb.push_bind(first)
        .push("::date + make_interval(months => n))::date as month from generate_series(0, ")
        .push_bind(months - 1)
        .push(") n) months left join collection_month t on t.month = months.month");
    if let Scope::ClientsOf(seller) = scope {
        qb.push(" and t.sales_contact_id = ").push_bind(seller);
    }
    qb.push(" group by months.month order by months.month");
    qb.build_query_as::<MonthTotals>().fetch_all(db).await
}

/// Milestones falling due in `[today, today + days]` and still owed, announced once each to
/// their client's sales contact (`notification_payment_once_idx`).
pub async fn announce_due_milestones(
    db: impl PgExecutor<'_>,
    today: NaiveDate,
    days: i64,
    at: DateTime<Utc>,
) -> sqlx::Result<u64> {
    let done = sqlx::query(
        "insert into notification (recipient_id, kind, contract_id, milestone_id, created_at)
         select s.id, 'milestone_due', m.contract_id, m.id, $3
           from payment_milestone m
           join contract k on k.id = m.contract_id
           join client c on c.id = k.client_id
           join collaborator s on s.id = c.sales_contact_id and s.active
          where m.paid_cents < m.amount_cents and m.due_on >= $1 and m.due_on <= $1 + $2::int
         on conflict do nothing",
    )
    .bind(today)
    .bind(days as i32)
    .bind(at)
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}

/// Events starting in `[from, until)` whose contract still owes money, announced once each to
/// every active manager.
pub async fn announce_unpaid_events(
    db: impl PgExecutor<'_>,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> sqlx::Result<u64> {
    let done = sqlx::query(
        "insert into notification (recipient_id, kind, event_id, created_at)
         select g.id, 'event_unpaid', e.id, $1
           from event e
           join contract k on k.id = e.contract_id and k.remaining_cents > 0
           cross join collaborator g
          where e.starts_at >= $1 and e.starts_at < $2 and e.cancelled_at is null
            and g.department = 'management' and g.active
         on conflict do nothing",
    )
    .bind(from)
    .bind(until)
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}
