//! RGPD types shared by the browser and the server, and the pure rules of anonymisation.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::audit::model::{Action, Changes, Entity};
use crate::clients::model::ClientRow;
use crate::contracts::model::ContractRow;
use crate::domain::ClientId;
use crate::error::AppError;
use crate::events::model::EventRow;
use crate::listing::{Page, Paging, ParamReader, QueryString};

/// Clients and prospects without contact for this long are listed for anonymisation (the CNIL's
/// guidance for prospects, applied to clients once the contract obligations are over).
pub const RETENTION_YEARS: i32 = 3;

/// At most this many clients are anonymised in one bulk action (one transaction).
pub const MAX_BULK: usize = 500;

/// What replaces erased values inside the audit trail.
pub const ERASED: &str = "[effacé]";

/// Audit fields whose values are always personal data of the client.
pub const PERSONAL_FIELDS: [&str; 6] = ["full_name", "email", "phone", "company_name", "client", "notes"];

/// The values that replace a client's personal fields. The token is random: nothing about the
/// person can be computed back from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pseudonym {
    pub full_name: String,
    pub email: String,
    pub phone: String,
    pub company_name: String,
}

impl Pseudonym {
    /// `token`: random lowercase hexadecimal (32 characters from a v4 UUID).
    pub fn from_token(token: &str) -> Self {
        let short = token.get(..10).unwrap_or(token).to_uppercase();
        Pseudonym {
            full_name: format!("Anonyme {short}"),
            email: format!("anonyme-{token}@anonyme.invalid"),
            // +999 is a country code the ITU never assigns: no one can be reached there.
            phone: "+99900000000".to_owned(),
            company_name: format!("Entreprise anonymisée {short}"),
        }
    }
}

/// Replaces the client's personal values inside one audit record's changes: every value of a
/// personal field, and any other value that contains one of `secrets` (case-insensitive), such
/// as an event title naming the client. Returns whether anything changed.
pub fn scrub_changes(changes: &mut Changes, secrets: &[String]) -> bool {
    let secrets: Vec<String> =
        secrets.iter().map(|s| s.trim().to_lowercase()).filter(|s| s.chars().count() >= 3).collect();
    let mentions = |value: &str| {
        let value = value.to_lowercase();
        secrets.iter().any(|secret| value.contains(secret.as_str()))
    };
    let mut scrubbed = false;
    for change in &mut changes.0 {
        let personal = PERSONAL_FIELDS.contains(&change.field.as_str());
        for value in [&mut change.old, &mut change.new] {
            if let Some(text) = value
                && text != ERASED
                && (personal || mentions(text))
            {
                *value = Some(ERASED.to_owned());
                scrubbed = true;
            }
        }
    }
    scrubbed
}

/// What the confirmation page lists before an anonymisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnonymisationPreview {
    pub client: ClientRow,
    pub contracts: i64,
    pub events: i64,
    pub events_with_notes: i64,
    pub audit_records: i64,
}

/// A client on the retention list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct RetentionRow {
    pub id: ClientId,
    pub full_name: String,
    pub company_name: String,
    pub is_prospect: bool,
    /// The latest of the client's own last edit, its contracts' last change and its events' end.
    pub last_contact: DateTime<Utc>,
}

pub type RetentionPage = Page<RetentionRow>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RetentionQuery {
    pub paging: Paging,
}

impl RetentionQuery {
    pub fn from_params(get: &dyn Fn(&str) -> Option<String>) -> Result<Self, AppError> {
        let mut r = ParamReader::new(get);
        let query = RetentionQuery { paging: r.paging() };
        r.finish(query)
    }

    pub fn to_url(self) -> String {
        QueryString::new().paging(self.paging).to_url(crate::routes::RGPD_RETENTION)
    }
}

/// One audit record as the export gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedAuditRecord {
    pub entity: Entity,
    pub entity_id: Uuid,
    pub action: Action,
    pub changes: Changes,
    pub at: DateTime<Utc>,
}

/// Everything held about one client, as one JSON document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientExport {
    pub format: String,
    pub exported_at: DateTime<Utc>,
    pub client: ClientRow,
    pub contracts: Vec<ContractRow>,
    pub events: Vec<EventRow>,
    pub audit_records: Vec<ExportedAuditRecord>,
}

pub const EXPORT_FORMAT: &str = "epic-events.client-export.v1";

/// The download's file name: the client's id only, no name in it.
pub fn export_file_name(id: ClientId) -> String {
    format!("client-{id}.json")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secrets() -> Vec<String> {
        vec!["Kevin Casey".into(), "kevin@startup.io".into(), "+33612345678".into(), "Cool Startup".into()]
    }

    #[test]
    fn personal_fields_are_erased_and_amounts_kept() {
        let mut changes = Changes::new()
            .set("full_name", "Kevin Casey")
            .diff("email", "old@startup.io", "kevin@startup.io")
            .set("total", "1 000,00 €")
            .set("client", "Kevin Casey");
        assert!(scrub_changes(&mut changes, &secrets()));
        let values: Vec<_> = changes.0.iter().map(|c| (c.field.as_str(), c.old.as_deref(), c.new.as_deref())).collect();
        assert_eq!(
            values,
            [
                ("full_name", None, Some(ERASED)),
                ("email", Some(ERASED), Some(ERASED)),
                ("total", None, Some("1 000,00 €")),
                ("client", None, Some(ERASED)),
            ]
        );
    }

    #[test]
    fn other_values_that_name_the_client_are_erased_too() {
        let mut changes =
            Changes::new().diff("title", "Gala", "Anniversaire de KEVIN CASEY").set("location", "Salle des fêtes");
        assert!(scrub_changes(&mut changes, &secrets()));
        assert_eq!(changes.0[0].old.as_deref(), Some("Gala"));
        assert_eq!(changes.0[0].new.as_deref(), Some(ERASED));
        assert_eq!(changes.0[1].new.as_deref(), Some("Salle des fêtes"));
        assert!(!scrub_changes(&mut changes, &secrets()), "scrubbing twice changes nothing more");
    }

    #[test]
    fn very_short_secrets_do_not_erase_everything() {
        let mut changes = Changes::new().set("location", "Paris");
        assert!(!scrub_changes(&mut changes, &["a".into(), " ".into()]));
    }

    #[test]
    fn pseudonyms_hold_nothing_of_the_person_and_pass_the_client_checks() {
        let p = Pseudonym::from_token("0123456789abcdef0123456789abcdef");
        assert_eq!(p.full_name, "Anonyme 0123456789");
        assert_eq!(p.email, "anonyme-0123456789abcdef0123456789abcdef@anonyme.invalid");
        assert!(crate::domain::Email::parse(&p.email).is_ok());
        assert!(p.phone.starts_with('+') && p.phone[1..].chars().all(|c| c.is_ascii_digit()));
        assert!(p.company_name.len() <= 120);
    }
}
