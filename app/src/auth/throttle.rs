//! Sign-in throttling rules: pure functions over the recorded failures.

use chrono::{DateTime, Duration, Utc};

/// `max_failures` failures within `window` lock the key for `lockout` after the last of them.
#[derive(Debug, Clone, Copy)]
pub struct ThrottleRule {
    pub max_failures: usize,
    pub window: Duration,
    pub lockout: Duration,
}

/// One account tried from one address: 10 failures in 15 minutes lock the pair for 15 minutes.
pub const PER_ACCOUNT_AND_IP: ThrottleRule =
    ThrottleRule { max_failures: 10, window: Duration::minutes(15), lockout: Duration::minutes(15) };

/// One address spraying many accounts: a wider limit on everything it tries.
pub const PER_IP: ThrottleRule =
    ThrottleRule { max_failures: 50, window: Duration::minutes(15), lockout: Duration::minutes(15) };

impl ThrottleRule {
    /// How long the key stays locked, given its most recent failures, newest first
    /// (at most `max_failures` of them are looked at).
    pub fn locked_for(&self, failures_newest_first: &[DateTime<Utc>], now: DateTime<Utc>) -> Option<Duration> {
        if failures_newest_first.len() < self.max_failures {
            return None;
        }
        let newest = failures_newest_first[0];
        let oldest_counted = failures_newest_first[self.max_failures - 1];
        if newest - oldest_counted > self.window {
            return None;
        }
        let until = newest + self.lockout;
        (now < until).then(|| until - now)
    }
}

impl ThrottleRule {
    /// Whether one more failure at `now` locks a key that `previous` (its recent failures,
    /// newest first) left open: the moment a lockout starts, for the security log.
    pub fn locks_with(&self, previous_newest_first: &[DateTime<Utc>], now: DateTime<Utc>) -> bool {
        let mut failures = Vec::with_capacity(self.max_failures);
        failures.push(now);
        failures.extend(previous_newest_first.iter().copied().take(self.max_failures - 1));
        self.locked_for(previous_newest_first, now).is_none() && self.locked_for(&failures, now).is_some()
    }
}

/// Whole minutes to tell the user, rounded up so that "retry in 1 minute" is never too early.
pub fn minutes_to_wait(remaining: Duration) -> i64 {
    (remaining.num_seconds() + 59) / 60
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(minute: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000, 0).unwrap() + Duration::minutes(minute)
    }

    fn failures(minutes_newest_first: &[i64]) -> Vec<DateTime<Utc>> {
        minutes_newest_first.iter().map(|m| at(*m)).collect()
    }

    #[test]
    fn nine_failures_do_not_lock() {
        let f = failures(&[9, 8, 7, 6, 5, 4, 3, 2, 1]);
        assert_eq!(PER_ACCOUNT_AND_IP.locked_for(&f, at(9)), None);
    }

    #[test]
    fn ten_failures_within_the_window_lock_for_fifteen_minutes_after_the_last() {
        let f = failures(&[9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
        assert_eq!(PER_ACCOUNT_AND_IP.locked_for(&f, at(9)), Some(Duration::minutes(15)));
        assert_eq!(PER_ACCOUNT_AND_IP.locked_for(&f, at(23)), Some(Duration::minutes(1)));
        assert_eq!(PER_ACCOUNT_AND_IP.locked_for(&f, at(24)), None);
    }

    #[test]
    fn failures_spread_over_more_than_the_window_do_not_lock() {
        let f = failures(&[20, 18, 16, 14, 12, 10, 8, 6, 4, 2]);
        assert_eq!(PER_ACCOUNT_AND_IP.locked_for(&f, at(20)), None);
    }

    #[test]
    fn the_tenth_failure_is_the_one_that_locks() {
        let nine = failures(&[8, 7, 6, 5, 4, 3, 2, 1, 0]);
        assert!(PER_ACCOUNT_AND_IP.locks_with(&nine, at(9)));
        assert!(!PER_ACCOUNT_AND_IP.locks_with(&nine[..8], at(9)));
        let ten = failures(&[9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
        assert!(!PER_ACCOUNT_AND_IP.locks_with(&ten, at(10)), "already locked: not a new lockout");
    }

    #[test]
    fn waiting_time_rounds_up_to_whole_minutes() {
        assert_eq!(minutes_to_wait(Duration::seconds(1)), 1);
        assert_eq!(minutes_to_wait(Duration::seconds(60)), 1);
        assert_eq!(minutes_to_wait(Duration::seconds(61)), 2);
        assert_eq!(minutes_to_wait(Duration::minutes(15)), 15);
    }
}
