//! Password hashing with argon2id, kept off the async runtime, bounded in concurrency, and with
//! a bounded queue: past it, callers are told to come back later instead of waiting in line.

use argon2::password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier as _, SaltString, rand_core::OsRng};
use argon2::{Algorithm, Argon2, Params, Version};
use secrecy::{ExposeSecret, SecretString};
use tokio::sync::{Semaphore, SemaphorePermit};

use crate::error::AppError;

/// OWASP's recommended argon2id parameters: 19 MiB of memory, 2 passes, 1 lane.
pub fn owasp_params() -> Params {
    Params::new(19_456, 2, 1, None).expect("constant argon2 parameters are valid")
}

fn argon2(params: Params) -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub fn hash_blocking(params: Params, password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    argon2(params)
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 hashing with valid parameters cannot fail")
        .to_string()
}

/// Checks a password against a stored PHC string. A malformed stored hash never matches.
pub fn verify_blocking(stored: &str, password: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    }
}

/// True when the stored hash was made with another algorithm or other parameters than `params`.
pub fn needs_rehash(stored: &str, params: &Params) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else {
        return true;
    };
    if parsed.algorithm != argon2::ARGON2ID_IDENT || parsed.version != Some(Version::V0x13.into()) {
        return true;
    }
    match Params::try_from(&parsed) {
        Ok(p) => p.m_cost() != params.m_cost() || p.t_cost() != params.t_cost() || p.p_cost() != params.p_cost(),
        Err(_) => true,
    }
}

/// The result of checking a password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verified {
    No,
    Yes,
    /// Correct, and here is a fresh hash with the current parameters to store.
    YesRehashed(String),
}

pub struct PasswordHasher {
    params: Params,
    /// Hashes computed at once (each holds 19 MiB and a core).
    running: Semaphore,
    /// Hashes running or waiting; when none is left, `admit` answers `Busy`.
    admitted: Semaphore,
    /// Verified against when the account does not exist, so that unknown emails take as long
    /// as wrong passwords.
    dummy_hash: String,
}

/// A place in the hashing queue, taken before the work that leads to a hash (a sign-in reserves
/// its attempt only once it holds one), and given back when dropped.
pub struct Admission<'a>(#[allow(dead_code)] SemaphorePermit<'a>);

impl PasswordHasher {
    /// `max_concurrent` hashes at once, `max_waiting` more in line.
    pub fn new(params: Params, max_concurrent: usize, max_waiting: usize) -> Self {
        let dummy_hash = hash_blocking(params.clone(), "not a real password: timing equaliser");
        let max_concurrent = max_concurrent.max(1);
        PasswordHasher {
            params,
            running: Semaphore::new(max_concurrent),
            admitted: Semaphore::new(max_concurrent + max_waiting),
            dummy_hash,
        }
    }

    pub fn params(&self) -> &Params {
        &self.params
    }

    /// A place in the queue, or `Busy` when it is full.
    pub fn admit(&self) -> Result<Admission<'_>, AppError> {
        self.admitted.try_acquire().map(Admission).map_err(|_| {
            tracing::warn!("password hashing queue full: request refused");
            AppError::Busy
        })
    }

    async fn run<T: Send + 'static>(
        &self,
        admission: Admission<'_>,
        job: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, AppError> {
        let _permit = self.running.acquire().await.map_err(|_| AppError::Internal)?;
        let result = tokio::task::spawn_blocking(job).await.map_err(|error| {
            tracing::error!(%error, "password hashing task failed");
            AppError::Internal
        });
        drop(admission);
        result
    }

    pub async fn hash(&self, password: SecretString) -> Result<String, AppError> {
        let admission = self.admit()?;
        let params = self.params.clone();
        self.run(admission, move || hash_blocking(params, password.expose_secret())).await
    }

    /// Verifies `password` against `stored`, or against a dummy hash when there is no account,
    /// in the place `admission` holds.
    pub async fn verify(
        &self,
        admission: Admission<'_>,
        stored: Option<String>,
        password: SecretString,
    ) -> Result<Verified, AppError> {
        let exists = stored.is_some();
        let stored = stored.unwrap_or_else(|| self.dummy_hash.clone());
        let params = self.params.clone();
        self.run(admission, move || {
            let password = password.expose_secret();
            if !verify_blocking(&stored, password) || !exists {
                Verified::No
            } else if needs_rehash(&stored, &params) {
                Verified::YesRehashed(hash_blocking(params, password))
            } else {
                Verified::Yes
            }
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cheap() -> Params {
        Params::new(1024, 1, 1, None).unwrap()
    }

    #[test]
    fn owasp_hash_is_argon2id_with_owasp_parameters() {
        let hash = hash_blocking(owasp_params(), "EpicEvents-Demo-2026");
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
        assert!(verify_blocking(&hash, "EpicEvents-Demo-2026"));
        assert!(!verify_blocking(&hash, "EpicEvents-Demo-2027"));
        assert!(!needs_rehash(&hash, &owasp_params()));
    }

    #[test]
    fn same_password_gets_a_new_salt_each_time() {
        assert_ne!(hash_blocking(cheap(), "x"), hash_blocking(cheap(), "x"));
    }

    #[test]
    fn garbage_stored_hash_never_verifies() {
        assert!(!verify_blocking("", "x"));
        assert!(!verify_blocking("$argon2id$nonsense", "x"));
        assert!(needs_rehash("$argon2id$nonsense", &owasp_params()));
    }

    #[test]
    fn weaker_parameters_need_a_rehash() {
        let old = hash_blocking(cheap(), "pw");
        assert!(needs_rehash(&old, &owasp_params()));
        assert!(!needs_rehash(&old, &cheap()));
    }

    #[tokio::test]
    async fn verify_upgrades_old_hashes_and_refuses_unknown_accounts() {
        let hasher = PasswordHasher::new(owasp_params(), 2, 0);
        let verify = |stored: Option<String>, password: &'static str| {
            let admission = hasher.admit().unwrap();
            hasher.verify(admission, stored, password.into())
        };
        let old = hash_blocking(cheap(), "pw");
        match verify(Some(old), "pw").await.unwrap() {
            Verified::YesRehashed(new) => {
                assert!(new.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
                assert!(verify_blocking(&new, "pw"));
            }
            other => panic!("expected a rehash, got {other:?}"),
        }
        assert_eq!(verify(Some(old_owasp("pw")), "pw").await.unwrap(), Verified::Yes);
        assert_eq!(verify(Some(old_owasp("pw")), "nope").await.unwrap(), Verified::No);
        assert_eq!(verify(None, "not a real password: timing equaliser").await.unwrap(), Verified::No);
    }

    #[tokio::test]
    async fn a_full_queue_refuses_at_once_and_frees_its_places_when_done() {
        let hasher = PasswordHasher::new(cheap(), 1, 1);
        let first = hasher.admit().unwrap();
        let second = hasher.admit().unwrap();
        assert!(matches!(hasher.admit(), Err(AppError::Busy)));
        assert!(matches!(hasher.hash("pw".into()).await, Err(AppError::Busy)));
        drop(first);
        assert_eq!(hasher.verify(second, None, "pw".into()).await.unwrap(), Verified::No);
        let _a = hasher.admit().unwrap();
        let _b = hasher.admit().unwrap();
    }

    fn old_owasp(pw: &str) -> String {
        hash_blocking(owasp_params(), pw)
    }
}
