//! Debrief types shared by the browser and the server.

use chrono::{DateTime, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::datetime::paris_today;
use crate::domain::{EventId, Notes};
use crate::error::AppError;
use crate::events::model::MAX_ATTENDEES;
use crate::forms::Validator;
use crate::i18n::fr as t;

/// When the sales contact is reminded to propose the next edition: so many months after the
/// event's last day.
pub const NEXT_EDITION_MONTHS: u32 = 10;

/// A debrief's free texts: a few paragraphs each.
pub const DEBRIEF_TEXT_MAX_CHARS: usize = 2000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct DebriefRow {
    pub event_id: EventId,
    pub went_well: String,
    pub went_badly: String,
    /// 1 (very unhappy) to 5 (delighted).
    pub satisfaction: i16,
    pub actual_attendees: i32,
    pub written_by_name: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

/// The debrief as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DebriefForm {
    #[serde(default)]
    pub went_well: String,
    #[serde(default)]
    pub went_badly: String,
    #[serde(default)]
    pub satisfaction: String,
    #[serde(default)]
    pub actual_attendees: String,
}

impl DebriefForm {
    pub fn submitted(&self) -> [(&'static str, &str); 4] {
        [
            ("went_well", &self.went_well),
            ("went_badly", &self.went_badly),
            ("satisfaction", &self.satisfaction),
            ("actual_attendees", &self.actual_attendees),
        ]
    }
}

/// The debrief checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DebriefInput {
    pub went_well: Notes,
    pub went_badly: Notes,
    pub satisfaction: i16,
    pub actual_attendees: i32,
}

fn debrief_text(raw: &str) -> Result<Notes, String> {
    Notes::parse_at_most(raw, DEBRIEF_TEXT_MAX_CHARS, t::DEBRIEF_TEXT_TOO_LONG)
}

fn satisfaction(raw: &str) -> Result<i16, String> {
    raw.trim().parse::<i16>().ok().filter(|n| (1..=5).contains(n)).ok_or_else(|| t::SATISFACTION_INVALID.to_owned())
}

fn actual_attendees(raw: &str) -> Result<i32, String> {
    raw.trim()
        .parse::<i32>()
        .ok()
        .filter(|n| (0..=MAX_ATTENDEES).contains(n))
        .ok_or_else(|| t::ACTUAL_ATTENDEES_INVALID.to_owned())
}

impl TryFrom<&DebriefForm> for DebriefInput {
    type Error = AppError;

    fn try_from(form: &DebriefForm) -> Result<Self, AppError> {
        let mut v = Validator::new();
        let went_well = v.check("went_well", debrief_text(&form.went_well));
        let went_badly = v.check("went_badly", debrief_text(&form.went_badly));
        let satisfaction = v.check("satisfaction", satisfaction(&form.satisfaction));
        let actual_attendees = v.check("actual_attendees", actual_attendees(&form.actual_attendees));
        let input = (|| {
            Some(DebriefInput {
                went_well: went_well?,
                went_badly: went_badly?,
                satisfaction: satisfaction?,
                actual_attendees: actual_attendees?,
            })
        })();
        v.finish(input).map_err(|e| e.keeping(&form.submitted()))
    }
}

/// The day the sales contact is reminded of the next edition: `NEXT_EDITION_MONTHS` after the
/// event's last day in Paris (the 31st becomes the month's last day).
pub fn next_edition_due(event_ends_at: DateTime<Utc>) -> NaiveDate {
    let last_day = paris_today(event_ends_at);
    last_day.checked_add_months(Months::new(NEXT_EDITION_MONTHS)).unwrap_or(last_day)
}

/// How satisfied a client was, over its events' debriefs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Satisfaction {
    pub debriefs: i64,
    /// The sum of the scores (their mean is this over `debriefs`).
    pub total: i64,
}

impl Satisfaction {
    /// "4,5 / 5 sur 2 événements", or `None` before any debrief.
    pub fn label(&self) -> Option<String> {
        (self.debriefs > 0).then(|| {
            // One decimal, rounded half up, French style.
            let tenths = (self.total * 10 * 2 + self.debriefs) / (self.debriefs * 2);
            let mean =
                if tenths % 10 == 0 { format!("{}", tenths / 10) } else { format!("{},{}", tenths / 10, tenths % 10) };
            t::satisfaction_mean(&mean, self.debriefs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(satisfaction: &str, attendees: &str) -> DebriefForm {
        DebriefForm {
            went_well: "L’accueil.".into(),
            went_badly: String::new(),
            satisfaction: satisfaction.into(),
            actual_attendees: attendees.into(),
        }
    }

    #[test]
    fn satisfaction_is_one_to_five_and_attendees_a_count() {
        let ok = DebriefInput::try_from(&form("5", " 180 ")).unwrap();
        assert_eq!((ok.satisfaction, ok.actual_attendees), (5, 180));
        for bad in ["0", "6", "4,5", "", "beaucoup"] {
            let e = DebriefInput::try_from(&form(bad, "10")).unwrap_err();
            assert!(e.field_message("satisfaction").is_some(), "{bad}");
            assert_eq!(e.submitted("satisfaction"), Some(bad), "what was typed comes back");
        }
        for bad in ["-1", "", "1000001"] {
            assert!(DebriefInput::try_from(&form("3", bad)).unwrap_err().field_message("actual_attendees").is_some());
        }
    }

    #[test]
    fn the_texts_are_bounded_and_free_of_control_characters() {
        let mut long = form("3", "10");
        long.went_badly = "x".repeat(DEBRIEF_TEXT_MAX_CHARS + 1);
        assert!(DebriefInput::try_from(&long).unwrap_err().field_message("went_badly").is_some());
        let mut control = form("3", "10");
        control.went_well = "ok\u{7}".into();
        assert!(DebriefInput::try_from(&control).unwrap_err().field_message("went_well").is_some());
    }

    #[test]
    fn the_next_edition_is_proposed_ten_months_after_the_last_day_in_paris() {
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().to_utc();
        // 23:30 UTC on 31 May is 1 June in Paris: 1 April next year.
        assert_eq!(next_edition_due(at("2026-05-31T23:30:00Z")), NaiveDate::from_ymd_opt(2027, 4, 1).unwrap());
        // 31 July becomes 31 May; 31 December, the last day of October.
        assert_eq!(next_edition_due(at("2026-07-31T12:00:00Z")), NaiveDate::from_ymd_opt(2027, 5, 31).unwrap());
        assert_eq!(next_edition_due(at("2026-12-31T12:00:00Z")), NaiveDate::from_ymd_opt(2027, 10, 31).unwrap());
        assert_eq!(next_edition_due(at("2026-04-30T12:00:00Z")), NaiveDate::from_ymd_opt(2027, 2, 28).unwrap());
    }

    #[test]
    fn a_clients_satisfaction_is_the_mean_of_its_debriefs_with_one_decimal() {
        assert_eq!(Satisfaction::default().label(), None);
        assert_eq!(Satisfaction { debriefs: 2, total: 9 }.label().unwrap(), t::satisfaction_mean("4,5", 2));
        assert_eq!(Satisfaction { debriefs: 1, total: 4 }.label().unwrap(), t::satisfaction_mean("4", 1));
        assert_eq!(Satisfaction { debriefs: 3, total: 13 }.label().unwrap(), t::satisfaction_mean("4,3", 3));
        assert_eq!(Satisfaction { debriefs: 3, total: 14 }.label().unwrap(), t::satisfaction_mean("4,7", 3));
    }
}
