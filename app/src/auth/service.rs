//! Signing in: throttling, constant-shape password checks, hash upgrades.

use std::net::IpAddr;

use secrecy::SecretString;
use uuid::Uuid;

use super::model::{Actor, Credentials};
use super::password::Verified;
use super::repo;
use super::throttle::{PER_ACCOUNT_AND_IP, PER_IP, minutes_to_wait};
use crate::error::AppError;
use crate::security_log::model::Recorded;
use crate::security_log::repo as security_log;
use crate::state::AppState;

/// Checks the credentials and returns the collaborator's id. Every failure, whatever its cause
/// (unknown email, wrong password, deactivated account), gives the same answer after the same work.
#[tracing::instrument(skip_all, fields(%ip))]
pub async fn authenticate(state: &AppState, credentials: Credentials, ip: IpAddr) -> Result<Uuid, AppError> {
    let now = state.clock.now();
    let pair_failures =
        repo::recent_pair_failures(&state.pool, &credentials.email, ip, PER_ACCOUNT_AND_IP.max_failures as i64).await?;
    let ip_failures = repo::recent_ip_failures(&state.pool, ip, PER_IP.max_failures as i64).await?;
    let locked = [PER_ACCOUNT_AND_IP.locked_for(&pair_failures, now), PER_IP.locked_for(&ip_failures, now)]
        .into_iter()
        .flatten()
        .max();
    if let Some(remaining) = locked {
        tracing::info!("sign-in refused: throttled");
        return Err(AppError::Throttled(minutes_to_wait(remaining)));
    }

    let account = repo::find_credentials(&state.pool, &credentials.email).await?;
    let known = account.as_ref().map(|a| a.id);
    let stored = account.as_ref().map(|a| a.password_hash.clone());
    let verified = state.hasher.verify(stored, SecretString::from(credentials.password)).await?;
    let account = account.filter(|a| a.active && verified != Verified::No);
    let Some(account) = account else {
        let mut tx = state.pool.begin().await?;
        repo::record_attempt(&mut *tx, &credentials.email, ip, false, now).await?;
        security_log::record(&mut *tx, Recorded::SignInFailed, known, None, Some(ip), now).await?;
        if PER_ACCOUNT_AND_IP.locks_with(&pair_failures, now) || PER_IP.locks_with(&ip_failures, now) {
            security_log::record(&mut *tx, Recorded::Lockout, known, None, Some(ip), now).await?;
            tracing::warn!("sign-in locked after repeated failures");
        }
        tx.commit().await?;
        tracing::info!("sign-in refused: bad credentials");
        return Err(AppError::BadCredentials);
    };

    let mut tx = state.pool.begin().await?;
    if let Verified::YesRehashed(new_hash) = verified {
        repo::update_password_hash(&mut *tx, account.id, &new_hash).await?;
        tracing::info!(collaborator = %account.id, "password hash upgraded to current parameters");
    }
    repo::record_attempt(&mut *tx, &credentials.email, ip, true, now).await?;
    security_log::record(&mut *tx, Recorded::SignIn, Some(account.id), None, Some(ip), now).await?;
    tx.commit().await?;
    tracing::info!(collaborator = %account.id, "signed in");
    Ok(account.id)
}

/// A collaborator changes their own password: the current one is required, the new one must pass
/// the password policy, and the rest of their access ends (other sessions, API tokens).
#[tracing::instrument(skip_all, fields(actor = %actor.id))]
pub async fn change_password(
    state: &AppState,
    actor: &Actor,
    form: &super::model::PasswordChange,
    keep_session: Option<Uuid>,
) -> Result<(), AppError> {
    use crate::collaborators::model::check_new_password;
    use crate::forms::Validator;

    let mut v = Validator::new();
    v.check("current", if form.current.is_empty() { Err(crate::i18n::fr::PASSWORD_REQUIRED.into()) } else { Ok(()) });
    v.check("new_password", check_new_password(&form.new_password).map_err(str::to_owned));
    v.require("confirmation", form.new_password == form.confirmation, crate::i18n::fr::PASSWORDS_DIFFER);
    v.finish(Some(()))?;

    let stored = repo::password_hash(&state.pool, actor.id).await?.ok_or(AppError::Unauthorized)?;
    let verified = state.hasher.verify(Some(stored), SecretString::from(form.current.clone())).await?;
    if verified == Verified::No {
        return Err(AppError::field("current", crate::i18n::fr::CURRENT_PASSWORD_WRONG));
    }
    let hash = state.hasher.hash(SecretString::from(form.new_password.clone())).await?;
    let mut tx = state.pool.begin().await?;
    repo::update_password_hash(&mut *tx, actor.id, &hash).await?;
    let now = state.clock.now();
    let ended = super::access::end_access(&mut tx, actor.id, keep_session, now).await?;
    security_log::record(&mut *tx, Recorded::PasswordChanged, Some(actor.id), None, None, now).await?;
    tx.commit().await?;
    tracing::info!(
        other_sessions_ended = ended.web_sessions,
        api_tokens_revoked = ended.api_tokens,
        "password changed"
    );
    Ok(())
}
