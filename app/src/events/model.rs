//! Event types shared by the browser and the server.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::status::EventStatus;
use crate::domain::datetime::{parse_day, parse_local_datetime};
use crate::domain::{ClientId, CollaboratorId, ContractId, EventId, EventTitle, Location, Notes};
use crate::error::AppError;
use crate::forms::Validator;
use crate::i18n::fr as t;
use crate::listing::{Page, Paging, ParamReader, QueryString, Sort, SortKey, Surface};

pub const MAX_ATTENDEES: i32 = 1_000_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct EventRow {
    pub id: EventId,
    pub title: String,
    pub contract_id: ContractId,
    pub client_id: ClientId,
    pub client_name: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub location: String,
    pub attendees: i32,
    pub notes: String,
    pub support_contact_id: Option<CollaboratorId>,
    pub support_contact_name: Option<String>,
    /// The client was anonymised: the event's title, place and notes no longer change.
    pub client_anonymised: bool,
    /// Confirmed with the client: no longer "à planifier".
    pub confirmed_at: Option<DateTime<Utc>>,
    /// Cancelled (kept, never deleted for it), with why.
    pub cancelled_at: Option<DateTime<Utc>>,
    pub cancel_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl EventRow {
    /// Its state at `now` (the server's clock, which the page carries).
    pub fn status(&self, now: DateTime<Utc>) -> EventStatus {
        EventStatus::of(self.confirmed_at.is_some(), self.cancelled_at.is_some(), (self.starts_at, self.ends_at), now)
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled_at.is_some()
    }
}

pub type EventPage = Page<EventRow>;

/// Management's queue of events without support, each with its choice of support.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnassignedEvents {
    pub page: EventPage,
    /// One per event of the page, in its order.
    pub assignments: Vec<crate::planning::model::Assignment>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum EventSort {
    #[default]
    Start,
    Title,
    Client,
    Attendees,
}

impl SortKey for EventSort {
    const ALL: &'static [Self] = &[EventSort::Start, EventSort::Title, EventSort::Client, EventSort::Attendees];

    fn code(self) -> &'static str {
        match self {
            EventSort::Start => "start",
            EventSort::Title => "title",
            EventSort::Client => "client",
            EventSort::Attendees => "attendees",
        }
    }

    fn api_name(self) -> Option<&'static str> {
        match self {
            EventSort::Client => None,
            other => Some(other.code()),
        }
    }

    fn descending_first(self) -> bool {
        matches!(self, EventSort::Attendees)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct EventQuery {
    #[serde(default, deserialize_with = "crate::listing::deserialize_search")]
    pub search: Option<String>,
    pub without_support: bool,
    pub mine: bool,
    /// Events whose support contact is this collaborator.
    pub support: Option<CollaboratorId>,
    /// Events of this salesperson's clients.
    pub sales: Option<CollaboratorId>,
    /// Events whose contract still has an amount to pay.
    #[serde(default)]
    pub unpaid: bool,
    /// Events with no attendees count yet (or no place).
    #[serde(default)]
    pub incomplete: bool,
    /// Events not cancelled that miss a readiness check (`readiness`).
    #[serde(default)]
    pub at_risk: bool,
    /// Events starting on or after this day (Paris time).
    pub from: Option<NaiveDate>,
    /// Events starting on or before this day (Paris time).
    pub to: Option<NaiveDate>,
    pub sort: Sort<EventSort>,
    pub paging: Paging,
}

impl EventQuery {
    /// The list page's URL.
    pub fn from_params(get: &dyn Fn(&str) -> Option<String>) -> Result<Self, AppError> {
        EventQuery::parse(get, Surface::Page)
    }

    /// The list's parameters as `surface` names them.
    pub fn parse(get: &dyn Fn(&str) -> Option<String>, surface: Surface) -> Result<Self, AppError> {
        let mut r = ParamReader::on(get, surface);
        let query = EventQuery {
            search: r.search(),
            without_support: r.flag("without_support"),
            mine: r.flag("mine"),
            support: r.parsed("support", CollaboratorId::parse),
            sales: r.parsed("sales", CollaboratorId::parse),
            unpaid: r.flag("unpaid"),
            incomplete: r.flag("incomplete"),
            at_risk: r.flag("at_risk"),
            from: r.parsed("from", parse_day),
            to: r.parsed("to", parse_day),
            sort: r.sort(),
            paging: r.paging(),
        };
        r.finish(query)
    }

    pub fn to_url(&self) -> String {
        let mut qs = QueryString::new().search(&self.search);
        for (name, value) in crate::listing::ListQuery::filter_fields(self) {
            qs = qs.push(name, value);
        }
        qs.sort(self.sort).paging(self.paging).to_url(crate::routes::EVENTS)
    }
}

impl crate::listing::ListQuery for EventQuery {
    type Key = EventSort;

    fn to_url(&self) -> String {
        EventQuery::to_url(self)
    }

    fn sort_mut(&mut self) -> &mut Sort<EventSort> {
        &mut self.sort
    }

    fn paging_mut(&mut self) -> &mut Paging {
        &mut self.paging
    }

    fn filter_fields(&self) -> Vec<(&'static str, String)> {
        let mut fields = crate::listing::flag_fields(&[
            ("without_support", self.without_support),
            ("mine", self.mine),
            ("unpaid", self.unpaid),
            ("incomplete", self.incomplete),
            ("at_risk", self.at_risk),
        ]);
        for (name, who) in [("support", self.support), ("sales", self.sales)] {
            if let Some(who) = who {
                fields.push((name, who.to_string()));
            }
        }
        for (name, day) in [("from", self.from), ("to", self.to)] {
            if let Some(day) = day {
                fields.push((name, day.to_string()));
            }
        }
        fields
    }

    fn search_text(&self) -> Option<String> {
        self.search.clone()
    }
}

/// An event's editable fields, as typed (dates from `<input type="datetime-local">`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct EventForm {
    pub title: String,
    pub starts_at: String,
    pub ends_at: String,
    pub location: String,
    pub attendees: String,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventInput {
    pub title: EventTitle,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub location: Location,
    pub attendees: i32,
    pub notes: Notes,
}

fn parse_attendees(raw: &str) -> Result<i32, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(t::ATTENDEES_REQUIRED.into());
    }
    raw.parse::<i32>().ok().filter(|n| (0..=MAX_ATTENDEES).contains(n)).ok_or_else(|| t::ATTENDEES_INVALID.into())
}

impl TryFrom<&EventForm> for EventInput {
    type Error = AppError;

    fn try_from(form: &EventForm) -> Result<Self, AppError> {
        let mut v = Validator::new();
        let title = v.check("title", EventTitle::parse(&form.title));
        let starts_at = v.check("starts_at", parse_local_datetime(&form.starts_at));
        let ends_at = v.check("ends_at", parse_local_datetime(&form.ends_at));
        if let (Some(start), Some(end)) = (starts_at, ends_at) {
            v.require("ends_at", end > start, t::END_NOT_AFTER_START);
        }
        let location = v.check("location", Location::parse(&form.location));
        let attendees = v.check("attendees", parse_attendees(&form.attendees));
        let notes = v.check("notes", Notes::parse(&form.notes));
        let input = (|| {
            Some(EventInput {
                title: title?,
                starts_at: starts_at?,
                ends_at: ends_at?,
                location: location?,
                attendees: attendees?,
                notes: notes?,
            })
        })();
        v.finish(input).map_err(|e| {
            e.keeping(&[
                ("title", &form.title),
                ("starts_at", &form.starts_at),
                ("ends_at", &form.ends_at),
                ("location", &form.location),
                ("attendees", &form.attendees),
                ("notes", &form.notes),
            ])
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> EventForm {
        EventForm {
            title: "Séminaire annuel".into(),
            starts_at: "2026-06-04T13:00".into(),
            ends_at: "2026-06-05T02:00".into(),
            location: "53 rue du Château, 41120 Candé-sur-Beuvron".into(),
            attendees: "75".into(),
            notes: "Mariage : DJ et photographe.".into(),
        }
    }

    #[test]
    fn an_event_in_paris_time_is_stored_in_utc() {
        let input = EventInput::try_from(&form()).unwrap();
        assert_eq!(input.starts_at.to_rfc3339(), "2026-06-04T11:00:00+00:00");
        assert_eq!(input.attendees, 75);
    }

    #[test]
    fn the_end_must_follow_the_start() {
        let err = EventInput::try_from(&EventForm { ends_at: "2026-06-04T12:00".into(), ..form() }).unwrap_err();
        assert!(err.field_message("ends_at").is_some());
    }

    #[test]
    fn attendees_must_be_a_sane_count() {
        for bad in ["-1", "abc", "", "99999999999"] {
            let err = EventInput::try_from(&EventForm { attendees: bad.into(), ..form() }).unwrap_err();
            assert!(err.field_message("attendees").is_some(), "{bad}");
        }
    }

    #[test]
    fn date_range_filters_are_read_from_the_url() {
        let get = |name: &str| match name {
            "from" => Some("2026-03-01".to_owned()),
            "to" => Some("2026-13-01".to_owned()),
            _ => None,
        };
        let err = EventQuery::from_params(&get).unwrap_err();
        assert!(err.field_message("to").is_some());
        assert!(err.field_message("from").is_none());
    }
}
