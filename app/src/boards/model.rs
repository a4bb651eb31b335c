//! The events board as the browser shows it: one column per state, each with its first cards,
//! its (capped) count, and where its next cards start.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::paging::{BoardAddress, Lane};
use crate::domain::{CollaboratorId, EventId};
use crate::events::model::EventRow;
use crate::events::status::EventStatus;
use crate::records::RecordOwners;

/// Where an events board's column starts.
pub type Cursor = super::paging::Cursor<EventId>;

/// What the board shows: everyone's events, or the user's own (their clients' for sales, the
/// ones they run for support), and where each column starts.
/// Each column's cursor is named by its state's code, in the address as here.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventBoardQuery {
    #[serde(default)]
    pub mine: bool,
    pub to_plan: Option<Cursor>,
    pub confirmed: Option<Cursor>,
    pub ongoing: Option<Cursor>,
    pub finished: Option<Cursor>,
    pub cancelled: Option<Cursor>,
}

impl Lane for EventStatus {
    const ALL: &'static [Self] = &EventStatus::ALL;

    fn code(self) -> &'static str {
        EventStatus::code(self)
    }
}

impl BoardAddress for EventBoardQuery {
    type Lane = EventStatus;
    type Id = EventId;
    const ROUTE: &'static str = crate::routes::EVENT_BOARD;

    fn mine(&self) -> bool {
        self.mine
    }

    fn mine_mut(&mut self) -> &mut bool {
        &mut self.mine
    }

    fn after(&self, status: EventStatus) -> Option<Cursor> {
        match status {
            EventStatus::ToPlan => self.to_plan,
            EventStatus::Confirmed => self.confirmed,
            EventStatus::Ongoing => self.ongoing,
            EventStatus::Finished => self.finished,
            EventStatus::Cancelled => self.cancelled,
        }
    }

    fn after_mut(&mut self, status: EventStatus) -> &mut Option<Cursor> {
        match status {
            EventStatus::ToPlan => &mut self.to_plan,
            EventStatus::Confirmed => &mut self.confirmed,
            EventStatus::Ongoing => &mut self.ongoing,
            EventStatus::Finished => &mut self.finished,
            EventStatus::Cancelled => &mut self.cancelled,
        }
    }
}

/// An event on the board, with its client's current sales contact (who may cancel it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct BoardCard {
    #[cfg_attr(feature = "ssr", sqlx(flatten))]
    pub event: EventRow,
    pub client_sales_contact_id: CollaboratorId,
}

impl BoardCard {
    pub fn owners(&self) -> RecordOwners {
        RecordOwners {
            client_id: self.event.client_id,
            contract_id: Some(self.event.contract_id),
            sales_contact_id: self.client_sales_contact_id,
            support_contact_id: self.event.support_contact_id,
            client_anonymised: self.event.client_anonymised,
        }
    }
}

/// One state's column.
pub type BoardColumn = super::paging::Column<EventStatus, BoardCard, EventId>;

/// Each card sits in the column of its state when the board was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventBoard {
    pub query: EventBoardQuery,
    /// In `EventStatus::ALL`'s order.
    pub columns: Vec<BoardColumn>,
}

/// The instant a column is ordered by, for a card of it.
pub fn order_instant(status: EventStatus, event: &EventRow) -> DateTime<Utc> {
    match status {
        EventStatus::ToPlan | EventStatus::Confirmed => event.starts_at,
        EventStatus::Ongoing | EventStatus::Finished => event.ends_at,
        EventStatus::Cancelled => event.cancelled_at.unwrap_or(event.updated_at),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_column_pages_on_its_own_in_the_address() {
        let get = |name: &str| match name {
            "confirmed" => Some("2026-06-04T08:00:00Z~00000000-0000-0000-0000-000000000007".to_owned()),
            "mine" => Some("1".to_owned()),
            _ => None,
        };
        let query = EventBoardQuery::from_params(&get).unwrap();
        assert!(query.mine);
        assert!(query.after(EventStatus::Confirmed).is_some());
        assert!(query.after(EventStatus::ToPlan).is_none());
        let back = query.with_column(EventStatus::Confirmed, None);
        assert_eq!(back, "/evenements/tableau?mine=1");
        let bad = |name: &str| (name == "finished").then(|| "hier".to_owned());
        assert!(EventBoardQuery::from_params(&bad).unwrap_err().field_message("finished").is_some());
    }
}
