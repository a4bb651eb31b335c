//! Passwords generated for a collaborator (at creation or reset), held in memory only until the
//! manager who asked for them sees them once. They are never stored, logged or sent again.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use uuid::Uuid;

/// How long a password waits to be shown before it is forgotten (a reset is then needed).
const KEPT_FOR: Duration = Duration::from_secs(10 * 60);

#[derive(Default)]
pub struct OneTimeReveals {
    /// (manager, collaborator) → password, with when it was generated.
    waiting: Mutex<HashMap<(Uuid, Uuid), (String, Instant)>>,
}

impl OneTimeReveals {
    pub fn put(&self, viewer: Uuid, subject: Uuid, secret: String) {
        let mut waiting = self.waiting.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        waiting.retain(|_, (_, at)| at.elapsed() < KEPT_FOR);
        waiting.insert((viewer, subject), (secret, Instant::now()));
    }

    /// The password waiting for `viewer` about `subject`, removed as it is read.
    pub fn take(&self, viewer: Uuid, subject: Uuid) -> Option<String> {
        let mut waiting = self.waiting.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        waiting.remove(&(viewer, subject)).filter(|(_, at)| at.elapsed() < KEPT_FOR).map(|(secret, _)| secret)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_is_shown_once_and_only_to_who_asked() {
        let reveals = OneTimeReveals::default();
        let (manager, other, subject) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
        reveals.put(manager, subject, "abcd-efgh-jkmn-pqrs".into());
        assert_eq!(reveals.take(other, subject), None);
        assert_eq!(reveals.take(manager, subject).as_deref(), Some("abcd-efgh-jkmn-pqrs"));
        assert_eq!(reveals.take(manager, subject), None);
    }
}
