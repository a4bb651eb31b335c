//! Live bells: every instance listens on `CHANNEL` (PostgreSQL `LISTEN/NOTIFY`, sent by the
//! `notification` table's triggers when a change commits) and passes whose bell changed to the
//! open streams of this instance (`stream`), whichever instance made the change.

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

pub struct Hub {
    sender: broadcast::Sender<Signal>,
    listening: AtomicBool,
}

impl Default for Hub {
    fn default() -> Self {
        Hub { sender: broadcast::channel(BACKLOG).0, listening: AtomicBool::new(false) }
    }
}

impl Hub {
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
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    }

    async fn listen_once(&self, pool: &PgPool) -> sqlx::Result<()> {
        let mut listener = PgListener::connect_with(pool).await?;
        listener.listen(CHANNEL).await?;
        self.listening.store(true, Ordering::Release);
        let _ = self.sender.send(Signal::Resync);
        while let Some(notification) = listener.try_recv().await? {
            match CollaboratorId::parse(notification.payload()) {
                // No receiver (no open bell on this instance) is no error.
                Ok(recipient) => drop(self.sender.send(Signal::Changed(recipient))),
                Err(_) => tracing::warn!(payload = notification.payload(), "notifications: unexpected payload"),
            }
        }
        Ok(())
    }
}
