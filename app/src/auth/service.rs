//! Signing in: throttling, constant-shape password checks, hash upgrades.

use std::net::IpAddr;

use secrecy::SecretString;
use uuid::Uuid;

use super::model::Credentials;
use super::password::Verified;
use super::repo;
use super::throttle::{PER_ACCOUNT_AND_IP, PER_IP, minutes_to_wait};
use crate::error::AppError;
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
    let stored = account.as_ref().map(|a| a.password_hash.clone());
    let verified = state.hasher.verify(stored, SecretString::from(credentials.password)).await?;
    let account = account.filter(|a| a.active && verified != Verified::No);
    let Some(account) = account else {
        repo::record_attempt(&state.pool, &credentials.email, ip, false, now).await?;
        tracing::info!("sign-in refused: bad credentials");
        return Err(AppError::BadCredentials);
    };

    let mut tx = state.pool.begin().await?;
    if let Verified::YesRehashed(new_hash) = verified {
        repo::update_password_hash(&mut *tx, account.id, &new_hash).await?;
        tracing::info!(collaborator = %account.id, "password hash upgraded to current parameters");
    }
    repo::record_attempt(&mut *tx, &credentials.email, ip, true, now).await?;
    tx.commit().await?;
    tracing::info!(collaborator = %account.id, "signed in");
    Ok(account.id)
}
