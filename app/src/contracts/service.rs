//! Contract use cases: policy, then the write and its audit record in one transaction.

use super::detail::ContractDetail;
use super::model::{Amounts, AmountsForm, ContractPage, ContractQuery, ContractRow, check_contract_deletable};
use super::repo;
use super::stage::{ContractMove, ContractStage};
use crate::audit::model::{Action, Changes, Entity};
use crate::audit::repo::{self as audit, Author};
use crate::auth::Actor;
use crate::clients::repo as clients;
use crate::domain::{ClientId, ContractId};
use crate::error::AppError;
use crate::events;
use crate::idempotency::{self, IdempotencyKey};
use crate::listing_sql::CountReuse;
use crate::notifications::model::NotificationKind;
use crate::notifications::repo as notifications;
use crate::policy::{self, ensure};
use crate::records::RecordRef;
use crate::state::AppState;

pub async fn list(
    state: &AppState,
    actor: &Actor,
    query: &ContractQuery,
    reuse: CountReuse,
) -> Result<ContractPage, AppError> {
    let total = state.recent_counts.total(reuse, "contracts", Some(actor.id), query);
    Ok(repo::list(state.read_pool(), query, actor.id, &total).await?)
}

/// One contract, the row alone (its version included), without the detail page's lists.
pub async fn get(state: &AppState, id: ContractId) -> Result<super::model::ContractRow, AppError> {
    let mut db = state.pool.acquire().await?;
    repo::find(&mut db, id).await?.ok_or(AppError::NotFound)
}

pub async fn detail(state: &AppState, id: ContractId) -> Result<ContractDetail, AppError> {
    let mut db = state.pool.acquire().await?;
    let contract = repo::find(&mut db, id).await?.ok_or(AppError::NotFound)?;
    let client = clients::find(&mut db, contract.client_id).await?.ok_or(AppError::NotFound)?;
    Ok(ContractDetail {
        events: events::repo::for_contract(&mut db, id).await?,
        history: audit::history(&mut *db, id).await?,
        notes: crate::notes::service::for_record(&mut db, RecordRef::Contract(id), state).await?,
        follow_ups: crate::follow_ups::service::for_record(&mut db, RecordRef::Contract(id), state).await?,
        schedule: crate::payments::service::schedule(&mut db, &contract, state).await?,
        client_phone: client.phone_display(),
        client_email: client.email,
        contract,
    })
}

/// Nothing new is attached to an anonymised client (the database refuses it too).
pub fn ensure_open(client_anonymised: bool) -> Result<(), AppError> {
    if policy::can_add_to_client(client_anonymised) {
        Ok(())
    } else {
        Err(AppError::Refused(crate::i18n::fr::CLIENT_ANONYMISED_NO_CHANGE.to_owned()))
    }
}

/// A new contract takes its client's sales contact.
#[tracing::instrument(skip_all, fields(actor = %actor.id, client = %client_id))]
pub async fn create(
    state: &AppState,
    actor: &Actor,
    client_id: ClientId,
    form: &AmountsForm,
    key: Option<&IdempotencyKey>,
) -> Result<ContractId, AppError> {
    let amounts = Amounts::try_from(form)?;
    let mut tx = state.pool.begin().await?;
    let client = clients::lock(&mut tx, client_id).await?.ok_or(AppError::NotFound)?;
    ensure(policy::can_create_contract(actor, client.sales_contact_id))?;
    ensure_open(client.anonymised)?;
    let request = (client_id, form);
    let claim =
        match idempotency::claim(&mut tx, actor.id, key, Entity::Contract.code(), &request, state.clock.now()).await? {
            idempotency::Claim::Done(id) => return Ok(ContractId(id)),
            claim => claim,
        };
    let id = repo::insert(&mut tx, client_id, client.sales_contact_id, amounts).await?;
    crate::payments::service::start(&mut tx, id, amounts.total).await?;
    idempotency::complete(&mut tx, actor.id, claim, id.0).await?;
    let changes = Changes::new().set("client", &client.full_name).set("total", amounts.total.get());
    audit::record(&mut tx, Author::new(actor.id, state.clock.now()), id, Action::Create, &changes).await?;
    crate::db::commit(tx).await?;
    Ok(id)
}

#[tracing::instrument(skip_all, fields(actor = %actor.id, contract = %id))]
pub async fn update_amounts(
    state: &AppState,
    actor: &Actor,
    id: ContractId,
    version: i32,
    form: &AmountsForm,
) -> Result<(), AppError> {
    let amounts = Amounts::try_from(form)?;
    let mut tx = state.pool.begin().await?;
    let before = repo::lock(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    ensure_may_change(actor, &before)?;
    if before.version != version {
        return Err(AppError::Conflict);
    }
    if before.total_cents == amounts.total.get() {
        return Ok(());
    }
    // What was paid stays paid: the remaining amount moves with the total.
    crate::payments::service::reprice(&mut tx, &before, amounts.total)
        .await
        .map_err(|e| e.keeping(&[("total", &form.total)]))?;
    repo::update_amounts(&mut tx, id, amounts).await?;
    let remaining = amounts.total.get() - (before.total_cents - before.remaining_cents);
    let changes = Changes::new().diff("total", before.total_cents, amounts.total.get()).diff(
        "remaining",
        before.remaining_cents,
        remaining,
    );
    let now = state.clock.now();
    audit::record(&mut tx, Author::new(actor.id, now), id, Action::Update, &changes).await?;
    if before.remaining_cents > 0 && remaining == 0 {
        notifications::about_contract(&mut tx, NotificationKind::ContractPaid, id, actor.id, now).await?;
    }
    crate::db::commit(tx).await?;
    Ok(())
}

/// Signs the contract: the board's move to "signé", from the contract's page.
pub async fn sign(state: &AppState, actor: &Actor, id: ContractId, version: i32) -> Result<(), AppError> {
    move_to_stage(state, actor, id, version, ContractStage::Signed).await.map(|_| ())
}

/// Takes the contract to `to` (the board, the contract's page, `PUT /contracts/{id}/stage`):
/// the version check, the move the stages allow, its audit record and notification, in one
/// transaction.
#[tracing::instrument(skip_all, fields(actor = %actor.id, contract = %id, to = to.code()))]
pub async fn move_to_stage(
    state: &AppState,
    actor: &Actor,
    id: ContractId,
    version: i32,
    to: ContractStage,
) -> Result<ContractMove, AppError> {
    let mut tx = state.pool.begin().await?;
    let before = repo::lock(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let from = before.stage();
    // Signing again is a mistake of its own, told as such to whoever may sign.
    let signed_again = to == ContractStage::Signed && from.is_signed();
    if signed_again {
        ensure(policy::can_update_contract(actor, before.client_sales_contact_id, false))?;
    } else {
        ensure_may_change(actor, &before)?;
    }
    if before.version != version {
        return Err(AppError::Conflict);
    }
    if signed_again {
        return Err(AppError::field("contract", crate::i18n::fr::CONTRACT_ALREADY_SIGNED));
    }
    let contract_move = ContractMove::between(from, to).map_err(|reason| AppError::Refused(reason.to_owned()))?;
    let now = state.clock.now();
    let author = Author::new(actor.id, now);
    let changes = Changes::new().diff("stage", from.code(), to.code());
    match contract_move {
        ContractMove::Propose | ContractMove::Unpropose => {
            let (proposed_at, action) = match contract_move {
                ContractMove::Propose => (Some(now), Action::Propose),
                _ => (None, Action::Unpropose),
            };
            repo::set_proposed(&mut tx, id, proposed_at).await?;
            audit::record(&mut tx, author, id, action, &changes).await?;
        }
        ContractMove::Sign => {
            repo::sign(&mut tx, id, actor.id, now).await?;
            audit::record(&mut tx, author, id, Action::Sign, &changes.diff("signed", false, true)).await?;
            notifications::about_contract(&mut tx, NotificationKind::ContractSigned, id, actor.id, now).await?;
        }
    }
    crate::db::commit(tx).await?;
    if contract_move == ContractMove::Sign {
        crate::monitoring::contract_signed(id, actor.id);
    }
    Ok(contract_move)
}

/// Refuses a change to `contract` by `actor`. The salesperson of a signed contract is told
/// why (the lock), anyone else is simply refused.
pub fn ensure_may_change(actor: &Actor, contract: &ContractRow) -> Result<(), AppError> {
    policy::contract_change(actor, contract.client_sales_contact_id, contract.is_signed())
        .ensure(crate::i18n::fr::CONTRACT_LOCKED)
}

/// Deletes a contract that has no events (they go first, one by one, each audited).
#[tracing::instrument(skip_all, fields(actor = %actor.id, contract = %id))]
pub async fn delete(state: &AppState, actor: &Actor, id: ContractId) -> Result<ClientId, AppError> {
    ensure(policy::can_delete(actor))?;
    let mut tx = state.pool.begin().await?;
    let contract = repo::lock(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    check_contract_deletable(contract.is_signed(), repo::event_count(&mut tx, id).await?)?;
    let changes = Changes::new().field("client", Some(contract.client_name.clone()), None).field(
        "total",
        Some(contract.total()),
        None,
    );
    audit::record(&mut tx, Author::new(actor.id, state.clock.now()), id, Action::Delete, &changes).await?;
    repo::delete(&mut tx, id).await?;
    crate::db::commit(tx).await?;
    Ok(contract.client_id)
}
