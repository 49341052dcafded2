//! Sign-in throttling: failed sign-ins are counted per account and per client address; past a
//! free allowance each failure locks the key out for an exponentially growing, capped time. While
//! locked, no password is checked at all, so a correct one waits too. An account's lock-out is
//! capped short (a stranger cannot keep a real user out for long); an address's is capped longer.
//! Policy and defaults: `docs/operations.md`.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// At most this many keys are remembered; when full, forgotten and unlocked ones are dropped first.
const MAX_ENTRIES: usize = 100_000;

/// The throttle's settings.
#[derive(Clone, Copy, Debug)]
pub struct Policy {
    /// Failures an account may have before the first lock-out.
    pub account_free: u32,
    /// Failures a client address may have before the first lock-out.
    pub address_free: u32,
    /// The first lock-out; each further failure doubles it.
    pub base: Duration,
    /// Longest lock-out of an account.
    pub account_max: Duration,
    /// Longest lock-out of a client address.
    pub address_max: Duration,
    /// A key's failures are forgotten after this long without one.
    pub forget_after: Duration,
}

/// What a failure count is kept for.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Key {
    /// A user name as typed (trimmed, lower-cased), whether or not such a user exists.
    Account(String),
    /// A client address.
    Address(IpAddr),
}

#[derive(Clone, Copy, Debug)]
struct Entry {
    failures: u32,
    locked_until: Option<Instant>,
    last_failure: Instant,
}

/// Sign-in attempts are refused until this much time has passed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Locked {
    /// How long until the next attempt is heard.
    pub retry_after: Duration,
}

impl Locked {
    /// The wait in whole seconds, rounded up (for `Retry-After`).
    pub fn retry_after_secs(self) -> u64 {
        let secs = self.retry_after.as_secs();
        if self.retry_after.subsec_nanos() > 0 {
            secs + 1
        } else {
            secs.max(1)
        }
    }
}

/// An attempt the throttle let through; it already counts as a failure until `succeeded`.
#[derive(Debug)]
#[must_use = "report the attempt's outcome"]
pub struct Attempt {
    account: Key,
    address: Key,
    /// The lock-out this attempt started if it fails: which key, and for how long.
    pub lockout: Option<Lockout>,
}

/// A lock-out begun by a failed sign-in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lockout {
    /// Whether the account (else the client address) was locked.
    pub account: bool,
    /// For how long.
    pub duration: Duration,
}

/// Failed sign-ins per account and per client address, in memory (a restart forgets them).
pub struct Throttle {
    policy: Policy,
    entries: Mutex<HashMap<Key, Entry>>,
}

impl Throttle {
    /// An empty throttle with `policy`.
    pub fn new(policy: Policy) -> Throttle {
        Throttle {
            policy,
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// Asks to check a password for `username` from `address` at `now`. Refused while either is
    /// locked out; otherwise the attempt is counted as a failure at once (so parallel guesses
    /// count too) and undone by [`Throttle::succeeded`].
    pub fn attempt(
        &self,
        username: &str,
        address: IpAddr,
        now: Instant,
    ) -> Result<Attempt, Locked> {
        let account = Key::Account(username.trim().to_lowercase());
        let address = Key::Address(address);
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        let forget = self.policy.forget_after;
        let mut wait = Duration::ZERO;
        for key in [&account, &address] {
            if let Some(entry) = entries.get(key) {
                if now.saturating_duration_since(entry.last_failure) >= forget {
                    entries.remove(key);
                } else if let Some(until) = entry.locked_until {
                    wait = wait.max(until.saturating_duration_since(now));
                }
            }
        }
        if !wait.is_zero() {
            return Err(Locked { retry_after: wait });
        }
        if entries.len() >= MAX_ENTRIES {
            entries.retain(|_, e| {
                now.saturating_duration_since(e.last_failure) < forget
                    && e.locked_until.is_some_and(|until| until > now)
            });
        }
        let mut lockout: Option<Lockout> = None;
        for (key, free, max) in [
            (&account, self.policy.account_free, self.policy.account_max),
            (&address, self.policy.address_free, self.policy.address_max),
        ] {
            if entries.len() >= MAX_ENTRIES && !entries.contains_key(key) {
                continue;
            }
            let entry = entries.entry(key.clone()).or_insert(Entry {
                failures: 0,
                locked_until: None,
                last_failure: now,
            });
            entry.failures = entry.failures.saturating_add(1);
            entry.last_failure = now;
            if entry.failures > free {
                let duration = backoff(self.policy.base, entry.failures - free - 1, max);
                entry.locked_until = Some(now + duration);
                let this = Lockout {
                    account: matches!(key, Key::Account(_)),
                    duration,
                };
                lockout = Some(match lockout {
                    Some(earlier) if earlier.duration >= duration => earlier,
                    _ => this,
                });
            }
        }
        Ok(Attempt {
            account,
            address,
            lockout,
        })
    }

    /// The attempt's password was right: the account starts afresh, and the address's count
    /// loses this attempt again (a valid sign-in does not wipe the address's earlier failures).
    pub fn succeeded(&self, attempt: Attempt) {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries.remove(&attempt.account);
        if let Some(entry) = entries.get_mut(&attempt.address) {
            entry.failures = entry.failures.saturating_sub(1);
            if entry.failures <= self.policy.address_free {
                entry.locked_until = None;
            }
        }
    }
}

/// `base · 2^doublings`, at most `max`.
fn backoff(base: Duration, doublings: u32, max: Duration) -> Duration {
    let factor = 1u32.checked_shl(doublings.min(31)).unwrap_or(u32::MAX);
    base.checked_mul(factor).unwrap_or(max).min(max)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> Policy {
        Policy {
            account_free: 3,
            address_free: 5,
            base: Duration::from_secs(1),
            account_max: Duration::from_secs(60),
            address_max: Duration::from_secs(600),
            forget_after: Duration::from_secs(3600),
        }
    }

    const HOME: &str = "192.0.2.1";

    fn fail(t: &Throttle, user: &str, from: &str, now: Instant) -> Result<Attempt, Locked> {
        t.attempt(user, from.parse().unwrap(), now)
    }

    #[test]
    fn failures_past_the_allowance_lock_out_exponentially_up_to_the_cap() {
        let t = Throttle::new(policy());
        let start = Instant::now();
        let mut now = start;
        let mut locks = vec![];
        for i in 0..12 {
            // From a new address each time: only the account's count grows.
            let attempt = fail(&t, "admin", &format!("192.0.2.{i}"), now).expect("not locked");
            let lock = attempt.lockout.map(|l| l.duration.as_secs());
            locks.push(lock.unwrap_or(0));
            // The next try comes just as the lock ends.
            now += Duration::from_secs(lock.unwrap_or(0));
        }
        assert_eq!(locks, [0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60, 60]);
    }

    #[test]
    fn a_locked_account_refuses_even_before_the_password_is_checked() {
        let t = Throttle::new(policy());
        let now = Instant::now();
        for _ in 0..4 {
            let _ = fail(&t, "admin", HOME, now).unwrap();
        }
        let locked = fail(&t, "ADMIN ", "198.51.100.1", now).unwrap_err();
        assert_eq!(locked.retry_after_secs(), 1);
        assert!(fail(&t, "other", "198.51.100.1", now).is_ok());
    }

    #[test]
    fn success_clears_the_account_but_not_the_addresss_earlier_failures() {
        let t = Throttle::new(policy());
        let now = Instant::now();
        for user in ["a", "b", "c", "d", "e"] {
            let _ = fail(&t, user, HOME, now).unwrap();
        }
        let ok = fail(&t, "f", HOME, now).unwrap();
        assert!(ok.lockout.is_some_and(|l| !l.account));
        t.succeeded(ok);
        // Five failures stay on the address: the next one locks it.
        let next = fail(&t, "g", HOME, now).unwrap();
        assert_eq!(next.lockout.map(|l| l.account), Some(false));
        assert!(fail(&t, "h", HOME, now).is_err());
    }

    #[test]
    fn failures_are_forgotten_after_a_quiet_hour() {
        let t = Throttle::new(policy());
        let now = Instant::now();
        for _ in 0..4 {
            let _ = fail(&t, "admin", HOME, now).unwrap();
        }
        let later = now + Duration::from_secs(3600);
        let attempt = fail(&t, "admin", HOME, later).unwrap();
        assert_eq!(attempt.lockout, None);
    }

    #[test]
    fn backoff_never_overflows() {
        assert_eq!(
            backoff(Duration::from_secs(1), u32::MAX, Duration::from_secs(5)),
            Duration::from_secs(5)
        );
    }
}
