//! The home page's queues, as the server sends them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::CollaboratorId;
use crate::i18n::fr as t;

/// How many rows a queue shows; its link leads to the rest.
pub const FIRST_ROWS: u32 = 5;

/// How far ahead each queue looks, in days.
pub const SUPPORT_HORIZON_DAYS: u64 = 7;
pub const MANAGEMENT_HORIZON_DAYS: u64 = 30;
/// A client not contacted for this many days is "sans contact".
pub const QUIET_CLIENT_DAYS: u64 = 30;

/// One kind of work, with its title and what it says when nothing waits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum QueueKind {
    ContractsToSign,
    SignedUnpaid,
    QuietClients,
    FollowUpsDue,
    MyEventsSoon,
    MyEventsIncomplete,
    EventsWithoutSupport,
    UnpaidEventsSoon,
    EventsAtRisk,
}

impl QueueKind {
    pub fn title(self) -> &'static str {
        match self {
            QueueKind::ContractsToSign => t::QUEUE_CONTRACTS_TO_SIGN,
            QueueKind::SignedUnpaid => t::QUEUE_SIGNED_UNPAID,
            QueueKind::QuietClients => t::QUEUE_QUIET_CLIENTS,
            QueueKind::FollowUpsDue => t::QUEUE_FOLLOW_UPS_DUE,
            QueueKind::MyEventsSoon => t::QUEUE_MY_EVENTS_SOON,
            QueueKind::MyEventsIncomplete => t::QUEUE_MY_EVENTS_INCOMPLETE,
            QueueKind::EventsWithoutSupport => t::QUEUE_EVENTS_WITHOUT_SUPPORT,
            QueueKind::UnpaidEventsSoon => t::QUEUE_UNPAID_EVENTS_SOON,
            QueueKind::EventsAtRisk => t::QUEUE_EVENTS_AT_RISK,
        }
    }

    /// A stable name for the page's anchors and tests.
    pub fn code(self) -> &'static str {
        match self {
            QueueKind::ContractsToSign => "contracts-to-sign",
            QueueKind::SignedUnpaid => "signed-unpaid",
            QueueKind::QuietClients => "quiet-clients",
            QueueKind::FollowUpsDue => "follow-ups-due",
            QueueKind::MyEventsSoon => "my-events-soon",
            QueueKind::MyEventsIncomplete => "my-events-incomplete",
            QueueKind::EventsWithoutSupport => "events-without-support",
            QueueKind::UnpaidEventsSoon => "unpaid-events-soon",
            QueueKind::EventsAtRisk => "events-at-risk",
        }
    }
}

/// One row of a queue: what it is, a line about it, where it leads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueRow {
    pub label: String,
    pub detail: String,
    pub href: String,
    /// Shown in red: late, or without support.
    pub alert: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Queue {
    pub kind: QueueKind,
    /// Counted up to `COUNT_CAP + 1` (above the cap: "more than 1,000").
    pub total: i64,
    /// The full list, with the same filters.
    pub href: String,
    pub rows: Vec<QueueRow>,
}

/// A support collaborator's events this week (management's view of the team).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Workload {
    pub id: CollaboratorId,
    pub full_name: String,
    pub events: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyDay {
    pub today: NaiveDate,
    pub queues: Vec<Queue>,
    /// The support team's events this week (Monday to Sunday), for management only.
    pub workload: Option<WeekWorkload>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekWorkload {
    pub monday: NaiveDate,
    pub sunday: NaiveDate,
    pub rows: Vec<Workload>,
}
