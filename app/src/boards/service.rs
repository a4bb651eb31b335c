//! Board use cases. Everyone signed in reads the boards; moves go through
//! `events::lifecycle::move_to`, as on an event's page.

use super::model::{BoardColumn, BoardQuery, CARDS_PER_COLUMN, Cursor, EventBoard, order_instant};
use super::repo;
use crate::auth::Actor;
use crate::error::AppError;
use crate::events::status::EventStatus;
use crate::state::AppState;

/// Each state's column: its first cards after the query's cursor, and its count. From the
/// primary: a card just moved must show in its new column at once.
pub async fn events_board(state: &AppState, actor: &Actor, query: &BoardQuery) -> Result<EventBoard, AppError> {
    let now = state.clock.now();
    let mut columns = Vec::with_capacity(EventStatus::ALL.len());
    for status in EventStatus::ALL {
        let limit = CARDS_PER_COLUMN as i64 + 1;
        let mut cards = repo::cards(&state.pool, status, actor, query.mine, now, query.after(status), limit).await?;
        let next = if cards.len() > CARDS_PER_COLUMN {
            cards.truncate(CARDS_PER_COLUMN);
            cards.last().map(|last| Cursor { at: order_instant(status, &last.event), id: last.event.id })
        } else {
            None
        };
        let total = repo::count(&state.pool, status, actor, query.mine, now).await?;
        columns.push(BoardColumn { status, cards, total, next });
    }
    Ok(EventBoard { query: query.clone(), columns })
}
