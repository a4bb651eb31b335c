//! Sign-in types shared by the browser and the server.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::{CollaboratorId, Email};
use crate::error::{AppError, FieldErrors};
use crate::i18n::fr as t;

pub use crate::domain::Department;

/// The signed-in collaborator: who acts, as the policy and the interface see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Actor {
    pub id: CollaboratorId,
    pub full_name: String,
    pub email: String,
    pub department: Department,
}

/// Longer passwords are refused before hashing, so a huge body cannot burn CPU in argon2.
pub const MAX_PASSWORD_LEN: usize = 1024;

/// A sign-in request whose fields have been checked: the email is trimmed and lowercased.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    pub email: String,
    pub password: String,
}

impl Credentials {
    pub fn parse(email: &str, password: &str) -> Result<Self, AppError> {
        let mut errors = FieldErrors::new();
        let email = match Email::parse(email) {
            Ok(email) => email.into_inner(),
            Err(_) if email.trim().is_empty() => {
                errors.insert("email".into(), t::EMAIL_REQUIRED.into());
                String::new()
            }
            Err(message) => {
                errors.insert("email".into(), message);
                String::new()
            }
        };
        if password.is_empty() {
            errors.insert("password".into(), t::PASSWORD_REQUIRED.into());
        } else if password.len() > MAX_PASSWORD_LEN {
            // Cannot be a real password; answer like any other wrong password.
            return Err(AppError::BadCredentials);
        }
        if errors.is_empty() {
            Ok(Credentials { email, password: password.to_owned() })
        } else {
            Err(AppError::invalid(errors))
        }
    }
}

/// A collaborator's own password change, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PasswordChange {
    pub current: String,
    pub new_password: String,
    pub confirmation: String,
}

/// Where to go after signing in: only a path on this site, never another origin.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.starts_with("/\\")
                && !path.chars().any(|c| c.is_control() || c == '\\')
                && !path.starts_with("/connexion")
                && path.len() <= 2048 =>
        {
            path.to_owned()
        }
        _ => "/".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_are_trimmed_and_lowercased() {
        let c = Credentials::parse("  Gestion@Epic-Events.FR ", "secret").unwrap();
        assert_eq!(c.email, "gestion@epic-events.fr");
        assert_eq!(c.password, "secret");
    }

    #[test]
    fn empty_fields_are_reported_per_field() {
        let err = Credentials::parse(" ", "").unwrap_err();
        assert_eq!(err.field_message("email"), Some(t::EMAIL_REQUIRED));
        assert_eq!(err.field_message("password"), Some(t::PASSWORD_REQUIRED));
    }

    #[test]
    fn malformed_emails_are_refused() {
        for bad in ["plain", "a@b", "@b.fr", "a@.fr", "a@b.", "a b@c.fr", "a@b@c.fr", "a\u{7}b@c.fr"] {
            let err = Credentials::parse(bad, "x").unwrap_err();
            assert_eq!(err.field_message("email"), Some(t::EMAIL_INVALID), "{bad:?}");
        }
        let long = format!("{}@epic-events.fr", "a".repeat(250));
        assert!(Credentials::parse(&long, "x").is_err());
    }

    #[test]
    fn sql_metacharacters_are_just_characters() {
        let c = Credentials::parse("o'brien@epic-events.fr", "'; drop table collaborator; --").unwrap();
        assert_eq!(c.email, "o'brien@epic-events.fr");
    }

    #[test]
    fn oversized_password_is_a_plain_bad_credentials_answer() {
        let huge = "x".repeat(MAX_PASSWORD_LEN + 1);
        assert_eq!(Credentials::parse("a@b.fr", &huge), Err(AppError::BadCredentials));
    }

    #[test]
    fn next_accepts_only_local_paths() {
        assert_eq!(safe_next(Some("/clients?page=2")), "/clients?page=2");
        for hostile in
            ["https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", "", "/connexion"]
        {
            assert_eq!(safe_next(Some(hostile)), "/", "{hostile:?}");
        }
        assert_eq!(safe_next(None), "/");
    }
}

/// An active collaborator and the credential version their valid tokens carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenHolder {
    pub actor: Actor,
    pub credential_version: i32,
}

/// One open session of a collaborator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    /// The session's row, or the API sign-in's token family.
    pub id: Uuid,
    pub kind: SessionKind,
    pub started_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    /// The session of the person looking at the page.
    pub current: bool,
}

/// A signed-in browser, or an API client's sign-in (a refresh-token family).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SessionKind {
    Web,
    Api,
}

impl SessionKind {
    pub fn code(self) -> &'static str {
        match self {
            SessionKind::Web => "web",
            SessionKind::Api => "api",
        }
    }
}
