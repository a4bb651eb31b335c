//! A client's page: the client, its contracts, its events, its notes and its history.

use serde::{Deserialize, Serialize};

use crate::audit::model::AuditEntry;
use crate::clients::model::ClientRow;
use crate::contracts::model::ContractRow;
use crate::events::model::EventRow;
use crate::follow_ups::model::FollowUpList;
use crate::notes::model::NoteList;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientDetail {
    pub client: ClientRow,
    pub contracts: Vec<ContractRow>,
    pub events: Vec<EventRow>,
    pub history: Vec<AuditEntry>,
    pub notes: NoteList,
    pub follow_ups: FollowUpList,
    /// Over its events' debriefs.
    pub satisfaction: crate::debriefs::model::Satisfaction,
}
