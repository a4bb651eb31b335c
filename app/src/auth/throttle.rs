//! Sign-in throttling rules: pure functions over the recorded failures.
//!
//! Three limits apply to every password check (sign-in and the current password of a password
//! change), and the longest wait wins:
//! - one account from one address: 10 failures in 15 minutes lock the pair for 15 minutes;
//! - one address, whatever the account: 50 failures in 15 minutes lock the address;
//! - one account, whatever the address: after 5 failures in 15 minutes, each further attempt
//!   waits 2^(n-5) seconds after the last failure, 5 minutes at most. A delay, not a lock-out:
//!   nobody can keep an account closed for long, and guessing stays slow from any number of
//!   addresses.
//!
//! Addresses are grouped: an IPv6 address counts as its /64 (one subscriber's network), an
//! IPv4-mapped IPv6 address as the IPv4 address.

use std::net::{IpAddr, Ipv6Addr};

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

    /// Whether one more failure at `now` locks a key that `previous` (its recent failures,
    /// newest first) left open: the moment a lockout starts, for the security log.
    pub fn locks_with(&self, previous_newest_first: &[DateTime<Utc>], now: DateTime<Utc>) -> bool {
        let mut failures = Vec::with_capacity(self.max_failures);
        failures.push(now);
        failures.extend(previous_newest_first.iter().copied().take(self.max_failures - 1));
        self.locked_for(previous_newest_first, now).is_none() && self.locked_for(&failures, now).is_some()
    }
}

/// One account tried from anywhere: a delay that doubles with each failure past `free_failures`.
#[derive(Debug, Clone, Copy)]
pub struct AccountDelay {
    pub free_failures: usize,
    pub window: Duration,
    pub max_delay: Duration,
}

pub const PER_ACCOUNT: AccountDelay =
    AccountDelay { free_failures: 5, window: Duration::minutes(15), max_delay: Duration::minutes(5) };

impl AccountDelay {
    /// How many recent failures are worth reading: past this count the delay is at its maximum.
    pub fn lookback(&self) -> usize {
        let mut n = self.free_failures;
        while self.delay_after(n) < self.max_delay {
            n += 1;
        }
        n
    }

    /// The wait imposed after `failures` failures in the window.
    fn delay_after(&self, failures: usize) -> Duration {
        if failures < self.free_failures {
            return Duration::zero();
        }
        let exponent = (failures - self.free_failures).min(30) as u32;
        Duration::seconds(1i64 << exponent).min(self.max_delay)
    }

    /// How long the next attempt on the account must still wait, given its recent failures
    /// (newest first; older than the window are ignored).
    pub fn wait(&self, failures_newest_first: &[DateTime<Utc>], now: DateTime<Utc>) -> Option<Duration> {
        let newest = *failures_newest_first.first()?;
        let counted = failures_newest_first.iter().take_while(|at| now - **at < self.window).count();
        let until = newest + self.delay_after(counted);
        (now < until).then(|| until - now)
    }
}

/// The failures that decide whether an attempt may go ahead, newest first.
#[derive(Debug, Clone, Default)]
pub struct RecentFailures {
    /// This account from this address group, since the pair's last success.
    pub pair: Vec<DateTime<Utc>>,
    /// This address group, whatever the account.
    pub address: Vec<DateTime<Utc>>,
    /// This account from anywhere, since its last success.
    pub account: Vec<DateTime<Utc>>,
}

impl RecentFailures {
    /// How long the attempt must wait, if it must: the longest of the three limits.
    pub fn refusal(&self, now: DateTime<Utc>) -> Option<Duration> {
        [
            PER_ACCOUNT_AND_IP.locked_for(&self.pair, now),
            PER_IP.locked_for(&self.address, now),
            PER_ACCOUNT.wait(&self.account, now),
        ]
        .into_iter()
        .flatten()
        .max()
    }

    /// Whether a failure now starts a lockout (for the security log).
    pub fn failure_locks(&self, now: DateTime<Utc>) -> bool {
        PER_ACCOUNT_AND_IP.locks_with(&self.pair, now) || PER_IP.locks_with(&self.address, now)
    }
}

/// The address as throttling counts it: IPv4 as it is (also when written as IPv4-mapped IPv6),
/// IPv6 reduced to its /64, since one subscriber commonly holds a whole /64.
pub fn address_group(ip: IpAddr) -> (IpAddr, u8) {
    match ip.to_canonical() {
        IpAddr::V4(v4) => (IpAddr::V4(v4), 32),
        IpAddr::V6(v6) => {
            let network = u128::from(v6) & !((1u128 << 64) - 1);
            (IpAddr::V6(Ipv6Addr::from(network)), 64)
        }
    }
}

/// Whole seconds to tell the user, rounded up so that "retry in 1 second" is never too early.
pub fn seconds_to_wait(remaining: Duration) -> i64 {
    let millis = remaining.num_milliseconds().max(1);
    (millis + 999) / 1000
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
    fn five_account_failures_are_free_then_each_doubles_the_wait() {
        let now = at(10);
        let same_moment = |n: usize| vec![now; n];
        assert_eq!(PER_ACCOUNT.wait(&same_moment(4), now), None);
        assert_eq!(PER_ACCOUNT.wait(&same_moment(5), now), Some(Duration::seconds(1)));
        assert_eq!(PER_ACCOUNT.wait(&same_moment(6), now), Some(Duration::seconds(2)));
        assert_eq!(PER_ACCOUNT.wait(&same_moment(9), now), Some(Duration::seconds(16)));
        assert_eq!(PER_ACCOUNT.wait(&same_moment(6), now + Duration::seconds(2)), None);
    }

    #[test]
    fn the_account_delay_is_capped_at_five_minutes_and_forgets_old_failures() {
        let now = at(10);
        assert_eq!(PER_ACCOUNT.wait(&vec![now; 40], now), Some(Duration::minutes(5)));
        assert_eq!(PER_ACCOUNT.lookback(), 14, "2^9 s is past the cap");
        let old = failures(&[9, -10, -10, -10, -10, -10]);
        assert_eq!(PER_ACCOUNT.wait(&old, at(10)), None, "one failure in the window");
    }

    #[test]
    fn the_longest_limit_wins() {
        let now = at(10);
        let recent = RecentFailures { pair: vec![], address: vec![], account: vec![now; 6] };
        assert_eq!(recent.refusal(now), Some(Duration::seconds(2)));
        let locked = RecentFailures { pair: vec![now; 10], ..recent };
        assert_eq!(locked.refusal(now), Some(Duration::minutes(15)));
        assert_eq!(RecentFailures::default().refusal(now), None);
    }

    #[test]
    fn ipv6_is_grouped_per_64_and_mapped_ipv4_is_ipv4() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:ffff:ffff:ffff:ffff".parse().unwrap();
        let other: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(address_group(a), address_group(b));
        assert_eq!(address_group(a), ("2001:db8:1:2::".parse().unwrap(), 64));
        assert_ne!(address_group(a), address_group(other));
        let mapped: IpAddr = "::ffff:192.0.2.7".parse().unwrap();
        assert_eq!(address_group(mapped), ("192.0.2.7".parse().unwrap(), 32));
    }

    #[test]
    fn waiting_time_rounds_up_to_whole_seconds() {
        assert_eq!(seconds_to_wait(Duration::milliseconds(1)), 1);
        assert_eq!(seconds_to_wait(Duration::seconds(1)), 1);
        assert_eq!(seconds_to_wait(Duration::milliseconds(1001)), 2);
        assert_eq!(seconds_to_wait(Duration::minutes(15)), 900);
    }
}
