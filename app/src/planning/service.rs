//! Planning use cases: the choice of an event's support (who is free, how loaded), the check
//! that books nobody twice without a reason, and the travel buffer setting.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{PgConnection, PgPool};

use super::model::{Assignment, Candidate, Clash, parse_travel_buffer, rank, week_around};
use super::repo::{self, Slot};
use crate::audit::model::{Action, Changes, Setting, stored_instant};
use crate::audit::repo::{self as audit, Author};
use crate::auth::Actor;
use crate::domain::{CollaboratorId, EventId, Reason};
use crate::error::AppError;
use crate::events::model::EventRow;
use crate::i18n::fr as t;
use crate::policy::{self, ensure};
use crate::state::AppState;

impl Slot {
    pub fn of(event: &EventRow) -> Self {
        Slot { id: event.id, starts_at: event.starts_at, ends_at: event.ends_at }
    }
}

/// The choice of support for one event (management): who is busy, and with what.
pub async fn assignment(state: &AppState, actor: &Actor, id: EventId) -> Result<Assignment, AppError> {
    ensure(policy::can_assign_support(actor))?;
    let mut db = state.pool.acquire().await?;
    let event = crate::events::repo::find(&mut db, id).await?.ok_or(AppError::NotFound)?;
    let slots = [Slot::of(&event)];
    let mut clashes: HashMap<_, Vec<Clash>> = HashMap::new();
    for (slot, support, clash) in repo::support_clashes(&mut db, &slots, None).await? {
        clashes.entry((slot, support)).or_default().push(clash);
    }
    let weeks = Weeks::of(&mut db, &slots).await?;
    weeks.choices(clashes).pop().ok_or(AppError::NotFound)
}

/// The choice of support for each of `slots` (the support queue), in their order: who is busy,
/// not with what. Three queries whatever their number; who is busy (one index probe per slot
/// and person, the longest) is asked on a connection of its own while the weeks are read.
pub async fn assignments(pool: &PgPool, slots: &[Slot]) -> Result<Vec<Assignment>, AppError> {
    let busy = async { Ok::<_, AppError>(repo::busy_supports(&mut *pool.acquire().await?, slots).await?) };
    let weeks = async { Weeks::of(&mut *pool.acquire().await?, slots).await };
    let (busy, weeks) = tokio::try_join!(busy, weeks)?;
    Ok(weeks.choices(busy.into_iter().map(|key| (key, Vec::new())).collect()))
}

/// A week's Monday (Paris) and its bounds.
type Week = (NaiveDate, DateTime<Utc>, DateTime<Utc>);

/// What the choice for some slots needs besides who is busy: the travel buffer, each slot's
/// week, and each active support collaborator's load in those weeks.
struct Weeks<'a> {
    buffer: i32,
    weeks: Vec<(&'a Slot, Week)>,
    loads: HashMap<DateTime<Utc>, Vec<Candidate>>,
}

impl<'a> Weeks<'a> {
    async fn of(db: &mut PgConnection, slots: &'a [Slot]) -> Result<Self, AppError> {
        let buffer = repo::travel_buffer_minutes(&mut *db).await?;
        // Dates the database holds always have a week; an impossible one is left out, not a 500.
        let weeks: Vec<_> = slots.iter().filter_map(|slot| Some((slot, week_around(slot.starts_at)?))).collect();
        let mut bounds: Vec<(DateTime<Utc>, DateTime<Utc>)> =
            weeks.iter().map(|(_, (_, from, to))| (*from, *to)).collect();
        bounds.sort();
        bounds.dedup();
        let mut loads: HashMap<DateTime<Utc>, Vec<Candidate>> = HashMap::new();
        for (week_start, candidate) in repo::week_loads(&mut *db, &bounds).await? {
            loads.entry(week_start).or_default().push(candidate);
        }
        Ok(Weeks { buffer, weeks, loads })
    }

    /// Each slot's candidates with their week's load, busy when `clashes` names them for it
    /// (with the events in the way, or none when only who is busy was asked).
    fn choices(self, mut clashes: HashMap<(EventId, CollaboratorId), Vec<Clash>>) -> Vec<Assignment> {
        let Weeks { buffer, weeks, loads } = self;
        weeks
            .into_iter()
            .map(|(slot, (monday, from, _))| {
                let mut candidates = loads.get(&from).cloned().unwrap_or_default();
                for candidate in &mut candidates {
                    if let Some(in_the_way) = clashes.remove(&(slot.id, candidate.id)) {
                        candidate.busy = true;
                        candidate.clashes = in_the_way;
                    }
                }
                rank(&mut candidates);
                Assignment { event_id: slot.id, week_of: monday, travel_buffer_minutes: buffer, candidates }
            })
            .collect()
    }
}

/// A double booking management chose, and why: the audit keeps both.
#[derive(Debug)]
pub struct Override {
    pub reason: Reason,
    pub clashes: Vec<Clash>,
}

impl Override {
    /// The audit's record of the booking overridden. The events in the way are named by id and
    /// time, not title: a title often names another client, whose erasure would not reach this
    /// event's trail.
    pub fn changes(&self, changes: Changes) -> Changes {
        let clashes: Vec<String> = self
            .clashes
            .iter()
            .map(|c| format!("{} ({} → {})", c.event_id, stored_instant(c.starts_at), stored_instant(c.ends_at)))
            .collect();
        changes.set("override_reason", self.reason.as_str()).set("clashes", clashes.join(" ; "))
    }
}

/// Checks that `support` is free for `event`, travel buffer included, holding their calendar
/// until the transaction ends. Busy, they are booked only with a reason (`override_reason`),
/// returned for the audit; without one, the refusal names what is in the way.
pub async fn check_free(
    tx: &mut PgConnection,
    event: &EventRow,
    support: &Actor,
    override_reason: Option<&str>,
) -> Result<Option<Override>, AppError> {
    repo::lock_support_calendar(tx, support.id).await?;
    let clashes = clashes_with(tx, event, support.id).await?;
    if clashes.is_empty() {
        return Ok(None);
    }
    let Some(raw) = override_reason.map(str::trim).filter(|r| !r.is_empty()) else {
        let buffer = repo::travel_buffer_minutes(&mut *tx).await?;
        let refusal = AppError::field("override_reason", t::double_booked(&support.full_name, buffer, &clashes));
        return Err(refusal.keeping(&[("support_contact_id", &support.id.to_string())]));
    };
    let reason = Reason::parse(raw).map_err(|m| {
        // Kept for the form, within what the field takes: the refusal travels in an address.
        let kept: String = raw.chars().take(Reason::MAX_CHARS).collect();
        AppError::field("override_reason", m)
            .keeping(&[("support_contact_id", &support.id.to_string()), ("override_reason", &kept)])
    })?;
    Ok(Some(Override { reason, clashes }))
}

/// `support`'s first events too close to `event` (travel buffer included).
async fn clashes_with(
    db: &mut PgConnection,
    event: &EventRow,
    support: CollaboratorId,
) -> Result<Vec<Clash>, AppError> {
    let found = repo::support_clashes(db, &[Slot::of(event)], Some(support)).await?;
    Ok(found.into_iter().map(|(_, _, clash)| clash).collect())
}

/// Whether `support` is free for `event`, holding their calendar until the
/// transaction ends: a cancelled event coming back may have lost its place in their day.
pub async fn is_still_free(tx: &mut PgConnection, event: &EventRow, support: CollaboratorId) -> Result<bool, AppError> {
    repo::lock_support_calendar(tx, support).await?;
    Ok(clashes_with(tx, event, support).await?.is_empty())
}

/// The events at the same place at the same time as `event`, and those its support contact has
/// too close to it: shown on the event's page.
pub async fn clashes_of(db: &mut PgConnection, event: &EventRow) -> Result<(Vec<Clash>, Vec<Clash>), AppError> {
    if event.is_cancelled() {
        return Ok((Vec::new(), Vec::new()));
    }
    let place = repo::place_clashes(&mut *db, event.id).await?;
    let support = match event.support_contact_id {
        Some(support) => clashes_with(db, event, support).await?,
        None => Vec::new(),
    };
    Ok((place, support))
}

pub async fn travel_buffer(state: &AppState, actor: &Actor) -> Result<i32, AppError> {
    ensure(policy::can_assign_support(actor))?;
    Ok(repo::travel_buffer_minutes(&state.pool).await?)
}

/// Management sets the travel buffer, in minutes; audited.
#[tracing::instrument(skip_all, fields(actor = %actor.id))]
pub async fn set_travel_buffer(state: &AppState, actor: &Actor, raw: &str) -> Result<(), AppError> {
    ensure(policy::can_assign_support(actor))?;
    let minutes = parse_travel_buffer(raw).map_err(|m| AppError::field("travel_buffer_minutes", m))?;
    let mut tx = state.pool.begin().await?;
    let before = repo::lock_travel_buffer_minutes(&mut *tx).await?;
    if before == minutes {
        return Ok(());
    }
    let now = state.clock.now();
    repo::set_travel_buffer_minutes(&mut *tx, minutes, now).await?;
    let changes = Changes::new().diff("travel_buffer_minutes", before, minutes);
    audit::record(&mut tx, Author::new(actor.id, now), Setting, Action::ChangeSetting, &changes).await?;
    crate::db::commit(tx).await?;
    Ok(())
}
