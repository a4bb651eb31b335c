//! Typed identifiers: a client's id cannot be passed where a contract's is expected.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::i18n::fr as t;

macro_rules! uuid_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        #[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(transparent))]
        pub struct $name(pub Uuid);

        impl $name {
            pub const fn from_uuid(uuid: Uuid) -> Self {
                Self(uuid)
            }

            pub const fn as_uuid(&self) -> Uuid {
                self.0
            }

            /// Parses the identifier as found in a URL or a form.
            pub fn parse(input: &str) -> Result<Self, String> {
                input.parse()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }

        impl FromStr for $name {
            type Err = String;

            fn from_str(input: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(input.trim()).map(Self).map_err(|_| t::ID_INVALID.to_owned())
            }
        }

        impl From<Uuid> for $name {
            fn from(uuid: Uuid) -> Self {
                Self(uuid)
            }
        }

        impl From<$name> for Uuid {
            fn from(id: $name) -> Self {
                id.0
            }
        }
    };
}

uuid_id!(
    /// A client of the company.
    ClientId
);
uuid_id!(
    /// A contract signed with a client.
    ContractId
);
uuid_id!(
    /// An event organised under a contract.
    EventId
);
uuid_id!(
    /// A member of staff using the CRM.
    CollaboratorId
);
uuid_id!(
    /// A follow-up: something to do about a client, a contract or an event, by a day.
    FollowUpId
);
uuid_id!(
    /// A note on a client, a contract or an event (a call, an e-mail, a meeting…).
    NoteId
);
uuid_id!(
    /// A staged client import (a CSV file waiting for its confirmation), as its preview's address names it.
    ImportId
);
uuid_id!(
    /// A notification: something one collaborator should know, shown by the bell until read.
    NotificationId
);
uuid_id!(
    /// A milestone of a contract's payment schedule ("acompte 30 % à la signature").
    MilestoneId
);
uuid_id!(
    /// A payment received for a contract.
    PaymentId
);
uuid_id!(
    /// One step of an event's run sheet timeline ("Ouverture des portes, 18:30").
    TimelineItemId
);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const SAMPLE: &str = "67e55044-10b1-426f-9247-bb680e5fe0c8";

    #[test]
    fn an_identifier_displays_as_its_uuid() {
        let id: ClientId = SAMPLE.parse().unwrap();
        assert_eq!(id.to_string(), SAMPLE);
        assert_eq!(id.as_uuid(), Uuid::parse_str(SAMPLE).unwrap());
    }

    #[test]
    fn an_identifier_parses_with_surrounding_spaces_and_upper_case() {
        let id = EventId::parse(&format!("  {}  ", SAMPLE.to_uppercase())).unwrap();
        assert_eq!(id.to_string(), SAMPLE);
    }

    #[test]
    fn garbage_is_refused_as_an_invalid_identifier() {
        for input in ["", "42", "not-a-uuid", "67e55044-10b1-426f-9247-bb680e5fe0cz"] {
            assert_eq!(input.parse::<ContractId>(), Err(t::ID_INVALID.to_owned()), "{input:?}");
        }
    }

    #[test]
    fn an_identifier_serialises_as_a_bare_uuid_string() {
        let id = CollaboratorId::parse(SAMPLE).unwrap();
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, format!("\"{SAMPLE}\""));
        assert_eq!(serde_json::from_str::<CollaboratorId>(&json).unwrap(), id);
    }

    proptest! {
        #[test]
        fn any_uuid_round_trips_through_display_and_parse(bytes in any::<[u8; 16]>()) {
            let id = ClientId(Uuid::from_bytes(bytes));
            prop_assert_eq!(ClientId::parse(&id.to_string()), Ok(id));
        }

        #[test]
        fn arbitrary_strings_never_panic_the_parser(input in any::<String>()) {
            let _ = EventId::parse(&input);
        }
    }
}
