//! A contract's payment schedule worked out: what each milestone asks of the total, and where it
//! stands. Pure, so that the rules read (and are tested) apart from the database. The due days
//! and the allocation of the payments to the milestones are derived in the database
//! (`payment_schedule_refresh`, migrations/20261206000001_payments.sql), whoever changes the
//! contract, its events or its payments.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::Cents;
use crate::domain::datetime::format_day;
use crate::i18n::fr as t;

/// How a milestone's amount is typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Share {
    Amount(Cents),
    /// In basis points: 3000 is 30 %.
    Percent(u16),
    /// What the other milestones leave of the total ("le solde").
    Rest,
}

/// 100 %, in basis points.
pub const WHOLE: u16 = 10_000;

/// When a milestone falls due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DueRule {
    /// The day the contract is signed.
    Signing,
    Fixed(NaiveDate),
    /// So many days from the Paris day of the contract's first event (-30: thirty days before).
    FromEvent(i32),
}

/// The most days a milestone may lie from the first event (two years), as the database checks.
pub const MAX_DAYS_FROM_EVENT: i32 = 730;

impl DueRule {
    /// "À la signature", "Le 12 mars 2026", "30 jours avant le premier événement"…
    pub fn text(self) -> String {
        match self {
            DueRule::Signing => t::DUE_AT_SIGNING.to_owned(),
            DueRule::Fixed(day) => format_day(day),
            DueRule::FromEvent(days) => t::due_from_event(days),
        }
    }
}

/// Why a schedule cannot be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScheduleError {
    /// The milestones ask more than the total.
    OverTotal,
    /// Two milestones would take the rest.
    TwoRests,
}

impl ScheduleError {
    pub fn message(self) -> &'static str {
        match self {
            ScheduleError::OverTotal => t::SCHEDULE_OVER_TOTAL,
            ScheduleError::TwoRests => t::SCHEDULE_TWO_RESTS,
        }
    }
}

/// What each milestone asks of `total`, in the order of `shares`:
/// - a percentage is rounded down to the cent;
/// - the milestone that takes the rest (one at most) gets what the others leave, so that the
///   schedule adds up to the total exactly;
/// - without one, when the shares cover the whole total (30 % + 70 %, or 200 € + 50 % of 400 €),
///   the last percentage also takes the cents lost in rounding, for the same reason.
///
/// Fails when the shares ask more than the total.
pub fn amounts(total: Cents, shares: &[Share]) -> Result<Vec<Cents>, ScheduleError> {
    if shares.iter().filter(|s| matches!(s, Share::Rest)).count() > 1 {
        return Err(ScheduleError::TwoRests);
    }
    let total_cents = i128::from(total.get());
    let asked: Vec<i128> = shares
        .iter()
        .map(|share| match share {
            Share::Amount(cents) => i128::from(cents.get()),
            Share::Percent(bp) => total_cents * i128::from(*bp) / i128::from(WHOLE),
            Share::Rest => 0,
        })
        .collect();
    let sum: i128 = asked.iter().sum();
    // Percentages over 100 % together ask too much whatever the total (on a 0 € contract too,
    // where they round to nothing).
    let percent: i128 = shares.iter().map(|s| if let Share::Percent(bp) = s { i128::from(*bp) } else { 0 }).sum();
    if sum > total_cents || percent > i128::from(WHOLE) {
        return Err(ScheduleError::OverTotal);
    }
    let mut asked = asked;
    let left = total_cents - sum;
    if let Some(rest) = shares.iter().position(|s| matches!(s, Share::Rest)) {
        asked[rest] = left;
    } else if left > 0 && covers_the_total(total_cents, shares) {
        let last_percent = shares.iter().rposition(|s| matches!(s, Share::Percent(_)));
        if let Some(last) = last_percent {
            asked[last] += left;
        }
    }
    // Every value lies between 0 and the total, which is a valid amount.
    Ok(asked.into_iter().map(|cents| Cents::new(cents as i64).unwrap_or(Cents::ZERO)).collect())
}

/// Whether the shares, unrounded, make exactly the total.
fn covers_the_total(total_cents: i128, shares: &[Share]) -> bool {
    let in_bp: i128 = shares
        .iter()
        .map(|share| match share {
            Share::Amount(cents) => i128::from(cents.get()) * i128::from(WHOLE),
            Share::Percent(bp) => total_cents * i128::from(*bp),
            Share::Rest => 0,
        })
        .sum();
    in_bp == total_cents * i128::from(WHOLE)
}

/// Where a milestone stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MilestoneState {
    Paid,
    /// Partly paid, not yet late.
    PartlyPaid,
    /// Not paid, due today or later (or at a day still unknown).
    Due,
    /// Due before today and not fully paid (whether partly paid or not).
    Overdue,
}

impl MilestoneState {
    /// `amount` asked, `paid` of it, due on `due_on` (unknown: unsigned, or no event yet).
    pub fn of(amount: i64, paid: i64, due_on: Option<NaiveDate>, today: NaiveDate) -> Self {
        if paid >= amount {
            MilestoneState::Paid
        } else if due_on.is_some_and(|day| day < today) {
            MilestoneState::Overdue
        } else if paid > 0 {
            MilestoneState::PartlyPaid
        } else {
            MilestoneState::Due
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            MilestoneState::Paid => "paid",
            MilestoneState::PartlyPaid => "partly_paid",
            MilestoneState::Due => "due",
            MilestoneState::Overdue => "overdue",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            MilestoneState::Paid => t::MILESTONE_PAID,
            MilestoneState::PartlyPaid => t::MILESTONE_PARTLY_PAID,
            MilestoneState::Due => t::MILESTONE_DUE,
            MilestoneState::Overdue => t::MILESTONE_OVERDUE,
        }
    }

    /// The badge's colour class: green paid, amber due, red late.
    pub fn badge_class(self) -> &'static str {
        match self {
            MilestoneState::Paid => "badge badge-ok",
            MilestoneState::PartlyPaid | MilestoneState::Due => "badge badge-warn",
            MilestoneState::Overdue => "badge badge-danger",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cents(value: i64) -> Cents {
        Cents::new(value).unwrap()
    }

    fn asked(total: i64, shares: &[Share]) -> Vec<i64> {
        amounts(cents(total), shares).unwrap().into_iter().map(Cents::get).collect()
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_percentage_is_a_share_of_the_total_rounded_down_and_the_rest_takes_the_cents() {
        assert_eq!(asked(100_000, &[Share::Percent(3000), Share::Rest]), [30_000, 70_000]);
        assert_eq!(asked(100_001, &[Share::Percent(3333), Share::Rest]), [33_330, 66_671]);
    }

    #[test]
    fn percentages_covering_the_total_add_up_to_it_exactly() {
        let shares = [Share::Percent(3333), Share::Percent(3333), Share::Percent(3334)];
        assert_eq!(asked(1_000, &shares), [333, 333, 334]);
        assert_eq!(asked(101, &[Share::Percent(5000), Share::Percent(5000)]), [50, 51]);
        assert_eq!(asked(40_000, &[Share::Amount(cents(20_000)), Share::Percent(5000)]), [20_000, 20_000]);
    }

    #[test]
    fn a_schedule_short_of_the_total_leaves_the_difference_unscheduled() {
        assert_eq!(asked(101, &[Share::Percent(5000)]), [50]);
        assert_eq!(asked(1_000, &[Share::Amount(cents(300))]), [300]);
    }

    #[test]
    fn every_schedule_with_a_rest_adds_up_to_the_total() {
        for total in [0, 1, 99, 100, 12_345, 99_999_999] {
            for bp in [1, 2500, 3333, 9999, WHOLE] {
                let sum: i64 = asked(total, &[Share::Percent(bp), Share::Rest]).iter().sum();
                assert_eq!(sum, total, "{bp} bp of {total}");
            }
        }
    }

    #[test]
    fn a_schedule_asking_more_than_the_total_is_refused() {
        assert_eq!(amounts(cents(100), &[Share::Amount(cents(101))]), Err(ScheduleError::OverTotal));
        assert_eq!(
            amounts(cents(100), &[Share::Percent(6000), Share::Percent(6000), Share::Rest]),
            Err(ScheduleError::OverTotal)
        );
        assert_eq!(amounts(cents(100), &[Share::Rest, Share::Rest]), Err(ScheduleError::TwoRests));
    }

    #[test]
    fn a_milestone_is_paid_partly_paid_due_or_overdue() {
        let today = day(2026, 3, 12);
        assert_eq!(MilestoneState::of(100, 100, Some(day(2026, 1, 1)), today), MilestoneState::Paid);
        assert_eq!(MilestoneState::of(0, 0, None, today), MilestoneState::Paid, "nothing asked");
        assert_eq!(MilestoneState::of(100, 40, Some(day(2026, 3, 11)), today), MilestoneState::Overdue);
        assert_eq!(MilestoneState::of(100, 0, Some(day(2026, 3, 11)), today), MilestoneState::Overdue);
        assert_eq!(
            MilestoneState::of(100, 40, Some(today), today),
            MilestoneState::PartlyPaid,
            "due today is not late"
        );
        assert_eq!(MilestoneState::of(100, 0, Some(today), today), MilestoneState::Due);
        assert_eq!(MilestoneState::of(100, 0, None, today), MilestoneState::Due, "a day still to fix is never late");
    }

    #[test]
    fn due_rules_read_in_french() {
        assert_eq!(DueRule::Signing.text(), "À la signature");
        assert_eq!(DueRule::Fixed(day(2026, 3, 12)).text(), "12 mars 2026");
        assert_eq!(DueRule::FromEvent(-30).text(), "30 jours avant le premier événement");
        assert_eq!(DueRule::FromEvent(0).text(), "Le jour du premier événement");
        assert_eq!(DueRule::FromEvent(1).text(), "1 jour après le premier événement");
    }

    #[test]
    fn percentages_over_a_hundred_are_refused_even_on_a_free_contract() {
        let free = Cents::ZERO;
        assert_eq!(amounts(free, &[Share::Percent(10_000), Share::Percent(10_000)]), Err(ScheduleError::OverTotal));
        assert_eq!(amounts(free, &[Share::Percent(6_000), Share::Percent(4_000)]).unwrap(), [Cents::ZERO, Cents::ZERO]);
        let total = Cents::new(100_000).unwrap();
        assert_eq!(amounts(total, &[Share::Percent(5_000), Share::Percent(5_001)]), Err(ScheduleError::OverTotal));
    }
}
