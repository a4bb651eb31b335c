//! Board use cases. Everyone signed in reads the boards; moves go through
//! `events::lifecycle::move_to` and `contracts::service::move_to_stage`, as on the records'
//! pages.

use super::contract_model::{ContractBoard, ContractBoardQuery, ContractColumn, ContractCursor};
use super::model::{BoardColumn, Cursor, EventBoard, EventBoardQuery, order_instant};
use super::paging::{BoardAddress, CARDS_READ};
use super::{contract_repo, repo};
use crate::auth::Actor;
use crate::contracts::stage::ContractStage;
use crate::error::AppError;
use crate::events::status::EventStatus;
use crate::state::AppState;

/// Each state's column: its first cards after the query's cursor, and its count. From the
/// primary: a card just moved must show in its new column at once.
pub async fn events_board(state: &AppState, actor: &Actor, query: &EventBoardQuery) -> Result<EventBoard, AppError> {
    let now = state.clock.now();
    let mut columns = Vec::with_capacity(EventStatus::ALL.len());
    for status in EventStatus::ALL {
        let cards = repo::cards(&state.pool, status, actor, query.mine, now, query.after(status), CARDS_READ).await?;
        let total = repo::count(&state.pool, status, actor, query.mine, now).await?;
        columns.push(BoardColumn::from_read(status, cards, total, |card| Cursor {
            at: order_instant(status, &card.event),
            id: card.event.id,
        }));
    }
    Ok(EventBoard { query: query.clone(), columns })
}

/// Each stage's column, as `events_board` (from the primary).
pub async fn contracts_board(
    state: &AppState,
    actor: &Actor,
    query: &ContractBoardQuery,
) -> Result<ContractBoard, AppError> {
    let mut columns = Vec::with_capacity(ContractStage::ALL.len());
    for stage in ContractStage::ALL {
        let cards = contract_repo::cards(&state.pool, stage, actor, query.mine, query.after(stage), CARDS_READ).await?;
        let total = contract_repo::count(&state.pool, stage, actor, query.mine).await?;
        columns.push(ContractColumn::from_read(stage, cards, total, |card| ContractCursor {
            at: super::contract_model::order_instant(stage, card),
            id: card.id,
        }));
    }
    Ok(ContractBoard { query: query.clone(), columns })
}
