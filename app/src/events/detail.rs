//! An event's page: the event, its contract, its client's contact details, its notes and its history.

use serde::{Deserialize, Serialize};

use crate::audit::model::AuditEntry;
use crate::contracts::model::ContractRow;
use crate::events::model::EventRow;
use crate::follow_ups::model::FollowUpList;
use crate::notes::model::NoteList;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDetail {
    pub event: EventRow,
    pub contract: ContractRow,
    pub client_email: String,
    pub client_phone: String,
    pub history: Vec<AuditEntry>,
    pub notes: NoteList,
    pub follow_ups: FollowUpList,
}
