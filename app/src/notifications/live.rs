//! Live bells: every instance listens on `CHANNEL` (PostgreSQL `LISTEN/NOTIFY`, sent by the
//! `notification` table's triggers when a change commits) and passes whose bell changed to the
//! open streams of this instance (`stream`), whichever instance made the change.
//!
//! What it hears also keeps the unread counts this instance read: every page shows one, and a
//! count stays right until its collaborator's next change, which this instance hears. While it
//! is not listening (starting up, or its connection lost) nothing is kept or served.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use sqlx::PgPool;
use sqlx::postgres::PgListener;
use tokio::sync::broadcast;

use crate::domain::CollaboratorId;

/// The channel the triggers notify, with the recipient's id as the payload.
pub const CHANNEL: &str = "notification";
/// Changes waiting per open stream before it lags (it then re-reads its count: nothing is lost).
const BACKLOG: usize = 256;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// This collaborator's notifications changed.
    Changed(CollaboratorId),
    /// Changes may have been missed (the listening connection was lost): every stream re-reads.
    Resync,
    /// The instance is stopping: streams end, and browsers reconnect to another instance.
    Closing,
}

/// Counts kept at most (one per collaborator who opened a page): past it, all are dropped.
const MAX_COUNTS: usize = 10_000;

pub struct Hub {
    sender: broadcast::Sender<Signal>,
    listening: AtomicBool,
    counts: Mutex<Counts>,
}

/// The unread counts read, and how many changes were heard: a count read while a change was
/// heard may predate it, and is not kept.
#[derive(Default)]
struct Counts {
    unread: HashMap<CollaboratorId, i64>,
    changes: u64,
}

impl Default for Hub {
    fn default() -> Self {
        Hub { sender: broadcast::channel(BACKLOG).0, listening: AtomicBool::new(false), counts: Mutex::default() }
    }
}

impl Hub {
    /// The unread count of `recipient` as last read, if no change of theirs was heard since.
    pub fn cached_unread(&self, recipient: CollaboratorId) -> Option<i64> {
        if !self.is_listening() {
            return None;
        }
        self.counts().unread.get(&recipient).copied()
    }

    /// Where the changes heard stand, to pass to `keep_unread` with a count read afterwards.
    pub fn changes_heard(&self) -> u64 {
        self.counts().changes
    }

    /// Keeps `count`, read after `changes_heard` said `before`, unless a change was heard since.
    pub fn keep_unread(&self, recipient: CollaboratorId, count: i64, before: u64) {
        if !self.is_listening() {
            return;
        }
        let mut counts = self.counts();
        if counts.changes != before {
            return;
        }
        if counts.unread.len() >= MAX_COUNTS {
            counts.unread.clear();
        }
        counts.unread.insert(recipient, count);
    }

    fn counts(&self) -> std::sync::MutexGuard<'_, Counts> {
        self.counts.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Forgets what may be stale: one collaborator's count, or (`None`) every count.
    fn heard(&self, recipient: Option<CollaboratorId>) {
        let mut counts = self.counts();
        counts.changes += 1;
        match recipient {
            Some(recipient) => drop(counts.unread.remove(&recipient)),
            None => counts.unread.clear(),
        }
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Signal> {
        self.sender.subscribe()
    }

    pub fn close(&self) {
        let _ = self.sender.send(Signal::Closing);
    }

    pub fn is_listening(&self) -> bool {
        self.listening.load(Ordering::Acquire)
    }

    /// Listens until the process stops, reconnecting after a lost connection.
    pub async fn listen(&self, pool: PgPool) {
        loop {
            match self.listen_once(&pool).await {
                Ok(()) => tracing::warn!("notifications: listening connection lost, reconnecting"),
                Err(error) => tracing::warn!(%error, "notifications: cannot listen, retrying in 1 s"),
            }
            self.listening.store(false, Ordering::Release);
            self.heard(None);
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    }

    async fn listen_once(&self, pool: &PgPool) -> sqlx::Result<()> {
        let mut listener = PgListener::connect_with(pool).await?;
        listener.listen(CHANNEL).await?;
        self.heard(None);
        self.listening.store(true, Ordering::Release);
        let _ = self.sender.send(Signal::Resync);
        while let Some(notification) = listener.try_recv().await? {
            match CollaboratorId::parse(notification.payload()) {
                // No receiver (no open bell on this instance) is no error.
                Ok(recipient) => {
                    self.heard(Some(recipient));
                    drop(self.sender.send(Signal::Changed(recipient)));
                }
                Err(_) => tracing::warn!(payload = notification.payload(), "notifications: unexpected payload"),
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn listening_hub() -> Hub {
        let hub = Hub::default();
        hub.listening.store(true, Ordering::Release);
        hub
    }

    #[test]
    fn a_count_is_served_until_a_change_of_its_collaborator_is_heard() {
        let hub = listening_hub();
        let (me, other) = (CollaboratorId(Uuid::from_u128(1)), CollaboratorId(Uuid::from_u128(2)));
        hub.keep_unread(me, 3, hub.changes_heard());
        assert_eq!(hub.cached_unread(me), Some(3));
        hub.keep_unread(other, 1, hub.changes_heard());
        hub.heard(Some(other));
        assert_eq!(hub.cached_unread(me), Some(3), "another's change");
        assert_eq!(hub.cached_unread(other), None);
        hub.heard(Some(me));
        assert_eq!(hub.cached_unread(me), None);
    }

    #[test]
    fn a_count_read_while_a_change_was_heard_is_not_kept() {
        let hub = listening_hub();
        let me = CollaboratorId(Uuid::from_u128(1));
        let before = hub.changes_heard();
        hub.heard(Some(CollaboratorId(Uuid::from_u128(2)))); // Meanwhile, any change at all.
        hub.keep_unread(me, 3, before);
        assert_eq!(hub.cached_unread(me), None);
    }

    #[test]
    fn nothing_is_kept_or_served_while_not_listening() {
        let hub = listening_hub();
        let me = CollaboratorId(Uuid::from_u128(1));
        hub.keep_unread(me, 3, hub.changes_heard());
        hub.listening.store(false, Ordering::Release);
        assert_eq!(hub.cached_unread(me), None);
        hub.keep_unread(me, 4, hub.changes_heard());
        // Listening again, as `listen` does: what was kept may have missed changes.
        hub.heard(None);
        hub.listening.store(true, Ordering::Release);
        assert_eq!(hub.cached_unread(me), None);
    }
}
