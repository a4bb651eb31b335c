//! REST API credentials kept on the server: refresh tokens (opaque, stored as a SHA-256,
//! rotated at every use, grouped in families — one family per API sign-in), and the lookup of
//! the collaborator an access token names.

use std::net::IpAddr;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sha2::{Digest, Sha256};
use sqlx::types::ipnetwork::IpNetwork;
use sqlx::{PgConnection, PgExecutor, PgPool};
use uuid::Uuid;

use super::actor_cache::ActorCache;
use super::model::{Actor, SessionInfo, SessionKind};
use crate::collaborators;
use crate::domain::CollaboratorId;
use crate::error::AppError;
use crate::security_log::model::Recorded;
use crate::security_log::repo as security_log;

/// How long one refresh token may be exchanged for new tokens.
pub const REFRESH_TTL: Duration = Duration::days(7);
/// How long one API sign-in lasts, however often its tokens are rotated: then sign in again.
pub const FAMILY_TTL: Duration = Duration::days(30);
/// Longer than any token we issue; anything longer is not ours.
const MAX_TOKEN_LEN: usize = 128;
const MAX_USER_AGENT_CHARS: usize = 512;

pub(crate) fn digest(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// 256 random bits, URL-safe.
pub(crate) fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Where a token was asked for from, kept for the sessions page.
#[derive(Debug, Clone, Default)]
pub struct Origin {
    pub ip: Option<IpAddr>,
    pub user_agent: Option<String>,
}

impl Origin {
    pub fn new(ip: Option<IpAddr>, user_agent: Option<&str>) -> Self {
        Origin { ip, user_agent: user_agent.map(|ua| ua.chars().take(MAX_USER_AGENT_CHARS).collect()) }
    }
}

/// The family a new token belongs to: a new sign-in, or the rotation of an existing one.
#[derive(Debug, Clone, Copy)]
enum Family {
    New,
    Existing { id: Uuid, expires_at: DateTime<Utc> },
}

/// The expiry of a token issued at `now` in a family that ends at `family_expires_at`.
fn token_expiry(now: DateTime<Utc>, family_expires_at: DateTime<Utc>) -> DateTime<Utc> {
    (now + REFRESH_TTL).min(family_expires_at)
}

async fn insert(
    db: impl PgExecutor<'_>,
    collaborator_id: CollaboratorId,
    family: Family,
    origin: &Origin,
    now: DateTime<Utc>,
) -> sqlx::Result<String> {
    let (family_id, family_expires_at) = match family {
        Family::New => (Uuid::new_v4(), now + FAMILY_TTL),
        Family::Existing { id, expires_at } => (id, expires_at),
    };
    let token = new_secret();
    sqlx::query(
        "insert into api_refresh_token
           (family_id, collaborator_id, token_hash, issued_at, expires_at, family_expires_at, ip, user_agent)
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(family_id)
    .bind(collaborator_id)
    .bind(digest(&token))
    .bind(now)
    .bind(token_expiry(now, family_expires_at))
    .bind(family_expires_at)
    .bind(origin.ip.map(IpNetwork::from))
    .bind(origin.user_agent.as_deref())
    .execute(db)
    .await?;
    Ok(token)
}

/// Opens an API sign-in for the collaborator: the first refresh token of a new family.
pub async fn issue(
    db: impl PgExecutor<'_>,
    collaborator_id: CollaboratorId,
    origin: &Origin,
    now: DateTime<Utc>,
) -> sqlx::Result<String> {
    insert(db, collaborator_id, Family::New, origin, now).await
}

#[derive(sqlx::FromRow)]
struct StoredToken {
    id: Uuid,
    family_id: Uuid,
    collaborator_id: CollaboratorId,
    expires_at: DateTime<Utc>,
    family_expires_at: DateTime<Utc>,
    used_at: Option<DateTime<Utc>>,
    revoked_at: Option<DateTime<Utc>>,
    active: bool,
}

async fn lock(tx: &mut PgConnection, token: &str) -> sqlx::Result<Option<StoredToken>> {
    if token.is_empty() || token.len() > MAX_TOKEN_LEN {
        return Ok(None);
    }
    sqlx::query_as::<_, StoredToken>(
        "select t.id, t.family_id, t.collaborator_id, t.expires_at, t.family_expires_at, t.used_at, t.revoked_at,
                c.active
         from api_refresh_token t join collaborator c on c.id = t.collaborator_id
         where t.token_hash = $1 for update of t",
    )
    .bind(digest(token))
    .fetch_optional(tx)
    .await
}

async fn revoke_family(db: impl PgExecutor<'_>, family_id: Uuid, now: DateTime<Utc>) -> sqlx::Result<u64> {
    let done = sqlx::query("update api_refresh_token set revoked_at = $2 where family_id = $1 and revoked_at is null")
        .bind(family_id)
        .bind(now)
        .execute(db)
        .await?;
    Ok(done.rows_affected())
}

/// Exchanges a refresh token for a new one of the same family, once, within the family's
/// lifetime. A token presented a second time was stolen or replayed: its whole family is
/// revoked and the reuse goes to the security log. Returns the collaborator and the new token.
pub async fn rotate(
    pool: &PgPool,
    token: &str,
    origin: &Origin,
    now: DateTime<Utc>,
) -> Result<(CollaboratorId, String), AppError> {
    let mut tx = pool.begin().await?;
    let Some(stored) = lock(&mut tx, token).await? else {
        return Err(AppError::Unauthorized);
    };
    if stored.revoked_at.is_some() {
        return Err(AppError::Unauthorized);
    }
    if stored.used_at.is_some() {
        let revoked = revoke_family(&mut *tx, stored.family_id, now).await?;
        security_log::record(
            &mut *tx,
            Recorded::RefreshTokenReused,
            Some(stored.collaborator_id),
            None,
            origin.ip,
            now,
        )
        .await?;
        crate::db::commit(tx).await?;
        tracing::warn!(collaborator = %stored.collaborator_id, family = %stored.family_id, revoked,
            "refresh token reused: its family is revoked");
        return Err(AppError::Unauthorized);
    }
    if now >= stored.expires_at || !stored.active {
        return Err(AppError::Unauthorized);
    }
    sqlx::query("update api_refresh_token set used_at = $2 where id = $1")
        .bind(stored.id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    let family = Family::Existing { id: stored.family_id, expires_at: stored.family_expires_at };
    let next = insert(&mut *tx, stored.collaborator_id, family, origin, now).await?;
    crate::db::commit(tx).await?;
    Ok((stored.collaborator_id, next))
}

/// Revokes the family of a refresh token (sign-out of an API client). Unknown tokens are
/// ignored: the answer does not tell whether a token existed.
pub async fn revoke(pool: &PgPool, token: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    if let Some(stored) = lock(&mut tx, token).await? {
        revoke_family(&mut *tx, stored.family_id, now).await?;
        stop_access_tokens(&mut tx, stored.collaborator_id).await?;
    }
    crate::db::commit(tx).await?;
    Ok(())
}

/// Stops the collaborator's access tokens at once, leaving their refresh tokens: an API client
/// whose sign-in is still open gets a new access token at its next refresh.
pub async fn stop_access_tokens(tx: &mut PgConnection, collaborator_id: CollaboratorId) -> sqlx::Result<()> {
    collaborators::repo::bump_credential_version(&mut *tx, collaborator_id).await?;
    super::actor_cache::announce(&mut *tx, collaborator_id).await
}

/// Revokes every refresh token of a collaborator. Only `access::end_access` calls it: ending
/// someone's access also stops their access tokens.
pub(super) async fn revoke_all_for(
    db: impl PgExecutor<'_>,
    collaborator_id: CollaboratorId,
    now: DateTime<Utc>,
) -> sqlx::Result<u64> {
    let done =
        sqlx::query("update api_refresh_token set revoked_at = $2 where collaborator_id = $1 and revoked_at is null")
            .bind(collaborator_id)
            .bind(now)
            .execute(db)
            .await?;
    Ok(done.rows_affected())
}

/// Revokes one API sign-in of a collaborator; false when there is no such open sign-in.
pub async fn revoke_sign_in(
    tx: &mut PgConnection,
    collaborator_id: CollaboratorId,
    family_id: Uuid,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "update api_refresh_token set revoked_at = $3
         where collaborator_id = $1 and family_id = $2 and revoked_at is null and family_expires_at > $3",
    )
    .bind(collaborator_id)
    .bind(family_id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// A collaborator's open API sign-ins (a family with a token still exchangeable), newest first.
pub async fn open_sign_ins(
    db: impl PgExecutor<'_>,
    collaborator_id: CollaboratorId,
    now: DateTime<Utc>,
) -> sqlx::Result<Vec<SessionInfo>> {
    let rows = sqlx::query(
        "select family_id as id, min(issued_at) as started_at, max(issued_at) as last_seen_at,
                (array_agg(host(ip) order by issued_at desc))[1] as ip,
                (array_agg(user_agent order by issued_at desc))[1] as user_agent
         from api_refresh_token
         where collaborator_id = $1
         group by family_id
         having bool_and(revoked_at is null) and bool_or(used_at is null and expires_at > $2)
         order by started_at desc",
    )
    .bind(collaborator_id)
    .bind(now)
    .fetch_all(db)
    .await?;
    rows.iter().map(|r| super::repo::session_info(r, SessionKind::Api)).collect()
}

/// The active collaborator an access token names, if the token was issued under their current
/// credential version: from the cache, or the database.
pub async fn token_holder(
    pool: &PgPool,
    cache: &ActorCache,
    id: CollaboratorId,
    credential_version: i32,
) -> sqlx::Result<Option<Actor>> {
    let holder = match cache.get(id) {
        Some(holder) => Some(holder),
        None => {
            let mark = cache.mark();
            let holder = collaborators::repo::find_token_holder(pool, id).await?;
            if let Some(holder) = &holder {
                cache.put(holder.clone(), mark);
            }
            holder
        }
    };
    Ok(holder.filter(|h| h.credential_version == credential_version).map(|h| h.actor))
}

/// The credential version a new access token for this collaborator carries.
pub async fn credential_version(db: impl PgExecutor<'_>, id: CollaboratorId) -> sqlx::Result<Option<i32>> {
    Ok(collaborators::repo::find_token_holder(db, id).await?.map(|h| h.credential_version))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_long_random_and_hashed_to_32_bytes() {
        let (a, b) = (new_secret(), new_secret());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(digest(&a).len(), 32);
        assert_ne!(digest(&a), digest(&b));
    }

    #[test]
    fn rotation_never_extends_a_sign_in_past_its_lifetime() {
        let start = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let family_end = start + FAMILY_TTL;
        assert_eq!(token_expiry(start, family_end), start + REFRESH_TTL);
        let late = family_end - Duration::days(2);
        assert_eq!(token_expiry(late, family_end), family_end);
        assert_eq!(token_expiry(family_end + Duration::days(1), family_end), family_end);
    }

    #[test]
    fn user_agents_are_cut_to_a_bounded_length() {
        let origin = Origin::new(None, Some(&"é".repeat(2000)));
        assert_eq!(origin.user_agent.map(|ua| ua.chars().count()), Some(MAX_USER_AGENT_CHARS));
    }
}
