//! A contract's page: the contract, its client's contact details, its payment schedule and
//! payments, its events, its notes and its history.

use serde::{Deserialize, Serialize};

use crate::audit::model::AuditEntry;
use crate::contracts::model::ContractRow;
use crate::events::model::EventRow;
use crate::follow_ups::model::FollowUpList;
use crate::notes::model::NoteList;
use crate::payments::model::PaymentSchedule;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractDetail {
    pub contract: ContractRow,
    pub client_email: String,
    pub client_phone: String,
    pub events: Vec<EventRow>,
    pub history: Vec<AuditEntry>,
    pub notes: NoteList,
    pub follow_ups: FollowUpList,
    pub schedule: PaymentSchedule,
}
