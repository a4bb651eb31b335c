//! Event use cases: policy, then the write and its audit record in one transaction.

use super::detail::EventDetail;
use super::model::{EventForm, EventInput, EventPage, EventQuery, EventRow, EventSort, UnassignedEvents};
use super::repo;
use crate::audit::model::{Action, Changes, Entity, stored_instant};
use crate::audit::repo::{self as audit, Author};
use crate::auth::{Actor, Department};
use crate::clients::repo as clients;
use crate::collaborators::repo as collaborators;
use crate::contracts::{self, repo as contracts_repo};
use crate::domain::datetime::paris_today;
use crate::domain::{CollaboratorId, ContractId, EventId};
use crate::error::AppError;
use crate::idempotency::{self, IdempotencyKey};
use crate::listing::{Paging, Sort};
use crate::listing_sql::{CountReuse, Total};
use crate::notifications::model::{NotificationKind as Kind, WatchedField};
use crate::notifications::repo::{self as notifications, Audience};
use crate::planning::repo::Slot;
use crate::planning::service as planning;
use crate::policy::{self, EventField, ensure};
use crate::records::RecordRef;
use crate::state::AppState;

pub async fn list(
    state: &AppState,
    actor: &Actor,
    query: &EventQuery,
    reuse: CountReuse,
) -> Result<EventPage, AppError> {
    let total = state.recent_counts.total(reuse, "events", Some(actor.id), query);
    let today = paris_today(state.clock.now());
    Ok(repo::list(state.read_pool(), query, (actor.id, today), &total).await?)
}

/// Management's queue: events from today on (Paris) without a support contact, soonest first,
/// each with its choice of support (who is free, the least loaded suggested).
pub async fn support_queue(state: &AppState, actor: &Actor, paging: Paging) -> Result<UnassignedEvents, AppError> {
    ensure(policy::can_assign_support(actor))?;
    let query = EventQuery {
        without_support: true,
        from: Some(paris_today(state.clock.now())),
        sort: Sort { key: EventSort::Start, descending: false },
        paging,
        ..EventQuery::default()
    };
    // From the primary: management works through the queue, and an event just assigned must
    // leave it at once.
    let today = paris_today(state.clock.now());
    let page = repo::list(&state.pool, &query, (actor.id, today), &Total::counted()).await?;
    let slots: Vec<_> = page.items.iter().map(Slot::of).collect();
    let assignments = planning::assignments(&state.pool, &slots).await?;
    Ok(UnassignedEvents { page, assignments })
}

/// One event, the row alone (its version included), without the detail page's lists.
pub async fn get(state: &AppState, id: EventId) -> Result<EventRow, AppError> {
    let mut db = state.pool.acquire().await?;
    repo::find(&mut db, id).await?.ok_or(AppError::NotFound)
}

pub async fn detail(state: &AppState, id: EventId) -> Result<EventDetail, AppError> {
    let mut db = state.pool.acquire().await?;
    let event = repo::find(&mut db, id).await?.ok_or(AppError::NotFound)?;
    let contract = contracts_repo::find(&mut db, event.contract_id).await?.ok_or(AppError::NotFound)?;
    let client = clients::find(&mut db, event.client_id).await?.ok_or(AppError::NotFound)?;
    let (place_clashes, support_clashes) = planning::clashes_of(&mut db, &event).await?;
    let now = state.clock.now();
    let upcoming =
        matches!(event.status(now), super::status::EventStatus::ToPlan | super::status::EventStatus::Confirmed);
    let readiness = match upcoming {
        true => Some(crate::readiness::repo::of_event(&mut db, id, paris_today(now)).await?),
        false => None,
    };
    Ok(EventDetail {
        as_of: now,
        readiness,
        place_clashes,
        support_clashes,
        history: audit::history(&mut *db, id).await?,
        notes: crate::notes::service::for_record(&mut db, RecordRef::Event(id), state).await?,
        follow_ups: crate::follow_ups::service::for_record(&mut db, RecordRef::Event(id), state).await?,
        debrief: crate::debriefs::repo::find(&mut db, id).await?,
        client_phone: client.phone_display(),
        client_email: client.email,
        contract,
        event,
    })
}

/// Creates an event for a signed contract; its client is the contract's, never typed.
#[tracing::instrument(skip_all, fields(actor = %actor.id, contract = %contract_id))]
pub async fn create(
    state: &AppState,
    actor: &Actor,
    contract_id: ContractId,
    form: &EventForm,
    key: Option<&IdempotencyKey>,
) -> Result<EventId, AppError> {
    let input = EventInput::try_from(form)?;
    let mut tx = state.pool.begin().await?;
    let contract = contracts_repo::lock(&mut tx, contract_id).await?.ok_or(AppError::NotFound)?;
    ensure(policy::can_create_event(actor, contract.client_sales_contact_id))?;
    contracts::service::ensure_open(contract.client_anonymised)?;
    if !contract.is_signed() {
        return Err(repo::unsigned_contract());
    }
    let request = (contract_id, form);
    let claim =
        match idempotency::claim(&mut tx, actor.id, key, Entity::Event.code(), &request, state.clock.now()).await? {
            idempotency::Claim::Done(id) => return Ok(EventId(id)),
            claim => claim,
        };
    let id = repo::insert(&mut tx, contract_id, contract.client_id, &input).await?;
    idempotency::complete(&mut tx, actor.id, claim, id.0).await?;
    let changes = Changes::new()
        .set("title", &input.title)
        .set("starts_at", stored_instant(input.starts_at))
        .set("ends_at", stored_instant(input.ends_at))
        .set("location", &input.location)
        .set("attendees", input.attendees)
        .field("notes", None, (!input.notes.is_empty()).then(|| input.notes.to_string()));
    audit::record(&mut tx, Author::new(actor.id, state.clock.now()), id, Action::Create, &changes).await?;
    crate::db::commit(tx).await?;
    Ok(id)
}

fn event_changes(before: &EventRow, input: &EventInput) -> Changes {
    Changes::new()
        .diff("title", &before.title, &input.title)
        .diff("starts_at", stored_instant(before.starts_at), stored_instant(input.starts_at))
        .diff("ends_at", stored_instant(before.ends_at), stored_instant(input.ends_at))
        .diff("location", &before.location, &input.location)
        .diff("attendees", before.attendees, input.attendees)
        .diff("notes", &before.notes, &input.notes)
}

/// The fields this update changes, as the policy names them.
fn changed_fields(before: &EventRow, input: &EventInput) -> Vec<EventField> {
    [
        (EventField::Title, before.title != input.title.as_str()),
        (EventField::Dates, before.starts_at != input.starts_at || before.ends_at != input.ends_at),
        (EventField::Location, before.location != input.location.as_str()),
        (EventField::Attendees, before.attendees != input.attendees),
        (EventField::Notes, before.notes != input.notes.as_str()),
    ]
    .into_iter()
    .filter_map(|(field, changed)| changed.then_some(field))
    .collect()
}

/// The changes the event's people hear of (`notifications`).
fn watched(changed: &[EventField]) -> Vec<WatchedField> {
    changed
        .iter()
        .filter_map(|field| match field {
            EventField::Dates => Some(WatchedField::Dates),
            EventField::Location => Some(WatchedField::Location),
            EventField::Attendees => Some(WatchedField::Attendees),
            EventField::Title | EventField::Notes => None,
        })
        .collect()
}

/// A finished or cancelled event refuses its own support contact with the reason (management
/// alone corrects it); anyone else without the right gets a plain refusal.
fn ensure_may_update(actor: &Actor, before: &EventRow, locked: bool) -> Result<(), AppError> {
    policy::event_change(actor, before.support_contact_id, locked).ensure(crate::i18n::fr::EVENT_LOCKED)
}

/// Each changed field must be one the actor may change: support never retitles an event, and
/// nobody types free text into an anonymised client's event (said as such, not as a 403).
fn ensure_may_change(actor: &Actor, before: &EventRow, changed: &[EventField]) -> Result<(), AppError> {
    for &field in changed {
        if policy::can_change_event_field(actor, field, before.client_anonymised) {
            continue;
        }
        return Err(if policy::can_change_event_field(actor, field, false) {
            AppError::Refused(crate::i18n::fr::CLIENT_ANONYMISED_NO_CHANGE.to_owned())
        } else {
            AppError::Forbidden
        });
    }
    Ok(())
}

#[tracing::instrument(skip_all, fields(actor = %actor.id, event = %id))]
pub async fn update(
    state: &AppState,
    actor: &Actor,
    id: EventId,
    version: i32,
    form: &EventForm,
) -> Result<(), AppError> {
    let input = EventInput::try_from(form)?;
    let mut tx = state.pool.begin().await?;
    let before = repo::lock(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    ensure_may_update(actor, &before, before.status(state.clock.now()).is_locked())?;
    if before.version != version {
        return Err(AppError::Conflict);
    }
    let changed = changed_fields(&before, &input);
    ensure_may_change(actor, &before, &changed)?;
    let changes = event_changes(&before, &input);
    if changes.is_empty() {
        return Ok(());
    }
    repo::update(&mut tx, id, &input).await?;
    let now = state.clock.now();
    audit::record(&mut tx, Author::new(actor.id, now), id, Action::Update, &changes).await?;
    let watched = watched(&changed);
    if !watched.is_empty() {
        notifications::about_event(&mut tx, Kind::EventChanged, id, Audience::SupportAndSales, actor.id, &watched, now)
            .await?;
    }
    crate::db::commit(tx).await?;
    Ok(())
}

/// Assigns (or, with `None`, removes) the event's support contact: a support collaborator, free
/// at that time (travel buffer included) unless management gives a reason for booking them
/// twice (`override_reason`), which the audit keeps with what is overlapped.
#[tracing::instrument(skip_all, fields(actor = %actor.id, event = %id))]
pub async fn assign_support(
    state: &AppState,
    actor: &Actor,
    id: EventId,
    version: i32,
    support_contact_id: Option<CollaboratorId>,
    override_reason: Option<&str>,
) -> Result<(), AppError> {
    ensure(policy::can_assign_support(actor))?;
    let mut tx = state.pool.begin().await?;
    let before = repo::lock(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    if before.version != version {
        return Err(AppError::Conflict);
    }
    if before.is_cancelled() {
        return Err(AppError::Refused(crate::i18n::fr::EVENT_CANCELLED_NO_SUPPORT.to_owned()));
    }
    let new_contact = match support_contact_id {
        None => None,
        Some(candidate) => Some(
            collaborators::find_active(&mut *tx, candidate)
                .await?
                .filter(|c| c.department == Department::Support)
                .ok_or_else(|| AppError::field("support_contact_id", crate::i18n::fr::CHOOSE_ACTIVE_SUPPORT))?,
        ),
    };
    if new_contact.as_ref().map(|c| c.id) == before.support_contact_id {
        return Ok(());
    }
    let overridden = match &new_contact {
        Some(contact) => planning::check_free(&mut tx, &before, contact, override_reason).await?,
        None => None,
    };
    repo::set_support(&mut tx, id, new_contact.as_ref().map(|c| c.id)).await?;
    let now = state.clock.now();
    if new_contact.is_some() {
        notifications::about_event(&mut tx, Kind::EventAssigned, id, Audience::Support, actor.id, &[], now).await?;
    }
    let mut changes =
        Changes::new().field("support_contact", before.support_contact_name.clone(), new_contact.map(|c| c.full_name));
    if let Some(overridden) = &overridden {
        changes = overridden.changes(changes);
    }
    audit::record(&mut tx, Author::new(actor.id, now), id, Action::AssignSupport, &changes).await?;
    crate::db::commit(tx).await?;
    Ok(())
}

/// Deletes an event. Returns its contract, where the user goes next.
#[tracing::instrument(skip_all, fields(actor = %actor.id, event = %id))]
pub async fn delete(state: &AppState, actor: &Actor, id: EventId) -> Result<ContractId, AppError> {
    ensure(policy::can_delete(actor))?;
    let mut tx = state.pool.begin().await?;
    let event = repo::lock(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let changes = Changes::new().field("title", Some(event.title.clone()), None).field(
        "starts_at",
        Some(stored_instant(event.starts_at)),
        None,
    );
    audit::record(&mut tx, Author::new(actor.id, state.clock.now()), id, Action::Delete, &changes).await?;
    repo::delete(&mut tx, id).await?;
    crate::db::commit(tx).await?;
    Ok(event.contract_id)
}
