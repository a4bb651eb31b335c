//! What the calendar shows, and its URL: the view, the day it is about, the filters.

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::auth::{Actor, Department};
use crate::collaborators::model::CollaboratorChoice;
use crate::domain::datetime::parse_day;
use crate::domain::{CollaboratorId, EventId};
use crate::error::AppError;
use crate::events::model::EventQuery;
use crate::i18n::fr as t;
use crate::listing::{ParamReader, QueryString};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum AgendaView {
    #[default]
    Month,
    Week,
    List,
}

impl AgendaView {
    pub const ALL: [AgendaView; 3] = [AgendaView::Month, AgendaView::Week, AgendaView::List];

    /// The URL's `vue`.
    pub fn code(self) -> &'static str {
        match self {
            AgendaView::Month => "mois",
            AgendaView::Week => "semaine",
            AgendaView::List => "liste",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AgendaView::Month => t::AGENDA_MONTH,
            AgendaView::Week => t::AGENDA_WEEK,
            AgendaView::List => t::AGENDA_LIST,
        }
    }

    fn parse(raw: &str) -> Result<Self, String> {
        AgendaView::ALL.into_iter().find(|v| v.code() == raw).ok_or_else(|| t::AGENDA_VIEW_INVALID.to_owned())
    }

    /// How many events a day shows before "+ N autres".
    pub fn per_day(self) -> i64 {
        match self {
            AgendaView::Month => 4,
            AgendaView::Week => 12,
            AgendaView::List => 25,
        }
    }
}

/// The calendar's whole state, as its URL says it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AgendaQuery {
    pub view: AgendaView,
    /// The day the view is about (today when absent).
    pub date: Option<NaiveDate>,
    pub mine: bool,
    pub support: Option<CollaboratorId>,
    pub sales: Option<CollaboratorId>,
    pub without_support: bool,
}

impl AgendaQuery {
    pub fn from_params(get: &dyn Fn(&str) -> Option<String>) -> Result<Self, AppError> {
        let mut r = ParamReader::new(get);
        let query = AgendaQuery {
            view: r.parsed("vue", AgendaView::parse).unwrap_or_default(),
            date: r.parsed("date", parse_day),
            mine: r.flag("mine"),
            support: r.parsed("support", CollaboratorId::parse),
            sales: r.parsed("sales", CollaboratorId::parse),
            without_support: r.flag("without_support"),
        };
        r.finish(query)
    }

    /// The filters, as GET form fields and URL parameters.
    pub fn filter_fields(&self) -> Vec<(&'static str, String)> {
        let mut fields = crate::listing::flag_fields(&[("mine", self.mine), ("without_support", self.without_support)]);
        for (name, who) in [("support", self.support), ("sales", self.sales)] {
            if let Some(who) = who {
                fields.push((name, who.to_string()));
            }
        }
        fields
    }

    pub fn to_url(&self) -> String {
        let mut qs = QueryString::new();
        if self.view != AgendaView::default() {
            qs = qs.push("vue", self.view.code());
        }
        if let Some(date) = self.date {
            qs = qs.push("date", date);
        }
        for (name, value) in self.filter_fields() {
            qs = qs.push(name, value);
        }
        qs.to_url(crate::routes::AGENDA)
    }

    /// The same calendar shown another way, or about another day.
    pub fn with(&self, view: AgendaView, date: Option<NaiveDate>) -> String {
        AgendaQuery { view, date, ..self.clone() }.to_url()
    }

    /// The calendar's filters as an event list's. "Mes événements" is a salesperson's clients'
    /// events, anyone else's assigned ones (as their calendar feed).
    pub fn events(&self, actor: &Actor) -> EventQuery {
        let my_clients = self.mine && actor.department == Department::Sales;
        EventQuery {
            mine: self.mine && !my_clients,
            support: self.support,
            sales: if my_clients { Some(actor.id) } else { self.sales },
            without_support: self.without_support,
            ..Default::default()
        }
    }
}

/// The days a view covers: a month's whole weeks (Monday to Sunday) for the grid, the month's
/// days for the list, a week for the week view.
pub fn range(view: AgendaView, day: NaiveDate) -> (NaiveDate, NaiveDate) {
    let (first, last) = match view {
        AgendaView::Week => (day, day),
        AgendaView::Month | AgendaView::List => {
            let first = day.with_day(1).unwrap_or(day);
            (first, first.checked_add_months(Months::new(1)).and_then(|d| d.pred_opt()).unwrap_or(day))
        }
    };
    match view {
        AgendaView::List => (first, last),
        AgendaView::Month | AgendaView::Week => (monday_of(first), monday_of(last) + Days::new(6)),
    }
}

pub fn monday_of(day: NaiveDate) -> NaiveDate {
    day - Days::new(day.weekday().num_days_from_monday().into())
}

/// The day "previous" and "next" lead to: a month or a week away.
pub fn step(view: AgendaView, day: NaiveDate, forward: bool) -> NaiveDate {
    let moved = match (view, forward) {
        (AgendaView::Week, true) => day.checked_add_days(Days::new(7)),
        (AgendaView::Week, false) => day.checked_sub_days(Days::new(7)),
        (_, true) => day.with_day(1).and_then(|d| d.checked_add_months(Months::new(1))),
        (_, false) => day.with_day(1).and_then(|d| d.checked_sub_months(Months::new(1))),
    };
    moved.unwrap_or(day)
}

/// One event as the calendar shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct AgendaEvent {
    pub id: EventId,
    pub title: String,
    pub client_name: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub location: String,
    pub support_contact_name: Option<String>,
    pub unpaid: bool,
    /// Its day in Paris.
    pub day: NaiveDate,
    /// How many events that day has under the same filters (some may not be shown).
    pub day_total: i64,
}

/// An event's states, each with its colour and its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventState {
    Past,
    WithoutSupport,
    Unpaid,
}

impl EventState {
    pub fn class(self) -> &'static str {
        match self {
            EventState::Past => "state-past",
            EventState::WithoutSupport => "state-without-support",
            EventState::Unpaid => "state-unpaid",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            EventState::Past => t::AGENDA_PAST,
            EventState::WithoutSupport => t::WITHOUT_SUPPORT,
            EventState::Unpaid => t::EVENTS_UNPAID,
        }
    }
}

impl AgendaEvent {
    pub fn states(&self, now: DateTime<Utc>) -> Vec<EventState> {
        let mut states = Vec::new();
        if self.ends_at < now {
            states.push(EventState::Past);
        }
        if self.support_contact_name.is_none() {
            states.push(EventState::WithoutSupport);
        }
        if self.unpaid {
            states.push(EventState::Unpaid);
        }
        states
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agenda {
    pub query: AgendaQuery,
    pub now: DateTime<Utc>,
    pub today: NaiveDate,
    /// The day the view is about.
    pub day: NaiveDate,
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub events: Vec<AgendaEvent>,
    /// The filters as the event list's (`AgendaQuery::events`), for "+ N autres".
    pub filter: EventQuery,
    pub supports: Vec<CollaboratorChoice>,
    pub salespeople: Vec<CollaboratorChoice>,
}

impl Agenda {
    /// The event list with the calendar's filters, for the days `from` to `to`.
    pub fn event_list(&self, from: NaiveDate, to: NaiveDate) -> String {
        EventQuery { from: Some(from), to: Some(to), ..self.filter.clone() }.to_url()
    }

    /// The events of `day`, and what says how many more it has ("+ 3 autres"; above the count's
    /// cap, "plus de 1 000 ce jour-là").
    pub fn on(&self, day: NaiveDate) -> (Vec<&AgendaEvent>, Option<String>) {
        let events: Vec<&AgendaEvent> = self.events.iter().filter(|e| e.day == day).collect();
        let total = events.first().map_or(0, |e| e.day_total);
        let hidden = total - events.len() as i64;
        let more = (hidden > 0).then(|| {
            if total > crate::listing::COUNT_CAP {
                t::agenda_more_than(&crate::ui::list::count_label(total))
            } else {
                t::agenda_more(hidden)
            }
        });
        (events, more)
    }
}

/// A collaborator's calendar feed, as "Mon compte" shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedLink {
    pub url: String,
    pub created_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        parse_day(s).unwrap()
    }

    #[test]
    fn a_month_grid_covers_whole_weeks_and_the_list_the_month_only() {
        assert_eq!(range(AgendaView::Month, day("2026-12-15")), (day("2026-11-30"), day("2027-01-03")));
        assert_eq!(range(AgendaView::List, day("2026-12-15")), (day("2026-12-01"), day("2026-12-31")));
        assert_eq!(range(AgendaView::Week, day("2026-12-02")), (day("2026-11-30"), day("2026-12-06")));
        assert_eq!(range(AgendaView::Month, day("2027-02-01")), (day("2027-02-01"), day("2027-02-28")));
    }

    #[test]
    fn previous_and_next_move_by_a_month_or_a_week() {
        assert_eq!(step(AgendaView::Month, day("2027-01-31"), true), day("2027-02-01"));
        assert_eq!(step(AgendaView::List, day("2027-01-15"), false), day("2026-12-01"));
        assert_eq!(step(AgendaView::Week, day("2026-12-30"), true), day("2027-01-06"));
    }

    #[test]
    fn the_url_round_trips_and_bad_values_are_refused() {
        let query = AgendaQuery {
            view: AgendaView::Week,
            date: Some(day("2027-03-01")),
            mine: true,
            without_support: true,
            ..Default::default()
        };
        let url = query.to_url();
        assert_eq!(url, "/agenda?vue=semaine&date=2027-03-01&mine=1&without_support=1");
        let params: Vec<(String, String)> =
            form_urlencoded::parse(url.split_once('?').unwrap().1.as_bytes()).into_owned().collect();
        let get = |name: &str| params.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
        assert_eq!(AgendaQuery::from_params(&get), Ok(query));
        assert_eq!(AgendaQuery::default().to_url(), "/agenda");
        for (name, value) in [("vue", "annee"), ("date", "2027-02-30"), ("support", "x")] {
            let get = |n: &str| (n == name).then(|| value.to_owned());
            assert!(AgendaQuery::from_params(&get).is_err(), "{name}={value}");
        }
    }
}
