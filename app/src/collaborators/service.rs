//! Collaborator administration: management creates, edits, moves, deactivates and deletes
//! collaborators, and hands a person's work to another. Each write is one transaction with its
//! audit records.

use secrecy::SecretString;

use super::model::{
    CollaboratorDetail, CollaboratorForm, CollaboratorPage, CollaboratorQuery, CollaboratorRow, DepartmentChange,
    check_deletable, check_department_change, generate_password,
};
use super::repo::{self, HandedOver};
use super::reveal;
use crate::audit::model::{Action, Changes};
use crate::audit::repo::{self as audit, Author};
use crate::auth::{Actor, Department, access};
use crate::domain::CollaboratorId;
use crate::error::AppError;
use crate::i18n::fr as t;
use crate::listing_sql::CountReuse;
use crate::monitoring;
use crate::policy::{self, ensure};
use crate::state::AppState;

/// Everyone signed in reads the staff list (they assign and contact each other).
pub async fn list(
    state: &AppState,
    query: &CollaboratorQuery,
    reuse: CountReuse,
) -> Result<CollaboratorPage, AppError> {
    let total = state.recent_counts.total(reuse, "collaborators", None, query);
    Ok(repo::list(&state.pool, query, &total).await?)
}

pub async fn get(state: &AppState, id: CollaboratorId) -> Result<CollaboratorRow, AppError> {
    repo::find(&state.pool, id).await?.ok_or(AppError::NotFound)
}

/// The administration's page of a collaborator: what they hold, their sessions, their history,
/// and the password generated for them if this manager has not seen it yet.
pub async fn detail(state: &AppState, actor: &Actor, id: CollaboratorId) -> Result<CollaboratorDetail, AppError> {
    ensure(policy::can_administer(actor))?;
    let mut db = state.pool.acquire().await?;
    let collaborator = repo::find(&mut *db, id).await?.ok_or(AppError::NotFound)?;
    Ok(CollaboratorDetail {
        holdings: repo::holdings(&mut *db, id, state.clock.now()).await?,
        open_sessions: crate::auth::repo::open_session_count(&mut *db, id).await?,
        history: audit::history(&mut *db, id).await?,
        new_password: reveal::take(&mut *db, &state.password_seal, actor.id, id, state.clock.now()).await?,
        collaborator,
    })
}

async fn record(
    tx: &mut sqlx::PgConnection,
    state: &AppState,
    actor: &Actor,
    id: CollaboratorId,
    action: Action,
    changes: &Changes,
) -> Result<(), AppError> {
    audit::record(tx, Author::new(actor.id, state.clock.now()), id, action, changes).await?;
    Ok(())
}

/// One's own work phone (shown on the run sheets of one's events), as the account page shows it.
pub async fn own_phone(state: &AppState, actor: &Actor) -> Result<Option<String>, AppError> {
    let contact = repo::contact(&state.pool, actor.id).await?;
    Ok(contact
        .and_then(|(_, phone)| phone)
        .and_then(|e164| crate::domain::Phone::parse(&e164).ok())
        .map(|p| p.display()))
}

/// Sets (or, left empty, removes) one's own work phone; audited on one's record.
#[tracing::instrument(skip_all, fields(actor = %actor.id))]
pub async fn set_own_phone(state: &AppState, actor: &Actor, typed: &str) -> Result<(), AppError> {
    let phone = match typed.trim() {
        "" => None,
        typed => Some(
            crate::domain::Phone::parse(typed)
                .map_err(|message| AppError::field("phone", &message).keeping(&[("phone", typed)]))?,
        ),
    };
    let mut tx = state.pool.begin().await?;
    let before = repo::contact(&mut *tx, actor.id).await?.ok_or(AppError::NotFound)?.1;
    let after = phone.as_ref().map(|p| p.as_e164().to_owned());
    if before == after {
        return Ok(());
    }
    repo::set_phone(&mut *tx, actor.id, phone.as_ref()).await?;
    let changes = Changes::new().field("phone", before, after);
    record(&mut tx, state, actor, actor.id, Action::Update, &changes).await?;
    crate::db::commit(tx).await?;
    Ok(())
}

/// Creates the account with a generated password, shown once to the manager who created it.
#[tracing::instrument(skip_all, fields(actor = %actor.id))]
pub async fn create(state: &AppState, actor: &Actor, form: &CollaboratorForm) -> Result<CollaboratorId, AppError> {
    ensure(policy::can_administer(actor))?;
    let new = form.parse_new()?;
    let password = generate_password();
    let hash = state.hasher.hash(SecretString::from(password.clone())).await?;
    let mut tx = state.pool.begin().await?;
    // A taken e-mail is found here, after the checks: the form shows again what was typed.
    let id = repo::insert(&mut *tx, &new, &hash).await.map_err(|e| e.keeping(&form.submitted()))?;
    repo::require_password_change(&mut *tx, id).await?;
    let changes = Changes::new()
        .set("employee_number", &new.employee_number)
        .set("full_name", &new.full_name)
        .set("email", &new.email)
        .set("department", new.department.code());
    record(&mut tx, state, actor, id, Action::Create, &changes).await?;
    reveal::put(&mut tx, &state.password_seal, actor.id, id, &password, state.clock.now()).await?;
    crate::db::commit(tx).await?;
    monitoring::collaborator_created(id, new.department);
    Ok(id)
}

#[tracing::instrument(skip_all, fields(actor = %actor.id, collaborator = %id))]
pub async fn update(
    state: &AppState,
    actor: &Actor,
    id: CollaboratorId,
    version: i32,
    form: &CollaboratorForm,
) -> Result<(), AppError> {
    ensure(policy::can_administer(actor))?;
    let mut tx = state.pool.begin().await?;
    let before = locked(&mut tx, id, version).await?;
    let new = form.parse(before.department)?;
    let changes = Changes::new()
        .diff("employee_number", &before.employee_number, &new.employee_number)
        .diff("full_name", &before.full_name, &new.full_name)
        .diff("email", &before.email, &new.email);
    if changes.is_empty() {
        return Ok(());
    }
    repo::update_identity(&mut tx, id, &new).await.map_err(|e| e.keeping(&form.submitted()))?;
    record(&mut tx, state, actor, id, Action::Update, &changes).await?;
    crate::db::commit(tx).await?;
    monitoring::collaborator_changed(id, Action::Update.code());
    Ok(())
}

/// The collaborator, locked, if nobody changed them since `version` was read.
async fn locked(tx: &mut sqlx::PgConnection, id: CollaboratorId, version: i32) -> Result<CollaboratorRow, AppError> {
    let row = repo::lock(tx, id).await?.ok_or(AppError::NotFound)?;
    if row.version != version {
        return Err(AppError::Conflict);
    }
    Ok(row)
}

/// The active collaborator of `department` named in `field`, other than `leaving`.
async fn successor(
    tx: &mut sqlx::PgConnection,
    field: &str,
    chosen: CollaboratorId,
    department: Department,
    leaving: CollaboratorId,
) -> Result<Actor, AppError> {
    repo::find_active(&mut *tx, chosen).await?.filter(|c| c.department == department && c.id != leaving).ok_or_else(
        || {
            AppError::field(
                field,
                match department {
                    Department::Support => t::CHOOSE_SUPPORT_SUCCESSOR,
                    _ => t::CHOOSE_SALES_SUCCESSOR,
                },
            )
        },
    )
}

/// Moves a collaborator to another department, handing over in the same transaction the clients,
/// open contracts and events not over yet that they were in charge of. Their access ends: they
/// sign in again with the rights of the new department.
#[tracing::instrument(skip_all, fields(actor = %actor.id, collaborator = %id))]
pub async fn change_department(
    state: &AppState,
    actor: &Actor,
    id: CollaboratorId,
    version: i32,
    change: &DepartmentChange,
) -> Result<(), AppError> {
    ensure(policy::can_administer(actor))?;
    let now = state.clock.now();
    let mut tx = state.pool.begin().await?;
    let before = locked(&mut tx, id, version).await?;
    let holdings = repo::holdings(&mut *tx, id, now).await?;
    check_department_change(before.department, &holdings, change)?;
    let mut changes = Changes::new().diff("department", before.department.code(), change.department.code());
    if let (true, Some(chosen)) = (holdings.needs_sales_successor(), change.clients_to) {
        let to = successor(&mut tx, "clients_to", chosen, Department::Sales, id).await?;
        let moved = repo::hand_over_sales(&mut tx, id, to.id).await?;
        record_hand_over(&mut tx, state, actor, &before.full_name, &to.full_name, &moved).await?;
        changes = changes.set("clients_handed_over", format!("{} → {}", moved.clients.len(), to.full_name));
    }
    if let (true, Some(chosen)) = (holdings.needs_support_successor(), change.events_to) {
        let to = successor(&mut tx, "events_to", chosen, Department::Support, id).await?;
        let events = repo::hand_over_events(&mut tx, id, to.id, now).await?;
        let moved = HandedOver { events, ..HandedOver::default() };
        record_hand_over(&mut tx, state, actor, &before.full_name, &to.full_name, &moved).await?;
        changes = changes.set("events_handed_over", format!("{} → {}", moved.events.len(), to.full_name));
    }
    repo::set_department(&mut tx, id, change.department).await?;
    access::end_access(&mut tx, id, None, now).await?;
    record(&mut tx, state, actor, id, Action::ChangeDepartment, &changes).await?;
    crate::db::commit(tx).await?;
    monitoring::collaborator_changed(id, Action::ChangeDepartment.code());
    Ok(())
}

/// One audit record per client, contract and event handed over, in the records' own history.
async fn record_hand_over(
    tx: &mut sqlx::PgConnection,
    state: &AppState,
    actor: &Actor,
    from: &str,
    to: &str,
    moved: &HandedOver,
) -> Result<(), AppError> {
    let author = Author::new(actor.id, state.clock.now());
    let sales = Changes::new().diff("sales_contact", from, to);
    let support = Changes::new().diff("support_contact", from, to);
    audit::record_many(tx, author, &moved.clients, Action::ChangeSalesContact, &sales).await?;
    audit::record_many(tx, author, &moved.contracts, Action::ChangeSalesContact, &sales).await?;
    audit::record_many(tx, author, &moved.events, Action::AssignSupport, &support).await?;
    Ok(())
}

/// Hands all of a salesperson's clients, and their open contracts, to another salesperson.
/// Returns how many clients and contracts moved.
#[tracing::instrument(skip_all, fields(actor = %actor.id))]
pub async fn hand_over_portfolio(
    state: &AppState,
    actor: &Actor,
    from: CollaboratorId,
    to: CollaboratorId,
) -> Result<(usize, usize), AppError> {
    ensure(policy::can_change_client_sales_contact(actor))?;
    let mut tx = state.pool.begin().await?;
    let leaving = repo::lock(&mut tx, from).await?.ok_or_else(|| AppError::field("from", t::CHOOSE_SALES_FROM))?;
    let taking = successor(&mut tx, "to", to, Department::Sales, from).await?;
    let moved = repo::hand_over_sales(&mut tx, from, taking.id).await?;
    if moved.clients.is_empty() && moved.contracts.is_empty() {
        return Err(AppError::field("from", t::NOTHING_TO_HAND_OVER));
    }
    record_hand_over(&mut tx, state, actor, &leaving.full_name, &taking.full_name, &moved).await?;
    crate::db::commit(tx).await?;
    tracing::info!(from = %from, to = %taking.id, clients = moved.clients.len(), "portfolio handed over");
    Ok((moved.clients.len(), moved.contracts.len()))
}

/// Deactivation ends the collaborator's access at once (sessions and API tokens); their name
/// stays on their records.
#[tracing::instrument(skip_all, fields(actor = %actor.id, collaborator = %id))]
pub async fn set_active(
    state: &AppState,
    actor: &Actor,
    id: CollaboratorId,
    version: i32,
    active: bool,
) -> Result<(), AppError> {
    ensure(policy::can_administer(actor))?;
    if id == actor.id {
        return Err(AppError::Refused(t::NOT_ON_YOURSELF.to_owned()));
    }
    let mut tx = state.pool.begin().await?;
    let before = locked(&mut tx, id, version).await?;
    if before.active == active {
        return Ok(());
    }
    repo::set_active(&mut tx, id, active).await?;
    if !active {
        access::end_access(&mut tx, id, None, state.clock.now()).await?;
    }
    let action = if active { Action::Reactivate } else { Action::Deactivate };
    record(&mut tx, state, actor, id, action, &Changes::new()).await?;
    crate::db::commit(tx).await?;
    monitoring::collaborator_changed(id, action.code());
    Ok(())
}

/// A new generated password, shown once to this manager; the collaborator's sessions end.
#[tracing::instrument(skip_all, fields(actor = %actor.id, collaborator = %id))]
pub async fn reset_password(state: &AppState, actor: &Actor, id: CollaboratorId) -> Result<(), AppError> {
    ensure(policy::can_administer(actor))?;
    if id == actor.id {
        return Err(AppError::Refused(t::RESET_OWN_PASSWORD.to_owned()));
    }
    let password = generate_password();
    let hash = state.hasher.hash(SecretString::from(password.clone())).await?;
    let mut tx = state.pool.begin().await?;
    repo::lock(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    repo::update_password_hash(&mut *tx, id, &hash).await?;
    repo::require_password_change(&mut *tx, id).await?;
    access::end_access(&mut tx, id, None, state.clock.now()).await?;
    record(&mut tx, state, actor, id, Action::ResetPassword, &Changes::new()).await?;
    reveal::put(&mut tx, &state.password_seal, actor.id, id, &password, state.clock.now()).await?;
    crate::db::commit(tx).await?;
    monitoring::collaborator_changed(id, Action::ResetPassword.code());
    Ok(())
}

/// Deletes a collaborator who is in charge of nothing (a mistaken account, typically); the
/// audit trail keeps their name.
#[tracing::instrument(skip_all, fields(actor = %actor.id, collaborator = %id))]
pub async fn delete(state: &AppState, actor: &Actor, id: CollaboratorId, version: i32) -> Result<(), AppError> {
    ensure(policy::can_delete(actor))?;
    if id == actor.id {
        return Err(AppError::Refused(t::NOT_ON_YOURSELF.to_owned()));
    }
    let mut tx = state.pool.begin().await?;
    let before = locked(&mut tx, id, version).await?;
    check_deletable(&repo::holdings(&mut *tx, id, state.clock.now()).await?)?;
    let changes = Changes::new().field("employee_number", Some(before.employee_number.clone()), None).field(
        "full_name",
        Some(before.full_name.clone()),
        None,
    );
    record(&mut tx, state, actor, id, Action::Delete, &changes).await?;
    access::end_access(&mut tx, id, None, state.clock.now()).await?;
    repo::delete(&mut tx, id).await?;
    crate::db::commit(tx).await?;
    monitoring::collaborator_changed(id, Action::Delete.code());
    Ok(())
}
