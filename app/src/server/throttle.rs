//! Throttling: logins (a token bucket per client address and one per email address),
//! join-code attempts per address and posts per author.
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::hash::Hash;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;

/// Attempts allowed per email address per minute, after a burst of the same size.
const PER_EMAIL_PER_MINUTE: u32 = 5;
/// Attempts allowed per client address per minute (a school network shares one).
const PER_ADDRESS_PER_MINUTE: u32 = 30;

#[derive(Clone)]
pub struct LoginThrottle {
    by_email: Arc<DefaultKeyedRateLimiter<String>>,
    by_address: Arc<DefaultKeyedRateLimiter<IpAddr>>,
}

impl Default for LoginThrottle {
    fn default() -> Self {
        let quota = |n: u32| Quota::per_minute(NonZeroU32::new(n).expect("quota is positive"));
        Self {
            by_email: Arc::new(RateLimiter::keyed(quota(PER_EMAIL_PER_MINUTE))),
            by_address: Arc::new(RateLimiter::keyed(quota(PER_ADDRESS_PER_MINUTE))),
        }
    }
}

impl LoginThrottle {
    /// Forgets addresses and emails whose buckets are full again, so that the maps stay
    /// small however many distinct emails an attacker tries. Call it now and then.
    pub fn forget_idle(&self) {
        self.by_email.retain_recent();
        self.by_email.shrink_to_fit();
        self.by_address.retain_recent();
        self.by_address.shrink_to_fit();
    }

    /// Records an attempt; false when either bucket is empty and the attempt must be refused.
    pub fn allow(&self, email: &str, address: Option<IpAddr>) -> bool {
        let address_ok = address.is_none_or(|a| self.by_address.check_key(&a).is_ok());
        address_ok && self.by_email.check_key(&email.to_lowercase()).is_ok()
    }
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

/// Join-code attempts per client address per minute; the burst lets a school class
/// behind one address join at once.
pub fn join_attempts() -> RateLimit<IpAddr> {
    RateLimit::new(30, 60)
}

/// Posts and edits per author (participant or staff user) per minute.
pub const POSTS_PER_MINUTE: u32 = 10;

pub fn posts() -> RateLimit<uuid::Uuid> {
    RateLimit::new(POSTS_PER_MINUTE, POSTS_PER_MINUTE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sixth_attempt_for_one_email_is_refused() {
        let throttle = LoginThrottle::default();
        let ip = Some("10.0.0.1".parse().unwrap());
        for _ in 0..PER_EMAIL_PER_MINUTE {
            assert!(throttle.allow("leder@halden.demo", ip));
        }
        assert!(!throttle.allow("Leder@halden.demo", ip));
        assert!(throttle.allow("annen@halden.demo", ip));
        throttle.forget_idle();
        assert!(
            !throttle.allow("leder@halden.demo", ip),
            "a bucket in use is kept"
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
