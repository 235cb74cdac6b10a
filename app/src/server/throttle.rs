//! Throttling. Failures, not attempts, are what one person playing many makes, so the
//! login and code limits count failures (`FailureLimit`): a wrong password or a wrong
//! join or receipt code. Posts are limited per author and new participants per network
//! (`RateLimit`, governor's token buckets).
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::collections::HashMap;
use std::hash::Hash;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Wrong passwords per client network per minute, after a burst of the same size.
pub const LOGIN_FAILURES_PER_NETWORK: u32 = 30;
/// Wrong passwords for one email from one network per minute (after a burst of 5).
pub const LOGIN_FAILURES_PER_EMAIL_AND_NETWORK: u32 = 5;
/// Wrong passwords per minute from a known device (one that signed in as the email
/// before), after a burst of the same size: its own failures, not its network's.
pub const LOGIN_FAILURES_PER_DEVICE: u32 = 5;
/// Wrong passwords for one email from anywhere per minute before each further attempt
/// for it is slowed by `LOGIN_SLOWDOWN` (never refused: the real user may be elsewhere).
pub const LOGIN_FAILURES_PER_EMAIL: u32 = 10;
/// How long an attempt waits once its email's failures are over `LOGIN_FAILURES_PER_EMAIL`.
pub const LOGIN_SLOWDOWN: Duration = Duration::from_secs(2);
/// Wrong join and receipt codes per client network per minute, after a burst of 60 (a
/// class mistyping); then every code lookup from that network is refused until it drains.
pub const CODE_FAILURES_PER_MINUTE: u32 = 20;
pub const CODE_FAILURES_BURST: u32 = 60;
/// New participants per client network per minute, after a burst of 400: a fair of 300
/// pupils on one Wi-Fi joins at once; a script cannot make participants without end.
pub const JOINS_PER_NETWORK_PER_MINUTE: u32 = 300;
pub const JOINS_PER_NETWORK_BURST: u32 = 400;
/// Posts and edits per author (participant or staff user) per minute.
pub const POSTS_PER_MINUTE: u32 = 10;
/// Votes placed or taken back, reports and receipt requests per author per minute,
/// after a burst of 40 (a whole budget of 20 dots placed and moved). Each is a write
/// and most an event to every screen of the board: one script must not hold the one
/// writer or flood the board's log.
pub const TAPS_PER_MINUTE: u32 = 60;
pub const TAPS_BURST: u32 = 40;
/// Library searches per minute, after a burst of the same size: per client network for
/// the public search (a class on one Wi-Fi searching together), per account for staff.
/// A search with words ranks every match, so an endless stream of them is real work.
pub const SEARCHES_PER_MINUTE: u32 = 120;
/// Fetches of other installations' feeds (adding one, or fetching it now) per programme
/// per minute, after a burst of the same size: each is up to 5 MiB read from elsewhere.
pub const FEED_FETCHES_PER_MINUTE: u32 = 10;

/// The network a client address stands for: the address itself for IPv4, its /64 for
/// IPv6 (one subscriber gets a whole /64 and can pick any address in it).
pub fn network_of(address: IpAddr) -> IpAddr {
    match address.to_canonical() {
        IpAddr::V6(v6) => {
            let bits = u128::from(v6) & !((1u128 << 64) - 1);
            IpAddr::V6(bits.into())
        }
        v4 => v4,
    }
}

/// A leaky bucket per key that fills by one for each failure and drains at a steady
/// rate. Either an attempt is reserved with `take` and given back when it succeeded
/// (concurrent attempts then count at once: for slow checks such as passwords), or
/// the room is checked with `has_room` and a failure counted after with `add` (for
/// fast lookups, so that a room's parallel right answers never fill the bucket).
#[derive(Clone)]
pub struct FailureLimit<K: Hash + Eq + Clone> {
    buckets: Arc<Mutex<HashMap<K, Bucket>>>,
    per_minute: f64,
    burst: f64,
}

#[derive(Clone, Copy)]
struct Bucket {
    level: f64,
    at: Instant,
}

impl Bucket {
    fn drained(self, now: Instant, per_minute: f64) -> f64 {
        let minutes = now.saturating_duration_since(self.at).as_secs_f64() / 60.0;
        (self.level - minutes * per_minute).max(0.0)
    }
}

impl<K: Hash + Eq + Clone> FailureLimit<K> {
    pub fn new(per_minute: u32, burst: u32) -> Self {
        Self {
            buckets: Arc::default(),
            per_minute: f64::from(per_minute),
            burst: f64::from(burst),
        }
    }

    fn with<T>(&self, f: impl FnOnce(&mut HashMap<K, Bucket>) -> T) -> T {
        // A panic elsewhere while holding the lock leaves the map usable.
        let mut map = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut map)
    }

    /// Counts an attempt; false (nothing counted) when the key has no room left.
    pub fn take(&self, key: &K) -> bool {
        let now = Instant::now();
        self.with(|map| {
            let level = map
                .get(key)
                .map_or(0.0, |b| b.drained(now, self.per_minute));
            if level + 1.0 > self.burst {
                return false;
            }
            map.insert(
                key.clone(),
                Bucket {
                    level: level + 1.0,
                    at: now,
                },
            );
            true
        })
    }

    /// Counts a failure that was not reserved with `take`. The level stops at one past
    /// the burst, so a flood of parallel failures refuses the key only until one
    /// burst's worth has drained, not for hours.
    pub fn add(&self, key: &K) {
        let now = Instant::now();
        self.with(|map| {
            let level = map
                .get(key)
                .map_or(0.0, |b| b.drained(now, self.per_minute));
            map.insert(
                key.clone(),
                Bucket {
                    level: (level + 1.0).min(self.burst + 1.0),
                    at: now,
                },
            );
        });
    }

    /// Whether the key has room for another attempt (nothing counted).
    pub fn has_room(&self, key: &K) -> bool {
        let now = Instant::now();
        self.with(|map| {
            map.get(key)
                .is_none_or(|b| b.drained(now, self.per_minute) + 1.0 <= self.burst)
        })
    }

    /// Takes back an attempt `take` counted, once it turned out to be no failure.
    pub fn give_back(&self, key: &K) {
        let now = Instant::now();
        self.with(|map| {
            if let Some(b) = map.get_mut(key) {
                *b = Bucket {
                    level: (b.drained(now, self.per_minute) - 1.0).max(0.0),
                    at: now,
                };
            }
        });
    }

    /// Drops keys whose buckets have drained (call now and then).
    pub fn forget_idle(&self) {
        let now = Instant::now();
        self.with(|map| {
            map.retain(|_, b| b.drained(now, self.per_minute) > 0.0);
            map.shrink_to_fit();
        });
    }
}

/// Sign-in attempts. An attacker can exhaust only their own network's buckets, so the
/// real user, signing in from elsewhere, is at worst slowed down.
#[derive(Clone)]
pub struct LoginThrottle {
    by_network: FailureLimit<IpAddr>,
    by_email_and_network: FailureLimit<(String, IpAddr)>,
    by_email: FailureLimit<String>,
    by_device: FailureLimit<String>,
    /// Makes and checks the device cookies.
    pub devices: Arc<super::login_device::DeviceKey>,
}

impl Default for LoginThrottle {
    fn default() -> Self {
        let n = LOGIN_FAILURES_PER_NETWORK;
        let e = LOGIN_FAILURES_PER_EMAIL_AND_NETWORK;
        let g = LOGIN_FAILURES_PER_EMAIL;
        Self {
            by_network: FailureLimit::new(n, n),
            by_email_and_network: FailureLimit::new(e, e),
            by_email: FailureLimit::new(g, g),
            by_device: FailureLimit::new(LOGIN_FAILURES_PER_DEVICE, LOGIN_FAILURES_PER_DEVICE),
            devices: Arc::default(),
        }
    }
}

/// What to do with a sign-in attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoginVerdict {
    /// Check the password now.
    Go,
    /// Check it after `LOGIN_SLOWDOWN`: this email has many failures from elsewhere.
    Slow,
    /// Refuse: too many failures from this network, or for this email from it (or,
    /// from a known device, from that device).
    Refuse,
}

/// The counted attempt; hand it back with `succeeded` when the password was right.
pub struct LoginAttempt {
    email: String,
    network: Option<IpAddr>,
    device: Option<String>,
    counted_email: bool,
}

impl LoginThrottle {
    /// Counts an attempt as a failure until `succeeded` says otherwise. `device` is the
    /// id of a device cookie made for this email (`DeviceKey::device_of`): such an
    /// attempt is counted against that device instead of its network.
    pub fn attempt(
        &self,
        email: &str,
        address: Option<IpAddr>,
        device: Option<&str>,
    ) -> (LoginVerdict, LoginAttempt) {
        let email = email.to_lowercase();
        let network = address.map(network_of);
        let mut attempt = LoginAttempt {
            email: email.clone(),
            network,
            device: device.map(str::to_string),
            counted_email: false,
        };
        if let Some(device) = device {
            attempt.network = None;
            if !self.by_device.take(&device.to_string()) {
                attempt.device = None;
                return (LoginVerdict::Refuse, attempt);
            }
        } else if let Some(net) = network {
            if !self.by_network.take(&net) {
                attempt.network = None;
                return (LoginVerdict::Refuse, attempt);
            }
            if !self.by_email_and_network.take(&(email.clone(), net)) {
                self.by_network.give_back(&net);
                attempt.network = None;
                return (LoginVerdict::Refuse, attempt);
            }
        }
        attempt.counted_email = self.by_email.take(&email);
        let verdict = if attempt.counted_email {
            LoginVerdict::Go
        } else {
            LoginVerdict::Slow
        };
        (verdict, attempt)
    }

    /// The password was right (or was never checked): the attempt is no failure.
    pub fn succeeded(&self, attempt: LoginAttempt) {
        if let Some(device) = &attempt.device {
            self.by_device.give_back(device);
        }
        if let Some(net) = attempt.network {
            self.by_network.give_back(&net);
            self.by_email_and_network
                .give_back(&(attempt.email.clone(), net));
        }
        if attempt.counted_email {
            self.by_email.give_back(&attempt.email);
        }
    }

    /// Keeps the maps small however many emails and addresses an attacker tries.
    pub fn forget_idle(&self) {
        self.by_network.forget_idle();
        self.by_email_and_network.forget_idle();
        self.by_email.forget_idle();
        self.by_device.forget_idle();
    }
}

/// Wrong join and receipt codes per client network.
pub fn code_failures() -> FailureLimit<IpAddr> {
    FailureLimit::new(CODE_FAILURES_PER_MINUTE, CODE_FAILURES_BURST)
}

/// A token bucket per key: `per_minute` steady, after a burst of `burst`.
#[derive(Clone)]
pub struct RateLimit<K: Hash + Eq + Clone>(Arc<DefaultKeyedRateLimiter<K>>);

impl<K: Hash + Eq + Clone> RateLimit<K> {
    pub fn new(per_minute: u32, burst: u32) -> Self {
        let n = |v: u32| NonZeroU32::new(v).expect("quota is positive");
        Self(Arc::new(RateLimiter::keyed(
            Quota::per_minute(n(per_minute)).allow_burst(n(burst)),
        )))
    }

    /// Takes a token; false when the key's bucket is empty.
    pub fn allow(&self, key: &K) -> bool {
        self.0.check_key(key).is_ok()
    }

    /// Drops keys whose buckets are full again (call now and then).
    pub fn forget_idle(&self) {
        self.0.retain_recent();
        self.0.shrink_to_fit();
    }
}

/// New participants per client network.
pub fn joins() -> RateLimit<IpAddr> {
    RateLimit::new(JOINS_PER_NETWORK_PER_MINUTE, JOINS_PER_NETWORK_BURST)
}

pub fn posts() -> RateLimit<uuid::Uuid> {
    RateLimit::new(POSTS_PER_MINUTE, POSTS_PER_MINUTE)
}

/// Votes, reports and receipt requests per author.
pub fn taps() -> RateLimit<uuid::Uuid> {
    RateLimit::new(TAPS_PER_MINUTE, TAPS_BURST)
}

/// Who a library search is counted against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Searcher {
    Network(IpAddr),
    Account(uuid::Uuid),
}

pub fn searches() -> RateLimit<Searcher> {
    RateLimit::new(SEARCHES_PER_MINUTE, SEARCHES_PER_MINUTE)
}

/// Feed fetches per programme.
pub fn feed_fetches() -> RateLimit<uuid::Uuid> {
    RateLimit::new(FEED_FETCHES_PER_MINUTE, FEED_FETCHES_PER_MINUTE)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> Option<IpAddr> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn wrong_passwords_lock_out_their_own_network_only() {
        let throttle = LoginThrottle::default();
        let attacker = ip("203.0.113.5");
        for _ in 0..LOGIN_FAILURES_PER_EMAIL_AND_NETWORK {
            assert_eq!(
                throttle.attempt("leder@halden.demo", attacker, None).0,
                LoginVerdict::Go
            );
        }
        assert_eq!(
            throttle.attempt("Leder@halden.demo", attacker, None).0,
            LoginVerdict::Refuse
        );
        let (verdict, attempt) = throttle.attempt("leder@halden.demo", ip("198.51.100.7"), None);
        assert_eq!(verdict, LoginVerdict::Go, "the real lead, elsewhere");
        throttle.succeeded(attempt);
        assert_eq!(
            throttle.attempt("annen@halden.demo", attacker, None).0,
            LoginVerdict::Go,
            "another account from the same network is not refused yet"
        );
        throttle.forget_idle();
        assert_eq!(
            throttle.attempt("leder@halden.demo", attacker, None).0,
            LoginVerdict::Refuse,
            "a bucket in use is kept"
        );
    }

    #[test]
    fn a_known_device_counts_on_its_own_not_with_its_network() {
        let throttle = LoginThrottle::default();
        let office = ip("192.0.2.44");
        for _ in 0..LOGIN_FAILURES_PER_EMAIL_AND_NETWORK {
            throttle.attempt("leder@halden.demo", office, None);
        }
        assert_eq!(
            throttle.attempt("leder@halden.demo", office, None).0,
            LoginVerdict::Refuse
        );
        let (verdict, attempt) = throttle.attempt("leder@halden.demo", office, Some("device-a"));
        assert_eq!(verdict, LoginVerdict::Go, "the lead's own browser");
        throttle.succeeded(attempt);
        for _ in 0..LOGIN_FAILURES_PER_DEVICE {
            throttle.attempt("leder@halden.demo", office, Some("device-b"));
        }
        assert_eq!(
            throttle
                .attempt("leder@halden.demo", office, Some("device-b"))
                .0,
            LoginVerdict::Refuse,
            "a device's own failures are limited"
        );
        // Slowed (the email has many failures by now), never refused.
        assert_eq!(
            throttle
                .attempt("leder@halden.demo", office, Some("device-a"))
                .0,
            LoginVerdict::Slow
        );
    }

    #[test]
    fn many_networks_slow_an_email_down_but_never_refuse_it() {
        let throttle = LoginThrottle::default();
        for i in 0..LOGIN_FAILURES_PER_EMAIL {
            let (verdict, _) =
                throttle.attempt("leder@halden.demo", ip(&format!("10.0.0.{i}")), None);
            assert_eq!(verdict, LoginVerdict::Go);
        }
        assert_eq!(
            throttle
                .attempt("leder@halden.demo", ip("10.0.1.1"), None)
                .0,
            LoginVerdict::Slow
        );
    }

    #[test]
    fn successes_are_given_back() {
        let throttle = LoginThrottle::default();
        for _ in 0..3 * LOGIN_FAILURES_PER_EMAIL_AND_NETWORK {
            let (verdict, attempt) = throttle.attempt("leder@halden.demo", ip("10.0.0.1"), None);
            assert_eq!(verdict, LoginVerdict::Go);
            throttle.succeeded(attempt);
        }
    }

    #[test]
    fn an_ipv6_network_is_its_64() {
        let a = network_of("2001:db8:1:2:aaaa::1".parse().unwrap());
        let b = network_of("2001:db8:1:2:ffff::9".parse().unwrap());
        let c = network_of("2001:db8:1:3::1".parse().unwrap());
        assert_eq!(a, b);
        assert_ne!(a, c);
        let v4: IpAddr = "192.0.2.1".parse().unwrap();
        assert_eq!(network_of(v4), v4);
        assert_eq!(network_of("::ffff:192.0.2.1".parse().unwrap()), v4);
    }

    #[test]
    fn a_failure_limit_refuses_past_its_burst_and_counts_no_refusal() {
        let limit = FailureLimit::new(1, 3);
        for _ in 0..3 {
            assert!(limit.take(&1));
        }
        assert!(!limit.has_room(&1));
        assert!(!limit.take(&1));
        limit.give_back(&1);
        assert!(limit.has_room(&1));
        assert!(limit.take(&1));
        assert!(limit.has_room(&2));
        limit.add(&1);
        assert!(!limit.has_room(&1), "added past the burst");
        for _ in 0..1000 {
            limit.add(&1);
        }
        assert_eq!(
            limit.with(|m| m[&1].level),
            4.0,
            "a flood of failures stops one past the burst"
        );
    }

    #[test]
    fn the_eleventh_post_in_a_minute_is_refused() {
        let posts = posts();
        let me = uuid::Uuid::new_v4();
        for _ in 0..POSTS_PER_MINUTE {
            assert!(posts.allow(&me));
        }
        assert!(!posts.allow(&me));
        assert!(
            posts.allow(&uuid::Uuid::new_v4()),
            "others are not affected"
        );
    }
}
