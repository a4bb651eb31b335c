//! Payment use cases: the rules, then the write and its audit record (on the contract) in one
//! transaction. Every change takes the contract's lock first (`contracts::repo::lock`), so two
//! payments, or a payment and a change of the total, never race past each other's checks.

use chrono::Duration;
use sqlx::PgConnection;

use super::model::{
    Collections, DUE_SOON_DAYS, MONTHS_AFTER, MONTHS_BEFORE, MilestoneForm, NewMilestone, NewPayment, OwedPages,
    PaymentForm, PaymentSchedule,
};
use super::repo::{self, Scope};
use super::schedule::{self, DueRule, Share};
use crate::audit::model::{Action, Changes};
use crate::audit::repo::{self as audit, Author};
use crate::auth::Actor;
use crate::contracts::model::ContractRow;
use crate::contracts::repo as contracts;
use crate::domain::datetime::paris_today;
use crate::domain::{Cents, CollaboratorId, ContractId, MilestoneId, MilestoneLabel, PaymentId};
use crate::error::AppError;
use crate::i18n::fr as t;
use crate::idempotency::{self, IdempotencyKey};
use crate::notifications::model::NotificationKind;
use crate::notifications::repo as notifications;
use crate::policy::{self, ensure};
use crate::state::AppState;

/// How many days before a milestone falls due its client's sales contact hears of it.
pub const ANNOUNCE_DAYS_BEFORE: i64 = 7;

/// The schedule and payments of a contract, for its page.
pub async fn schedule(
    db: &mut PgConnection,
    contract: &ContractRow,
    state: &AppState,
) -> Result<PaymentSchedule, AppError> {
    let milestones = repo::milestones(db, contract.id).await?;
    let asked: i64 = milestones.iter().map(|m| m.amount_cents).sum();
    Ok(PaymentSchedule {
        payments: repo::payments(db, contract.id).await?,
        unscheduled_cents: contract.total_cents - asked,
        today: paris_today(state.clock.now()),
        milestones,
    })
}

/// The same, for the API: the contract must exist.
pub async fn for_contract(state: &AppState, id: ContractId) -> Result<PaymentSchedule, AppError> {
    let mut db = state.pool.acquire().await?;
    let contract = contracts::find(&mut db, id).await?.ok_or(AppError::NotFound)?;
    schedule(&mut db, &contract, state).await
}

/// One payment.
pub async fn payment(state: &AppState, id: PaymentId) -> Result<super::model::PaymentRow, AppError> {
    let mut db = state.pool.acquire().await?;
    repo::find_payment(&mut db, id).await?.ok_or(AppError::NotFound)
}

/// A payment and its contract.
pub async fn payment_of_contract(state: &AppState, id: PaymentId) -> Result<super::model::PaymentOfContract, AppError> {
    let mut db = state.pool.acquire().await?;
    let payment = repo::find_payment(&mut db, id).await?.ok_or(AppError::NotFound)?;
    let contract = contracts::find(&mut db, payment.contract_id).await?.ok_or(AppError::NotFound)?;
    Ok(super::model::PaymentOfContract { payment, contract })
}

/// One milestone, with today (for its state) and its contract's version.
pub async fn milestone(
    state: &AppState,
    id: MilestoneId,
) -> Result<(super::model::MilestoneRow, chrono::NaiveDate, i32), AppError> {
    let mut db = state.pool.acquire().await?;
    let row = repo::find_milestone(&mut db, id).await?.ok_or(AppError::NotFound)?;
    let contract = contracts::find(&mut db, row.contract_id).await?.ok_or(AppError::NotFound)?;
    Ok((row, paris_today(state.clock.now()), contract.version))
}

/// A new contract's schedule: one milestone, "Solde", the whole total, due the day of the first
/// event. Its seller then splits it as agreed with the client.
pub async fn start(tx: &mut PgConnection, contract: ContractId, total: Cents) -> Result<(), AppError> {
    let label = MilestoneLabel::parse(t::DEFAULT_MILESTONE_LABEL).map_err(|_| AppError::Internal)?;
    let solde = NewMilestone { label, share: Share::Rest, rule: DueRule::FromEvent(0) };
    repo::insert_milestone(tx, contract, &solde, total).await?;
    repo::refresh(tx, contract).await?;
    Ok(())
}

/// Works the schedule out again for a new total (the contract is locked by the caller). A total
/// below what was paid, or below what the milestones ask, is refused under `total`.
pub async fn reprice(tx: &mut PgConnection, contract: &ContractRow, total: Cents) -> Result<(), AppError> {
    let paid = contract.total_cents - contract.remaining_cents;
    if total.get() < paid {
        return Err(AppError::field("total", t::total_below_paid(&crate::contracts::model::money(paid))));
    }
    let milestones = repo::milestones(tx, contract.id).await?;
    let shares: Vec<Share> = milestones.iter().map(|m| m.share()).collect();
    let amounts = schedule::amounts(total, &shares).map_err(|e| AppError::field("total", e.message()))?;
    let amounts: Vec<(MilestoneId, Cents)> = milestones.iter().map(|m| m.id).zip(amounts).collect();
    repo::set_amounts(tx, &amounts).await?;
    repo::refresh(tx, contract.id).await?;
    Ok(())
}

/// What the caller does to the contract's money: its payments follow the signature; its
/// schedule is part of what is signed, locked with it.
#[derive(Clone, Copy)]
enum Change {
    Payment,
    Schedule,
}

/// Locks the contract and checks the caller may make `change` to it.
async fn lock_for_change(
    tx: &mut PgConnection,
    actor: &Actor,
    id: ContractId,
    change: Change,
) -> Result<ContractRow, AppError> {
    let contract = contracts::lock(tx, id).await?.ok_or(AppError::NotFound)?;
    match change {
        Change::Payment => ensure(policy::can_record_payment(actor, contract.client_sales_contact_id))?,
        Change::Schedule => crate::contracts::service::ensure_may_change(actor, &contract)?,
    }
    Ok(contract)
}

/// Records a payment: at most what remains, on a day not yet to come. The contract's remaining
/// amount (and each milestone's paid part) follows in the database.
#[tracing::instrument(skip_all, fields(actor = %actor.id, contract = %id))]
pub async fn record_payment(
    state: &AppState,
    actor: &Actor,
    id: ContractId,
    form: &PaymentForm,
    key: Option<&IdempotencyKey>,
) -> Result<PaymentId, AppError> {
    let now = state.clock.now();
    let mut tx = state.pool.begin().await?;
    let before = lock_for_change(&mut tx, actor, id, Change::Payment).await?;
    let payment = NewPayment::parse(form, paris_today(now))?;
    // Before the check against what remains: the same request sent again answers the payment
    // it recorded, though nothing may remain now.
    let claim = match idempotency::claim(&mut tx, actor.id, key, "payment", &(id, form), now).await? {
        idempotency::Claim::Done(created) => return Ok(PaymentId(created)),
        claim => claim,
    };
    if payment.amount.get() > before.remaining_cents {
        let message = t::payment_over_remaining(&before.remaining());
        return Err(AppError::field("amount", message).keeping(&form.submitted()));
    }
    let payment_id = repo::insert_payment(&mut tx, id, &payment, actor.id, now).await?;
    idempotency::complete(&mut tx, actor.id, claim, payment_id.0).await?;
    let remaining = before.remaining_cents - payment.amount.get();
    let changes = Changes::new()
        .set("payment", payment.amount.get())
        .set("paid_on", payment.paid_on)
        .set("method", payment.method.code())
        .diff("remaining", before.remaining_cents, remaining);
    audit::record(&mut tx, Author::new(actor.id, now), id, Action::RecordPayment, &changes).await?;
    if remaining == 0 {
        notifications::about_contract(&mut tx, NotificationKind::ContractPaid, id, actor.id, now).await?;
    }
    crate::db::commit(tx).await?;
    Ok(payment_id)
}

/// Deletes a payment recorded by mistake (management). Returns its contract.
#[tracing::instrument(skip_all, fields(actor = %actor.id, payment = %id))]
pub async fn delete_payment(state: &AppState, actor: &Actor, id: PaymentId) -> Result<ContractId, AppError> {
    ensure(policy::can_delete_payment(actor))?;
    let mut tx = state.pool.begin().await?;
    let contract_id = repo::payment_contract(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let before = contracts::lock(&mut tx, contract_id).await?.ok_or(AppError::NotFound)?;
    // Read again under the contract's lock: another manager may have deleted it meanwhile.
    let payment = repo::find_payment(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    repo::delete_payment(&mut tx, id).await?;
    let changes = Changes::new()
        .field("payment", Some(payment.amount_cents.to_string()), None)
        .field("paid_on", Some(payment.paid_on.to_string()), None)
        .diff("remaining", before.remaining_cents, before.remaining_cents + payment.amount_cents);
    audit::record(&mut tx, Author::new(actor.id, state.clock.now()), contract_id, Action::DeletePayment, &changes)
        .await?;
    crate::db::commit(tx).await?;
    Ok(contract_id)
}

/// Adds a milestone at the end of the schedule; the milestone that takes the rest (if any)
/// gives up what the new one asks. Refused when the schedule would ask more than the total.
#[tracing::instrument(skip_all, fields(actor = %actor.id, contract = %id))]
pub async fn add_milestone(
    state: &AppState,
    actor: &Actor,
    id: ContractId,
    form: &MilestoneForm,
    key: Option<&IdempotencyKey>,
) -> Result<MilestoneId, AppError> {
    let now = state.clock.now();
    let mut tx = state.pool.begin().await?;
    let contract = lock_for_change(&mut tx, actor, id, Change::Schedule).await?;
    let milestone = NewMilestone::try_from(form)?;
    let claim = match idempotency::claim(&mut tx, actor.id, key, "milestone", &(id, form), now).await? {
        idempotency::Claim::Done(created) => return Ok(MilestoneId(created)),
        claim => claim,
    };
    let milestones = repo::milestones(&mut tx, id).await?;
    let shares: Vec<Share> = milestones.iter().map(|m| m.share()).chain([milestone.share]).collect();
    let total = Cents::new(contract.total_cents).map_err(|_| AppError::Internal)?;
    let mut amounts = schedule::amounts(total, &shares).map_err(|e| {
        let field = if milestone.share == Share::Rest { "share" } else { "value" };
        AppError::field(field, e.message()).keeping(&form.submitted())
    })?;
    let asked = amounts.pop().unwrap_or(Cents::ZERO);
    let others: Vec<(MilestoneId, Cents)> = milestones.iter().map(|m| m.id).zip(amounts).collect();
    repo::set_amounts(&mut tx, &others).await?;
    let milestone_id = repo::insert_milestone(&mut tx, id, &milestone, asked).await?;
    repo::refresh(&mut tx, id).await?;
    idempotency::complete(&mut tx, actor.id, claim, milestone_id.0).await?;
    let changes = Changes::new()
        .set("milestone", milestone.label.as_str())
        .set("milestone_amount", asked.get())
        .set("due", milestone.rule.text());
    audit::record(&mut tx, Author::new(actor.id, now), id, Action::AddMilestone, &changes).await?;
    crate::db::commit(tx).await?;
    Ok(milestone_id)
}

/// Takes a milestone out of the schedule; the one taking the rest (if any) takes its amount
/// back. Returns its contract.
#[tracing::instrument(skip_all, fields(actor = %actor.id, milestone = %id))]
pub async fn delete_milestone(state: &AppState, actor: &Actor, id: MilestoneId) -> Result<ContractId, AppError> {
    let mut tx = state.pool.begin().await?;
    let contract_id = repo::milestone_contract(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let contract = lock_for_change(&mut tx, actor, contract_id, Change::Schedule).await?;
    let milestones = repo::milestones(&mut tx, contract_id).await?;
    let removed = milestones.iter().find(|m| m.id == id).cloned().ok_or(AppError::NotFound)?;
    let kept: Vec<_> = milestones.into_iter().filter(|m| m.id != id).collect();
    let shares: Vec<Share> = kept.iter().map(|m| m.share()).collect();
    let total = Cents::new(contract.total_cents).map_err(|_| AppError::Internal)?;
    // Fewer shares than before never ask more.
    let amounts = schedule::amounts(total, &shares).map_err(|_| AppError::Internal)?;
    repo::delete_milestone(&mut tx, id).await?;
    repo::set_amounts(&mut tx, &kept.iter().map(|m| m.id).zip(amounts).collect::<Vec<_>>()).await?;
    repo::refresh(&mut tx, contract_id).await?;
    let changes = Changes::new().field("milestone", Some(removed.label.clone()), None).field(
        "milestone_amount",
        Some(removed.amount_cents.to_string()),
        None,
    );
    audit::record(&mut tx, Author::new(actor.id, state.clock.now()), contract_id, Action::DeleteMilestone, &changes)
        .await?;
    crate::db::commit(tx).await?;
    Ok(contract_id)
}

/// "Encaissements": a salesperson's clients; management everyone's, or one salesperson's.
pub async fn collections(
    state: &AppState,
    actor: &Actor,
    seller: Option<CollaboratorId>,
    pages: OwedPages,
) -> Result<Collections, AppError> {
    ensure(policy::can_see_collections(actor))?;
    let pages = pages.check()?;
    let team = policy::can_see_team_collections(actor);
    let scope = match (team, seller) {
        (true, None) => Scope::Everyone,
        (true, Some(seller)) => Scope::ClientsOf(seller),
        (false, _) => Scope::ClientsOf(actor.id),
    };
    let today = paris_today(state.clock.now());
    let soon = today + Duration::days(DUE_SOON_DAYS + 1);
    let first = chrono::Datelike::with_day(&today, 1).unwrap_or(today) - chrono::Months::new(MONTHS_BEFORE);
    let months = (MONTHS_BEFORE + 1 + MONTHS_AFTER) as i32;
    let mut db = state.read_pool().acquire().await?;
    let overdue = repo::owed(&mut db, scope, None, today, pages.overdue).await?;
    let due_soon = repo::owed(&mut db, scope, Some(today), soon, pages.due_soon).await?;
    let months = repo::month_totals(&mut *db, scope, first, months).await?;
    let salespeople = if team {
        let active = crate::collaborators::repo::list_all_active(&mut *db).await?;
        active.into_iter().filter(|c| c.department == crate::auth::Department::Sales).collect()
    } else {
        Vec::new()
    };
    Ok(Collections {
        today,
        overdue,
        due_soon,
        months,
        seller: match scope {
            Scope::ClientsOf(id) if team => Some(id),
            _ => None,
        },
        salespeople,
        pages,
    })
}

/// What the clock brings about payments, said once each: milestones due within
/// `ANNOUNCE_DAYS_BEFORE` days (to the client's sales contact), events less than
/// `WITHOUT_SUPPORT_WITHIN_DAYS` days away whose contract still owes money (to management).
pub async fn announce_due(state: &AppState) -> Result<u64, AppError> {
    let now = state.clock.now();
    let due = repo::announce_due_milestones(&state.pool, paris_today(now), ANNOUNCE_DAYS_BEFORE, now).await?;
    let until = now + Duration::days(crate::notifications::model::WITHOUT_SUPPORT_WITHIN_DAYS);
    let unpaid = repo::announce_unpaid_events(&state.pool, now, until).await?;
    Ok(due + unpaid)
}
