//! Security log and session types shared by the browser and the server.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::audit::journal::read_range;
use crate::audit::model::{Action, Entity};
use crate::auth::{Department, SessionInfo};
use crate::domain::CollaboratorId;
use crate::error::AppError;
use crate::listing::{Page, Paging, ParamReader, QueryString};

/// An event written to `security_event` (in the same transaction as what it records).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Recorded {
    SignIn,
    SignInFailed,
    Lockout,
    PasswordChanged,
    SessionEnded,
    SessionsEnded,
    ApiSignInEnded,
    RefreshTokenReused,
    AccessRefused,
    CalendarFeedCreated,
    CalendarFeedRevoked,
    ListExported,
}

impl Recorded {
    pub fn kind(self) -> SecurityKind {
        match self {
            Recorded::SignIn => SecurityKind::SignIn,
            Recorded::SignInFailed => SecurityKind::SignInFailed,
            Recorded::Lockout => SecurityKind::Lockout,
            Recorded::PasswordChanged => SecurityKind::PasswordChanged,
            Recorded::SessionEnded => SecurityKind::SessionEnded,
            Recorded::SessionsEnded => SecurityKind::SessionsEnded,
            Recorded::ApiSignInEnded => SecurityKind::ApiSignInEnded,
            Recorded::RefreshTokenReused => SecurityKind::RefreshTokenReused,
            Recorded::AccessRefused => SecurityKind::AccessRefused,
            Recorded::CalendarFeedCreated => SecurityKind::CalendarFeedCreated,
            Recorded::CalendarFeedRevoked => SecurityKind::CalendarFeedRevoked,
            Recorded::ListExported => SecurityKind::ListExported,
        }
    }
}

/// Everything the security log shows: its own events, and the audit trail's security-relevant
/// actions (whose codes they share).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SecurityKind {
    SignIn,
    SignInFailed,
    Lockout,
    PasswordChanged,
    SessionEnded,
    SessionsEnded,
    ApiSignInEnded,
    RefreshTokenReused,
    AccessRefused,
    CalendarFeedCreated,
    CalendarFeedRevoked,
    ListExported,
    Deactivated,
    Reactivated,
    PasswordReset,
    DepartmentChanged,
    Exported,
    Anonymised,
}

impl SecurityKind {
    pub const ALL: [SecurityKind; 18] = [
        SecurityKind::SignIn,
        SecurityKind::SignInFailed,
        SecurityKind::Lockout,
        SecurityKind::PasswordChanged,
        SecurityKind::SessionEnded,
        SecurityKind::SessionsEnded,
        SecurityKind::ApiSignInEnded,
        SecurityKind::RefreshTokenReused,
        SecurityKind::AccessRefused,
        SecurityKind::CalendarFeedCreated,
        SecurityKind::CalendarFeedRevoked,
        SecurityKind::ListExported,
        SecurityKind::Deactivated,
        SecurityKind::Reactivated,
        SecurityKind::PasswordReset,
        SecurityKind::DepartmentChanged,
        SecurityKind::Exported,
        SecurityKind::Anonymised,
    ];

    /// The `security_event.kind` or `audit_record.action` code.
    pub fn code(self) -> &'static str {
        match self {
            SecurityKind::SignIn => "sign_in",
            SecurityKind::SignInFailed => "sign_in_failed",
            SecurityKind::Lockout => "lockout",
            SecurityKind::PasswordChanged => "password_changed",
            SecurityKind::SessionEnded => "session_ended",
            SecurityKind::SessionsEnded => "sessions_ended",
            SecurityKind::ApiSignInEnded => "api_sign_in_ended",
            SecurityKind::RefreshTokenReused => "refresh_token_reused",
            SecurityKind::AccessRefused => "access_refused",
            SecurityKind::CalendarFeedCreated => "calendar_feed_created",
            SecurityKind::CalendarFeedRevoked => "calendar_feed_revoked",
            SecurityKind::ListExported => "list_exported",
            SecurityKind::Deactivated => "deactivate",
            SecurityKind::Reactivated => "reactivate",
            SecurityKind::PasswordReset => "reset_password",
            SecurityKind::DepartmentChanged => "change_department",
            SecurityKind::Exported => "export",
            SecurityKind::Anonymised => "anonymise",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        SecurityKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Its own events' labels; the audit actions it shows keep the journal's.
    pub fn label(self) -> &'static str {
        use crate::i18n::fr as t;
        match self {
            SecurityKind::SignIn => t::SECURITY_SIGN_IN,
            SecurityKind::SignInFailed => t::SECURITY_SIGN_IN_FAILED,
            SecurityKind::Lockout => t::SECURITY_LOCKOUT,
            SecurityKind::PasswordChanged => t::SECURITY_PASSWORD_CHANGED,
            SecurityKind::SessionEnded => t::SECURITY_SESSION_ENDED,
            SecurityKind::SessionsEnded => t::SECURITY_SESSIONS_ENDED,
            SecurityKind::ApiSignInEnded => t::SECURITY_API_SIGN_IN_ENDED,
            SecurityKind::RefreshTokenReused => t::SECURITY_REFRESH_TOKEN_REUSED,
            SecurityKind::AccessRefused => t::SECURITY_ACCESS_REFUSED,
            SecurityKind::CalendarFeedCreated => t::SECURITY_CALENDAR_FEED_CREATED,
            SecurityKind::CalendarFeedRevoked => t::SECURITY_CALENDAR_FEED_REVOKED,
            SecurityKind::ListExported => t::SECURITY_LIST_EXPORTED,
            SecurityKind::Deactivated => Action::Deactivate.label(),
            SecurityKind::Reactivated => Action::Reactivate.label(),
            SecurityKind::PasswordReset => Action::ResetPassword.label(),
            SecurityKind::DepartmentChanged => Action::ChangeDepartment.label(),
            SecurityKind::Exported => Action::Export.label(),
            SecurityKind::Anonymised => Action::Anonymise.label(),
        }
    }

    /// Whether the audit trail holds it (else `security_event` does).
    pub fn from_audit(self) -> bool {
        !matches!(
            self,
            SecurityKind::SignIn
                | SecurityKind::SignInFailed
                | SecurityKind::Lockout
                | SecurityKind::PasswordChanged
                | SecurityKind::SessionEnded
                | SecurityKind::SessionsEnded
                | SecurityKind::ApiSignInEnded
                | SecurityKind::RefreshTokenReused
                | SecurityKind::AccessRefused
                | SecurityKind::CalendarFeedCreated
                | SecurityKind::CalendarFeedRevoked
                | SecurityKind::ListExported
        )
    }

    /// The audit actions the log shows.
    pub fn audit_codes() -> Vec<&'static str> {
        SecurityKind::ALL.into_iter().filter(|k| k.from_audit()).map(SecurityKind::code).collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityRow {
    pub at: DateTime<Utc>,
    pub kind: SecurityKind,
    pub collaborator_id: Option<CollaboratorId>,
    pub collaborator_name: Option<String>,
    pub actor_name: Option<String>,
    pub ip: Option<String>,
    /// The record an export or anonymisation concerned.
    pub record: Option<(Entity, Uuid)>,
    /// What was taken out: the list (its path and filters) of a CSV export.
    pub detail: Option<String>,
}

pub type SecurityPage = Page<SecurityRow>;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SecurityQuery {
    pub kind: Option<SecurityKind>,
    pub collaborator: Option<CollaboratorId>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub paging: Paging,
}

impl SecurityQuery {
    pub fn from_params(get: &dyn Fn(&str) -> Option<String>) -> Result<Self, AppError> {
        let mut r = ParamReader::new(get);
        let kind = r.parsed("kind", |raw| {
            SecurityKind::from_code(raw).ok_or_else(|| crate::i18n::fr::SECURITY_KIND_UNKNOWN.to_owned())
        });
        let collaborator = r.parsed("collaborator", CollaboratorId::parse);
        let (from, to) = read_range(&mut r);
        let paging = r.paging();
        r.finish(SecurityQuery { kind, collaborator, from, to, paging })
    }

    pub fn filter_fields(&self) -> Vec<(&'static str, String)> {
        let mut fields = Vec::new();
        if let Some(kind) = self.kind {
            fields.push(("kind", kind.code().to_owned()));
        }
        if let Some(collaborator) = self.collaborator {
            fields.push(("collaborator", collaborator.to_string()));
        }
        if let Some(from) = self.from {
            fields.push(("from", from.to_string()));
        }
        if let Some(to) = self.to {
            fields.push(("to", to.to_string()));
        }
        fields
    }

    pub fn to_url(&self) -> String {
        let mut qs = QueryString::new();
        for (name, value) in self.filter_fields() {
            qs = qs.push(name, value);
        }
        qs.paging(self.paging).to_url(crate::routes::SECURITY_LOG)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CollaboratorSessions {
    pub id: CollaboratorId,
    pub full_name: String,
    pub department: Department,
    pub active: bool,
    pub sessions: Vec<SessionInfo>,
}

/// "Firefox · Linux" from a User-Agent header, or `None` when it names nothing known.
pub fn browser_label(user_agent: &str) -> Option<String> {
    const BROWSERS: [(&str, &str); 7] = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"),
        ("Chromium/", "Chromium"),
        ("HeadlessChrome/", "Chromium"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
    ];
    const SYSTEMS: [(&str, &str); 6] = [
        ("Android", "Android"),
        ("iPhone", "iOS"),
        ("iPad", "iPadOS"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("Linux", "Linux"),
    ];
    let browser = BROWSERS.iter().find(|(mark, _)| user_agent.contains(mark)).map(|(_, name)| *name);
    let system = SYSTEMS.iter().find(|(mark, _)| user_agent.contains(mark)).map(|(_, name)| *name);
    match (browser, system) {
        (Some(b), Some(s)) => Some(format!("{b} · {s}")),
        (Some(one), None) | (None, Some(one)) => Some(one.to_owned()),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audit_actions_in_the_log_read_as_in_the_journal_and_every_kind_reads_apart() {
        for kind in SecurityKind::ALL.into_iter().filter(|k| k.from_audit()) {
            let action = Action::from_code(kind.code()).expect("an audit action's code");
            assert_eq!(kind.label(), action.label(), "{kind:?}");
        }
        let mut labels: Vec<_> = SecurityKind::ALL.into_iter().map(SecurityKind::label).collect();
        labels.sort_unstable();
        labels.dedup();
        assert_eq!(labels.len(), SecurityKind::ALL.len());
    }

    #[test]
    fn browsers_are_named_from_their_user_agent() {
        let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
        let edge = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0";
        let safari = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1";
        assert_eq!(browser_label(firefox).as_deref(), Some("Firefox · Linux"));
        assert_eq!(browser_label(edge).as_deref(), Some("Edge · Windows"));
        assert_eq!(browser_label(safari).as_deref(), Some("Safari · iOS"));
        assert_eq!(browser_label("curl/8.0"), None);
    }

    #[test]
    fn kinds_round_trip_and_split_between_the_two_tables() {
        for kind in SecurityKind::ALL {
            assert_eq!(SecurityKind::from_code(kind.code()), Some(kind));
        }
        assert_eq!(
            SecurityKind::audit_codes(),
            ["deactivate", "reactivate", "reset_password", "change_department", "export", "anonymise"]
        );
        for code in SecurityKind::audit_codes() {
            assert!(crate::audit::model::Action::from_code(code).is_some(), "{code} is an audit action");
        }
    }

    #[test]
    fn malformed_security_filters_are_refused() {
        for (name, value) in [("kind", "hack"), ("collaborator", "x"), ("from", "hier")] {
            let get = |n: &str| (n == name).then(|| value.to_owned());
            let err = SecurityQuery::from_params(&get).unwrap_err();
            assert!(err.field_message(name).is_some(), "{name}={value}");
        }
    }
}
