//! Run sheet types shared by the browser and the server: the timeline of the day, the place's
//! access notes and the client's contact on site, their forms and their checks.

use chrono::{DateTime, Days, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::datetime::{in_paris, parse_local_datetime, start_of_day};
use crate::domain::{EventId, Notes, Phone, TimelineItemId, TimelineLabel};
use crate::error::AppError;
use crate::events::model::EventRow;
use crate::follow_ups::model::FollowUpRow;
use crate::forms::Validator;
use crate::i18n::fr as t;

/// Most characters of the access notes, and of an item's details: the sheet fits one A4 page.
pub const MAX_ACCESS_NOTES: usize = 1000;
pub const MAX_DETAILS: usize = 500;
pub const MAX_CONTACT_NAME: usize = 120;
/// Most steps in one timeline (one A4 page holds about that many lines).
pub const MAX_ITEMS: usize = 40;

/// What a step of the day is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TimelineKind {
    Setup,
    Doors,
    Programme,
    Teardown,
}

impl TimelineKind {
    pub const ALL: [TimelineKind; 4] =
        [TimelineKind::Setup, TimelineKind::Doors, TimelineKind::Programme, TimelineKind::Teardown];

    /// As stored and sent by the API.
    pub fn code(self) -> &'static str {
        match self {
            TimelineKind::Setup => "setup",
            TimelineKind::Doors => "doors",
            TimelineKind::Programme => "programme",
            TimelineKind::Teardown => "teardown",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            TimelineKind::Setup => t::TIMELINE_SETUP,
            TimelineKind::Doors => t::TIMELINE_DOORS,
            TimelineKind::Programme => t::TIMELINE_PROGRAMME,
            TimelineKind::Teardown => t::TIMELINE_TEARDOWN,
        }
    }

    pub fn parse(code: &str) -> Result<Self, String> {
        Self::ALL.into_iter().find(|k| k.code() == code.trim()).ok_or_else(|| t::TIMELINE_KIND_INVALID.to_owned())
    }
}

impl TryFrom<String> for TimelineKind {
    type Error = String;

    fn try_from(code: String) -> Result<Self, String> {
        Self::parse(&code)
    }
}

/// One step of the timeline, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct TimelineItem {
    pub id: TimelineItemId,
    pub event_id: EventId,
    pub at: DateTime<Utc>,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "String"))]
    pub kind: TimelineKind,
    pub label: String,
    pub details: String,
}

impl TimelineItem {
    /// How the audit trail names it: "18:30 · Ouverture des portes · Accueil des invités".
    pub fn summary(&self) -> String {
        summary(self.at, self.kind, &self.label)
    }
}

fn summary(at: DateTime<Utc>, kind: TimelineKind, label: &str) -> String {
    format!("{} · {} · {label}", crate::domain::datetime::format_datetime(at), kind.label())
}

/// The sheet's own fields, as stored (all empty, version 0, before its first change).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct RunSheetFields {
    pub access_notes: String,
    pub onsite_contact_name: String,
    /// E.164.
    pub onsite_contact_phone: Option<String>,
    /// Guards every change of the sheet, its timeline included.
    pub version: i32,
}

impl RunSheetFields {
    pub fn onsite_contact_phone_display(&self) -> Option<String> {
        self.onsite_contact_phone.as_deref().map(phone_display)
    }
}

/// A stored E.164 number as people read it.
pub fn phone_display(e164: &str) -> String {
    Phone::parse(e164).map(|p| p.display()).unwrap_or_else(|_| e164.to_owned())
}

/// A collaborator the sheet names, with their phone when they gave one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Contact {
    pub full_name: String,
    /// E.164.
    pub phone: Option<String>,
}

impl Contact {
    /// "Sarah Support · +33 6 12 34 56 78", or the name alone.
    pub fn line(&self) -> String {
        match &self.phone {
            Some(phone) => format!("{} · {}", self.full_name, phone_display(phone)),
            None => self.full_name.clone(),
        }
    }
}

/// Everything the run sheet shows of an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunSheet {
    pub event: EventRow,
    /// The server's clock when read: whether the event is locked depends on it.
    pub as_of: DateTime<Utc>,
    pub company_name: String,
    pub fields: RunSheetFields,
    /// In time order.
    pub items: Vec<TimelineItem>,
    /// The client's current salesperson.
    pub sales: Contact,
    pub support: Option<Contact>,
    /// The event's open follow-ups, soonest due first.
    pub follow_ups: Vec<FollowUpRow>,
}

impl RunSheet {
    /// Finished or cancelled: only management changes it then.
    pub fn is_locked(&self) -> bool {
        self.event.status(self.as_of).is_locked()
    }
}

/// An event's run sheet as the client's RGPD export gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedRunSheet {
    pub event_id: EventId,
    pub access_notes: String,
    pub onsite_contact_name: String,
    pub onsite_contact_phone: Option<String>,
    pub items: Vec<TimelineItem>,
}

/// The instants a step may take: from the start of the Paris day before the event's start to
/// the end of the Paris day after its end (set-up the eve, teardown the morning after).
pub fn timeline_window(starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
    let first = in_paris(starts_at).date_naive().checked_sub_days(Days::new(1)).and_then(start_of_day);
    let last = in_paris(ends_at).date_naive().checked_add_days(Days::new(2)).and_then(start_of_day);
    (first.unwrap_or(starts_at), last.unwrap_or(ends_at))
}

/// A step as typed (`at` from `<input type="datetime-local">`, Paris time).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TimelineItemForm {
    pub at: String,
    pub kind: String,
    pub label: String,
    #[serde(default)]
    pub details: String,
}

impl TimelineItemForm {
    pub fn submitted(&self) -> [(&str, &str); 4] {
        [("at", &self.at), ("kind", &self.kind), ("label", &self.label), ("details", &self.details)]
    }
}

/// A step checked: a time within the event's window, a kind of the list, a label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTimelineItem {
    pub at: DateTime<Utc>,
    pub kind: TimelineKind,
    pub label: TimelineLabel,
    pub details: String,
}

impl NewTimelineItem {
    /// Checks `form` for an event running from `starts_at` to `ends_at`.
    pub fn parse(
        form: &TimelineItemForm,
        (starts_at, ends_at): (DateTime<Utc>, DateTime<Utc>),
    ) -> Result<Self, AppError> {
        let mut v = Validator::new();
        let at = v.check("at", parse_local_datetime(&form.at));
        if let Some(at) = at {
            let (first, last) = timeline_window(starts_at, ends_at);
            v.require("at", first <= at && at < last, t::TIMELINE_AT_OUTSIDE);
        }
        let kind = v.check("kind", TimelineKind::parse(&form.kind));
        let label = v.check("label", TimelineLabel::parse(&form.label));
        let details = v.check(
            "details",
            Notes::parse_at_most(&form.details, MAX_DETAILS, t::TIMELINE_DETAILS_TOO_LONG).map(Notes::into_inner),
        );
        let item = (|| Some(NewTimelineItem { at: at?, kind: kind?, label: label?, details: details? }))();
        v.finish(item).map_err(|e| e.keeping(&form.submitted()))
    }

    pub fn summary(&self) -> String {
        summary(self.at, self.kind, self.label.as_str())
    }
}

/// The sheet's own fields as typed. An empty phone removes it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RunSheetForm {
    #[serde(default)]
    pub access_notes: String,
    #[serde(default)]
    pub onsite_contact_name: String,
    #[serde(default)]
    pub onsite_contact_phone: String,
}

impl RunSheetForm {
    pub fn submitted(&self) -> [(&str, &str); 3] {
        [
            ("access_notes", &self.access_notes),
            ("onsite_contact_name", &self.onsite_contact_name),
            ("onsite_contact_phone", &self.onsite_contact_phone),
        ]
    }
}

/// The sheet's own fields checked: notes within bounds, a contact's name (possibly none), and a
/// valid phone only with a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunSheetInput {
    pub access_notes: String,
    pub onsite_contact_name: String,
    pub onsite_contact_phone: Option<Phone>,
}

impl TryFrom<&RunSheetForm> for RunSheetInput {
    type Error = AppError;

    fn try_from(form: &RunSheetForm) -> Result<Self, AppError> {
        let mut v = Validator::new();
        let access_notes = v.check(
            "access_notes",
            Notes::parse_at_most(&form.access_notes, MAX_ACCESS_NOTES, t::RUN_SHEET_ACCESS_NOTES_TOO_LONG)
                .map(Notes::into_inner),
        );
        let name = form.onsite_contact_name.split_whitespace().collect::<Vec<_>>().join(" ");
        let name = v.check(
            "onsite_contact_name",
            if name.is_empty() {
                Ok(String::new())
            } else {
                crate::domain::PersonName::parse(&name)
                    .map(String::from)
                    .map_err(|_| t::RUN_SHEET_CONTACT_NAME_INVALID.to_owned())
            },
        );
        let phone = match form.onsite_contact_phone.trim() {
            "" => Some(None),
            raw => v.check("onsite_contact_phone", Phone::parse(raw)).map(Some),
        };
        if let (Some(name), Some(Some(_))) = (&name, &phone) {
            v.require("onsite_contact_name", !name.is_empty(), t::RUN_SHEET_CONTACT_PHONE_WITHOUT_NAME);
        }
        let input = (|| {
            Some(RunSheetInput {
                access_notes: access_notes?,
                onsite_contact_name: name?,
                onsite_contact_phone: phone?,
            })
        })();
        v.finish(input).map_err(|e| e.keeping(&form.submitted()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paris(text: &str) -> DateTime<Utc> {
        parse_local_datetime(text).unwrap()
    }

    /// An evening event: 14 June 2040, 18:00 to 23:30 (Paris).
    fn event() -> (DateTime<Utc>, DateTime<Utc>) {
        (paris("2040-06-14T18:00"), paris("2040-06-14T23:30"))
    }

    fn item(at: &str, kind: &str, label: &str, details: &str) -> Result<NewTimelineItem, AppError> {
        let form = TimelineItemForm { at: at.into(), kind: kind.into(), label: label.into(), details: details.into() };
        NewTimelineItem::parse(&form, event())
    }

    #[test]
    fn a_step_is_a_time_near_the_event_a_kind_of_the_list_and_a_label() {
        let doors = item("2040-06-14T17:30", "doors", "  Accueil   des invités ", "").unwrap();
        assert_eq!((doors.kind, doors.label.as_str()), (TimelineKind::Doors, "Accueil des invités"));
        assert_eq!(doors.at, paris("2040-06-14T17:30"));
        assert!(item("2040-06-13T00:00", "setup", "Livraison du matériel", "Quai B").is_ok(), "the eve");
        assert!(item("2040-06-15T23:59", "teardown", "Démontage", "").is_ok(), "the morning after");
    }

    #[test]
    fn a_step_far_from_the_event_or_badly_typed_names_each_field_wrong() {
        let too_early = item("2040-06-12T23:59", "setup", "Livraison", "").unwrap_err();
        assert_eq!(too_early.field_message("at"), Some(t::TIMELINE_AT_OUTSIDE));
        assert!(item("2040-06-16T00:00", "teardown", "Démontage", "").unwrap_err().field_message("at").is_some());
        let error = item("demain", "apero", " ", &"x".repeat(MAX_DETAILS + 1)).unwrap_err();
        for field in ["at", "kind", "label", "details"] {
            assert!(error.field_message(field).is_some(), "{field}");
        }
        assert_eq!(error.submitted("kind"), Some("apero"), "what was typed comes back");
        assert!(item("2040-06-14T20:00", "programme", &"é".repeat(121), "").is_err(), "label too long");
        assert!(item("2040-06-14T20:00", "programme", "Discours\u{202e}", "").is_err(), "no bidi override");
    }

    #[test]
    fn kinds_round_trip_through_their_codes() {
        for kind in TimelineKind::ALL {
            assert_eq!(TimelineKind::parse(kind.code()), Ok(kind));
        }
        assert!(TimelineKind::parse("Programme").is_err());
    }

    fn details(notes: &str, name: &str, phone: &str) -> Result<RunSheetInput, AppError> {
        let form = RunSheetForm {
            access_notes: notes.into(),
            onsite_contact_name: name.into(),
            onsite_contact_phone: phone.into(),
        };
        RunSheetInput::try_from(&form)
    }

    #[test]
    fn the_onsite_contact_is_a_name_and_a_valid_phone_or_nothing() {
        let input = details("Entrée par le parking\r\nBadge à l’accueil", " Marc  Dupont ", "06 12 34 56 78").unwrap();
        assert_eq!(input.onsite_contact_name, "Marc Dupont");
        assert_eq!(input.onsite_contact_phone.unwrap().as_e164(), "+33612345678");
        assert_eq!(input.access_notes, "Entrée par le parking\nBadge à l’accueil");
        let empty = details("", "", "").unwrap();
        assert!(empty.onsite_contact_name.is_empty() && empty.onsite_contact_phone.is_none());
        assert!(details("", "Marc", "12").unwrap_err().field_message("onsite_contact_phone").is_some());
        assert!(details("", "", "0612345678").unwrap_err().field_message("onsite_contact_name").is_some());
        let long = details(&"x".repeat(MAX_ACCESS_NOTES + 1), &"x".repeat(121), "").unwrap_err();
        assert!(long.field_message("access_notes").is_some() && long.field_message("onsite_contact_name").is_some());
    }

    #[test]
    fn the_window_runs_from_the_eve_to_the_day_after_in_paris_days() {
        let (first, last) = timeline_window(paris("2040-03-31T01:30"), paris("2040-03-31T04:00"));
        assert_eq!((first, last), (paris("2040-03-30T00:00"), paris("2040-04-02T00:00")));
    }
}
