//! Passwords generated for a collaborator (at creation or reset), kept until the manager who
//! asked sees them once, for `KEPT_FOR_MINUTES` at most. Any instance may serve the page that
//! shows one, so they wait in the database, sealed (XChaCha20-Poly1305) with a key the instances
//! share and the database never holds: a copy of the database alone reveals none. Taking one
//! deletes it. Never logged, never sent again.

use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use chrono::{DateTime, Duration, Utc};
use sqlx::{PgConnection, PgExecutor, PgPool};

use crate::domain::CollaboratorId;

/// How long a password waits to be shown before it is forgotten (a reset is then needed).
pub const KEPT_FOR_MINUTES: i64 = 10;

/// What seals and opens the waiting passwords.
pub struct PasswordSeal {
    cipher: XChaCha20Poly1305,
}

impl std::fmt::Debug for PasswordSeal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PasswordSeal(…)")
    }
}

impl PasswordSeal {
    /// The key, derived (HKDF-SHA-256) for this use only from the secret every instance shares
    /// (`JWT_SIGNING_KEY_FILE`): what one instance seals, another opens.
    pub fn derive(shared_secret: &[u8]) -> Self {
        let mut key = [0u8; 32];
        hkdf::Hkdf::<sha2::Sha256>::new(None, shared_secret)
            .expand(b"epic-events: generated passwords waiting to be shown", &mut key)
            .expect("32 bytes is a valid HKDF-SHA-256 output length");
        PasswordSeal { cipher: XChaCha20Poly1305::new(&key.into()) }
    }

    /// A key of this instance only (no shared secret configured).
    pub fn random() -> Self {
        PasswordSeal { cipher: XChaCha20Poly1305::new(&XChaCha20Poly1305::generate_key(&mut OsRng)) }
    }

    /// Nonce then ciphertext; the two collaborators are authenticated with it, so a sealed
    /// password cannot be moved to another row.
    fn seal(&self, viewer: CollaboratorId, subject: CollaboratorId, password: &str) -> Vec<u8> {
        self.seal_bound(&[viewer.0.as_bytes().as_slice(), subject.0.as_bytes()].concat(), password)
    }

    fn open(&self, viewer: CollaboratorId, subject: CollaboratorId, sealed: &[u8]) -> Option<String> {
        self.open_bound(&[viewer.0.as_bytes().as_slice(), subject.0.as_bytes()].concat(), sealed)
    }

    /// Seals `secret` bound to `aad` (what it belongs to): it opens only with the same `aad`.
    /// Each use gives its own `aad` shape, so a secret of one use cannot pass for another's.
    pub(crate) fn seal_bound(&self, aad: &[u8], secret: &str) -> Vec<u8> {
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        let sealed = self
            .cipher
            .encrypt(&nonce, Payload { msg: secret.as_bytes(), aad })
            .expect("encrypting in memory does not fail");
        [nonce.as_slice(), &sealed].concat()
    }

    pub(crate) fn open_bound(&self, aad: &[u8], sealed: &[u8]) -> Option<String> {
        const NONCE_LEN: usize = 24;
        let (nonce, ciphertext) = (sealed.get(..NONCE_LEN)?, sealed.get(NONCE_LEN..)?);
        let plain = self.cipher.decrypt(XNonce::from_slice(nonce), Payload { msg: ciphertext, aad }).ok()?;
        String::from_utf8(plain).ok()
    }
}

/// Keeps `password` for `viewer` to see once about `subject`, in the transaction that set it.
pub async fn put(
    tx: &mut PgConnection,
    seal: &PasswordSeal,
    viewer: CollaboratorId,
    subject: CollaboratorId,
    password: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        "insert into password_reveal (viewer_id, subject_id, sealed, expires_at) values ($1, $2, $3, $4)
         on conflict (viewer_id, subject_id) do update set sealed = excluded.sealed, expires_at = excluded.expires_at",
    )
    .bind(viewer)
    .bind(subject)
    .bind(seal.seal(viewer, subject, password))
    .bind(now + Duration::minutes(KEPT_FOR_MINUTES))
    .execute(tx)
    .await?;
    Ok(())
}

/// The password waiting for `viewer` about `subject`, removed as it is read. One sealed by an
/// instance with another key (no shared secret configured) cannot be opened: none is shown.
pub async fn take(
    db: impl PgExecutor<'_>,
    seal: &PasswordSeal,
    viewer: CollaboratorId,
    subject: CollaboratorId,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<String>> {
    let sealed: Option<Vec<u8>> = sqlx::query_scalar(
        "delete from password_reveal where viewer_id = $1 and subject_id = $2 and expires_at > $3 returning sealed",
    )
    .bind(viewer)
    .bind(subject)
    .bind(now)
    .fetch_optional(db)
    .await?;
    let Some(sealed) = sealed else { return Ok(None) };
    let password = seal.open(viewer, subject, &sealed);
    if password.is_none() {
        tracing::warn!(
            "a generated password sealed with another key: give every instance the same JWT_SIGNING_KEY_FILE"
        );
    }
    Ok(password)
}

/// Forgets the passwords nobody came to see; returns how many.
pub async fn forget_expired(pool: &PgPool, now: DateTime<Utc>) -> sqlx::Result<u64> {
    let done = sqlx::query("delete from password_reveal where expires_at <= $1").bind(now).execute(pool).await?;
    Ok(done.rows_affected())
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    #[test]
    fn what_one_instance_seals_another_with_the_same_secret_opens() {
        let (one, other) = (PasswordSeal::derive(&[7; 32]), PasswordSeal::derive(&[7; 32]));
        let (viewer, subject) = (CollaboratorId(Uuid::new_v4()), CollaboratorId(Uuid::new_v4()));
        let sealed = one.seal(viewer, subject, "abcd-efgh-jkmn-pqrs");
        assert!(!sealed.windows(4).any(|w| w == b"abcd"), "not in clear");
        assert_eq!(other.open(viewer, subject, &sealed).as_deref(), Some("abcd-efgh-jkmn-pqrs"));
    }

    #[test]
    fn a_sealed_password_opens_only_with_its_key_and_for_its_two_collaborators() {
        let seal = PasswordSeal::derive(&[7; 32]);
        let [viewer, subject, other] = [(); 3].map(|_| CollaboratorId(Uuid::new_v4()));
        let sealed = seal.seal(viewer, subject, "abcd-efgh-jkmn-pqrs");
        assert_eq!(PasswordSeal::derive(&[8; 32]).open(viewer, subject, &sealed), None);
        assert_eq!(PasswordSeal::random().open(viewer, subject, &sealed), None);
        assert_eq!(seal.open(other, subject, &sealed), None);
        assert_eq!(seal.open(viewer, other, &sealed), None);
        assert_eq!(seal.open(viewer, subject, &sealed[..10]), None);
    }
}
