//! Payment types shared by the browser and the server: milestones, payments, their forms, and
//! the "Encaissements" page.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::schedule::{DueRule, MAX_DAYS_FROM_EVENT, MilestoneState, Share, WHOLE};
use crate::auth::Actor;
use crate::domain::datetime::parse_day;
use crate::domain::{Cents, ClientId, CollaboratorId, ContractId, MilestoneId, MilestoneLabel, PaymentId};
use crate::error::AppError;
use crate::forms::Validator;
use crate::i18n::fr as t;

/// How a payment was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PaymentMethod {
    Transfer,
    Cheque,
    Card,
    Cash,
    /// What was already paid when payments started being recorded one by one (the migration
    /// wrote it); never offered in a form.
    CarriedOver,
}

impl PaymentMethod {
    /// What a form or the API may record.
    pub const OFFERED: [PaymentMethod; 4] =
        [PaymentMethod::Transfer, PaymentMethod::Cheque, PaymentMethod::Card, PaymentMethod::Cash];

    /// As stored and sent by the API.
    pub fn code(self) -> &'static str {
        match self {
            PaymentMethod::Transfer => "transfer",
            PaymentMethod::Cheque => "cheque",
            PaymentMethod::Card => "card",
            PaymentMethod::Cash => "cash",
            PaymentMethod::CarriedOver => "carried_over",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            PaymentMethod::Transfer => t::PAYMENT_TRANSFER,
            PaymentMethod::Cheque => t::PAYMENT_CHEQUE,
            PaymentMethod::Card => t::PAYMENT_CARD,
            PaymentMethod::Cash => t::PAYMENT_CASH,
            PaymentMethod::CarriedOver => t::PAYMENT_CARRIED_OVER,
        }
    }

    /// A method a form may record.
    pub fn parse(code: &str) -> Result<Self, String> {
        Self::OFFERED.into_iter().find(|m| m.code() == code.trim()).ok_or_else(|| t::PAYMENT_METHOD_INVALID.to_owned())
    }
}

impl TryFrom<String> for PaymentMethod {
    type Error = String;

    fn try_from(code: String) -> Result<Self, String> {
        Self::parse(&code).or(if code == "carried_over" { Ok(PaymentMethod::CarriedOver) } else { Err(code) })
    }
}

/// One milestone, as stored: its definition, and what the database derived (its due day, the
/// part of the payments it holds).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct MilestoneRow {
    pub id: MilestoneId,
    pub contract_id: ContractId,
    pub position: i32,
    pub label: String,
    /// `amount`, `percent` or `rest`.
    pub share: String,
    pub percent_bp: Option<i32>,
    /// What it asks, in cents.
    pub amount_cents: i64,
    /// `signing`, `fixed` or `event`.
    pub due_kind: String,
    pub fixed_on: Option<NaiveDate>,
    pub days_from_event: Option<i32>,
    /// `None` while unknown: the contract is unsigned, or has no event yet.
    pub due_on: Option<NaiveDate>,
    pub paid_cents: i64,
}

impl MilestoneRow {
    /// The share as typed; the database keeps the columns consistent.
    pub fn share(&self) -> Share {
        match (self.share.as_str(), self.percent_bp) {
            ("percent", Some(bp)) => Share::Percent(u16::try_from(bp).unwrap_or(WHOLE)),
            ("rest", _) => Share::Rest,
            _ => Share::Amount(Cents::new(self.amount_cents).unwrap_or(Cents::ZERO)),
        }
    }

    pub fn rule(&self) -> DueRule {
        match (self.due_kind.as_str(), self.fixed_on, self.days_from_event) {
            ("fixed", Some(day), _) => DueRule::Fixed(day),
            ("event", _, Some(days)) => DueRule::FromEvent(days),
            _ => DueRule::Signing,
        }
    }

    pub fn state(&self, today: NaiveDate) -> MilestoneState {
        MilestoneState::of(self.amount_cents, self.paid_cents, self.due_on, today)
    }

    /// "30 %", "Solde", or nothing for a typed amount (the amount says it).
    pub fn share_text(&self) -> Option<String> {
        match self.share() {
            Share::Percent(bp) => Some(t::percent(bp)),
            Share::Rest => Some(t::SHARE_REST_TEXT.to_owned()),
            Share::Amount(_) => None,
        }
    }

    /// When it is due, as the schedule shows it: the day when known, else the rule.
    pub fn due_text(&self) -> String {
        match (self.due_on, self.rule()) {
            (Some(day), DueRule::Fixed(_)) => crate::domain::datetime::format_day(day),
            (Some(day), rule) => format!("{} ({})", crate::domain::datetime::format_day(day), rule.text()),
            (None, DueRule::FromEvent(_)) => format!("{} ({})", t::DUE_TO_BE_FIXED, self.rule().text()),
            (None, rule) => rule.text(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PaymentRow {
    pub id: PaymentId,
    pub contract_id: ContractId,
    pub paid_on: NaiveDate,
    pub amount_cents: i64,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "String"))]
    pub method: PaymentMethod,
    pub recorded_by: Option<CollaboratorId>,
    pub recorded_by_name: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// A payment and its contract, for the confirmation of its deletion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentOfContract {
    pub payment: PaymentRow,
    pub contract: crate::contracts::model::ContractRow,
}

/// A contract's schedule and payments, as its page shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentSchedule {
    pub milestones: Vec<MilestoneRow>,
    /// Newest first (the 200 newest).
    pub payments: Vec<PaymentRow>,
    /// What no milestone asks (a schedule without "solde" may fall short of the total).
    pub unscheduled_cents: i64,
    pub today: NaiveDate,
}

/// A payment as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PaymentForm {
    pub paid_on: String,
    pub amount: String,
    pub method: String,
}

impl PaymentForm {
    pub fn submitted(&self) -> [(&str, &str); 3] {
        [("paid_on", &self.paid_on), ("amount", &self.amount), ("method", &self.method)]
    }
}

/// A payment checked: a day not after `today`, more than nothing, a method offered. (Whether it
/// fits what remains is the service's check, on the locked contract.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewPayment {
    pub paid_on: NaiveDate,
    pub amount: Cents,
    pub method: PaymentMethod,
}

impl NewPayment {
    pub fn parse(form: &PaymentForm, today: NaiveDate) -> Result<Self, AppError> {
        let mut v = Validator::new();
        let paid_on = v.check("paid_on", parse_day(&form.paid_on));
        if let Some(day) = paid_on {
            v.require("paid_on", day <= today, t::PAYMENT_IN_FUTURE);
        }
        let amount = v.check("amount", Cents::parse(&form.amount));
        if let Some(amount) = amount {
            v.require("amount", amount.get() > 0, t::PAYMENT_AMOUNT_ZERO);
        }
        let method = v.check("method", PaymentMethod::parse(&form.method));
        let payment = (|| Some(NewPayment { paid_on: paid_on?, amount: amount?, method: method? }))();
        v.finish(payment).map_err(|e| e.keeping(&form.submitted()))
    }
}

/// A milestone as typed: `share` is `amount`, `percent` or `rest` (with `value` the amount or
/// the percentage), `due` is `signing`, `fixed` (with `fixed_on`) or `event` (with `days`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MilestoneForm {
    pub label: String,
    pub share: String,
    #[serde(default)]
    pub value: String,
    pub due: String,
    #[serde(default)]
    pub fixed_on: String,
    #[serde(default)]
    pub days: String,
}

impl MilestoneForm {
    pub fn submitted(&self) -> [(&str, &str); 6] {
        [
            ("label", &self.label),
            ("share", &self.share),
            ("value", &self.value),
            ("due", &self.due),
            ("fixed_on", &self.fixed_on),
            ("days", &self.days),
        ]
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMilestone {
    pub label: MilestoneLabel,
    pub share: Share,
    pub rule: DueRule,
}

impl TryFrom<&MilestoneForm> for NewMilestone {
    type Error = AppError;

    fn try_from(form: &MilestoneForm) -> Result<Self, AppError> {
        let mut v = Validator::new();
        let label = v.check("label", MilestoneLabel::parse(&form.label));
        let share = match form.share.trim() {
            "amount" => v.check("value", Cents::parse(&form.value)).map(Share::Amount),
            "percent" => v.check("value", parse_percent(&form.value)).map(Share::Percent),
            "rest" => Some(Share::Rest),
            _ => v.check("share", Err(t::MILESTONE_SHARE_INVALID.to_owned())),
        };
        let rule = match form.due.trim() {
            "signing" => Some(DueRule::Signing),
            "fixed" => v.check("fixed_on", parse_day(&form.fixed_on)).map(DueRule::Fixed),
            "event" => v.check("days", parse_days(&form.days)).map(DueRule::FromEvent),
            _ => v.check("due", Err(t::MILESTONE_DUE_INVALID.to_owned())),
        };
        let milestone = (|| Some(NewMilestone { label: label?, share: share?, rule: rule? }))();
        v.finish(milestone).map_err(|e| e.keeping(&form.submitted()))
    }
}

/// "30", "12,5", "12.5 %": a percentage from 0,01 to 100, in basis points.
fn parse_percent(input: &str) -> Result<u16, String> {
    let number = input.trim().trim_end_matches('%').trim_end();
    // Two decimals, as for cents: 12,5 % is 1250 basis points.
    let bp = Cents::parse(number).map_err(|_| t::PERCENT_INVALID.to_owned())?.get();
    u16::try_from(bp).ok().filter(|bp| (1..=WHOLE).contains(bp)).ok_or_else(|| t::PERCENT_INVALID.to_owned())
}

fn parse_days(input: &str) -> Result<i32, String> {
    let text = input.trim().replace('−', "-");
    text.parse::<i32>()
        .ok()
        .filter(|days| days.abs() <= MAX_DAYS_FROM_EVENT)
        .ok_or_else(|| t::DAYS_FROM_EVENT_INVALID.to_owned())
}

/// A milestone still owed, on the "Encaissements" page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct OwedRow {
    pub milestone_id: MilestoneId,
    pub contract_id: ContractId,
    pub client_id: ClientId,
    pub client_name: String,
    pub company_name: String,
    pub sales_contact_name: String,
    pub label: String,
    pub due_on: NaiveDate,
    pub amount_cents: i64,
    pub paid_cents: i64,
}

impl OwedRow {
    pub fn owed_cents(&self) -> i64 {
        self.amount_cents - self.paid_cents
    }
}

/// Milestones owed in one window (late, or due soon): one page of rows (`OWED_ROWS`, by due
/// day), and how many there are and how much they owe.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct OwedList {
    pub items: Vec<OwedRow>,
    pub count: i64,
    pub owed_cents: i64,
    /// From 1.
    pub page: i64,
}

impl OwedList {
    /// The rows before this page's.
    pub fn offset(&self) -> i64 {
        (self.page - 1) * OWED_ROWS
    }

    /// Whether another page follows, within the rows paging reaches.
    pub fn has_next(&self) -> bool {
        let next = self.page * OWED_ROWS;
        next < self.count && next < i64::from(crate::listing::MAX_REACHABLE_ROWS)
    }
}

/// The page of each list of "Encaissements" (`?retard=`, `?a_echoir=`), from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwedPages {
    pub overdue: i64,
    pub due_soon: i64,
}

impl Default for OwedPages {
    fn default() -> Self {
        OwedPages { overdue: 1, due_soon: 1 }
    }
}

impl OwedPages {
    /// Refuses a page before the first or beyond the rows paging reaches (as the lists do).
    pub fn check(self) -> Result<Self, AppError> {
        // Checked arithmetic: a page number near `i64::MAX` must be refused, not wrap around.
        let reachable = |page: i64| {
            page >= 1
                && (page - 1)
                    .checked_mul(OWED_ROWS)
                    .is_some_and(|first| first < i64::from(crate::listing::MAX_REACHABLE_ROWS))
        };
        let mut v = Validator::new();
        v.require("retard", reachable(self.overdue), t::PAGE_TOO_FAR);
        v.require("a_echoir", reachable(self.due_soon), t::PAGE_TOO_FAR);
        v.finish(Some(self))
    }
}

/// One month: what fell (or falls) due, and what was collected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct MonthTotals {
    /// Its first day.
    pub month: NaiveDate,
    pub due_cents: i64,
    pub collected_cents: i64,
}

/// "Encaissements": a salesperson's clients, or (management) everyone's or one salesperson's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Collections {
    pub today: NaiveDate,
    pub overdue: OwedList,
    pub due_soon: OwedList,
    pub months: Vec<MonthTotals>,
    /// Whose clients (`None`: everyone's).
    pub seller: Option<CollaboratorId>,
    pub pages: OwedPages,
    /// For management's filter.
    pub salespeople: Vec<Actor>,
}

/// How far ahead "à échoir" looks.
pub const DUE_SOON_DAYS: i64 = 30;
/// How many rows of each list the page shows.
pub const OWED_ROWS: i64 = 50;
/// The months of the totals: so many before the current one, the current one, so many after.
pub const MONTHS_BEFORE: u32 = 3;
pub const MONTHS_AFTER: u32 = 2;

#[cfg(test)]
mod tests {
    use super::*;

    fn payment(paid_on: &str, amount: &str, method: &str) -> Result<NewPayment, AppError> {
        let form = PaymentForm { paid_on: paid_on.into(), amount: amount.into(), method: method.into() };
        NewPayment::parse(&form, NaiveDate::from_ymd_opt(2026, 3, 12).unwrap())
    }

    fn milestone(share: &str, value: &str, due: &str, fixed_on: &str, days: &str) -> Result<NewMilestone, AppError> {
        let form = MilestoneForm {
            label: " Acompte ".into(),
            share: share.into(),
            value: value.into(),
            due: due.into(),
            fixed_on: fixed_on.into(),
            days: days.into(),
        };
        NewMilestone::try_from(&form)
    }

    #[test]
    fn a_payment_is_a_positive_amount_on_a_day_not_yet_to_come() {
        let p = payment("2026-03-12", "1 200,50", "transfer").unwrap();
        assert_eq!((p.amount.get(), p.method), (120_050, PaymentMethod::Transfer));
        let error = payment("2026-03-13", "0", "carried_over").unwrap_err();
        assert!(error.field_message("paid_on").is_some(), "tomorrow");
        assert!(error.field_message("amount").is_some(), "nothing");
        assert!(error.field_message("method").is_some(), "not offered");
        assert_eq!(error.submitted("amount"), Some("0"));
    }

    #[test]
    fn a_milestone_is_an_amount_a_percentage_or_the_rest_due_at_signing_a_day_or_from_the_event() {
        let m = milestone("percent", "30 %", "signing", "", "").unwrap();
        assert_eq!((m.label.as_str(), m.share, m.rule), ("Acompte", Share::Percent(3000), DueRule::Signing));
        assert_eq!(milestone("percent", "12,5", "event", "", "-30").unwrap().share, Share::Percent(1250));
        assert_eq!(milestone("rest", "", "event", "", "−30").unwrap().rule, DueRule::FromEvent(-30));
        let fixed = milestone("amount", "500", "fixed", "2026-06-01", "").unwrap();
        assert_eq!(fixed.rule, DueRule::Fixed(NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()));
    }

    #[test]
    fn owed_lists_page_by_fifty_up_to_where_paging_reaches() {
        assert!(OwedPages { overdue: 40, due_soon: 1 }.check().is_ok(), "rows 1951 to 2000");
        assert!(OwedPages { overdue: 41, due_soon: 1 }.check().unwrap_err().field_message("retard").is_some());
        assert!(OwedPages { overdue: 1, due_soon: 0 }.check().unwrap_err().field_message("a_echoir").is_some());
        let huge = OwedPages { overdue: i64::MAX, due_soon: i64::MIN };
        let refused = huge.check().unwrap_err();
        assert!(
            refused.field_message("retard").is_some() && refused.field_message("a_echoir").is_some(),
            "no wrap-around"
        );
        let list = |page, count| OwedList { items: Vec::new(), count, owed_cents: 0, page };
        assert_eq!(list(2, 120).offset(), 50);
        assert!(list(2, 120).has_next() && !list(3, 120).has_next() && !list(1, 50).has_next());
        assert!(!list(40, 5000).has_next(), "paging stops at 2,000 rows");
    }

    #[test]
    fn a_bad_milestone_names_each_field_wrong() {
        assert!(milestone("percent", "101", "event", "", "x").unwrap_err().field_message("value").is_some());
        assert!(milestone("percent", "0", "signing", "", "").unwrap_err().field_message("value").is_some());
        assert!(milestone("rest", "", "event", "", "731").unwrap_err().field_message("days").is_some());
        assert!(milestone("rest", "", "fixed", "demain", "").unwrap_err().field_message("fixed_on").is_some());
        let error = milestone("all", "", "later", "", "").unwrap_err();
        assert!(error.field_message("share").is_some() && error.field_message("due").is_some());
    }
}
