//! An event's page: the event, its contract, its client's contact details, its notes and its history.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::audit::model::AuditEntry;
use crate::contracts::model::ContractRow;
use crate::debriefs::model::DebriefRow;
use crate::events::model::EventRow;
use crate::follow_ups::model::FollowUpList;
use crate::notes::model::NoteList;
use crate::planning::model::Clash;
use crate::readiness::model::Readiness;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDetail {
    pub event: EventRow,
    /// The server's clock when read: the event's state is the one at that moment.
    pub as_of: DateTime<Utc>,
    /// Other events at the same place at the same time.
    pub place_clashes: Vec<Clash>,
    /// The support contact's other events too close to this one.
    pub support_clashes: Vec<Clash>,
    pub contract: ContractRow,
    pub client_email: String,
    pub client_phone: String,
    pub history: Vec<AuditEntry>,
    pub notes: NoteList,
    pub follow_ups: FollowUpList,
    /// Written once the event is over.
    pub debrief: Option<DebriefRow>,
    /// Its checks while it is still to come (not cancelled).
    pub readiness: Option<Readiness>,
}
