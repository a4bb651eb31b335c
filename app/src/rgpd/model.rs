//! RGPD types shared by the browser and the server, and the pure rules of anonymisation.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::audit::model::{Action, Changes, Entity};
use crate::clients::model::ClientRow;
use crate::contracts::model::ContractRow;
use crate::domain::{ClientId, EventTitle, Location};
use crate::error::AppError;
use crate::events::model::EventRow;
use crate::listing::{Page, Paging, ParamReader, QueryString};

/// Clients and prospects without contact for this long are listed for anonymisation (the CNIL's
/// guidance for prospects, applied to clients once the contract obligations are over).
pub const RETENTION_YEARS: i32 = 3;

/// At most this many clients are anonymised in one bulk action (one transaction).
pub const MAX_BULK: usize = 500;

/// What replaces erased values inside the audit trail. Stored, and checked as it is by the
/// database's `audit_record_erase` (migrations): not a text to translate, so not in `i18n`.
pub const ERASED: &str = "[effacé]";

/// Audit fields whose values are always personal data of the client (free text included: notes,
/// why an event was cancelled or its support booked twice).
/// The run sheet's contact on site and access notes are the client's too; its timeline's steps
/// are free text as well, and so are the names of a contract's payment milestones.
pub const PERSONAL_FIELDS: [&str; 14] = [
    "full_name",
    "email",
    "phone",
    "company_name",
    "client",
    "notes",
    "reason",
    "override_reason",
    "access_notes",
    "onsite_contact_name",
    "onsite_contact_phone",
    "timeline_item",
    "timeline_details",
    "milestone",
];

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
            full_name: crate::i18n::fr::pseudonym_name(&short),
            email: format!("anonyme-{token}@anonyme.invalid"),
            // +999 is a country code the ITU never assigns: no one can be reached there.
            phone: "+99900000000".to_owned(),
            company_name: crate::i18n::fr::pseudonym_company(&short),
        }
    }
}

/// Audit fields that name who the client is: every value they ever held is one of the client's
/// personal values (former names, companies, e-mails, phones).
pub const IDENTITY_FIELDS: [&str; 5] = ["full_name", "email", "phone", "company_name", "client"];

/// Audit fields holding an event's place: only the city stays.
const PLACE_FIELDS: [&str; 1] = ["location"];

/// Every value the client ever had, to erase wherever it was copied: its current fields and
/// each value of an identity field in its audit records (the phone also in E.164).
pub fn personal_values<'a>(client: &ClientRow, history: impl IntoIterator<Item = &'a Changes>) -> Vec<String> {
    let mut values = vec![
        client.full_name.clone(),
        client.email.clone(),
        client.phone.clone(),
        client.phone_display(),
        client.company_name.clone(),
    ];
    for change in history.into_iter().flat_map(|c| &c.0) {
        if IDENTITY_FIELDS.contains(&change.field.as_str()) {
            for value in [&change.old, &change.new].into_iter().flatten() {
                if value != ERASED {
                    values.push(value.clone());
                    if let Ok(phone) = crate::domain::Phone::parse(value) {
                        values.push(phone.as_e164().to_owned());
                    }
                }
            }
        }
    }
    values.sort();
    values.dedup();
    values
}

/// The secrets worth looking for: trimmed, lowercased, three characters at least (shorter ones
/// would erase everything).
fn needles(secrets: &[String]) -> Vec<String> {
    secrets.iter().map(|s| s.trim().to_lowercase()).filter(|s| s.chars().count() >= 3).collect()
}

fn mentions(needles: &[String], value: &str) -> bool {
    let value = value.to_lowercase();
    needles.iter().any(|needle| value.contains(needle.as_str()))
}

/// The city of a place written as "street, postcode city" (the last part, without the
/// postcode); a place without a comma is kept whole. Always a part of `location`.
pub fn city_of(location: &str) -> &str {
    let last = location.rsplit(',').next().unwrap_or(location).trim();
    let city = last.trim_start_matches(|c: char| c.is_ascii_digit()).trim();
    if city.is_empty() { last } else { city }
}

/// Replaces the client's personal values inside one audit record's changes: every value of a
/// personal field, any other value that contains one of `secrets` (case-insensitive), such as
/// an event title naming the client, and places down to their city. Values only ever shrink or
/// become `ERASED` (what the database's `audit_record_erase` accepts). Returns whether anything
/// changed.
pub fn scrub_changes(changes: &mut Changes, secrets: &[String]) -> bool {
    let needles = needles(secrets);
    let mut scrubbed = false;
    for change in &mut changes.0 {
        let personal = PERSONAL_FIELDS.contains(&change.field.as_str());
        let place = PLACE_FIELDS.contains(&change.field.as_str());
        for value in [&mut change.old, &mut change.new] {
            let Some(text) = value.as_deref() else { continue };
            if text == ERASED {
                continue;
            }
            let kept = if place { city_of(text) } else { text };
            let scrubbed_value = if personal || mentions(&needles, kept) { ERASED } else { kept };
            if scrubbed_value != text {
                *value = Some(scrubbed_value.to_owned());
                scrubbed = true;
            }
        }
    }
    scrubbed
}

/// `text` with every occurrence of `needle` (lowercase) replaced by `by`, case-insensitively.
fn replace_ignoring_case(text: &str, needle: &str, by: &str) -> String {
    let needle: Vec<char> = needle.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(first) = rest.chars().next() {
        let mut lowered = rest.char_indices().flat_map(|(i, c)| c.to_lowercase().map(move |l| (i + c.len_utf8(), l)));
        let mut end = 0;
        let matched = !needle.is_empty()
            && needle.iter().all(|n| match lowered.next() {
                Some((e, l)) if l == *n => {
                    end = e;
                    true
                }
                _ => false,
            });
        if matched {
            out.push_str(by);
            rest = &rest[end..];
        } else {
            out.push(first);
            rest = &rest[first.len_utf8()..];
        }
    }
    out
}

/// `text` with each of the client's values replaced by the pseudonym, cut to `max` characters
/// (never empty: the pseudonym then).
pub fn pseudonymise_text(text: &str, secrets: &[String], pseudonym: &str, max: usize) -> String {
    let mut needles = needles(secrets);
    // The longest first: a company name that contains the person's name goes whole.
    needles.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    let replaced = needles.iter().fold(text.to_owned(), |text, needle| replace_ignoring_case(&text, needle, pseudonym));
    let cut: String = replaced.chars().take(max).collect();
    let cut = cut.split_whitespace().collect::<Vec<_>>().join(" ");
    if cut.is_empty() { pseudonym.chars().take(max).collect() } else { cut }
}

/// An event of an anonymised client: its title without the client's values, its place down to
/// the city (and without them), no notes.
pub fn scrub_event(title: &str, location: &str, secrets: &[String], pseudonym: &str) -> (String, String) {
    (
        pseudonymise_text(title, secrets, pseudonym, EventTitle::MAX_CHARS),
        pseudonymise_text(city_of(location), secrets, pseudonym, Location::MAX_CHARS),
    )
}

/// How long the security data stays (the processing register says the same): sign-in attempts,
/// the address and browser of an ended session, the security log. The database function
/// `purge_personal_data` applies them; `serve` runs it every `PURGE_EVERY_MINUTES`.
pub const SIGN_IN_ATTEMPTS_KEPT_DAYS: i64 = 30;
pub const SESSION_DETAILS_KEPT_DAYS: i64 = 30;
pub const SECURITY_EVENTS_KEPT_DAYS: i64 = 365;
pub const PURGE_EVERY_MINUTES: u64 = 60;

/// What one purge removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Purged {
    pub attempts: i64,
    pub sessions: i64,
    pub security_events: i64,
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
    /// What was written about the client, on it, its contracts and its events.
    #[serde(default)]
    pub notes: Vec<crate::notes::model::NoteRow>,
    /// What was to be done about the client.
    #[serde(default)]
    pub follow_ups: Vec<crate::follow_ups::model::FollowUpRow>,
    /// Its events' debriefs.
    #[serde(default)]
    pub debriefs: Vec<crate::debriefs::model::DebriefRow>,
    /// The run sheets of its events (contact on site, access notes, timeline).
    #[serde(default)]
    pub run_sheets: Vec<crate::run_sheet::model::ExportedRunSheet>,
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
    use crate::domain::CollaboratorId;

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
    fn places_keep_their_city_only() {
        assert_eq!(city_of("53 rue du Château, 41120 Candé-sur-Beuvron"), "Candé-sur-Beuvron");
        assert_eq!(city_of("Domaine de Chantilly, 60500 Chantilly"), "Chantilly");
        assert_eq!(city_of("Lyon"), "Lyon");
        assert_eq!(city_of("12 rue X, 75002"), "75002");
        let mut changes = Changes::new().diff("location", "3 rue Haute, 37000 Tours", "Chez Kevin Casey, Paris");
        assert!(scrub_changes(&mut changes, &secrets()));
        assert_eq!(changes.0[0].old.as_deref(), Some("Tours"));
        assert_eq!(changes.0[0].new.as_deref(), Some("Paris"));
    }

    #[test]
    fn every_former_value_of_the_client_is_a_secret() {
        let client = ClientRow {
            id: ClientId(Uuid::from_u128(1)),
            full_name: "Kevin Martin".into(),
            email: "kevin@martin.fr".into(),
            phone: "+33711223344".into(),
            company_name: "Martin SARL".into(),
            sales_contact_id: CollaboratorId(Uuid::from_u128(2)),
            sales_contact_name: "Camille".into(),
            created_at: DateTime::<Utc>::MIN_UTC,
            updated_at: DateTime::<Utc>::MIN_UTC,
            is_prospect: false,
            version: 1,
            anonymised: false,
        };
        let history = [
            Changes::new().diff("company_name", "Acme Organisation", &client.company_name),
            Changes::new().diff("full_name", "Kevin Casey", &client.full_name).set("total", "10,00 €"),
            Changes::new().diff("phone", "06 12 34 56 78", client.phone_display()),
        ];
        let values = personal_values(&client, &history);
        for expected in ["Acme Organisation", "Kevin Casey", "06 12 34 56 78", "+33612345678", client.email.as_str()] {
            assert!(values.iter().any(|v| v == expected), "{expected} in {values:?}");
        }
        assert!(!values.iter().any(|v| v.contains('€')), "amounts are not personal");
    }

    #[test]
    fn event_titles_and_places_lose_every_value_of_the_client() {
        let secrets = vec!["Acme Organisation".to_owned(), "Kevin Casey".to_owned()];
        let (title, place) = scrub_event(
            "Séminaire ACME ORGANISATION pour Kevin casey",
            "Siège Acme Organisation, 69002 Lyon",
            &secrets,
            "Anonyme X",
        );
        assert_eq!(title, "Séminaire Anonyme X pour Anonyme X");
        assert_eq!(place, "Lyon");
        let (title, place) = scrub_event("Kevin Casey", "Chez Kevin Casey", &secrets, "Anonyme X");
        assert_eq!((title.as_str(), place.as_str()), ("Anonyme X", "Chez Anonyme X"));
        let long = "x".repeat(119) + " Kevin Casey";
        let cut = pseudonymise_text(&long, &secrets, "Anonyme X", 120);
        assert!(cut.chars().count() <= 120 && cut.starts_with("xxx") && cut == cut.trim(), "{cut}");
    }

    #[test]
    fn the_processing_register_states_the_purge_periods() {
        let retention = crate::i18n::fr::PROCESSING_SECTIONS
            .iter()
            .find(|(title, _)| *title == "Durées de conservation")
            .map(|(_, items)| items.join(" "))
            .unwrap();
        let notifications = crate::notifications::model::KEPT_FOR_DAYS;
        for days in [SIGN_IN_ATTEMPTS_KEPT_DAYS, SESSION_DETAILS_KEPT_DAYS, SECURITY_EVENTS_KEPT_DAYS, notifications] {
            assert!(retention.contains(&format!("{days} jours")), "{days} days in {retention}");
        }
        assert_eq!(PURGE_EVERY_MINUTES, 60, "the register says every hour");
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
