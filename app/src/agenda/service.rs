//! The calendar's data: the view's days, its events under the filters, whom the filters offer.

use super::model::{Agenda, AgendaQuery, range};
use crate::auth::{Actor, Department};
use crate::collaborators::repo as collaborators;
use crate::domain::datetime::paris_today;
use crate::error::AppError;
use crate::events::model::EventQuery;
use crate::state::AppState;

pub async fn agenda(state: &AppState, actor: &Actor, query: AgendaQuery) -> Result<Agenda, AppError> {
    let now = state.clock.now();
    let today = paris_today(now);
    let day = query.date.unwrap_or(today);
    let (first, last) = range(query.view, day);
    // "Mine" is what the feed shows: a salesperson's clients' events, else those assigned to me.
    let my_clients = query.mine && actor.department == Department::Sales;
    let events = EventQuery {
        mine: query.mine && !my_clients,
        support: query.support,
        sales: if my_clients { Some(actor.id) } else { query.sales },
        without_support: query.without_support,
        ..Default::default()
    };
    let pool = state.read_pool();
    let (events, supports, salespeople) = tokio::try_join!(
        crate::events::repo::agenda(pool, &events, actor.id, (first, last), query.view.per_day()),
        collaborators::choices(pool, Some(Department::Support)),
        collaborators::choices(pool, Some(Department::Sales)),
    )?;
    Ok(Agenda { query, now, today, day, first, last, events, supports, salespeople })
}
