//! Structured events for monitoring: collaborator changes, contract signatures, unexpected
//! errors. Each carries ids and codes only — never a name, an e-mail, a phone or free text —
//! so that forwarding them (to Sentry when `SENTRY_DSN` is set, see `server/src/telemetry.rs`)
//! sends no personal data.
//!
//! They all use the `monitoring` target, which the telemetry set-up forwards as events.

use crate::domain::{CollaboratorId, ContractId};

/// The tracing target of these events.
pub const TARGET: &str = "monitoring";

/// A collaborator account was created.
pub fn collaborator_created(id: CollaboratorId, department: crate::auth::Department) {
    tracing::info!(target: TARGET, event = "collaborator_created", collaborator = %id, department = department.code());
}

/// A collaborator account changed; `what` is a code such as `deactivate`, `reactivate`,
/// `reset_password`, `change_department` or `update` (the audit action codes).
pub fn collaborator_changed(id: CollaboratorId, what: &'static str) {
    tracing::info!(target: TARGET, event = "collaborator_changed", collaborator = %id, change = what);
}

/// A contract was signed.
pub fn contract_signed(id: ContractId, by: CollaboratorId) {
    tracing::info!(target: TARGET, event = "contract_signed", contract = %id, signed_by = %by);
}

/// Something failed that should not have: `kind` names the failing part (`database`,
/// `session_store`, `panic`…), `code` an error class, never its message (which may quote data).
pub fn unexpected_error(kind: &'static str, code: &str) {
    tracing::error!(target: TARGET, event = "unexpected_error", kind, code);
}

/// The class of a database error, without its message: a SQLSTATE code or the error variant.
#[cfg(feature = "ssr")]
pub fn sqlx_error_code(error: &sqlx::Error) -> String {
    match error {
        sqlx::Error::Database(db) => db.code().map(|c| c.into_owned()).unwrap_or_else(|| "database".to_owned()),
        sqlx::Error::PoolTimedOut => "pool_timed_out".to_owned(),
        sqlx::Error::PoolClosed => "pool_closed".to_owned(),
        sqlx::Error::Io(_) => "io".to_owned(),
        sqlx::Error::RowNotFound => "row_not_found".to_owned(),
        sqlx::Error::ColumnDecode { .. } | sqlx::Error::Decode(_) => "decode".to_owned(),
        sqlx::Error::Encode(_) => "encode".to_owned(),
        _ => "other".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use tracing::field::{Field, Visit};
    use tracing::{Event, Subscriber};
    use tracing_subscriber::layer::{Context, Layer, SubscriberExt};
    use uuid::Uuid;

    use super::*;

    /// An event's target and its fields, as text.
    type Seen = (String, Vec<(String, String)>);

    /// Every event seen.
    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<Seen>>>);

    struct Fields(Vec<(String, String)>);

    impl Visit for Fields {
        fn record_str(&mut self, field: &Field, value: &str) {
            self.0.push((field.name().to_owned(), value.to_owned()));
        }

        fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
            self.0.push((field.name().to_owned(), format!("{value:?}")));
        }
    }

    impl<S: Subscriber> Layer<S> for Captured {
        fn on_event(&self, event: &Event<'_>, _: Context<'_, S>) {
            let mut fields = Fields(Vec::new());
            event.record(&mut fields);
            self.0.lock().unwrap().push((event.metadata().target().to_owned(), fields.0));
        }
    }

    #[test]
    fn monitoring_events_carry_ids_and_codes_only() {
        let captured = Captured::default();
        let subscriber = tracing_subscriber::registry().with(captured.clone());
        let (collaborator, contract) = (CollaboratorId(Uuid::from_u128(7)), ContractId(Uuid::from_u128(8)));
        tracing::subscriber::with_default(subscriber, || {
            collaborator_created(collaborator, crate::auth::Department::Support);
            collaborator_changed(collaborator, "deactivate");
            contract_signed(contract, collaborator);
            unexpected_error("database", "23505");
        });
        let events = captured.0.lock().unwrap().clone();
        assert_eq!(events.len(), 4);
        let allowed = ["event", "collaborator", "department", "change", "contract", "signed_by", "kind", "code"];
        for (target, fields) in &events {
            assert_eq!(target, TARGET);
            for (name, value) in fields {
                assert!(allowed.contains(&name.as_str()), "unexpected field {name}");
                let is_id = Uuid::parse_str(value).is_ok();
                let is_code = value.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
                assert!(is_id || is_code, "{name} = {value} is neither an id nor a code");
                assert!(!value.contains('@') && !value.contains(' '), "{name} = {value}");
            }
        }
        assert!(events[2].1.iter().any(|(name, value)| name == "contract" && value == &contract.to_string()));
    }
}
