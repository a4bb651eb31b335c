//! Notifications as the bell, its page and the API show them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::{ClientId, ContractId, EventId, NotificationId};
use crate::i18n::fr as t;
use crate::records::RecordRef;

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum NotificationKind {
    /// Management made me an event's support contact.
    EventAssigned,
    /// Someone else changed the date, place or attendees of an event of mine.
    EventChanged,
    /// A contract of one of my clients was signed.
    ContractSigned,
    /// A contract of one of my clients has nothing left to pay.
    ContractPaid,
    /// One of my follow-ups is due today (or was already overdue when first looked at).
    FollowUpDue,
    /// (Management) an event less than `WITHOUT_SUPPORT_WITHIN_DAYS` away still has no support.
    EventWithoutSupport,
    /// Someone else cancelled an event of mine (I run it, or it is my client's).
    EventCancelled,
    /// A milestone of a contract of one of my clients falls due within a few days, still owed.
    MilestoneDue,
    /// (Management) an event less than `WITHOUT_SUPPORT_WITHIN_DAYS` away whose contract still
    /// owes money.
    EventUnpaid,
}

/// How long a notification is kept, read or not (the processing register says so).
pub const KEPT_FOR_DAYS: i64 = 90;

/// How close an event without support must be before management hears of it.
pub const WITHOUT_SUPPORT_WITHIN_DAYS: i64 = 14;

impl NotificationKind {
    pub const ALL: [NotificationKind; 9] = [
        NotificationKind::EventAssigned,
        NotificationKind::EventChanged,
        NotificationKind::ContractSigned,
        NotificationKind::ContractPaid,
        NotificationKind::FollowUpDue,
        NotificationKind::EventWithoutSupport,
        NotificationKind::EventCancelled,
        NotificationKind::MilestoneDue,
        NotificationKind::EventUnpaid,
    ];

    /// As stored (`notification.kind`) and sent by the API.
    pub fn code(self) -> &'static str {
        match self {
            NotificationKind::EventAssigned => "event_assigned",
            NotificationKind::EventChanged => "event_changed",
            NotificationKind::ContractSigned => "contract_signed",
            NotificationKind::ContractPaid => "contract_paid",
            NotificationKind::FollowUpDue => "follow_up_due",
            NotificationKind::EventWithoutSupport => "event_without_support",
            NotificationKind::EventCancelled => "event_cancelled",
            NotificationKind::MilestoneDue => "milestone_due",
            NotificationKind::EventUnpaid => "event_unpaid",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.code() == code)
    }
}

/// An event's field whose change its support contact and sales contact hear of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WatchedField {
    Dates,
    Location,
    Attendees,
}

impl WatchedField {
    pub const ALL: [WatchedField; 3] = [WatchedField::Dates, WatchedField::Location, WatchedField::Attendees];

    pub fn code(self) -> &'static str {
        match self {
            WatchedField::Dates => "dates",
            WatchedField::Location => "location",
            WatchedField::Attendees => "attendees",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            WatchedField::Dates => t::NOTIFICATION_FIELD_DATES,
            WatchedField::Location => t::NOTIFICATION_FIELD_LOCATION,
            WatchedField::Attendees => t::NOTIFICATION_FIELD_ATTENDEES,
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|field| field.code() == code)
    }
}

/// One notification, with the record it is about as that record is now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct NotificationRow {
    pub id: NotificationId,
    /// `NotificationKind::code`.
    pub kind: String,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
    /// Who did it; `None` for what the clock brings (or an account since deleted).
    pub actor_name: Option<String>,
    /// For a changed event: `WatchedField` codes.
    pub changed: Vec<String>,
    /// The event's or the follow-up's title, or the contract's client.
    pub subject: String,
    pub client_id: ClientId,
    pub contract_id: Option<ContractId>,
    pub event_id: Option<EventId>,
    /// For a milestone due: its label.
    #[serde(default)]
    pub milestone: Option<String>,
}

impl NotificationRow {
    pub fn kind(&self) -> Option<NotificationKind> {
        NotificationKind::from_code(&self.kind)
    }

    pub fn is_unread(&self) -> bool {
        self.read_at.is_none()
    }

    /// The record's page.
    pub fn link(&self) -> String {
        RecordRef::narrowest(self.client_id, self.contract_id, self.event_id).path()
    }

    /// The sentence the bell shows.
    pub fn text(&self) -> String {
        let subject = &self.subject;
        let by = self.actor_name.as_deref().unwrap_or(t::SOMEONE);
        match self.kind() {
            Some(NotificationKind::EventAssigned) => format!("{by} {} « {subject} »", t::NOTIFICATION_ASSIGNED),
            Some(NotificationKind::EventChanged) => {
                let fields: Vec<&str> = self
                    .changed
                    .iter()
                    .filter_map(|code| WatchedField::from_code(code))
                    .map(WatchedField::label)
                    .collect();
                format!(
                    "{} « {subject} » {} {by} : {}",
                    t::NOTIFICATION_EVENT,
                    t::NOTIFICATION_CHANGED_BY,
                    fields.join(", ")
                )
            }
            Some(NotificationKind::ContractSigned) => {
                format!("{} {subject} {}", t::NOTIFICATION_CONTRACT_OF, t::NOTIFICATION_SIGNED)
            }
            Some(NotificationKind::ContractPaid) => {
                format!("{} {subject} {}", t::NOTIFICATION_CONTRACT_OF, t::NOTIFICATION_PAID)
            }
            Some(NotificationKind::FollowUpDue) => format!("{} « {subject} »", t::NOTIFICATION_FOLLOW_UP_DUE),
            Some(NotificationKind::EventWithoutSupport) => {
                format!("« {subject} » {}", t::NOTIFICATION_WITHOUT_SUPPORT)
            }
            Some(NotificationKind::EventCancelled) => format!("{by} {} « {subject} »", t::NOTIFICATION_CANCELLED),
            Some(NotificationKind::MilestoneDue) => format!(
                "{} « {} » {} {subject} {}",
                t::NOTIFICATION_MILESTONE,
                self.milestone.as_deref().unwrap_or_default(),
                t::NOTIFICATION_OF_CONTRACT_OF,
                t::NOTIFICATION_MILESTONE_DUE
            ),
            Some(NotificationKind::EventUnpaid) => format!("« {subject} » {}", t::NOTIFICATION_EVENT_UNPAID),
            None => subject.clone(),
        }
    }
}

/// The newest notifications (at most `NotificationList::LIMIT`) and how many are unread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationList {
    pub items: Vec<NotificationRow>,
    pub unread: i64,
}

impl NotificationList {
    pub const LIMIT: i64 = 50;
}

/// The name of the live stream's events carrying the unread count.
pub const UNREAD_EVENT: &str = "unread";
/// The name of the live stream's last event when there is no session (any more): the browser
/// closes the stream instead of reconnecting. Its data is never empty, or browsers drop it.
pub const SESSION_ENDED_EVENT: &str = "session_ended";

/// The bell's number: "99+" above 99, so that it fits.
pub fn badge(unread: i64) -> String {
    if unread > 99 { "99+".to_owned() } else { unread.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn row(kind: NotificationKind, changed: &[&str]) -> NotificationRow {
        NotificationRow {
            id: NotificationId(Uuid::nil()),
            kind: kind.code().to_owned(),
            created_at: DateTime::from_timestamp(1_800_000_000, 0).unwrap(),
            read_at: None,
            actor_name: Some("Léa Martin".to_owned()),
            changed: changed.iter().map(|c| (*c).to_owned()).collect(),
            subject: "Gala d'hiver".to_owned(),
            client_id: ClientId(Uuid::from_u128(1)),
            contract_id: Some(ContractId(Uuid::from_u128(2))),
            event_id: Some(EventId(Uuid::from_u128(3))),
            milestone: Some("Acompte".to_owned()),
        }
    }

    #[test]
    fn kinds_round_trip_through_their_codes() {
        for kind in NotificationKind::ALL {
            assert_eq!(NotificationKind::from_code(kind.code()), Some(kind));
        }
        assert_eq!(NotificationKind::from_code("anything"), None);
    }

    #[test]
    fn a_changed_event_names_its_changed_fields_in_french() {
        let text = row(NotificationKind::EventChanged, &["dates", "attendees", "unknown"]).text();
        assert_eq!(text, "Événement « Gala d'hiver » modifié par Léa Martin : dates, participants");
    }

    #[test]
    fn each_kind_reads_as_a_sentence_naming_its_subject() {
        for kind in NotificationKind::ALL {
            let text = row(kind, &["location"]).text();
            assert!(text.contains("Gala d'hiver"), "{text}");
            assert_ne!(text, "Gala d'hiver", "{kind:?} says more than its subject");
        }
    }

    #[test]
    fn the_link_is_the_narrowest_record() {
        let mut on_event = row(NotificationKind::EventAssigned, &[]);
        assert_eq!(on_event.link(), format!("/evenements/{}", Uuid::from_u128(3)));
        on_event.event_id = None;
        assert_eq!(on_event.link(), format!("/contrats/{}", Uuid::from_u128(2)));
    }

    #[test]
    fn the_badge_stays_short() {
        assert_eq!(badge(0), "0");
        assert_eq!(badge(99), "99");
        assert_eq!(badge(100), "99+");
    }
}
