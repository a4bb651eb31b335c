//! The records notes and follow-ups are written on (a client, a contract, an event), and who
//! answers for each, as the rules name them.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::audit::model::Entity;
use crate::clients::model::ClientRow;
use crate::contracts::model::ContractRow;
use crate::domain::{ClientId, CollaboratorId, ContractId, EventId};
use crate::error::AppError;
use crate::events::model::EventRow;

/// The record a note or a follow-up is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RecordRef {
    Client(ClientId),
    Contract(ContractId),
    Event(EventId),
}

impl RecordRef {
    /// From a form's or a path's kind code ("client", "contract", "event") and id.
    pub fn parse(kind: &str, id: &str) -> Result<Self, AppError> {
        let id: Uuid = id.trim().parse().map_err(|_| AppError::BadRequest)?;
        match Entity::from_code(kind) {
            Some(Entity::Client) => Ok(RecordRef::Client(ClientId(id))),
            Some(Entity::Contract) => Ok(RecordRef::Contract(ContractId(id))),
            Some(Entity::Event) => Ok(RecordRef::Event(EventId(id))),
            _ => Err(AppError::BadRequest),
        }
    }

    pub fn entity(self) -> Entity {
        match self {
            RecordRef::Client(_) => Entity::Client,
            RecordRef::Contract(_) => Entity::Contract,
            RecordRef::Event(_) => Entity::Event,
        }
    }

    pub fn uuid(self) -> Uuid {
        match self {
            RecordRef::Client(id) => id.0,
            RecordRef::Contract(id) => id.0,
            RecordRef::Event(id) => id.0,
        }
    }

    /// The most precise record a row about a client names: its event, else its contract, else
    /// the client itself.
    pub fn narrowest(client: ClientId, contract: Option<ContractId>, event: Option<EventId>) -> Self {
        match (event, contract) {
            (Some(event), _) => RecordRef::Event(event),
            (None, Some(contract)) => RecordRef::Contract(contract),
            (None, None) => RecordRef::Client(client),
        }
    }

    /// The event, when the record is one.
    pub fn event_id(self) -> Option<EventId> {
        match self {
            RecordRef::Event(id) => Some(id),
            _ => None,
        }
    }

    /// The column of a note or follow-up row that names this kind of record: a client's rows
    /// include its contracts' and events', a contract's its events'.
    pub fn scope_column(self) -> &'static str {
        match self {
            RecordRef::Client(_) => "client_id",
            RecordRef::Contract(_) => "contract_id",
            RecordRef::Event(_) => "event_id",
        }
    }

    /// The record's page.
    pub fn path(self) -> String {
        match self {
            RecordRef::Client(id) => crate::routes::client(id, None),
            RecordRef::Contract(id) => crate::routes::contract(id, None),
            RecordRef::Event(id) => crate::routes::event(id, None),
        }
    }
}

/// Who answers for a record, as the rules on notes and follow-ups name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordOwners {
    pub client_id: ClientId,
    pub contract_id: Option<ContractId>,
    /// The client's current sales contact.
    pub sales_contact_id: CollaboratorId,
    /// The event's support contact, for an event.
    pub support_contact_id: Option<CollaboratorId>,
    pub client_anonymised: bool,
}

impl RecordOwners {
    pub fn of_client(client: &ClientRow) -> Self {
        RecordOwners {
            client_id: client.id,
            contract_id: None,
            sales_contact_id: client.sales_contact_id,
            support_contact_id: None,
            client_anonymised: client.anonymised,
        }
    }

    pub fn of_contract(contract: &ContractRow) -> Self {
        RecordOwners {
            client_id: contract.client_id,
            contract_id: Some(contract.id),
            sales_contact_id: contract.client_sales_contact_id,
            support_contact_id: None,
            client_anonymised: contract.client_anonymised,
        }
    }

    pub fn of_event(event: &EventRow, contract: &ContractRow) -> Self {
        RecordOwners { support_contact_id: event.support_contact_id, ..RecordOwners::of_contract(contract) }
    }
}

#[cfg(feature = "ssr")]
/// Who answers for the record, or `None` if there is no such record.
pub async fn owners(db: &mut sqlx::PgConnection, record: RecordRef) -> sqlx::Result<Option<RecordOwners>> {
    let sql = match record {
        RecordRef::Client(_) => {
            "select c.id as client_id, null::uuid as contract_id, c.sales_contact_id,
                    null::uuid as support_contact_id, c.anonymised_at is not null as client_anonymised
             from client c where c.id = $1"
        }
        RecordRef::Contract(_) => {
            "select k.client_id, k.id as contract_id, c.sales_contact_id,
                    null::uuid as support_contact_id, c.anonymised_at is not null as client_anonymised
             from contract k join client c on c.id = k.client_id where k.id = $1"
        }
        RecordRef::Event(_) => {
            "select e.client_id, e.contract_id, c.sales_contact_id, e.support_contact_id,
                    c.anonymised_at is not null as client_anonymised
             from event e join client c on c.id = e.client_id where e.id = $1"
        }
    };
    use sqlx::Row;
    let row = sqlx::query(sql).bind(record.uuid()).fetch_optional(db).await?;
    row.map(|row| {
        Ok(RecordOwners {
            client_id: row.try_get("client_id")?,
            contract_id: row.try_get("contract_id")?,
            sales_contact_id: row.try_get("sales_contact_id")?,
            support_contact_id: row.try_get("support_contact_id")?,
            client_anonymised: row.try_get("client_anonymised")?,
        })
    })
    .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_reference_comes_from_a_known_kind_and_an_id() {
        let id = Uuid::from_u128(7);
        assert_eq!(RecordRef::parse("event", &id.to_string()).unwrap(), RecordRef::Event(EventId(id)));
        assert_eq!(RecordRef::parse("collaborator", &id.to_string()), Err(AppError::BadRequest));
        assert_eq!(RecordRef::parse("client", "not-an-id"), Err(AppError::BadRequest));
    }
}
