//! Signing in: throttling, constant-shape password checks, hash upgrades.

use std::net::IpAddr;

use secrecy::SecretString;
use uuid::Uuid;

use super::model::{Actor, Credentials};
use super::password::{Admission, Verified};
use super::repo;
use super::throttle::{self, PER_ACCOUNT, seconds_to_wait};
use crate::collaborators;
use crate::domain::CollaboratorId;
use crate::error::AppError;
use crate::security_log::model::Recorded;
use crate::security_log::repo as security_log;
use crate::state::AppState;

/// Who signed in, and whether they must first replace a password management gave them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Authenticated {
    pub collaborator: CollaboratorId,
    pub must_change_password: bool,
}

/// A password check allowed by the throttle, its attempt already recorded as a failure (a
/// success is recorded after it, and clears the count).
struct Reserved {
    email: String,
    ip: IpAddr,
    /// This failure, if it stays one, starts a lockout.
    locks: bool,
}

/// Takes a place in the hashing queue, then, under a lock on the account and the address group,
/// counts the recent failures and records this attempt as one more before any hashing: parallel
/// guesses cannot all pass the count, and a queue full answers `Busy` without touching the count.
async fn reserve_attempt<'a>(
    state: &'a AppState,
    email: &str,
    ip: IpAddr,
) -> Result<(Admission<'a>, Reserved), AppError> {
    let admission = state.hasher.admit()?;
    let now = state.clock.now();
    let ip = ip.to_canonical();
    let group = throttle::address_group(ip);
    let mut tx = state.pool.begin().await?;
    repo::lock_attempts(&mut tx, email, group).await?;
    let recent = repo::recent_failures(&mut tx, email, group, now - PER_ACCOUNT.window).await?;
    if let Some(remaining) = recent.refusal(now) {
        tracing::info!("password check refused: throttled");
        return Err(AppError::Throttled(seconds_to_wait(remaining)));
    }
    repo::record_attempt(&mut *tx, email, ip, false, now).await?;
    crate::db::commit(tx).await?;
    Ok((admission, Reserved { email: email.to_owned(), ip, locks: recent.failure_locks(now) }))
}

/// The reserved attempt failed: it stays counted; the security log says so (and whether a
/// lockout starts).
async fn record_failure(state: &AppState, reserved: &Reserved, known: Option<CollaboratorId>) -> Result<(), AppError> {
    let now = state.clock.now();
    let mut tx = state.pool.begin().await?;
    security_log::record(&mut *tx, Recorded::SignInFailed, known, None, Some(reserved.ip), now).await?;
    if reserved.locks {
        security_log::record(&mut *tx, Recorded::Lockout, known, None, Some(reserved.ip), now).await?;
        tracing::warn!("password checks locked after repeated failures");
    }
    crate::db::commit(tx).await?;
    Ok(())
}

/// Checks the credentials and returns the collaborator. Every failure, whatever its cause
/// (unknown email, wrong password, deactivated account), gives the same answer after the same work.
#[tracing::instrument(skip_all, fields(%ip))]
pub async fn authenticate(state: &AppState, credentials: Credentials, ip: IpAddr) -> Result<Authenticated, AppError> {
    let (admission, reserved) = reserve_attempt(state, &credentials.email, ip).await?;
    let account = collaborators::repo::find_credentials(&state.pool, &credentials.email).await?;
    let known = account.as_ref().map(|a| a.id);
    let stored = account.as_ref().map(|a| a.password_hash.clone());
    let verified = state.hasher.verify(admission, stored, SecretString::from(credentials.password)).await?;
    let account = account.filter(|a| a.active && verified != Verified::No);
    let Some(account) = account else {
        record_failure(state, &reserved, known).await?;
        tracing::info!("sign-in refused: bad credentials");
        return Err(AppError::BadCredentials);
    };

    let now = state.clock.now();
    let mut tx = state.pool.begin().await?;
    if let Verified::YesRehashed(new_hash) = verified {
        collaborators::repo::update_password_hash(&mut *tx, account.id, &new_hash).await?;
        tracing::info!(collaborator = %account.id, "password hash upgraded to current parameters");
    }
    repo::record_attempt(&mut *tx, &reserved.email, reserved.ip, true, now).await?;
    security_log::record(&mut *tx, Recorded::SignIn, Some(account.id), None, Some(reserved.ip), now).await?;
    crate::db::commit(tx).await?;
    tracing::info!(collaborator = %account.id, "signed in");
    Ok(Authenticated { collaborator: account.id, must_change_password: account.must_change_password })
}

/// The current password of a signed-in collaborator, checked under the same throttle as
/// signing in (same counts, keyed on their email and the client's address).
async fn verify_current_password(state: &AppState, actor: &Actor, ip: IpAddr, current: &str) -> Result<(), AppError> {
    let (admission, reserved) = reserve_attempt(state, &actor.email.to_lowercase(), ip).await?;
    let stored = collaborators::repo::password_hash(&state.pool, actor.id).await?.ok_or(AppError::Unauthorized)?;
    let verified = state.hasher.verify(admission, Some(stored), SecretString::from(current.to_owned())).await?;
    if verified == Verified::No {
        record_failure(state, &reserved, Some(actor.id)).await?;
        return Err(AppError::field("current", crate::i18n::fr::CURRENT_PASSWORD_WRONG));
    }
    repo::record_attempt(&state.pool, &reserved.email, reserved.ip, true, state.clock.now()).await?;
    Ok(())
}

/// A collaborator changes their own password: the current one is required, the new one must pass
/// the password policy, and the rest of their access ends (other sessions, API tokens).
#[tracing::instrument(skip_all, fields(actor = %actor.id))]
pub async fn change_password(
    state: &AppState,
    actor: &Actor,
    form: &super::model::PasswordChange,
    keep_session: Option<Uuid>,
    ip: IpAddr,
) -> Result<(), AppError> {
    use super::password_policy::check_new_password;
    use crate::forms::Validator;

    let mut v = Validator::new();
    v.check("current", if form.current.is_empty() { Err(crate::i18n::fr::PASSWORD_REQUIRED.into()) } else { Ok(()) });
    v.check("new_password", check_new_password(&form.new_password).map_err(str::to_owned));
    v.require("confirmation", form.new_password == form.confirmation, crate::i18n::fr::PASSWORDS_DIFFER);
    v.finish(Some(()))?;

    verify_current_password(state, actor, ip, &form.current).await?;
    let hash = state.hasher.hash(SecretString::from(form.new_password.clone())).await?;
    let mut tx = state.pool.begin().await?;
    collaborators::repo::set_chosen_password(&mut *tx, actor.id, &hash).await?;
    let now = state.clock.now();
    let ended = super::access::end_access(&mut tx, actor.id, keep_session, now).await?;
    security_log::record(&mut *tx, Recorded::PasswordChanged, Some(actor.id), None, None, now).await?;
    crate::db::commit(tx).await?;
    tracing::info!(
        other_sessions_ended = ended.web_sessions,
        api_tokens_revoked = ended.api_tokens,
        "password changed"
    );
    Ok(())
}
