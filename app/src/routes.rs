//! The site's paths, in one place (French, as the users read them).

pub const HOME: &str = "/";
pub const SIGN_IN: &str = "/connexion";
pub const SIGNED_OUT: &str = "/connexion?deconnecte=1";
pub const CLIENTS: &str = "/clients";
pub const CONTRACTS: &str = "/contrats";
/// The contracts by stage, in columns.
pub const CONTRACT_BOARD: &str = "/contrats/tableau";
pub const EVENTS: &str = "/evenements";
/// The events by state, in columns.
pub const EVENT_BOARD: &str = "/evenements/tableau";
pub const ADMIN: &str = "/administration";
pub const MY_ACCOUNT: &str = "/mon-compte";
pub const FOLLOW_UPS: &str = "/relances";
pub const AGENDA: &str = "/agenda";
pub const NOTIFICATIONS: &str = "/notifications";
/// "Encaissements": milestones late and due soon, totals per month.
pub const COLLECTIONS: &str = "/encaissements";
/// The bell's live count (server-sent events).
pub const NOTIFICATIONS_LIVE: &str = "/notifications/flux";
/// A calendar feed: `{CALENDAR_FEED}/{token}.ics`, outside the signed-in pages.
pub const CALENDAR_FEED: &str = "/flux/agenda";
/// Management's view of everyone's overdue follow-ups.
pub const TEAM_FOLLOW_UPS: &str = "/relances?equipe=1";
pub const COLLABORATORS: &str = "/administration/collaborateurs";
pub const NEW_COLLABORATOR: &str = "/administration/collaborateurs/nouveau";
pub const SUPPORT_QUEUE: &str = "/administration/evenements-sans-support";
pub const HAND_OVER: &str = "/administration/reprise-portefeuille";

use crate::domain::{ClientId, CollaboratorId, ContractId, EventId};
use crate::i18n::fr as t;

pub const NEW_CLIENT: &str = "/clients/nouveau";
/// The client import: the upload form (GET) and the upload (POST, `multipart/form-data`).
pub const CLIENT_IMPORT: &str = "/clients/importer";

/// A staged client import's preview, then its result.
pub fn client_import(id: impl std::fmt::Display) -> String {
    format!("{CLIENT_IMPORT}/{id}")
}

/// What just happened, told to the page a server function redirects to (`?ok=<code>`) and
/// shown there by the `Notice` component.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    Created,
    Updated,
    Signed,
    Assigned,
    Reassigned,
    PasswordChanged,
    PasswordRequired,
    Deleted,
    CollaboratorCreated,
    DepartmentChanged,
    Deactivated,
    Reactivated,
    PasswordReset,
    HandedOver,
    Anonymised,
    SessionEnded,
    SessionsEnded,
    ApiSignInEnded,
    NoteAdded,
    NoteUpdated,
    NoteDeleted,
    FollowUpAdded,
    FollowUpDone,
    FollowUpReopened,
    FeedCreated,
    FeedRevoked,
    NotificationsRead,
    StatusChanged,
    StageChanged,
    DebriefSaved,
    DebriefWithFollowUp,
    PhoneSaved,
    Cancelled,
    Restored,
    RestoredWithoutSupport,
    SettingChanged,
    PaymentRecorded,
    PaymentDeleted,
    MilestoneAdded,
    MilestoneDeleted,
    RunSheetUpdated,
    TimelineItemAdded,
    TimelineItemUpdated,
    TimelineItemDeleted,
}

impl Notice {
    pub const ALL: [Notice; 44] = [
        Notice::Created,
        Notice::Updated,
        Notice::Signed,
        Notice::Assigned,
        Notice::Reassigned,
        Notice::PasswordChanged,
        Notice::PasswordRequired,
        Notice::Deleted,
        Notice::CollaboratorCreated,
        Notice::DepartmentChanged,
        Notice::Deactivated,
        Notice::Reactivated,
        Notice::PasswordReset,
        Notice::HandedOver,
        Notice::Anonymised,
        Notice::SessionEnded,
        Notice::SessionsEnded,
        Notice::ApiSignInEnded,
        Notice::NoteAdded,
        Notice::NoteUpdated,
        Notice::NoteDeleted,
        Notice::FollowUpAdded,
        Notice::FollowUpDone,
        Notice::FollowUpReopened,
        Notice::FeedCreated,
        Notice::FeedRevoked,
        Notice::NotificationsRead,
        Notice::StatusChanged,
        Notice::StageChanged,
        Notice::DebriefSaved,
        Notice::DebriefWithFollowUp,
        Notice::PhoneSaved,
        Notice::Cancelled,
        Notice::Restored,
        Notice::RestoredWithoutSupport,
        Notice::SettingChanged,
        Notice::PaymentRecorded,
        Notice::PaymentDeleted,
        Notice::MilestoneAdded,
        Notice::MilestoneDeleted,
        Notice::RunSheetUpdated,
        Notice::TimelineItemAdded,
        Notice::TimelineItemUpdated,
        Notice::TimelineItemDeleted,
    ];

    /// The value of `ok` in the address.
    pub fn code(self) -> &'static str {
        match self {
            Notice::Created => "created",
            Notice::Updated => "updated",
            Notice::Signed => "signed",
            Notice::Assigned => "assigned",
            Notice::Reassigned => "reassigned",
            Notice::PasswordChanged => "password",
            Notice::PasswordRequired => "password_required",
            Notice::Deleted => "deleted",
            Notice::CollaboratorCreated => "collaborator_created",
            Notice::DepartmentChanged => "department_changed",
            Notice::Deactivated => "deactivated",
            Notice::Reactivated => "reactivated",
            Notice::PasswordReset => "password_reset",
            Notice::HandedOver => "handed_over",
            Notice::Anonymised => "anonymised",
            Notice::SessionEnded => "session_ended",
            Notice::SessionsEnded => "sessions_ended",
            Notice::ApiSignInEnded => "api_sign_in_ended",
            Notice::NoteAdded => "note_added",
            Notice::NoteUpdated => "note_updated",
            Notice::NoteDeleted => "note_deleted",
            Notice::FollowUpAdded => "follow_up_added",
            Notice::FollowUpDone => "follow_up_done",
            Notice::FollowUpReopened => "follow_up_reopened",
            Notice::FeedCreated => "feed_created",
            Notice::FeedRevoked => "feed_revoked",
            Notice::NotificationsRead => "notifications_read",
            Notice::StatusChanged => "status_changed",
            Notice::StageChanged => "stage_changed",
            Notice::DebriefSaved => "debrief_saved",
            Notice::DebriefWithFollowUp => "debrief_follow_up",
            Notice::PhoneSaved => "phone_saved",
            Notice::Cancelled => "cancelled",
            Notice::Restored => "restored",
            Notice::RestoredWithoutSupport => "restored_without_support",
            Notice::SettingChanged => "setting_changed",
            Notice::PaymentRecorded => "payment_recorded",
            Notice::PaymentDeleted => "payment_deleted",
            Notice::MilestoneAdded => "milestone_added",
            Notice::MilestoneDeleted => "milestone_deleted",
            Notice::RunSheetUpdated => "run_sheet_updated",
            Notice::TimelineItemAdded => "timeline_item_added",
            Notice::TimelineItemUpdated => "timeline_item_updated",
            Notice::TimelineItemDeleted => "timeline_item_deleted",
        }
    }

    /// `None` for a code no redirect writes (an address typed or edited by hand).
    pub fn from_code(code: &str) -> Option<Self> {
        Notice::ALL.into_iter().find(|n| n.code() == code)
    }

    pub fn text(self) -> &'static str {
        match self {
            Notice::Created => t::NOTICE_CREATED,
            Notice::Updated => t::NOTICE_UPDATED,
            Notice::Signed => t::NOTICE_SIGNED,
            Notice::Assigned => t::NOTICE_ASSIGNED,
            Notice::Reassigned => t::NOTICE_REASSIGNED,
            Notice::PasswordChanged => t::NOTICE_PASSWORD_CHANGED,
            Notice::PasswordRequired => t::NOTICE_PASSWORD_REQUIRED,
            Notice::Deleted => t::NOTICE_DELETED,
            Notice::CollaboratorCreated => t::NOTICE_COLLABORATOR_CREATED,
            Notice::DepartmentChanged => t::NOTICE_DEPARTMENT_CHANGED,
            Notice::Deactivated => t::NOTICE_DEACTIVATED,
            Notice::Reactivated => t::NOTICE_REACTIVATED,
            Notice::PasswordReset => t::NOTICE_PASSWORD_RESET,
            Notice::HandedOver => t::NOTICE_HANDED_OVER,
            Notice::Anonymised => t::NOTICE_ANONYMISED,
            Notice::SessionEnded => t::NOTICE_SESSION_ENDED,
            Notice::SessionsEnded => t::NOTICE_SESSIONS_ENDED,
            Notice::ApiSignInEnded => t::NOTICE_API_SIGN_IN_ENDED,
            Notice::NoteAdded => t::NOTICE_NOTE_ADDED,
            Notice::NoteUpdated => t::NOTICE_NOTE_UPDATED,
            Notice::NoteDeleted => t::NOTICE_NOTE_DELETED,
            Notice::FollowUpAdded => t::NOTICE_FOLLOW_UP_ADDED,
            Notice::FollowUpDone => t::NOTICE_FOLLOW_UP_DONE,
            Notice::FollowUpReopened => t::NOTICE_FOLLOW_UP_REOPENED,
            Notice::FeedCreated => t::NOTICE_FEED_CREATED,
            Notice::FeedRevoked => t::NOTICE_FEED_REVOKED,
            Notice::NotificationsRead => t::NOTICE_NOTIFICATIONS_READ,
            Notice::StatusChanged => t::NOTICE_STATUS_CHANGED,
            Notice::StageChanged => t::NOTICE_STAGE_CHANGED,
            Notice::DebriefSaved => t::NOTICE_DEBRIEF_SAVED,
            Notice::DebriefWithFollowUp => t::NOTICE_DEBRIEF_WITH_FOLLOW_UP,
            Notice::PhoneSaved => t::NOTICE_PHONE_SAVED,
            Notice::Cancelled => t::NOTICE_CANCELLED,
            Notice::Restored => t::NOTICE_RESTORED,
            Notice::RestoredWithoutSupport => t::NOTICE_RESTORED_WITHOUT_SUPPORT,
            Notice::SettingChanged => t::NOTICE_SETTING_CHANGED,
            Notice::PaymentRecorded => t::NOTICE_PAYMENT_RECORDED,
            Notice::PaymentDeleted => t::NOTICE_PAYMENT_DELETED,
            Notice::MilestoneAdded => t::NOTICE_MILESTONE_ADDED,
            Notice::MilestoneDeleted => t::NOTICE_MILESTONE_DELETED,
            Notice::RunSheetUpdated => t::NOTICE_RUN_SHEET_UPDATED,
            Notice::TimelineItemAdded => t::NOTICE_TIMELINE_ADDED,
            Notice::TimelineItemUpdated => t::NOTICE_TIMELINE_UPDATED,
            Notice::TimelineItemDeleted => t::NOTICE_TIMELINE_DELETED,
        }
    }
}

/// `path` telling its page what just happened.
pub fn with_notice(path: &str, notice: Notice) -> String {
    format!("{path}?ok={}", notice.code())
}

fn maybe_with_notice(path: String, notice: Option<Notice>) -> String {
    match notice {
        Some(notice) => with_notice(&path, notice),
        None => path,
    }
}

/// Where a collaborator whose password was generated or reset is kept until they change it.
pub fn my_account_change_password() -> String {
    with_notice(MY_ACCOUNT, Notice::PasswordRequired)
}

/// A client's page; `notice` says what just happened.
pub fn client(id: ClientId, notice: Option<Notice>) -> String {
    maybe_with_notice(format!("{CLIENTS}/{id}"), notice)
}

pub fn contract(id: ContractId, notice: Option<Notice>) -> String {
    maybe_with_notice(format!("{CONTRACTS}/{id}"), notice)
}

/// "Encaissements" for one salesperson (or everyone), at the given page of each list.
pub fn collections(seller: Option<CollaboratorId>, overdue: i64, due_soon: i64) -> String {
    let mut query = Vec::new();
    if let Some(seller) = seller {
        query.push(format!("commercial={seller}"));
    }
    if overdue > 1 {
        query.push(format!("retard={overdue}"));
    }
    if due_soon > 1 {
        query.push(format!("a_echoir={due_soon}"));
    }
    if query.is_empty() { COLLECTIONS.to_owned() } else { format!("{COLLECTIONS}?{}", query.join("&")) }
}

/// The confirmation page of a payment's deletion.
pub fn delete_payment(id: crate::domain::PaymentId) -> String {
    format!("/paiements/{id}/supprimer")
}

pub fn event(id: EventId, notice: Option<Notice>) -> String {
    maybe_with_notice(format!("{EVENTS}/{id}"), notice)
}

/// An event's run sheet ("feuille de route").
pub fn run_sheet(id: EventId, notice: Option<Notice>) -> String {
    maybe_with_notice(format!("{EVENTS}/{id}/feuille-de-route"), notice)
}

/// The run sheet as a PDF download.
pub fn run_sheet_pdf(id: EventId) -> String {
    format!("{EVENTS}/{id}/feuille-de-route.pdf")
}

/// Where a step of the run sheet is changed.
pub fn edit_timeline_item(event: EventId, item: crate::domain::TimelineItemId) -> String {
    format!("{EVENTS}/{event}/feuille-de-route/etapes/{item}")
}

// Audit trail, security log, sessions and RGPD tools.
pub const AUDIT_JOURNAL: &str = "/administration/journal";
pub const SECURITY_LOG: &str = "/administration/securite";
pub const RGPD_RETENTION: &str = "/administration/rgpd";
pub const RGPD_PROCESSING: &str = "/rgpd";

/// Where management ends a collaborator's sessions.
pub fn collaborator_sessions(id: CollaboratorId, notice: Option<Notice>) -> String {
    maybe_with_notice(format!("{COLLABORATORS}/{id}/sessions"), notice)
}

/// The confirmation page of a client's anonymisation.
pub fn anonymise_client(id: ClientId) -> String {
    format!("{CLIENTS}/{id}/anonymiser")
}

/// Where the client data export form posts (a JSON download).
pub fn client_export(id: ClientId) -> String {
    format!("{RGPD_RETENTION}/clients/{id}/export")
}

pub fn collaborator(id: CollaboratorId, notice: Option<Notice>) -> String {
    maybe_with_notice(format!("{COLLABORATORS}/{id}"), notice)
}

/// Where the author of a note corrects or deletes it.
pub fn edit_note(id: crate::domain::NoteId) -> String {
    format!("/notes/{id}/modifier")
}

/// A record's sub-page ("modifier", "supprimer"…).
pub fn sub_page(record_path: &str, page: &str) -> String {
    format!("{record_path}/{page}")
}

/// Pages anyone may open without a session.
pub fn is_public_page(path: &str) -> bool {
    path == SIGN_IN
}

/// What a collaborator who must change their password may still reach: their account page,
/// and the server functions to change the password, sign out, sign in again or say who they are.
pub fn reachable_before_password_change(path: &str) -> bool {
    path == MY_ACCOUNT
        || is_public_page(path)
        || matches!(path, "/api/change_password" | "/api/sign_out" | "/api/sign_in" | "/api/current_user")
}

/// The sign-in page that sends the user back to `path_and_query` afterwards.
pub fn sign_in_then(path_and_query: &str) -> String {
    if path_and_query == HOME || path_and_query.is_empty() {
        return SIGN_IN.to_owned();
    }
    // `/` stays as it is (allowed in a query, RFC 3986 §3.4), so the address bar reads
    // `?next=/clients`.
    let next: String = form_urlencoded::byte_serialize(path_and_query.as_bytes()).collect();
    format!("{SIGN_IN}?next={}", next.replace("%2F", "/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_in_remembers_where_the_user_was_going() {
        assert_eq!(sign_in_then("/clients?page=2&sort=name"), "/connexion?next=/clients%3Fpage%3D2%26sort%3Dname");
        assert_eq!(sign_in_then("/"), "/connexion");
        assert_eq!(sign_in_then("/événements"), "/connexion?next=/%C3%A9v%C3%A9nements");
    }

    #[test]
    fn notice_codes_round_trip_and_unknown_ones_show_nothing() {
        for notice in Notice::ALL {
            assert_eq!(Notice::from_code(notice.code()), Some(notice));
        }
        assert_eq!(Notice::from_code("pwned"), None);
        assert_eq!(Notice::from_code(""), None);
    }

    #[test]
    fn notices_travel_in_the_ok_parameter() {
        let id = ClientId(uuid::Uuid::nil());
        assert_eq!(client(id, Some(Notice::Created)), "/clients/00000000-0000-0000-0000-000000000000?ok=created");
        assert_eq!(client(id, None), "/clients/00000000-0000-0000-0000-000000000000");
        assert_eq!(my_account_change_password(), "/mon-compte?ok=password_required");
        assert_eq!(with_notice(MY_ACCOUNT, Notice::PasswordChanged), "/mon-compte?ok=password");
    }

    #[test]
    fn a_password_to_change_leaves_only_the_account_page_and_its_functions_open() {
        for open in [MY_ACCOUNT, SIGN_IN, "/api/change_password", "/api/sign_out", "/api/current_user"] {
            assert!(reachable_before_password_change(open), "{open}");
        }
        for closed in [HOME, "/clients", COLLABORATORS, "/api/list_clients", "/api/create_client", "/mon-compte/x"] {
            assert!(!reachable_before_password_change(closed), "{closed}");
        }
    }
}
