//! An event's state, and the moves between states that people make.
//!
//! Two facts are stored (confirmed, cancelled); "en cours" and "terminé" follow the dates and
//! the clock. A finished or cancelled event is the company's record: locked against edits,
//! except by management (`policy::can_update_event`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::i18n::fr as t;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EventStatus {
    /// Not confirmed yet: dates, place or people may still move.
    ToPlan,
    Confirmed,
    Ongoing,
    Finished,
    Cancelled,
}

impl EventStatus {
    pub const ALL: [EventStatus; 5] = [
        EventStatus::ToPlan,
        EventStatus::Confirmed,
        EventStatus::Ongoing,
        EventStatus::Finished,
        EventStatus::Cancelled,
    ];

    /// The state of an event with these facts at `now`. A cancelled event stays cancelled
    /// whatever its dates; otherwise the dates decide once the event has begun.
    pub fn of(
        confirmed: bool,
        cancelled: bool,
        (starts_at, ends_at): (DateTime<Utc>, DateTime<Utc>),
        now: DateTime<Utc>,
    ) -> Self {
        if cancelled {
            EventStatus::Cancelled
        } else if ends_at <= now {
            EventStatus::Finished
        } else if starts_at <= now {
            EventStatus::Ongoing
        } else if confirmed {
            EventStatus::Confirmed
        } else {
            EventStatus::ToPlan
        }
    }

    /// Finished and cancelled events are kept as they were.
    pub fn is_locked(self) -> bool {
        matches!(self, EventStatus::Finished | EventStatus::Cancelled)
    }

    pub fn code(self) -> &'static str {
        match self {
            EventStatus::ToPlan => "to_plan",
            EventStatus::Confirmed => "confirmed",
            EventStatus::Ongoing => "ongoing",
            EventStatus::Finished => "finished",
            EventStatus::Cancelled => "cancelled",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        EventStatus::ALL.into_iter().find(|status| status.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            EventStatus::ToPlan => t::STATUS_TO_PLAN,
            EventStatus::Confirmed => t::STATUS_CONFIRMED,
            EventStatus::Ongoing => t::STATUS_ONGOING,
            EventStatus::Finished => t::STATUS_FINISHED,
            EventStatus::Cancelled => t::STATUS_CANCELLED,
        }
    }

    /// The badge's class: the states that ask for attention stand out.
    pub fn badge_class(self) -> &'static str {
        match self {
            EventStatus::ToPlan => "badge badge-warn",
            EventStatus::Confirmed | EventStatus::Ongoing => "badge badge-ok",
            EventStatus::Finished => "badge",
            EventStatus::Cancelled => "badge badge-danger",
        }
    }
}

/// What someone does to an event's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventMove {
    Confirm,
    /// Back to "à planifier": the confirmation was premature.
    Unconfirm,
    /// Kept, with a reason, never deleted for it.
    Cancel,
    /// A cancellation undone (management).
    Restore,
}

impl EventMove {
    /// The move that takes an event from `from` to `to`, or why there is none: "en cours" and
    /// "terminé" follow the dates, a finished event is not cancelled after the fact, and a
    /// cancelled one comes back planned.
    pub fn between(from: EventStatus, to: EventStatus) -> Result<Self, &'static str> {
        use EventStatus::*;
        match (from, to) {
            _ if from == to => Err(t::STATUS_UNCHANGED),
            (ToPlan, Confirmed) => Ok(EventMove::Confirm),
            (Confirmed, ToPlan) => Ok(EventMove::Unconfirm),
            (ToPlan | Confirmed | Ongoing, Cancelled) => Ok(EventMove::Cancel),
            (Cancelled, ToPlan) => Ok(EventMove::Restore),
            (_, Ongoing | Finished) => Err(t::STATUS_FOLLOWS_DATES),
            (Finished, _) => Err(t::EVENT_FINISHED_NO_MOVE),
            (Cancelled, _) => Err(t::EVENT_CANCELLED_RESTORE_FIRST),
            (Ongoing, _) => Err(t::EVENT_ONGOING_NO_MOVE),
            // Only the same state is left here.
            (ToPlan | Confirmed, ToPlan | Confirmed) => Err(t::STATUS_UNCHANGED),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use EventStatus::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().to_utc()
    }

    const DAY: (&str, &str) = ("2026-06-04T08:00:00Z", "2026-06-04T18:00:00Z");

    fn status(confirmed: bool, cancelled: bool, now: &str) -> EventStatus {
        EventStatus::of(confirmed, cancelled, (at(DAY.0), at(DAY.1)), at(now))
    }

    #[test]
    fn the_dates_decide_once_the_event_has_begun() {
        assert_eq!(status(false, false, "2026-06-04T07:59:59Z"), ToPlan);
        assert_eq!(status(true, false, "2026-06-04T07:59:59Z"), Confirmed);
        assert_eq!(status(false, false, "2026-06-04T08:00:00Z"), Ongoing, "the start is included");
        assert_eq!(status(true, false, "2026-06-04T17:59:59Z"), Ongoing);
        assert_eq!(status(true, false, "2026-06-04T18:00:00Z"), Finished, "the end is excluded");
        assert_eq!(status(false, true, "2026-06-04T12:00:00Z"), Cancelled, "cancelled whatever the dates");
        assert_eq!(status(false, true, "2027-01-01T00:00:00Z"), Cancelled);
    }

    #[test]
    fn only_finished_and_cancelled_events_are_locked() {
        let locked: Vec<_> = EventStatus::ALL.into_iter().filter(|s| s.is_locked()).collect();
        assert_eq!(locked, [Finished, Cancelled]);
    }

    #[test]
    fn codes_read_back() {
        for status in EventStatus::ALL {
            assert_eq!(EventStatus::from_code(status.code()), Some(status));
        }
        assert_eq!(EventStatus::from_code("done"), None);
    }

    #[test]
    fn people_confirm_cancel_and_restore_and_the_clock_does_the_rest() {
        assert_eq!(EventMove::between(ToPlan, Confirmed), Ok(EventMove::Confirm));
        assert_eq!(EventMove::between(Confirmed, ToPlan), Ok(EventMove::Unconfirm));
        for from in [ToPlan, Confirmed, Ongoing] {
            assert_eq!(EventMove::between(from, Cancelled), Ok(EventMove::Cancel), "{from:?}");
        }
        assert_eq!(EventMove::between(Cancelled, ToPlan), Ok(EventMove::Restore));
        for from in EventStatus::ALL {
            for to in [Ongoing, Finished] {
                assert!(EventMove::between(from, to).is_err(), "{from:?} → {to:?}");
            }
        }
        for refused in
            [(Finished, Cancelled), (Finished, ToPlan), (Cancelled, Confirmed), (Ongoing, ToPlan), (ToPlan, ToPlan)]
        {
            assert!(EventMove::between(refused.0, refused.1).is_err(), "{refused:?}");
        }
    }
}
