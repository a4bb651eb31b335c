//! Support planning: who is free for an event, how loaded each support collaborator's week is,
//! and which events overlap (the same person twice, or the same place twice).
//!
//! Overlaps are found in SQL (`repo`, one GiST index scan per person); this module holds what
//! the browser shows and the choices made from it.

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::datetime::{in_paris, start_of_day};
use crate::domain::{CollaboratorId, EventId};
use crate::i18n::fr as t;

/// The travel buffer a new installation starts with (`planning_setting`): two events of one
/// support collaborator need this much time between them.
pub const DEFAULT_TRAVEL_BUFFER_MINUTES: i32 = 120;
/// The longest buffer management may set: a day.
pub const MAX_TRAVEL_BUFFER_MINUTES: i32 = 24 * 60;

/// Another event in the way: the same support collaborator too close in time, or the same
/// place at the same time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Clash {
    pub event_id: EventId,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub location: String,
    pub support_contact_name: Option<String>,
}

impl Clash {
    /// "« Gala » du 4 juin 2026 à 10:00 au 4 juin 2026 à 18:00".
    pub fn describe(&self) -> String {
        t::clash(&self.title, self.starts_at, self.ends_at)
    }
}

/// A support collaborator as the assignment form shows them for one event: their load in the
/// event's week and their events too close to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    pub id: CollaboratorId,
    pub full_name: String,
    /// Events (not cancelled) in the week of the event, Monday to Sunday, Paris time.
    pub week_events: i64,
    /// Their hours within that week, in minutes.
    pub week_minutes: i64,
    /// They have an event too close to this one (travel buffer included).
    pub busy: bool,
    /// Which events, when asked for (an event's page; the queue only says who is busy): the
    /// first few.
    pub clashes: Vec<Clash>,
}

impl Candidate {
    pub fn is_free(&self) -> bool {
        !self.busy
    }

    /// "Léa Martin — 3 événements, 14 h cette semaine" (and "déjà pris" when not free).
    pub fn option_label(&self) -> String {
        t::candidate_label(&self.full_name, self.week_events, self.week_minutes, self.is_free())
    }
}

/// Everything needed to choose an event's support: each active support collaborator, the
/// suggested one, the buffer applied and the week counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    pub event_id: EventId,
    /// The Monday of the event's week (Paris).
    pub week_of: NaiveDate,
    pub travel_buffer_minutes: i32,
    /// Free first, then the least loaded, then by name.
    pub candidates: Vec<Candidate>,
}

impl Assignment {
    /// The least-loaded free person: the first candidate, when free.
    pub fn suggestion(&self) -> Option<&Candidate> {
        self.candidates.first().filter(|c| c.is_free())
    }

    /// Whether any choice would need a reason (so the form asks for one).
    pub fn has_clashes(&self) -> bool {
        self.candidates.iter().any(|c| !c.is_free())
    }
}

/// Orders candidates as the form offers them: free first, then fewer hours, fewer events, name.
pub fn rank(candidates: &mut [Candidate]) {
    candidates.sort_by(|a, b| {
        (!a.is_free(), a.week_minutes, a.week_events, &a.full_name).cmp(&(
            !b.is_free(),
            b.week_minutes,
            b.week_events,
            &b.full_name,
        ))
    });
}

/// The week (Monday 00:00 to the next Monday 00:00, Paris time) that `instant` falls in, as
/// UTC instants: 167 or 169 hours long the weeks the clocks change.
pub fn week_around(instant: DateTime<Utc>) -> Option<(NaiveDate, DateTime<Utc>, DateTime<Utc>)> {
    let day = in_paris(instant).date_naive();
    let monday = day.checked_sub_days(Days::new(u64::from(day.weekday().num_days_from_monday())))?;
    let next_monday = monday.checked_add_days(Days::new(7))?;
    Some((monday, start_of_day(monday)?, start_of_day(next_monday)?))
}

/// Reads the travel buffer management types, in minutes.
pub fn parse_travel_buffer(raw: &str) -> Result<i32, String> {
    raw.trim()
        .parse::<i32>()
        .ok()
        .filter(|minutes| (0..=MAX_TRAVEL_BUFFER_MINUTES).contains(minutes))
        .ok_or_else(|| t::TRAVEL_BUFFER_INVALID.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().to_utc()
    }

    fn candidate(n: u128, name: &str, minutes: i64, events: i64, busy: bool) -> Candidate {
        let clash = Clash {
            event_id: EventId(Uuid::from_u128(99)),
            title: "Gala".into(),
            starts_at: at("2026-06-04T08:00:00Z"),
            ends_at: at("2026-06-04T10:00:00Z"),
            location: "Lyon".into(),
            support_contact_name: None,
        };
        Candidate {
            id: CollaboratorId(Uuid::from_u128(n)),
            full_name: name.into(),
            week_events: events,
            week_minutes: minutes,
            busy,
            clashes: if busy { vec![clash] } else { vec![] },
        }
    }

    #[test]
    fn the_least_loaded_free_person_comes_first() {
        let mut candidates = vec![
            candidate(1, "Ana", 0, 0, true),
            candidate(2, "Bruno", 600, 2, false),
            candidate(3, "Chloé", 240, 3, false),
            candidate(4, "David", 240, 1, false),
        ];
        rank(&mut candidates);
        let names: Vec<_> = candidates.iter().map(|c| c.full_name.as_str()).collect();
        assert_eq!(names, ["David", "Chloé", "Bruno", "Ana"], "busy last, however idle");
        let assignment = Assignment {
            event_id: EventId(Uuid::from_u128(9)),
            week_of: NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
            travel_buffer_minutes: 120,
            candidates,
        };
        assert_eq!(assignment.suggestion().map(|c| c.full_name.as_str()), Some("David"));
        assert!(assignment.has_clashes());
    }

    #[test]
    fn nobody_is_suggested_when_everyone_is_taken() {
        let assignment = Assignment {
            event_id: EventId(Uuid::from_u128(9)),
            week_of: NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
            travel_buffer_minutes: 120,
            candidates: vec![candidate(1, "Ana", 0, 0, true)],
        };
        assert_eq!(assignment.suggestion(), None);
    }

    #[test]
    fn a_week_runs_monday_to_monday_in_paris_time() {
        // Sunday 2026-06-07 23:30 in Paris is still the week of Monday 1 June.
        let (monday, start, end) = week_around(at("2026-06-07T21:30:00Z")).unwrap();
        assert_eq!(monday, NaiveDate::from_ymd_opt(2026, 6, 1).unwrap());
        assert_eq!(start, at("2026-05-31T22:00:00Z"));
        assert_eq!(end, at("2026-06-07T22:00:00Z"));
        // Monday 00:30 in Paris is the next week, though still Sunday in UTC.
        assert_eq!(week_around(at("2026-06-07T22:30:00Z")).unwrap().0, NaiveDate::from_ymd_opt(2026, 6, 8).unwrap());
    }

    #[test]
    fn the_weeks_the_clocks_change_are_an_hour_shorter_or_longer() {
        let (_, start, end) = week_around(at("2026-03-27T12:00:00Z")).unwrap();
        assert_eq!((end - start).num_hours(), 167);
        let (_, start, end) = week_around(at("2026-10-22T12:00:00Z")).unwrap();
        assert_eq!((end - start).num_hours(), 169);
    }

    #[test]
    fn the_buffer_is_whole_minutes_up_to_a_day() {
        assert_eq!(parse_travel_buffer(" 90 "), Ok(90));
        assert_eq!(parse_travel_buffer("0"), Ok(0));
        for bad in ["-1", "1441", "2h", ""] {
            assert!(parse_travel_buffer(bad).is_err(), "{bad}");
        }
    }
}
