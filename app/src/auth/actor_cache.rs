//! The collaborators that API access tokens name, kept for a few seconds so that a burst of API
//! calls does not cost a lookup each. An entry is dropped the moment any instance ends that
//! collaborator's access (PostgreSQL `LISTEN/NOTIFY` on `CHANNEL`); while this instance
//! is not listening (starting up, or its listening connection was lost) nothing is served from
//! the cache, so a missed notification can never keep someone in.

use std::collections::HashMap;
use std::sync::RwLock;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use sqlx::PgPool;
use sqlx::postgres::PgListener;

use super::model::TokenHolder;
use crate::domain::CollaboratorId;

/// The PostgreSQL channel on which every instance hears whose access ended (payload: the
/// collaborator's id). A notification is delivered when its transaction commits, never before.
pub const CHANNEL: &str = "collaborator_access_ended";

/// Tells every instance, at commit, that what they know of this collaborator is stale.
pub async fn announce(db: impl sqlx::PgExecutor<'_>, collaborator_id: CollaboratorId) -> sqlx::Result<()> {
    sqlx::query("select pg_notify($1, $2)").bind(CHANNEL).bind(collaborator_id.to_string()).execute(db).await?;
    Ok(())
}

pub struct ActorCache {
    entries: RwLock<HashMap<CollaboratorId, (TokenHolder, Instant)>>,
    ttl: Duration,
    listening: AtomicBool,
    /// Counts the entries dropped so far: a lookup that started before a drop must not store
    /// what it read, which may be from before the access ended.
    forgotten: AtomicU64,
}

/// A safety net only: notifications drop entries at once.
pub const DEFAULT_TTL: Duration = Duration::from_secs(10);
/// Collaborators are few; past this many entries, expired ones are swept.
const SWEEP_ABOVE: usize = 10_000;

impl ActorCache {
    /// A cache that serves nothing until `listen` (or `set_listening` in tests) says it may.
    pub fn new(ttl: Duration) -> Self {
        ActorCache {
            entries: RwLock::new(HashMap::new()),
            ttl,
            listening: AtomicBool::new(false),
            forgotten: AtomicU64::new(0),
        }
    }

    pub fn get(&self, id: CollaboratorId) -> Option<TokenHolder> {
        if !self.listening.load(Ordering::Acquire) {
            return None;
        }
        let entries = self.entries.read().unwrap_or_else(|e| e.into_inner());
        entries.get(&id).filter(|(_, at)| at.elapsed() < self.ttl).map(|(holder, _)| holder.clone())
    }

    /// Where the cache stands before a database lookup, for `put`.
    pub fn mark(&self) -> u64 {
        self.forgotten.load(Ordering::Acquire)
    }

    /// Stores what a lookup begun at `mark` read, unless an entry was dropped meanwhile (the
    /// lookup may have read the collaborator just before their access ended).
    pub fn put(&self, holder: TokenHolder, mark: u64) {
        if !self.listening.load(Ordering::Acquire) {
            return;
        }
        let mut entries = self.entries.write().unwrap_or_else(|e| e.into_inner());
        if self.forgotten.load(Ordering::Acquire) != mark {
            return;
        }
        if entries.len() >= SWEEP_ABOVE {
            entries.retain(|_, (_, at)| at.elapsed() < self.ttl);
        }
        entries.insert(holder.actor.id, (holder, Instant::now()));
    }

    pub fn forget(&self, id: CollaboratorId) {
        let mut entries = self.entries.write().unwrap_or_else(|e| e.into_inner());
        self.forgotten.fetch_add(1, Ordering::AcqRel);
        entries.remove(&id);
    }

    pub fn is_listening(&self) -> bool {
        self.listening.load(Ordering::Acquire)
    }

    /// Whether entries may be served; turning it on or off forgets everything held.
    pub fn set_listening(&self, listening: bool) {
        let mut entries = self.entries.write().unwrap_or_else(|e| e.into_inner());
        self.forgotten.fetch_add(1, Ordering::AcqRel);
        entries.clear();
        self.listening.store(listening, Ordering::Release);
    }

    /// Listens for ended access until the process stops, reconnecting after a lost connection
    /// (the cache serves nothing meanwhile).
    pub async fn listen(&self, pool: PgPool) {
        loop {
            match self.listen_once(&pool).await {
                Ok(()) => tracing::warn!("access notifications: connection lost, reconnecting"),
                Err(error) => tracing::warn!(%error, "access notifications: cannot listen, retrying in 1 s"),
            }
            self.set_listening(false);
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    }

    /// Returns when the listening connection is lost.
    async fn listen_once(&self, pool: &PgPool) -> sqlx::Result<()> {
        let mut listener = PgListener::connect_with(pool).await?;
        listener.listen(CHANNEL).await?;
        self.set_listening(true);
        while let Some(notification) = listener.try_recv().await? {
            match notification.payload().parse::<CollaboratorId>() {
                Ok(id) => self.forget(id),
                // Not ours to read: forget everything rather than guess.
                Err(_) => self.set_listening(true),
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::{Actor, Department};
    use uuid::Uuid;

    #[test]
    fn a_lookup_that_raced_an_ended_access_is_not_stored() {
        let cache = ActorCache::new(DEFAULT_TTL);
        cache.set_listening(true);
        let h = holder();
        let mark = cache.mark();
        // The database was read here, then another instance ended this access.
        cache.forget(h.actor.id);
        cache.put(h.clone(), mark);
        assert_eq!(cache.get(h.actor.id), None);
    }

    fn holder() -> TokenHolder {
        let actor = Actor {
            id: CollaboratorId(Uuid::new_v4()),
            full_name: "Camille".into(),
            email: "c@e.fr".into(),
            department: Department::Sales,
        };
        TokenHolder { actor, credential_version: 0 }
    }

    #[test]
    fn nothing_is_served_while_not_listening() {
        let cache = ActorCache::new(DEFAULT_TTL);
        let h = holder();
        cache.put(h.clone(), cache.mark());
        assert_eq!(cache.get(h.actor.id), None);
        cache.set_listening(true);
        cache.put(h.clone(), cache.mark());
        assert_eq!(cache.get(h.actor.id), Some(h.clone()));
        cache.set_listening(false);
        assert_eq!(cache.get(h.actor.id), None);
        cache.set_listening(true);
        assert_eq!(cache.get(h.actor.id), None, "a lost connection forgets everything");
    }

    #[test]
    fn entries_are_forgotten_on_demand_and_after_the_ttl() {
        let cache = ActorCache::new(Duration::from_millis(50));
        cache.set_listening(true);
        let h = holder();
        cache.put(h.clone(), cache.mark());
        cache.forget(h.actor.id);
        assert_eq!(cache.get(h.actor.id), None);
        cache.put(h.clone(), cache.mark());
        std::thread::sleep(Duration::from_millis(60));
        assert_eq!(cache.get(h.actor.id), None);
    }
}
