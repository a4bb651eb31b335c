//! The checks of an event's readiness, as the page lists them.

use serde::{Deserialize, Serialize};

use crate::i18n::fr as t;

/// How far ahead management's home looks for events at risk, in days.
pub const AT_RISK_HORIZON_DAYS: u64 = 14;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReadinessCheck {
    SupportAssigned,
    PlaceAndAttendees,
    ContractSigned,
    /// Every milestone due on or before the event's day is paid.
    MilestonesPaid,
    RunSheetFilled,
    /// No open follow-up on the event is past its day.
    NoOverdueFollowUp,
}

impl ReadinessCheck {
    pub const ALL: [ReadinessCheck; 6] = [
        ReadinessCheck::SupportAssigned,
        ReadinessCheck::PlaceAndAttendees,
        ReadinessCheck::ContractSigned,
        ReadinessCheck::MilestonesPaid,
        ReadinessCheck::RunSheetFilled,
        ReadinessCheck::NoOverdueFollowUp,
    ];

    /// What the check asks, as the page lists it.
    pub fn label(self) -> &'static str {
        match self {
            ReadinessCheck::SupportAssigned => t::READY_SUPPORT,
            ReadinessCheck::PlaceAndAttendees => t::READY_PLACE,
            ReadinessCheck::ContractSigned => t::READY_SIGNED,
            ReadinessCheck::MilestonesPaid => t::READY_PAID,
            ReadinessCheck::RunSheetFilled => t::READY_RUN_SHEET,
            ReadinessCheck::NoOverdueFollowUp => t::READY_FOLLOW_UPS,
        }
    }
}

/// Each check's state for one event (true: met), as the database works them out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Readiness {
    pub support: bool,
    pub place: bool,
    pub signed: bool,
    pub paid: bool,
    pub run_sheet: bool,
    pub follow_ups: bool,
}

impl Readiness {
    pub fn met(&self, check: ReadinessCheck) -> bool {
        match check {
            ReadinessCheck::SupportAssigned => self.support,
            ReadinessCheck::PlaceAndAttendees => self.place,
            ReadinessCheck::ContractSigned => self.signed,
            ReadinessCheck::MilestonesPaid => self.paid,
            ReadinessCheck::RunSheetFilled => self.run_sheet,
            ReadinessCheck::NoOverdueFollowUp => self.follow_ups,
        }
    }

    /// The checks not met, in the page's order.
    pub fn missing(&self) -> Vec<ReadinessCheck> {
        ReadinessCheck::ALL.into_iter().filter(|check| !self.met(*check)).collect()
    }

    pub fn is_ready(&self) -> bool {
        self.missing().is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_is_ready_when_every_check_is_met() {
        let all = Readiness { support: true, place: true, signed: true, paid: true, run_sheet: true, follow_ups: true };
        assert!(all.is_ready());
        let missing = Readiness { support: false, run_sheet: false, ..all };
        assert!(!missing.is_ready());
        assert_eq!(missing.missing(), [ReadinessCheck::SupportAssigned, ReadinessCheck::RunSheetFilled]);
        assert_eq!(Readiness::default().missing(), ReadinessCheck::ALL);
    }
}
