//! Audit records as pages show them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::{ClientId, CollaboratorId, ContractId, EventId};

/// The kind of record an audit entry is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Entity {
    Client,
    Contract,
    Event,
    Collaborator,
}

impl Entity {
    pub fn code(self) -> &'static str {
        match self {
            Entity::Client => "client",
            Entity::Contract => "contract",
            Entity::Event => "event",
            Entity::Collaborator => "collaborator",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [Entity::Client, Entity::Contract, Entity::Event, Entity::Collaborator].into_iter().find(|e| e.code() == code)
    }
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
}

impl Action {
    pub const ALL: [Action; 13] = [
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
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Action::ALL.into_iter().find(|a| a.code() == code)
    }

    /// "a créé", "a modifié"… as in "Marie Curie a signé le contrat".
    pub fn verb(self) -> &'static str {
        match self {
            Action::Create => "a créé",
            Action::Update => "a modifié",
            Action::Sign => "a signé",
            Action::AssignSupport => "a assigné le support",
            Action::ChangeSalesContact => "a changé le contact commercial",
            Action::Delete => "a supprimé",
            Action::ChangeDepartment => "a changé le département",
            Action::Deactivate => "a désactivé",
            Action::Reactivate => "a réactivé",
            Action::ResetPassword => "a réinitialisé le mot de passe",
            Action::ChangePassword => "a changé son mot de passe",
            Action::Anonymise => "a anonymisé",
            Action::Export => "a exporté les données",
        }
    }
}

/// One changed field, already formatted for display.
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

    /// Records `field` only when its value changed. Values are stored as display text.
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
