//! Asking twice creates once. A caller whose answer was lost (a dropped connection, a commit
//! whose outcome it never heard, a double click) sends the same creation again with the same
//! key; the second request finds the record the first one made instead of making another.
//!
//! The API takes the key from the `Idempotency-Key` header, the web forms from a hidden field
//! each form page fills in once. Keys are per collaborator and remembered for
//! `REMEMBERED_HOURS`. A service claims the key in the transaction that creates the record,
//! after the policy and the validation: a request sent again is checked again.

use serde::{Deserialize, Serialize};

/// Its name as a web form field, and under which the API reports a bad key.
pub const FIELD: &str = "idempotency_key";
pub const MAX_LEN: usize = 255;
pub const REMEMBERED_HOURS: i64 = 24;

/// A caller's name for one creation: 1 to 255 visible ASCII characters (a UUID, typically).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let visible = raw.bytes().all(|b| b.is_ascii_graphic());
        if raw.is_empty() || raw.len() > MAX_LEN || !visible {
            return Err(crate::i18n::fr::IDEMPOTENCY_KEY_INVALID.to_owned());
        }
        Ok(IdempotencyKey(raw.to_owned()))
    }

    /// A key for one rendering of a form.
    pub fn for_form() -> String {
        new_key()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(feature = "ssr")]
fn new_key() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// In the browser, for a form rendered there (a page reached by a client-side navigation).
#[cfg(not(feature = "ssr"))]
fn new_key() -> String {
    web_sys::window().and_then(|w| w.crypto().ok()).map(|c| c.random_uuid()).unwrap_or_default()
}

/// A web form's hidden key: absent or empty means none (a form posted by a script of its own).
#[cfg(feature = "ssr")]
pub fn from_form(raw: Option<&str>) -> Result<Option<IdempotencyKey>, crate::error::AppError> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(raw) => {
            IdempotencyKey::parse(raw).map(Some).map_err(|message| crate::error::AppError::field(FIELD, message))
        }
    }
}

#[cfg(feature = "ssr")]
pub use self::store::{Claim, claim, complete, forget_expired};

#[cfg(feature = "ssr")]
mod store {
    use chrono::{DateTime, Utc};
    use serde::Serialize;
    use sha2::{Digest, Sha256};
    use sqlx::{PgConnection, PgPool, Row};
    use uuid::Uuid;

    use super::{FIELD, IdempotencyKey, REMEMBERED_HOURS};
    use crate::domain::CollaboratorId;
    use crate::error::AppError;

    /// What claiming a key found.
    #[must_use = "a new claim is completed with the created record's id"]
    pub enum Claim<'k> {
        /// No request was made with this key: create, then `complete`.
        New(&'k IdempotencyKey),
        /// No key given: create as usual.
        Unkeyed,
        /// The same request was made before: its record.
        Done(Uuid),
    }

    /// Claims `key` for creating a `what` (`Entity::code`, "note", "follow_up") from `request`,
    /// inside the creating transaction. A
    /// request still in flight with the same key makes this wait for its outcome (the primary
    /// key's lock); a key used for another request is refused.
    pub async fn claim<'k>(
        tx: &mut PgConnection,
        collaborator_id: CollaboratorId,
        key: Option<&'k IdempotencyKey>,
        what: &str,
        request: &impl Serialize,
        now: DateTime<Utc>,
    ) -> Result<Claim<'k>, AppError> {
        let Some(key) = key else { return Ok(Claim::Unkeyed) };
        let fingerprint = fingerprint(what, request)?;
        // A key older than its day is free again: the claim takes it over.
        let claimed = sqlx::query(
            "insert into idempotency_key (collaborator_id, key, fingerprint, created_at) values ($1, $2, $3, $4)
             on conflict (collaborator_id, key) do update
               set fingerprint = excluded.fingerprint, resource_id = null, created_at = excluded.created_at
               where idempotency_key.created_at <= $4 - make_interval(hours => $5)",
        )
        .bind(collaborator_id)
        .bind(key.as_str())
        .bind(&fingerprint)
        .bind(now)
        .bind(REMEMBERED_HOURS as i32)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if claimed == 1 {
            return Ok(Claim::New(key));
        }
        let row =
            sqlx::query("select fingerprint, resource_id from idempotency_key where collaborator_id = $1 and key = $2")
                .bind(collaborator_id)
                .bind(key.as_str())
                .fetch_one(&mut *tx)
                .await?;
        let (stored, resource_id): (Vec<u8>, Option<Uuid>) = (row.try_get(0)?, row.try_get(1)?);
        match resource_id {
            Some(id) if stored == fingerprint => Ok(Claim::Done(id)),
            Some(_) => Err(AppError::field(FIELD, crate::i18n::fr::IDEMPOTENCY_KEY_REUSED)),
            None => {
                tracing::error!("an idempotency key was committed without its record");
                Err(AppError::Internal)
            }
        }
    }

    /// Records which record a new claim created, in the same transaction.
    pub async fn complete(
        tx: &mut PgConnection,
        collaborator_id: CollaboratorId,
        claim: Claim<'_>,
        created: Uuid,
    ) -> Result<(), AppError> {
        if let Claim::New(key) = claim {
            sqlx::query("update idempotency_key set resource_id = $3 where collaborator_id = $1 and key = $2")
                .bind(collaborator_id)
                .bind(key.as_str())
                .bind(created)
                .execute(tx)
                .await?;
        }
        Ok(())
    }

    /// Forgets the keys past their day; returns how many.
    pub async fn forget_expired(pool: &PgPool, now: DateTime<Utc>) -> sqlx::Result<u64> {
        let done = sqlx::query("delete from idempotency_key where created_at <= $1 - make_interval(hours => $2)")
            .bind(now)
            .bind(REMEMBERED_HOURS as i32)
            .execute(pool)
            .await?;
        Ok(done.rows_affected())
    }

    /// SHA-256 of the entity and the request as JSON: the same key sent with another request
    /// is told apart without keeping the request (which may hold personal data).
    fn fingerprint(what: &str, request: &impl Serialize) -> Result<Vec<u8>, AppError> {
        let json = serde_json::to_vec(request).map_err(|_| AppError::Internal)?;
        let mut digest = Sha256::new();
        digest.update(what.as_bytes());
        digest.update([0]);
        digest.update(&json);
        Ok(digest.finalize().to_vec())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_one_to_255_visible_ascii_characters() {
        assert!(IdempotencyKey::parse("8e03978e-40d5-43e8-bc93-6894a57f9324").is_ok());
        assert!(IdempotencyKey::parse(&"k".repeat(MAX_LEN)).is_ok());
        for bad in ["", " ", "a b", "clé", "tab\there", &"k".repeat(MAX_LEN + 1)] {
            assert!(IdempotencyKey::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_form_key_is_optional_but_checked_when_given() {
        assert_eq!(from_form(None), Ok(None));
        assert_eq!(from_form(Some("")), Ok(None));
        assert!(from_form(Some("abc")).unwrap().is_some());
        let error = from_form(Some("a b")).unwrap_err();
        assert!(error.field_message(FIELD).is_some());
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn form_keys_differ() {
        assert_ne!(IdempotencyKey::for_form(), IdempotencyKey::for_form());
    }
}
