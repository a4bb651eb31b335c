//! The events board as the browser shows it: one column per state, each with its first cards,
//! its (capped) count, and where its next cards start.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::{CollaboratorId, EventId};
use crate::error::AppError;
use crate::events::model::EventRow;
use crate::events::status::EventStatus;
use crate::i18n::fr as t;
use crate::listing::{ParamReader, QueryString};
use crate::records::RecordOwners;

/// Cards per column and page.
pub const CARDS_PER_COLUMN: usize = 20;

/// Where a column's next cards start: the last card shown, by the column's order (its instant,
/// then its id). Written `2026-06-04T08:00:00Z~<uuid>` in the address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Cursor {
    pub at: DateTime<Utc>,
    pub id: EventId,
}

impl Cursor {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let (at, id) = raw.split_once('~').ok_or_else(|| t::BOARD_CURSOR_INVALID.to_owned())?;
        let at = DateTime::parse_from_rfc3339(at).map_err(|_| t::BOARD_CURSOR_INVALID.to_owned())?.to_utc();
        let id = id.parse().map_err(|_| t::BOARD_CURSOR_INVALID.to_owned())?;
        Ok(Cursor { at, id: EventId(id) })
    }

    pub fn code(&self) -> String {
        format!("{}~{}", self.at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true), self.id)
    }
}

impl TryFrom<String> for Cursor {
    type Error = String;

    fn try_from(raw: String) -> Result<Self, String> {
        Cursor::parse(&raw)
    }
}

impl From<Cursor> for String {
    fn from(cursor: Cursor) -> Self {
        cursor.code()
    }
}

/// What the board shows: everyone's events, or the user's own (their clients' for sales, the
/// ones they run for support), and where each column starts.
/// Each column's cursor is named by its state's code, in the address as here.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardQuery {
    #[serde(default)]
    pub mine: bool,
    pub to_plan: Option<Cursor>,
    pub confirmed: Option<Cursor>,
    pub ongoing: Option<Cursor>,
    pub finished: Option<Cursor>,
    pub cancelled: Option<Cursor>,
}

impl BoardQuery {
    pub fn from_params(get: &dyn Fn(&str) -> Option<String>) -> Result<Self, AppError> {
        let mut r = ParamReader::new(get);
        let mut query = BoardQuery { mine: r.flag("mine"), ..BoardQuery::default() };
        for status in EventStatus::ALL {
            *query.after_mut(status) = r.parsed(status.code(), Cursor::parse);
        }
        r.finish(query)
    }

    /// Where `status`'s column starts: after this card.
    pub fn after(&self, status: EventStatus) -> Option<Cursor> {
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

    /// The board's address with `status`'s column starting at `cursor` (`None`: at its start).
    pub fn with_column(&self, status: EventStatus, cursor: Option<Cursor>) -> String {
        let mut next = self.clone();
        *next.after_mut(status) = cursor;
        next.to_url()
    }

    pub fn to_url(&self) -> String {
        let mut qs = QueryString::new();
        if self.mine {
            qs = qs.push("mine", "1");
        }
        for status in EventStatus::ALL {
            if let Some(cursor) = self.after(status) {
                qs = qs.push(status.code(), cursor.code());
            }
        }
        qs.to_url(crate::routes::EVENT_BOARD)
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardColumn {
    pub status: EventStatus,
    pub cards: Vec<BoardCard>,
    /// Counted up to `COUNT_CAP + 1`.
    pub total: i64,
    /// Where the next cards start, if there are more.
    pub next: Option<Cursor>,
}

impl BoardColumn {
    /// "12", or "plus de 1 000".
    pub fn count_label(&self) -> String {
        crate::ui::list::count_label(self.total)
    }
}

/// Each card sits in the column of its state when the board was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventBoard {
    pub query: BoardQuery,
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
    use uuid::Uuid;

    #[test]
    fn a_cursor_reads_back_from_the_address() {
        let cursor = Cursor {
            at: DateTime::parse_from_rfc3339("2026-06-04T08:00:00.123456Z").unwrap().to_utc(),
            id: EventId(Uuid::from_u128(7)),
        };
        assert_eq!(Cursor::parse(&cursor.code()), Ok(cursor));
        for bad in ["", "2026-06-04", "2026-06-04T08:00:00Z~nope", "nope~00000000-0000-0000-0000-000000000007"] {
            assert!(Cursor::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn each_column_pages_on_its_own_in_the_address() {
        let get = |name: &str| match name {
            "confirmed" => Some("2026-06-04T08:00:00Z~00000000-0000-0000-0000-000000000007".to_owned()),
            "mine" => Some("1".to_owned()),
            _ => None,
        };
        let query = BoardQuery::from_params(&get).unwrap();
        assert!(query.mine);
        assert!(query.after(EventStatus::Confirmed).is_some());
        assert!(query.after(EventStatus::ToPlan).is_none());
        let back = query.with_column(EventStatus::Confirmed, None);
        assert_eq!(back, "/evenements/tableau?mine=1");
        let bad = |name: &str| (name == "finished").then(|| "hier".to_owned());
        assert!(BoardQuery::from_params(&bad).unwrap_err().field_message("finished").is_some());
    }
}
