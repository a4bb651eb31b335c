//! What every board shares: columns (lanes) that page on their own, each from a cursor kept in
//! the address, so one column moves on while the others stay where they were.

use std::fmt::Display;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::i18n::fr as t;
use crate::listing::{ParamReader, QueryString};

/// Cards per column and page.
pub const CARDS_PER_COLUMN: usize = 20;

/// Where a column's next cards start: the last card shown, by the column's order (its instant,
/// then its id). Written `2026-06-04T08:00:00Z~<uuid>` in the address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Cursor<Id: Copy + FromStr + Display> {
    pub at: DateTime<Utc>,
    pub id: Id,
}

impl<Id: Copy + FromStr + Display> Cursor<Id> {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let (at, id) = raw.split_once('~').ok_or_else(|| t::BOARD_CURSOR_INVALID.to_owned())?;
        let at = DateTime::parse_from_rfc3339(at).map_err(|_| t::BOARD_CURSOR_INVALID.to_owned())?.to_utc();
        let id = id.parse().map_err(|_| t::BOARD_CURSOR_INVALID.to_owned())?;
        Ok(Cursor { at, id })
    }

    pub fn code(&self) -> String {
        format!("{}~{}", self.at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true), self.id)
    }
}

impl<Id: Copy + FromStr + Display> TryFrom<String> for Cursor<Id> {
    type Error = String;

    fn try_from(raw: String) -> Result<Self, String> {
        Cursor::parse(&raw)
    }
}

impl<Id: Copy + FromStr + Display> From<Cursor<Id>> for String {
    fn from(cursor: Cursor<Id>) -> Self {
        cursor.code()
    }
}

/// A board's column: a state or a stage, named in the address by its code.
pub trait Lane: Copy + Eq + 'static {
    const ALL: &'static [Self];
    fn code(self) -> &'static str;
}

/// A board's address: everyone's cards or the user's own (`mine`), and where each column starts.
pub trait BoardAddress: Clone + Default {
    type Lane: Lane;
    type Id: Copy + FromStr + Display;
    const ROUTE: &'static str;

    fn mine_mut(&mut self) -> &mut bool;
    fn mine(&self) -> bool;
    fn after_mut(&mut self, lane: Self::Lane) -> &mut Option<Cursor<Self::Id>>;
    /// Where `lane`'s column starts: after this card.
    fn after(&self, lane: Self::Lane) -> Option<Cursor<Self::Id>>;

    /// `?mine=1&<lane>=<cursor>…`; a cursor that does not read is an error on its field.
    fn from_params(get: &dyn Fn(&str) -> Option<String>) -> Result<Self, AppError> {
        let mut r = ParamReader::new(get);
        let mut address = Self::default();
        *address.mine_mut() = r.flag("mine");
        for lane in Self::Lane::ALL {
            *address.after_mut(*lane) = r.parsed(lane.code(), Cursor::parse);
        }
        r.finish(address)
    }

    /// The board's address with `lane`'s column starting at `cursor` (`None`: at its start).
    fn with_column(&self, lane: Self::Lane, cursor: Option<Cursor<Self::Id>>) -> String {
        let mut next = self.clone();
        *next.after_mut(lane) = cursor;
        next.to_url()
    }

    /// The other view of the board: everyone's cards or the user's own, from the columns' start.
    fn mine_toggled(&self) -> String {
        let mut other = Self::default();
        *other.mine_mut() = !self.mine();
        other.to_url()
    }

    fn to_url(&self) -> String {
        let mut qs = QueryString::new();
        if self.mine() {
            qs = qs.push("mine", "1");
        }
        for lane in Self::Lane::ALL {
            if let Some(cursor) = self.after(*lane) {
                qs = qs.push(lane.code(), cursor.code());
            }
        }
        qs.to_url(Self::ROUTE)
    }
}

/// One column of a board: its first cards after its cursor, its count, where the next start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(
    serialize = "L: Serialize, Card: Serialize, Id: Serialize",
    deserialize = "L: Deserialize<'de>, Card: Deserialize<'de>, Id: Deserialize<'de>"
))]
pub struct Column<L, Card, Id: Copy + FromStr + Display> {
    pub lane: L,
    pub cards: Vec<Card>,
    /// Counted up to `COUNT_CAP + 1`.
    pub total: i64,
    /// Where the next cards start, if there are more.
    pub next: Option<Cursor<Id>>,
}

impl<L, Card, Id: Copy + FromStr + Display> Column<L, Card, Id> {
    /// A column from the cards read after its cursor, one more than a page (`CARDS_PER_COLUMN
    /// + 1`): that one says there are more, and the last card shown is where they start.
    pub fn from_read(lane: L, mut cards: Vec<Card>, total: i64, cursor_of: impl Fn(&Card) -> Cursor<Id>) -> Self {
        let next = if cards.len() > CARDS_PER_COLUMN {
            cards.truncate(CARDS_PER_COLUMN);
            cards.last().map(cursor_of)
        } else {
            None
        };
        Column { lane, cards, total, next }
    }

    /// "12", or "plus de 1 000".
    pub fn count_label(&self) -> String {
        crate::ui::list::count_label(self.total)
    }
}

/// How many cards a column reads: a page, and one more to know whether there are more.
pub const CARDS_READ: i64 = CARDS_PER_COLUMN as i64 + 1;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::EventId;
    use uuid::Uuid;

    #[test]
    fn a_column_reads_one_card_more_than_it_shows_to_know_where_the_next_start() {
        let at = DateTime::parse_from_rfc3339("2026-06-04T08:00:00Z").unwrap().to_utc();
        let cursor_of = |n: &u128| Cursor { at, id: EventId(Uuid::from_u128(*n)) };
        let full = Column::from_read("lane", (0..CARDS_READ as u128).collect(), 99, cursor_of);
        assert_eq!(full.cards.len(), CARDS_PER_COLUMN);
        assert_eq!(full.next, Some(cursor_of(&(CARDS_PER_COLUMN as u128 - 1))), "after the last card shown");
        let last_page = Column::from_read("lane", (0..CARDS_PER_COLUMN as u128).collect(), 20, cursor_of);
        assert_eq!((last_page.cards.len(), last_page.next), (CARDS_PER_COLUMN, None));
    }

    #[test]
    fn a_cursor_reads_back_from_the_address() {
        let cursor = Cursor {
            at: DateTime::parse_from_rfc3339("2026-06-04T08:00:00.123456Z").unwrap().to_utc(),
            id: EventId(Uuid::from_u128(7)),
        };
        assert_eq!(Cursor::parse(&cursor.code()), Ok(cursor));
        assert_eq!(serde_json::from_value::<Cursor<EventId>>(serde_json::json!(cursor.code())).unwrap(), cursor);
        for bad in ["", "2026-06-04", "2026-06-04T08:00:00Z~nope", "nope~00000000-0000-0000-0000-000000000007"] {
            assert!(Cursor::<EventId>::parse(bad).is_err(), "{bad}");
        }
    }
}
