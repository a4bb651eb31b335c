//! Debrief use cases: policy, then the write, its audit record and (the first time) the sales
//! contact's follow-up for the next edition, in one transaction.

use super::model::{DebriefForm, DebriefInput, DebriefRow, next_edition_due};
use super::repo;
use crate::audit::model::{Action, Changes};
use crate::audit::repo::{self as audit, Author};
use crate::auth::Actor;
use crate::domain::{EventId, FollowUpId, FollowUpTitle};
use crate::error::AppError;
use crate::events::status::EventStatus;
use crate::follow_ups::model::FollowUpInput;
use crate::i18n::fr as t;
use crate::policy::{self, ensure};
use crate::records::RecordRef;
use crate::state::AppState;

/// The event's debrief, if written.
pub async fn get(state: &AppState, event: EventId) -> Result<Option<DebriefRow>, AppError> {
    let mut db = state.pool.acquire().await?;
    Ok(repo::find(&mut db, event).await?)
}

/// Writes the debrief of a finished event, or corrects it (`version`: the debrief's, 0 before
/// the first). The first one sets the client's sales contact a follow-up to propose the next
/// edition, `NEXT_EDITION_MONTHS` after the event; its id is returned.
#[tracing::instrument(skip_all, fields(actor = %actor.id, event = %id))]
pub async fn save(
    state: &AppState,
    actor: &Actor,
    id: EventId,
    version: i32,
    form: &DebriefForm,
) -> Result<Option<FollowUpId>, AppError> {
    let input = DebriefInput::try_from(form)?;
    let now = state.clock.now();
    let mut tx = state.pool.begin().await?;
    let event = crate::events::repo::lock(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    ensure(policy::can_write_debrief(actor, event.support_contact_id))?;
    crate::contracts::service::ensure_open(event.client_anonymised)?;
    if event.status(now) != EventStatus::Finished {
        return Err(AppError::Refused(t::DEBRIEF_AFTER_THE_EVENT.to_owned()));
    }
    let before = repo::find(&mut tx, id).await?;
    if before.as_ref().map_or(0, |d| d.version) != version {
        return Err(AppError::Conflict);
    }
    repo::save(&mut tx, id, &input, actor.id, now).await?;
    let changes = match &before {
        Some(b) => Changes::new().diff("satisfaction", b.satisfaction, input.satisfaction).diff(
            "actual_attendees",
            b.actual_attendees,
            input.actual_attendees,
        ),
        None => Changes::new().set("satisfaction", input.satisfaction).set("actual_attendees", input.actual_attendees),
    };
    audit::record(&mut tx, Author::new(actor.id, now), id, Action::Debrief, &changes).await?;
    let follow_up = match before {
        Some(_) => None,
        None => {
            let owners = crate::records::owners(&mut tx, RecordRef::Event(id)).await?.ok_or(AppError::NotFound)?;
            let reminder = FollowUpInput {
                title: FollowUpTitle::parse(&t::next_edition(&event.title)).map_err(|_| AppError::Internal)?,
                // A debrief written long after the event still leaves the seller time.
                due_on: next_edition_due(event.ends_at).max(crate::domain::datetime::paris_today(now)),
                owner_id: None,
            };
            let owner = owners.sales_contact_id;
            Some(crate::follow_ups::repo::insert(&mut tx, &owners, Some(id), &reminder, owner, actor.id, now).await?)
        }
    };
    crate::db::commit(tx).await?;
    Ok(follow_up)
}
