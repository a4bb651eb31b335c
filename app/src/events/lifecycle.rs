//! Moving an event between states: confirmed, back to planned, cancelled with a reason,
//! restored. The same rules and the same version check serve the event's page, the boards and
//! the REST API.

use super::repo;
use super::status::{EventMove, EventStatus};
use crate::audit::model::{Action, Changes};
use crate::audit::repo::{self as audit, Author};
use crate::auth::Actor;
use crate::domain::{EventId, Reason};
use crate::error::AppError;
use crate::notifications::model::NotificationKind;
use crate::notifications::repo::{self as notifications, Audience};
use crate::planning::service as planning;
use crate::policy::{self, ensure};
use crate::records::{self, RecordRef};
use crate::state::AppState;

/// What a move did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moved {
    pub event_move: EventMove,
    /// A restored event whose support collaborator was booked elsewhere meanwhile comes back
    /// without them (it joins the support queue) rather than booking them twice.
    pub support_dropped: bool,
}

/// Takes the event to `target` (`reason`: why it is cancelled, required then and only then).
#[tracing::instrument(skip_all, fields(actor = %actor.id, event = %id, target = target.code()))]
pub async fn move_to(
    state: &AppState,
    actor: &Actor,
    id: EventId,
    version: i32,
    target: EventStatus,
    reason: Option<&str>,
) -> Result<Moved, AppError> {
    let mut tx = state.pool.begin().await?;
    let before = repo::lock(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let owners = records::owners(&mut tx, RecordRef::Event(id)).await?.ok_or(AppError::NotFound)?;
    let now = state.clock.now();
    let from = before.status(now);
    // What the move would be decides who may make it; a refused move says why, in the
    // rules' words, before anything else.
    let event_move = EventMove::between(from, target).map_err(|why| AppError::Refused(why.to_owned()))?;
    ensure(policy::can_move_event(actor, event_move, &owners))?;
    if before.version != version {
        return Err(AppError::Conflict);
    }
    let reason = match (event_move, reason.map(str::trim).filter(|r| !r.is_empty())) {
        (EventMove::Cancel, Some(raw)) => Some(Reason::parse(raw).map_err(|m| AppError::field("reason", m))?),
        (EventMove::Cancel, None) => return Err(AppError::field("reason", crate::i18n::fr::CANCEL_REASON_REQUIRED)),
        _ => None,
    };
    let (confirmed_at, cancelled) = match event_move {
        EventMove::Confirm => (Some(now), None),
        EventMove::Unconfirm | EventMove::Restore => (None, None),
        EventMove::Cancel => (None, reason.as_ref().map(|r| (now, r.as_str()))),
    };
    repo::set_state(&mut tx, id, confirmed_at, cancelled).await?;
    // Where the event is now: a restored event whose dates have passed is finished.
    let after = EventStatus::of(confirmed_at.is_some(), cancelled.is_some(), (before.starts_at, before.ends_at), now);
    let mut changes = Changes::new().diff("status", from.label(), after.label());
    if let Some(reason) = &reason {
        changes = changes.set("reason", reason.as_str());
    }
    let support_dropped = match (event_move, before.support_contact_id) {
        (EventMove::Restore, Some(support)) => !planning::is_still_free(&mut tx, &before, support).await?,
        _ => false,
    };
    if support_dropped {
        repo::set_support(&mut tx, id, None).await?;
        changes = changes.field("support_contact", before.support_contact_name.clone(), None);
    }
    audit::record(&mut tx, Author::new(actor.id, now), id, action(event_move), &changes).await?;
    if event_move == EventMove::Cancel {
        notifications::about_event(
            &mut tx,
            NotificationKind::EventCancelled,
            id,
            Audience::SupportAndSales,
            actor.id,
            &[],
            now,
        )
        .await?;
    }
    crate::db::commit(tx).await?;
    Ok(Moved { event_move, support_dropped })
}

fn action(event_move: EventMove) -> Action {
    match event_move {
        EventMove::Confirm => Action::Confirm,
        EventMove::Unconfirm => Action::Unconfirm,
        EventMove::Cancel => Action::Cancel,
        EventMove::Restore => Action::Restore,
    }
}
