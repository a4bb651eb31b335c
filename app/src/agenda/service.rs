//! The calendar's data: the view's days, its events under the filters, whom the filters offer.

use super::model::{Agenda, AgendaQuery, range};
use crate::auth::{Actor, Department};
use crate::collaborators::repo as collaborators;
use crate::domain::datetime::paris_today;
use crate::error::AppError;
use crate::state::AppState;

pub async fn agenda(state: &AppState, actor: &Actor, query: AgendaQuery) -> Result<Agenda, AppError> {
    let now = state.clock.now();
    let today = paris_today(now);
    let day = query.date.unwrap_or(today);
    let (first, last) = range(query.view, day);
    let filter = query.events(actor);
    let pool = state.read_pool();
    let (events, supports, salespeople) = tokio::try_join!(
        crate::events::repo::agenda(pool, &filter, (actor.id, today), (first, last), query.view.per_day()),
        collaborators::choices(pool, Some(Department::Support)),
        collaborators::choices(pool, Some(Department::Sales)),
    )?;
    Ok(Agenda { query, now, today, day, first, last, events, filter, supports, salespeople })
}
