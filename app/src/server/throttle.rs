//! Login throttling: a token bucket per client address and one per email address.
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
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
}
