//! Follow-up use cases: the rules, then the write, in one transaction. A follow-up records who
//! set it and who did it.

use chrono::Duration;
use sqlx::PgConnection;

use super::model::{FollowUpForm, FollowUpInput, FollowUpList, FollowUpRow, FollowUpScope};
use super::repo;
use crate::auth::Actor;
use crate::collaborators::repo as collaborators;
use crate::domain::FollowUpId;
use crate::domain::datetime::paris_today;
use crate::error::AppError;
use crate::idempotency::{self, IdempotencyKey};
use crate::policy::{self, ensure};
use crate::records::RecordRef;
use crate::state::AppState;

/// How long a done follow-up stays in "Mes relances", to be undone.
pub const RECENTLY_DONE: Duration = Duration::days(7);

/// The open follow-ups a record's page shows, with whom a new one can be for.
pub async fn for_record(db: &mut PgConnection, record: RecordRef, state: &AppState) -> Result<FollowUpList, AppError> {
    Ok(FollowUpList {
        items: repo::open_for_record(db, record).await?,
        today: paris_today(state.clock.now()),
        colleagues: collaborators::list_all_active(&mut *db).await?,
    })
}

/// "Mes relances": the caller's, or everyone's overdue ones for management.
pub async fn list(state: &AppState, actor: &Actor, scope: FollowUpScope) -> Result<FollowUpList, AppError> {
    let now = state.clock.now();
    let today = paris_today(now);
    let mut db = state.pool.acquire().await?;
    let items = match scope {
        FollowUpScope::Mine => repo::of_owner(&mut db, actor.id, now - RECENTLY_DONE).await?,
        FollowUpScope::TeamOverdue => {
            ensure(policy::can_see_team_follow_ups(actor))?;
            repo::overdue(&mut db, today).await?
        }
    };
    Ok(FollowUpList { items, today, colleagues: Vec::new() })
}

/// The open follow-ups about a record, for the API: the record must exist.
pub async fn open_for(state: &AppState, record: RecordRef) -> Result<FollowUpList, AppError> {
    let mut db = state.pool.acquire().await?;
    crate::records::owners(&mut db, record).await?.ok_or(AppError::NotFound)?;
    Ok(FollowUpList {
        items: repo::open_for_record(&mut db, record).await?,
        today: paris_today(state.clock.now()),
        colleagues: Vec::new(),
    })
}

pub async fn get(state: &AppState, id: FollowUpId) -> Result<FollowUpRow, AppError> {
    let mut db = state.pool.acquire().await?;
    repo::find(&mut db, id).await?.ok_or(AppError::NotFound)
}

/// Sets a follow-up on a record, for its owner (the caller unless another active collaborator
/// is chosen).
#[tracing::instrument(skip_all, fields(actor = %actor.id))]
pub async fn add(
    state: &AppState,
    actor: &Actor,
    record: RecordRef,
    form: &FollowUpForm,
    key: Option<&IdempotencyKey>,
) -> Result<FollowUpId, AppError> {
    let now = state.clock.now();
    let mut tx = state.pool.begin().await?;
    let owners = crate::records::owners(&mut tx, record).await?.ok_or(AppError::NotFound)?;
    ensure(policy::can_write_on_record(actor, &owners))?;
    let input = FollowUpInput::parse(form, paris_today(now))?;
    let claim = match idempotency::claim(&mut tx, actor.id, key, "follow_up", &(record, form), now).await? {
        idempotency::Claim::Done(id) => return Ok(FollowUpId(id)),
        claim => claim,
    };
    let owner = match input.owner_id {
        None => actor.id,
        Some(id) => collaborators::find_active(&mut *tx, id).await?.map(|c| c.id).ok_or_else(|| {
            AppError::field("owner_id", crate::i18n::fr::FOLLOW_UP_OWNER_INVALID).keeping(&form.submitted())
        })?,
    };
    let id = repo::insert(&mut tx, &owners, record.event_id(), &input, owner, actor.id, now).await?;
    idempotency::complete(&mut tx, actor.id, claim, id.0).await?;
    crate::db::commit(tx).await?;
    Ok(id)
}

/// Marks a follow-up done, or to do again (`Some(false)`); `None` (nothing said) is refused once
/// the follow-up is found. Doing what is already done changes nothing.
#[tracing::instrument(skip_all, fields(actor = %actor.id, follow_up = %id))]
pub async fn set_done(
    state: &AppState,
    actor: &Actor,
    id: FollowUpId,
    done: Option<bool>,
) -> Result<FollowUpRow, AppError> {
    let mut tx = state.pool.begin().await?;
    let row = repo::lock(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    ensure(policy::can_complete_follow_up(actor, row.owner_id, row.created_by))?;
    let done = done.ok_or_else(|| AppError::field("done", crate::i18n::fr::FOLLOW_UP_DONE_REQUIRED))?;
    if row.done_at.is_some() != done {
        repo::set_done(&mut tx, id, done.then(|| (actor.id, state.clock.now()))).await?;
    }
    crate::db::commit(tx).await?;
    Ok(row)
}
