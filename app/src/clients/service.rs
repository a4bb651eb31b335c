//! Client use cases: the permission policy, then the writes and their audit records, each in
//! one transaction. Server functions (and later the REST API) call these.

use super::detail::ClientDetail;
use super::model::{ClientForm, ClientInput, ClientPage, ClientQuery, ClientRow, check_client_deletable};
use super::repo;
use crate::audit::model::{Action, Changes, Entity};
use crate::audit::repo::{self as audit, Author};
use crate::auth::{Actor, Department};
use crate::collaborators::repo as collaborators;
use crate::domain::{ClientId, CollaboratorId};
use crate::error::AppError;
use crate::idempotency::{self, IdempotencyKey};
use crate::listing_sql::CountReuse;
use crate::policy::{self, ensure};
use crate::records::RecordRef;
use crate::state::AppState;
use crate::{contracts, events};

pub async fn list(
    state: &AppState,
    actor: &Actor,
    query: &ClientQuery,
    reuse: CountReuse,
) -> Result<ClientPage, AppError> {
    let total = state.recent_counts.total(reuse, "clients", Some(actor.id), query);
    Ok(repo::list(state.read_pool(), query, actor.id, &total).await?)
}

/// One client, the row alone (its version included), without the detail page's lists.
pub async fn get(state: &AppState, id: ClientId) -> Result<super::model::ClientRow, AppError> {
    let mut db = state.pool.acquire().await?;
    repo::find(&mut db, id).await?.ok_or(AppError::NotFound)
}

pub async fn detail(state: &AppState, id: ClientId) -> Result<ClientDetail, AppError> {
    let mut db = state.pool.acquire().await?;
    let client = repo::find(&mut db, id).await?.ok_or(AppError::NotFound)?;
    Ok(ClientDetail {
        contracts: contracts::repo::for_client(&mut db, id).await?,
        events: events::repo::for_client(&mut db, id).await?,
        history: audit::history(&mut *db, id).await?,
        notes: crate::notes::service::for_record(&mut db, RecordRef::Client(id), state).await?,
        follow_ups: crate::follow_ups::service::for_record(&mut db, RecordRef::Client(id), state).await?,
        satisfaction: crate::debriefs::repo::satisfaction_of(&mut db, id).await?,
        client,
    })
}

#[tracing::instrument(skip_all, fields(actor = %actor.id))]
pub async fn create(
    state: &AppState,
    actor: &Actor,
    form: &ClientForm,
    key: Option<&IdempotencyKey>,
) -> Result<ClientId, AppError> {
    ensure(policy::can_create_client(actor))?;
    let input = ClientInput::try_from(form)?;
    let mut tx = state.pool.begin().await?;
    let claim = match idempotency::claim(&mut tx, actor.id, key, Entity::Client.code(), form, state.clock.now()).await?
    {
        idempotency::Claim::Done(id) => return Ok(ClientId(id)),
        claim => claim,
    };
    // A taken e-mail is found here, after the checks: the form shows again what was typed.
    let id = repo::insert(&mut tx, &input, actor.id).await.map_err(|e| e.keeping(&form.submitted()))?;
    idempotency::complete(&mut tx, actor.id, claim, id.0).await?;
    audit::record(&mut tx, Author::new(actor.id, state.clock.now()), id, Action::Create, &created(&input)).await?;
    crate::db::commit(tx).await?;
    Ok(id)
}

/// A new client's audit record: every field it was created with.
pub fn created(input: &ClientInput) -> Changes {
    Changes::new()
        .set("full_name", &input.full_name)
        .set("email", &input.email)
        .set("phone", input.phone.as_e164())
        .set("company_name", &input.company_name)
}

/// A client's fields changed to `input`, as its audit record lists them (empty: nothing changed).
pub fn updated(before: &ClientRow, input: &ClientInput) -> Changes {
    Changes::new()
        .diff("full_name", &before.full_name, &input.full_name)
        .diff("email", &before.email, &input.email)
        .diff("phone", &before.phone, input.phone.as_e164())
        .diff("company_name", &before.company_name, &input.company_name)
}

#[tracing::instrument(skip_all, fields(actor = %actor.id, client = %id))]
pub async fn update(
    state: &AppState,
    actor: &Actor,
    id: ClientId,
    version: i32,
    form: &ClientForm,
) -> Result<(), AppError> {
    let input = ClientInput::try_from(form)?;
    let mut tx = state.pool.begin().await?;
    let before = repo::lock(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    ensure(policy::can_update_client_fields(actor, before.sales_contact_id, before.anonymised))?;
    if before.version != version {
        return Err(AppError::Conflict);
    }
    let changes = updated(&before, &input);
    if changes.is_empty() {
        return Ok(());
    }
    repo::update(&mut tx, id, &input).await.map_err(|e| e.keeping(&form.submitted()))?;
    audit::record(&mut tx, Author::new(actor.id, state.clock.now()), id, Action::Update, &changes).await?;
    crate::db::commit(tx).await?;
    Ok(())
}

#[tracing::instrument(skip_all, fields(actor = %actor.id, client = %id))]
pub async fn change_sales_contact(
    state: &AppState,
    actor: &Actor,
    id: ClientId,
    version: i32,
    sales_contact_id: CollaboratorId,
) -> Result<(), AppError> {
    ensure(policy::can_change_client_sales_contact(actor))?;
    let mut tx = state.pool.begin().await?;
    let before = repo::lock(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    if before.version != version {
        return Err(AppError::Conflict);
    }
    let new_contact = collaborators::find_active(&mut *tx, sales_contact_id)
        .await?
        .filter(|c| c.department == Department::Sales)
        .ok_or_else(|| AppError::field("sales_contact_id", crate::i18n::fr::CHOOSE_ACTIVE_SALES))?;
    if new_contact.id == before.sales_contact_id {
        return Ok(());
    }
    let now = state.clock.now();
    repo::set_sales_contact(&mut tx, id, new_contact.id).await?;
    let changes = Changes::new().diff("sales_contact", &before.sales_contact_name, &new_contact.full_name);
    audit::record(&mut tx, Author::new(actor.id, now), id, Action::ChangeSalesContact, &changes).await?;
    // The open contracts go with the client, as in a portfolio hand-over; paid ones keep who
    // sold them. Rights already follow the client's sales contact either way.
    let moved = contracts::repo::move_open_to(&mut tx, id, new_contact.id).await?;
    audit::record_many(&mut tx, Author::new(actor.id, now), &moved, Action::ChangeSalesContact, &changes).await?;
    crate::db::commit(tx).await?;
    Ok(())
}

/// Deletes a client without signed contracts, with its unsigned contracts (which cannot have
/// events), and erases its personal values from the audit trail — the records of contracts and
/// events deleted earlier too. One transaction; every deleted record audited. (The database
/// refuses deleting a signed contract, so the client stays however this is approached.)
#[tracing::instrument(skip_all, fields(actor = %actor.id, client = %id))]
pub async fn delete(state: &AppState, actor: &Actor, id: ClientId) -> Result<(), AppError> {
    ensure(policy::can_delete(actor))?;
    let now = state.clock.now();
    let mut tx = state.pool.begin().await?;
    let client = repo::lock(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let contracts = contracts::repo::lock_for_client(&mut tx, id).await?;
    check_client_deletable(contracts.iter().filter(|k| k.is_signed()).count())?;
    for contract in &contracts {
        let changes = Changes::new().field("total", Some(contract.total()), None);
        audit::record(&mut tx, Author::new(actor.id, now), contract.id, Action::Delete, &changes).await?;
        contracts::repo::delete(&mut tx, contract.id).await?;
    }
    let changes = Changes::new().set("contracts", contracts.len());
    audit::record(&mut tx, Author::new(actor.id, now), id, Action::Delete, &changes).await?;
    repo::delete(&mut tx, id).await?;
    // What the trail said about this person goes with them (the database lets the trail be
    // erased from only once the client is gone); the deletion is recorded without it.
    crate::rgpd::service::erase_from_audit(&mut tx, &client).await?;
    crate::db::commit(tx).await?;
    Ok(())
}
