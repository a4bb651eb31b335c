//! Follow-ups as pages and the API show them, and the form that writes one.

use chrono::{DateTime, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::auth::Actor;
use crate::domain::datetime::parse_day;
use crate::domain::{ClientId, CollaboratorId, ContractId, EventId, FollowUpId, FollowUpTitle};
use crate::error::AppError;
use crate::forms::{Validator, chosen_id};
use crate::i18n::fr as t;
use crate::records::RecordRef;

/// How far ahead a follow-up may be due.
const FURTHEST: Months = Months::new(12 * 5);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct FollowUpRow {
    pub id: FollowUpId,
    pub client_id: ClientId,
    pub client_name: String,
    pub contract_id: Option<ContractId>,
    pub event_id: Option<EventId>,
    pub title: String,
    /// A day in Paris.
    pub due_on: NaiveDate,
    pub owner_id: CollaboratorId,
    pub owner_name: String,
    pub created_by: Option<CollaboratorId>,
    pub done_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub version: i32,
}

/// Where a follow-up stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Due {
    Overdue,
    Today,
    Later,
    Done,
}

impl FollowUpRow {
    /// The record it is about: its event, else its contract, else its client.
    pub fn record(&self) -> RecordRef {
        RecordRef::narrowest(self.client_id, self.contract_id, self.event_id)
    }

    pub fn due(&self, today: NaiveDate) -> Due {
        if self.done_at.is_some() {
            Due::Done
        } else if self.due_on < today {
            Due::Overdue
        } else if self.due_on == today {
            Due::Today
        } else {
            Due::Later
        }
    }
}

/// The follow-ups a page shows, with the Paris day they were read on (what is overdue depends
/// on it) and, where one can be added, the collaborators it can be for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpList {
    pub items: Vec<FollowUpRow>,
    pub today: NaiveDate,
    pub colleagues: Vec<Actor>,
}

/// A follow-up as typed in the form (or sent to the API). An empty owner means "me".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpForm {
    pub title: String,
    pub due_on: String,
    #[serde(default)]
    pub owner_id: String,
}

impl FollowUpForm {
    pub fn submitted(&self) -> [(&str, &str); 3] {
        [("title", self.title.as_str()), ("due_on", self.due_on.as_str()), ("owner_id", self.owner_id.as_str())]
    }
}

/// A checked follow-up; its owner still has to be an active collaborator (checked against the
/// database).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpInput {
    pub title: FollowUpTitle,
    pub due_on: NaiveDate,
    pub owner_id: Option<CollaboratorId>,
}

impl FollowUpInput {
    /// Checks the form on `today` (Paris): due today at the earliest, within five years.
    pub fn parse(form: &FollowUpForm, today: NaiveDate) -> Result<Self, AppError> {
        let mut v = Validator::new();
        let title = v.check("title", FollowUpTitle::parse(&form.title));
        let due_on = v.check("due_on", parse_day(form.due_on.trim()));
        if let Some(due_on) = due_on {
            v.require("due_on", due_on >= today, t::FOLLOW_UP_DUE_PAST);
            let furthest = today.checked_add_months(FURTHEST).unwrap_or(today);
            v.require("due_on", due_on <= furthest, t::FOLLOW_UP_DUE_TOO_FAR);
        }
        let owner_id =
            v.check("owner_id", chosen_id(&form.owner_id).map_err(|_| t::FOLLOW_UP_OWNER_INVALID.to_owned()));
        let input = (|| Some(FollowUpInput { title: title?, due_on: due_on?, owner_id: owner_id? }))();
        v.finish(input).map_err(|e| e.keeping(&form.submitted()))
    }
}

/// Which follow-ups "Mes relances" lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum FollowUpScope {
    /// The caller's open ones, and those done in the last 7 days.
    #[default]
    Mine,
    /// Everyone's overdue ones (management).
    TeamOverdue,
}

impl FollowUpScope {
    /// From the page's `?equipe=1` (or the API's `scope=team_overdue`).
    pub fn from_team_flag(team: bool) -> Self {
        if team { FollowUpScope::TeamOverdue } else { FollowUpScope::Mine }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(title: &str, due_on: &str, owner: &str) -> FollowUpForm {
        FollowUpForm { title: title.into(), due_on: due_on.into(), owner_id: owner.into() }
    }

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn a_follow_up_is_due_from_today_to_five_years_on() {
        let today = day("2026-03-12");
        let input = FollowUpInput::parse(&form("  Relancer  pour le devis ", "2026-03-12", ""), today).unwrap();
        assert_eq!((input.title.as_str(), input.due_on, input.owner_id), ("Relancer pour le devis", today, None));

        let past = FollowUpInput::parse(&form("Relancer", "2026-03-11", ""), today).unwrap_err();
        assert_eq!(past.field_message("due_on"), Some(t::FOLLOW_UP_DUE_PAST));
        let far = FollowUpInput::parse(&form("Relancer", "2031-03-13", ""), today).unwrap_err();
        assert_eq!(far.field_message("due_on"), Some(t::FOLLOW_UP_DUE_TOO_FAR));
        assert!(FollowUpInput::parse(&form("Relancer", "2031-03-12", ""), today).is_ok());

        let bad = FollowUpInput::parse(&form(" ", "12/03/2026", "moi"), today).unwrap_err();
        for field in ["title", "due_on", "owner_id"] {
            assert!(bad.field_message(field).is_some(), "{field}");
        }
        assert_eq!(bad.submitted("due_on"), Some("12/03/2026"));
    }

    #[test]
    fn overdue_today_later_and_done_follow_the_day() {
        let row = FollowUpRow {
            id: FollowUpId(uuid::Uuid::nil()),
            client_id: ClientId(uuid::Uuid::nil()),
            client_name: "Client".into(),
            contract_id: None,
            event_id: None,
            title: "Relancer".into(),
            due_on: day("2026-03-12"),
            owner_id: CollaboratorId(uuid::Uuid::nil()),
            owner_name: "Camille".into(),
            created_by: None,
            done_at: None,
            created_at: Utc::now(),
            version: 1,
        };
        assert_eq!(row.due(day("2026-03-11")), Due::Later);
        assert_eq!(row.due(day("2026-03-12")), Due::Today);
        assert_eq!(row.due(day("2026-03-13")), Due::Overdue);
        let done = FollowUpRow { done_at: Some(Utc::now()), ..row };
        assert_eq!(done.due(day("2026-03-13")), Due::Done);
    }
}
