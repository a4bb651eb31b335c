//! REST API credentials kept on the server: refresh tokens (opaque, stored as a SHA-256,
//! rotated at every use, grouped in families) and the short-lived cache of the collaborators
//! that access tokens name.

use std::collections::HashMap;
use std::sync::{LazyLock, RwLock};
use std::time::{Duration as StdDuration, Instant};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sha2::{Digest, Sha256};
use sqlx::{PgConnection, PgExecutor, PgPool};
use uuid::Uuid;

use super::model::Actor;
use crate::error::AppError;

/// How long a refresh token may be exchanged for new tokens.
pub const REFRESH_TTL: Duration = Duration::days(7);
/// Longer than any token we issue; anything longer is not ours.
const MAX_TOKEN_LEN: usize = 128;

fn digest(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// 256 random bits, URL-safe.
fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Stores a new refresh token for the collaborator (in `family`, or a new family) and returns it.
pub async fn issue(
    db: impl PgExecutor<'_>,
    collaborator_id: Uuid,
    family: Option<Uuid>,
    now: DateTime<Utc>,
) -> sqlx::Result<String> {
    let token = new_secret();
    sqlx::query(
        "insert into api_refresh_token (family_id, collaborator_id, token_hash, issued_at, expires_at)
         values ($1, $2, $3, $4, $5)",
    )
    .bind(family.unwrap_or_else(Uuid::new_v4))
    .bind(collaborator_id)
    .bind(digest(&token))
    .bind(now)
    .bind(now + REFRESH_TTL)
    .execute(db)
    .await?;
    Ok(token)
}

#[derive(sqlx::FromRow)]
struct StoredToken {
    id: Uuid,
    family_id: Uuid,
    collaborator_id: Uuid,
    expires_at: DateTime<Utc>,
    used_at: Option<DateTime<Utc>>,
    revoked_at: Option<DateTime<Utc>>,
    active: bool,
}

async fn lock(tx: &mut PgConnection, token: &str) -> sqlx::Result<Option<StoredToken>> {
    if token.is_empty() || token.len() > MAX_TOKEN_LEN {
        return Ok(None);
    }
    sqlx::query_as::<_, StoredToken>(
        "select t.id, t.family_id, t.collaborator_id, t.expires_at, t.used_at, t.revoked_at, c.active
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

/// Exchanges a refresh token for a new one of the same family, once. A token presented a
/// second time was stolen or replayed: its whole family is revoked. Returns the collaborator
/// and the new token.
pub async fn rotate(pool: &PgPool, token: &str, now: DateTime<Utc>) -> Result<(Uuid, String), AppError> {
    let mut tx = pool.begin().await?;
    let Some(stored) = lock(&mut tx, token).await? else {
        return Err(AppError::Unauthorized);
    };
    if stored.revoked_at.is_some() {
        return Err(AppError::Unauthorized);
    }
    if stored.used_at.is_some() {
        let revoked = revoke_family(&mut *tx, stored.family_id, now).await?;
        tx.commit().await?;
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
    let next = issue(&mut *tx, stored.collaborator_id, Some(stored.family_id), now).await?;
    tx.commit().await?;
    Ok((stored.collaborator_id, next))
}

/// Revokes the family of a refresh token (sign-out of an API client). Unknown tokens are
/// ignored: the answer does not tell whether a token existed.
pub async fn revoke(pool: &PgPool, token: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    if let Some(stored) = lock(&mut tx, token).await? {
        revoke_family(&mut *tx, stored.family_id, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Revokes every refresh token of a collaborator (deactivation) and forgets them in the cache,
/// so that their access tokens stop working at once.
pub async fn revoke_all_for(db: impl PgExecutor<'_>, collaborator_id: Uuid, now: DateTime<Utc>) -> sqlx::Result<u64> {
    ACTORS.forget(collaborator_id);
    let done =
        sqlx::query("update api_refresh_token set revoked_at = $2 where collaborator_id = $1 and revoked_at is null")
            .bind(collaborator_id)
            .bind(now)
            .execute(db)
            .await?;
    Ok(done.rows_affected())
}

/// How long an active collaborator is trusted without asking the database again. Deactivation
/// in this process clears the entry at once; this bounds the delay for other processes.
pub const ACTOR_CACHE_TTL: StdDuration = StdDuration::from_secs(2);

/// Active collaborators recently looked up by access token, by id.
pub struct ActorCache {
    entries: RwLock<HashMap<Uuid, (Actor, Instant)>>,
    ttl: StdDuration,
}

static ACTORS: LazyLock<ActorCache> = LazyLock::new(|| ActorCache::new(ACTOR_CACHE_TTL));

impl ActorCache {
    pub fn new(ttl: StdDuration) -> Self {
        ActorCache { entries: RwLock::new(HashMap::new()), ttl }
    }

    pub fn get(&self, id: Uuid) -> Option<Actor> {
        let entries = self.entries.read().unwrap_or_else(|e| e.into_inner());
        entries.get(&id).filter(|(_, at)| at.elapsed() < self.ttl).map(|(actor, _)| actor.clone())
    }

    pub fn put(&self, actor: Actor) {
        let mut entries = self.entries.write().unwrap_or_else(|e| e.into_inner());
        // Collaborators are few; expired entries are dropped whenever the map grows large.
        if entries.len() >= 10_000 {
            entries.retain(|_, (_, at)| at.elapsed() < self.ttl);
        }
        entries.insert(actor.id, (actor, Instant::now()));
    }

    pub fn forget(&self, id: Uuid) {
        self.entries.write().unwrap_or_else(|e| e.into_inner()).remove(&id);
    }
}

/// Drops a collaborator from the cache when their department changes or they are deleted, so
/// that API calls see the change at once (deletion also removes their refresh tokens).
pub fn forget_actor(id: Uuid) {
    ACTORS.forget(id);
}

/// The active collaborator an access token names, from the cache or the database.
pub async fn active_actor(pool: &PgPool, id: Uuid) -> sqlx::Result<Option<Actor>> {
    if let Some(actor) = ACTORS.get(id) {
        return Ok(Some(actor));
    }
    let actor = crate::collaborators::repo::find_active(pool, id).await?;
    if let Some(actor) = &actor {
        ACTORS.put(actor.clone());
    }
    Ok(actor)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::Department;

    fn actor() -> Actor {
        Actor { id: Uuid::new_v4(), full_name: "Camille".into(), email: "c@e.fr".into(), department: Department::Sales }
    }

    #[test]
    fn secrets_are_long_random_and_hashed_to_32_bytes() {
        let (a, b) = (new_secret(), new_secret());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(digest(&a).len(), 32);
        assert_ne!(digest(&a), digest(&b));
    }

    #[test]
    fn cached_actors_are_forgotten_on_demand_and_after_the_ttl() {
        let cache = ActorCache::new(StdDuration::from_millis(50));
        let a = actor();
        cache.put(a.clone());
        assert_eq!(cache.get(a.id), Some(a.clone()));
        cache.forget(a.id);
        assert_eq!(cache.get(a.id), None);
        cache.put(a.clone());
        std::thread::sleep(StdDuration::from_millis(60));
        assert_eq!(cache.get(a.id), None);
    }
}
