//! Notification use cases. Everyone reads and marks only their own: every query is scoped to
//! the signed-in collaborator, so another's notification id is "not found".

use chrono::Duration;

use super::model::{KEPT_FOR_DAYS, NotificationList, NotificationRow, WITHOUT_SUPPORT_WITHIN_DAYS};
use super::repo;
use crate::auth::Actor;
use crate::domain::{CollaboratorId, NotificationId};
use crate::error::AppError;
use crate::state::AppState;

/// How long a notification is kept, read or not.
pub const KEPT_FOR: Duration = Duration::days(KEPT_FOR_DAYS);

pub async fn list(state: &AppState, actor: &Actor) -> Result<NotificationList, AppError> {
    let (items, unread) =
        tokio::try_join!(repo::list(&state.pool, actor.id), repo::unread_count(&state.pool, actor.id))?;
    Ok(NotificationList { items, unread })
}

/// The bell's number, on every page: kept by the instance until a change of theirs is heard
/// (`live::Hub`), else read.
pub async fn unread(state: &AppState, recipient: CollaboratorId) -> Result<i64, AppError> {
    let hub = &state.notifications;
    if let Some(count) = hub.cached_unread(recipient) {
        return Ok(count);
    }
    let before = hub.changes_heard();
    let count = repo::unread_count(&state.pool, recipient).await?;
    hub.keep_unread(recipient, count, before);
    Ok(count)
}

/// Marks one read and returns it (its page is where the collaborator goes next).
pub async fn open(state: &AppState, actor: &Actor, id: NotificationId) -> Result<NotificationRow, AppError> {
    let mut db = state.pool.acquire().await?;
    repo::mark_read(&mut db, id, actor.id, state.clock.now()).await?.ok_or(AppError::NotFound)
}

pub async fn read_all(state: &AppState, actor: &Actor) -> Result<u64, AppError> {
    Ok(repo::mark_all_read(&state.pool, actor.id, state.clock.now()).await?)
}

/// What the clock brings, said once each whichever instance looks first: follow-ups due today
/// (to their owners), events less than `WITHOUT_SUPPORT_WITHIN_DAYS` away without support (to
/// management), and what the payment schedules bring (`payments::service::announce_due`).
/// Returns how many notifications were added.
pub async fn announce_due(state: &AppState) -> Result<u64, AppError> {
    let now = state.clock.now();
    let today = crate::domain::datetime::paris_today(now);
    let due = repo::announce_due_follow_ups(&state.pool, today, now).await?;
    let until = now + Duration::days(WITHOUT_SUPPORT_WITHIN_DAYS);
    let unstaffed = repo::announce_events_without_support(&state.pool, now, until).await?;
    let payments = crate::payments::service::announce_due(state).await?;
    Ok(due + unstaffed + payments)
}

/// Forgets the notifications older than `KEPT_FOR`.
pub async fn purge(state: &AppState) -> Result<u64, AppError> {
    let mut db = state.pool.acquire().await?;
    Ok(repo::purge(&mut db, state.clock.now() - KEPT_FOR).await?)
}

/// How often each instance looks for what the clock brings (and, with a mailer, for digests due).
pub const LOOK_EVERY: std::time::Duration = std::time::Duration::from_secs(5 * 60);

/// Runs `announce_due` (and the daily digest when a mailer is configured) every `LOOK_EVERY`.
pub async fn announce_periodically(state: AppState, mailer: Option<super::digest::Mailer>) {
    let mut ticks = tokio::time::interval(LOOK_EVERY);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        if let Err(error) = announce_due(&state).await {
            tracing::warn!(%error, "notifications: announcing what is due failed");
        }
        if let Some(mailer) = &mailer
            && let Err(error) = super::digest::send_due(&state, mailer).await
        {
            tracing::warn!(%error, "notifications: sending the daily digests failed");
        }
    }
}
