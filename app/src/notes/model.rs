//! Notes as pages and the API show them, and the form that writes one.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::{ClientId, CollaboratorId, ContractId, EventId, NoteId, Notes};

use crate::error::AppError;
use crate::forms::Validator;
use crate::i18n::fr as t;
use crate::records::RecordRef;

/// How long the author of a note may still correct or delete it.
pub const EDIT_WINDOW: Duration = Duration::minutes(15);

/// What kind of exchange a note records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NoteKind {
    Call,
    Email,
    Meeting,
    #[default]
    Note,
}

impl NoteKind {
    pub const ALL: [NoteKind; 4] = [NoteKind::Call, NoteKind::Email, NoteKind::Meeting, NoteKind::Note];

    /// As stored and sent in forms and the API.
    pub fn code(self) -> &'static str {
        match self {
            NoteKind::Call => "call",
            NoteKind::Email => "email",
            NoteKind::Meeting => "meeting",
            NoteKind::Note => "note",
        }
    }

    pub fn parse(code: &str) -> Result<Self, String> {
        NoteKind::ALL.into_iter().find(|k| k.code() == code.trim()).ok_or_else(|| t::NOTE_KIND_INVALID.to_owned())
    }

    /// "Appel", "E-mail", "Rendez-vous", "Note".
    pub fn label(self) -> &'static str {
        match self {
            NoteKind::Call => t::NOTE_KIND_CALL,
            NoteKind::Email => t::NOTE_KIND_EMAIL,
            NoteKind::Meeting => t::NOTE_KIND_MEETING,
            NoteKind::Note => t::NOTE_KIND_NOTE,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct NoteRow {
    pub id: NoteId,
    pub client_id: ClientId,
    pub contract_id: Option<ContractId>,
    pub event_id: Option<EventId>,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "String"))]
    pub kind: NoteKind,
    pub body: String,
    pub author_id: Option<CollaboratorId>,
    pub author_name: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

/// A stored kind code (the database allows only known ones).
impl TryFrom<String> for NoteKind {
    type Error = String;

    fn try_from(code: String) -> Result<Self, String> {
        NoteKind::parse(&code)
    }
}

impl NoteRow {
    /// The record the note was written on: its event, else its contract, else its client.
    pub fn record(&self) -> RecordRef {
        RecordRef::narrowest(self.client_id, self.contract_id, self.event_id)
    }

    /// Until when its author may still change it.
    pub fn editable_until(&self) -> DateTime<Utc> {
        self.created_at + EDIT_WINDOW
    }
}

/// The notes of a record, newest first, with the instant they were read at (the rules on
/// changing a note depend on it).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteList {
    pub items: Vec<NoteRow>,
    pub as_of: DateTime<Utc>,
}

/// One note for its edit page, with the instant it was read at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteAt {
    pub note: NoteRow,
    pub as_of: DateTime<Utc>,
}

/// A note as typed in the form (or sent to the API).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteForm {
    pub kind: String,
    pub body: String,
}

impl NoteForm {
    pub fn submitted(&self) -> [(&str, &str); 2] {
        [("kind", self.kind.as_str()), ("body", self.body.as_str())]
    }
}

/// A checked note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteInput {
    pub kind: NoteKind,
    pub body: Notes,
}

impl TryFrom<&NoteForm> for NoteInput {
    type Error = AppError;

    fn try_from(form: &NoteForm) -> Result<Self, AppError> {
        let mut v = Validator::new();
        let kind = v.check("kind", NoteKind::parse(&form.kind));
        let body = v.check("body", Notes::parse(&form.body));
        if let Some(body) = &body {
            v.require("body", !body.is_empty(), t::NOTE_BODY_REQUIRED);
        }
        let input = (|| Some(NoteInput { kind: kind?, body: body? }))();
        v.finish(input).map_err(|e| e.keeping(&form.submitted()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(kind: &str, body: &str) -> NoteForm {
        NoteForm { kind: kind.into(), body: body.into() }
    }

    #[test]
    fn a_note_needs_a_known_kind_and_some_text() {
        let input = NoteInput::try_from(&form("call", "  Rappel du devis\r\nOK pour mars  ")).unwrap();
        assert_eq!(input.kind, NoteKind::Call);
        assert_eq!(input.body.as_str(), "Rappel du devis\nOK pour mars");

        let error = NoteInput::try_from(&form("fax", "   ")).unwrap_err();
        assert_eq!(error.field_message("kind"), Some(t::NOTE_KIND_INVALID));
        assert_eq!(error.field_message("body"), Some(t::NOTE_BODY_REQUIRED));
        assert_eq!(error.submitted("kind"), Some("fax"));

        let too_long = "a".repeat(Notes::MAX_CHARS + 1);
        assert!(NoteInput::try_from(&form("note", &too_long)).unwrap_err().field_message("body").is_some());
    }

    #[test]
    fn kinds_round_trip_through_their_codes() {
        for kind in NoteKind::ALL {
            assert_eq!(NoteKind::parse(kind.code()), Ok(kind));
        }
    }
}
