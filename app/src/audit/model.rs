//! Audit records as pages show them.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::datetime::format_datetime;
use crate::domain::{Cents, ClientId, CollaboratorId, ContractId, Department, EventId, Phone};
use crate::i18n::fr as t;

/// The kind of record an audit entry is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Entity {
    Client,
    Contract,
    Event,
    Collaborator,
    /// A company setting (the travel buffer between two events of one person).
    Setting,
}

impl Entity {
    pub const ALL: [Entity; 5] =
        [Entity::Client, Entity::Contract, Entity::Event, Entity::Collaborator, Entity::Setting];

    pub fn code(self) -> &'static str {
        match self {
            Entity::Client => "client",
            Entity::Contract => "contract",
            Entity::Event => "event",
            Entity::Collaborator => "collaborator",
            Entity::Setting => "setting",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Entity::ALL.into_iter().find(|e| e.code() == code)
    }

    /// "Client", "Contrat"… for the journal.
    pub fn label(self) -> &'static str {
        match self {
            Entity::Client => t::CLIENT,
            Entity::Contract => t::CONTRACT,
            Entity::Event => t::EVENT,
            Entity::Collaborator => t::COLLABORATOR,
            Entity::Setting => t::SETTING,
        }
    }
}

/// How the trail names a changed field: the form's label, else the field's code as recorded.
pub fn field_label(field: &str) -> String {
    let label = match field {
        "full_name" => t::FULL_NAME,
        "email" => t::EMAIL,
        "phone" => t::PHONE,
        "company_name" => t::COMPANY,
        "sales_contact" => t::SALES_CONTACT,
        "client" => t::CLIENT,
        "total" => t::TOTAL,
        "remaining" => t::REMAINING,
        "signed" => t::SIGNED,
        "title" => t::TITLE,
        "starts_at" => t::START,
        "ends_at" => t::END,
        "location" => t::LOCATION,
        "attendees" => t::ATTENDEES,
        "notes" => t::NOTES,
        "support_contact" => t::SUPPORT_CONTACT,
        "employee_number" => t::EMPLOYEE_NUMBER,
        "department" => t::DEPARTMENT,
        "clients_handed_over" => t::FIELD_CLIENTS_HANDED_OVER,
        "events_handed_over" => t::FIELD_EVENTS_HANDED_OVER,
        "kind" => t::NOTE_KIND,
        "status" => t::STATUS,
        "stage" => t::STAGE,
        "satisfaction" => t::SATISFACTION,
        "actual_attendees" => t::ACTUAL_ATTENDEES,
        "reason" => t::REASON,
        "override_reason" => t::OVERRIDE_REASON,
        "clashes" => t::FIELD_CLASHES,
        "travel_buffer_minutes" => t::TRAVEL_BUFFER,
        "payment" => t::PAYMENT,
        "paid_on" => t::PAID_ON,
        "method" => t::PAYMENT_METHOD,
        "milestone" => t::MILESTONE,
        "milestone_amount" => t::MILESTONE_AMOUNT,
        "due" => t::MILESTONE_DUE_RULE,
        "access_notes" => t::RUN_SHEET_ACCESS_NOTES,
        "onsite_contact_name" => t::RUN_SHEET_ONSITE_CONTACT_NAME,
        "onsite_contact_phone" => t::RUN_SHEET_ONSITE_CONTACT_PHONE,
        "timeline_item" => t::FIELD_TIMELINE_ITEM,
        "timeline_details" => t::TIMELINE_DETAILS,
        other => other,
    };
    label.to_owned()
}

/// A record the audit trail can be about. Its type says which kind it is, so a record's kind
/// and id cannot disagree.
pub trait Subject: Copy {
    const ENTITY: Entity;
    fn uuid(self) -> Uuid;
}

macro_rules! subject {
    ($id:ty => $entity:expr) => {
        impl Subject for $id {
            const ENTITY: Entity = $entity;
            fn uuid(self) -> Uuid {
                self.0
            }
        }
    };
}

subject!(ClientId => Entity::Client);
subject!(ContractId => Entity::Contract);
subject!(EventId => Entity::Event);
subject!(CollaboratorId => Entity::Collaborator);

/// The company's settings, one record of the audit trail (the nil id).
#[derive(Debug, Clone, Copy)]
pub struct Setting;

impl Subject for Setting {
    const ENTITY: Entity = Entity::Setting;
    fn uuid(self) -> Uuid {
        Uuid::nil()
    }
}

/// What was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Create,
    Update,
    Sign,
    AssignSupport,
    ChangeSalesContact,
    Delete,
    ChangeDepartment,
    Deactivate,
    Reactivate,
    ResetPassword,
    ChangePassword,
    Anonymise,
    Export,
    EditNote,
    DeleteNote,
    Confirm,
    Unconfirm,
    Cancel,
    Restore,
    ChangeSetting,
    RecordPayment,
    DeletePayment,
    AddMilestone,
    DeleteMilestone,
    Propose,
    Unpropose,
    Debrief,
    /// A change of an event's run sheet: its timeline, access notes or contact on site.
    EditRunSheet,
}

impl Action {
    pub const ALL: [Action; 28] = [
        Action::Create,
        Action::Update,
        Action::Sign,
        Action::AssignSupport,
        Action::ChangeSalesContact,
        Action::Delete,
        Action::ChangeDepartment,
        Action::Deactivate,
        Action::Reactivate,
        Action::ResetPassword,
        Action::ChangePassword,
        Action::Anonymise,
        Action::Export,
        Action::EditNote,
        Action::DeleteNote,
        Action::Confirm,
        Action::Unconfirm,
        Action::Cancel,
        Action::Restore,
        Action::ChangeSetting,
        Action::RecordPayment,
        Action::DeletePayment,
        Action::AddMilestone,
        Action::DeleteMilestone,
        Action::Propose,
        Action::Unpropose,
        Action::Debrief,
        Action::EditRunSheet,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Update => "update",
            Action::Sign => "sign",
            Action::AssignSupport => "assign_support",
            Action::ChangeSalesContact => "change_sales_contact",
            Action::Delete => "delete",
            Action::ChangeDepartment => "change_department",
            Action::Deactivate => "deactivate",
            Action::Reactivate => "reactivate",
            Action::ResetPassword => "reset_password",
            Action::ChangePassword => "change_password",
            Action::Anonymise => "anonymise",
            Action::Export => "export",
            Action::EditNote => "edit_note",
            Action::DeleteNote => "delete_note",
            Action::Confirm => "confirm",
            Action::Unconfirm => "unconfirm",
            Action::Cancel => "cancel",
            Action::Restore => "restore",
            Action::ChangeSetting => "change_setting",
            Action::RecordPayment => "record_payment",
            Action::DeletePayment => "delete_payment",
            Action::AddMilestone => "add_milestone",
            Action::DeleteMilestone => "delete_milestone",
            Action::Propose => "propose",
            Action::Unpropose => "unpropose",
            Action::Debrief => "debrief",
            Action::EditRunSheet => "edit_run_sheet",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Action::ALL.into_iter().find(|a| a.code() == code)
    }

    /// "Création", "Signature"… for the journal.
    pub fn label(self) -> &'static str {
        match self {
            Action::Create => t::ACTION_CREATE,
            Action::Update => t::ACTION_UPDATE,
            Action::Sign => t::ACTION_SIGN,
            Action::AssignSupport => t::ACTION_ASSIGN_SUPPORT,
            Action::ChangeSalesContact => t::ACTION_CHANGE_SALES_CONTACT,
            Action::Delete => t::ACTION_DELETE,
            Action::ChangeDepartment => t::ACTION_CHANGE_DEPARTMENT,
            Action::Deactivate => t::ACTION_DEACTIVATE,
            Action::Reactivate => t::ACTION_REACTIVATE,
            Action::ResetPassword => t::ACTION_RESET_PASSWORD,
            Action::ChangePassword => t::ACTION_CHANGE_PASSWORD,
            Action::Anonymise => t::ACTION_ANONYMISE,
            Action::Export => t::ACTION_EXPORT,
            Action::EditNote => t::ACTION_EDIT_NOTE,
            Action::DeleteNote => t::ACTION_DELETE_NOTE,
            Action::Confirm => t::ACTION_CONFIRM,
            Action::Unconfirm => t::ACTION_UNCONFIRM,
            Action::Cancel => t::ACTION_CANCEL,
            Action::Restore => t::ACTION_RESTORE,
            Action::ChangeSetting => t::ACTION_CHANGE_SETTING,
            Action::RecordPayment => t::ACTION_RECORD_PAYMENT,
            Action::DeletePayment => t::ACTION_DELETE_PAYMENT,
            Action::AddMilestone => t::ACTION_ADD_MILESTONE,
            Action::DeleteMilestone => t::ACTION_DELETE_MILESTONE,
            Action::Propose => t::ACTION_PROPOSE,
            Action::Unpropose => t::ACTION_UNPROPOSE,
            Action::Debrief => t::ACTION_DEBRIEF,
            Action::EditRunSheet => t::ACTION_EDIT_RUN_SHEET,
        }
    }

    /// "a créé", "a modifié"… as in "Marie Curie a signé le contrat".
    pub fn verb(self) -> &'static str {
        match self {
            Action::Create => t::VERB_CREATE,
            Action::Update => t::VERB_UPDATE,
            Action::Sign => t::VERB_SIGN,
            Action::AssignSupport => t::VERB_ASSIGN_SUPPORT,
            Action::ChangeSalesContact => t::VERB_CHANGE_SALES_CONTACT,
            Action::Delete => t::VERB_DELETE,
            Action::ChangeDepartment => t::VERB_CHANGE_DEPARTMENT,
            Action::Deactivate => t::VERB_DEACTIVATE,
            Action::Reactivate => t::VERB_REACTIVATE,
            Action::ResetPassword => t::VERB_RESET_PASSWORD,
            Action::ChangePassword => t::VERB_CHANGE_PASSWORD,
            Action::Anonymise => t::VERB_ANONYMISE,
            Action::Export => t::VERB_EXPORT,
            Action::EditNote => t::VERB_EDIT_NOTE,
            Action::DeleteNote => t::VERB_DELETE_NOTE,
            Action::Confirm => t::VERB_CONFIRM,
            Action::Unconfirm => t::VERB_UNCONFIRM,
            Action::Cancel => t::VERB_CANCEL,
            Action::Restore => t::VERB_RESTORE,
            Action::ChangeSetting => t::VERB_CHANGE_SETTING,
            Action::RecordPayment => t::VERB_RECORD_PAYMENT,
            Action::DeletePayment => t::VERB_DELETE_PAYMENT,
            Action::AddMilestone => t::VERB_ADD_MILESTONE,
            Action::DeleteMilestone => t::VERB_DELETE_MILESTONE,
            Action::Propose => t::VERB_PROPOSE,
            Action::Unpropose => t::VERB_UNPROPOSE,
            Action::Debrief => t::VERB_DEBRIEF,
            Action::EditRunSheet => t::VERB_EDIT_RUN_SHEET,
        }
    }
}

/// One changed field. Values are stored raw (cents, RFC 3339 instants, codes, `true`/`false`)
/// and formatted when shown (`FieldChange::shown`), so a change of format never rewrites the
/// trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// The changed fields of one write, in the order they were recorded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Changes(pub Vec<FieldChange>);

impl Changes {
    pub fn new() -> Self {
        Changes::default()
    }

    /// Records `field` only when its value changed.
    pub fn field(mut self, field: &str, old: Option<String>, new: Option<String>) -> Self {
        if old != new {
            self.0.push(FieldChange { field: field.to_owned(), old, new });
        }
        self
    }

    pub fn set(self, field: &str, new: impl ToString) -> Self {
        self.field(field, None, Some(new.to_string()))
    }

    pub fn diff(self, field: &str, old: impl ToString, new: impl ToString) -> Self {
        self.field(field, Some(old.to_string()), Some(new.to_string()))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl FieldChange {
    /// The old and new values as the pages show them.
    pub fn shown(&self) -> (Option<String>, Option<String>) {
        let show = |value: &Option<String>| value.as_deref().map(|stored| shown(&self.field, stored));
        (show(&self.old), show(&self.new))
    }

    /// "Montant total : 1 000,00 € → 1 200,00 €", as the journal writes it.
    pub fn line(&self) -> String {
        let (old, new) = self.shown();
        let new = new.unwrap_or_else(|| t::NONE.to_owned());
        match old {
            Some(old) => format!("{} : {old} → {new}", field_label(&self.field)),
            None => format!("{} : {new}", field_label(&self.field)),
        }
    }
}

/// How an instant is stored in a change.
pub fn stored_instant(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A stored value of `field` as the pages show it. Records written before values were stored
/// raw hold display text already: anything that does not read as the raw form is shown as is.
fn shown(field: &str, stored: &str) -> String {
    let formatted = match field {
        "total" | "remaining" | "payment" | "milestone_amount" => {
            stored.parse().ok().and_then(|cents| Cents::new(cents).ok()).map(|c| c.to_string())
        }
        "starts_at" | "ends_at" => {
            DateTime::parse_from_rfc3339(stored).ok().map(|at| format_datetime(at.with_timezone(&Utc)))
        }
        "signed" => stored.parse().ok().map(|signed: bool| if signed { t::YES } else { t::NO }.to_owned()),
        "phone" | "onsite_contact_phone" => Phone::parse(stored).ok().map(|phone| phone.display()),
        "department" => Department::from_code(stored).map(|d| d.label().to_owned()),
        "kind" => crate::notes::model::NoteKind::parse(stored).ok().map(|kind| kind.label().to_owned()),
        "paid_on" => {
            chrono::NaiveDate::parse_from_str(stored, "%Y-%m-%d").ok().map(crate::domain::datetime::format_day)
        }
        "stage" => crate::contracts::stage::ContractStage::from_code(stored).map(|s| s.label().to_owned()),
        "method" => {
            crate::payments::model::PaymentMethod::try_from(stored.to_owned()).ok().map(|m| m.label().to_owned())
        }
        _ => None,
    };
    formatted.unwrap_or_else(|| stored.to_owned())
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub actor_name: Option<String>,
    pub action: Action,
    pub changes: Changes,
    pub at: DateTime<Utc>,
    pub actor_id: Option<CollaboratorId>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unchanged_fields_are_not_recorded() {
        let changes = Changes::new().diff("email", "a@b.fr", "a@b.fr").diff("phone", "+331", "+332");
        assert_eq!(changes.0.len(), 1);
        assert_eq!(changes.0[0].field, "phone");
    }

    #[test]
    fn raw_values_are_shown_formatted_and_older_display_text_as_is() {
        let shown = |field: &str, old: &str, new: &str| {
            FieldChange { field: field.into(), old: Some(old.into()), new: Some(new.into()) }.shown()
        };
        let pair = |old: &str, new: &str| (Some(old.to_owned()), Some(new.to_owned()));
        assert_eq!(shown("total", "100000", "1 000,00 €"), pair("1\u{202f}000,00\u{a0}€", "1 000,00 €"));
        let paris = format_datetime(DateTime::parse_from_rfc3339("2026-06-01T08:30:00Z").unwrap().into());
        assert!(paris.contains("10:30"), "{paris}");
        assert_eq!(shown("starts_at", "2026-06-01T08:30:00Z", "le 1er juin"), pair(&paris, "le 1er juin"));
        assert_eq!(shown("signed", "false", "true"), pair("non", "oui"));
        assert_eq!(shown("phone", "+33612345678", "+33612345678"), pair("+33 6 12 34 56 78", "+33 6 12 34 56 78"));
        assert_eq!(shown("department", "sales", "Support"), pair("Commercial", "Support"));
        assert_eq!(shown("full_name", "true", "100"), pair("true", "100"), "other fields are text");
        assert_eq!(
            stored_instant(DateTime::parse_from_rfc3339("2026-06-01T10:30:00+02:00").unwrap().into()),
            "2026-06-01T08:30:00Z"
        );
    }

    #[test]
    fn action_codes_round_trip() {
        for action in Action::ALL {
            assert_eq!(Action::from_code(action.code()), Some(action));
        }
        assert_eq!(Action::from_code("drop"), None);
        for entity in [Entity::Client, Entity::Contract, Entity::Event, Entity::Collaborator] {
            assert_eq!(Entity::from_code(entity.code()), Some(entity));
        }
    }
}
