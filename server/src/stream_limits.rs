//! How many event streams may be open at once: per client (a participant or staff
//! user; a few tabs), per network (a school behind one address has hundreds of phones,
//! a script no more) and in all. A stream holds its slot until it ends. And how often
//! an open staff stream checks its account again.
use samskap_app::error::AppError;
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use uuid::Uuid;

/// Default: streams one participant or staff user keeps open (tabs, the projector).
pub const STREAMS_PER_CLIENT: usize = 8;
/// Default: streams from one network (IPv4 address or IPv6 /64).
pub const STREAMS_PER_NETWORK: usize = 1_000;
/// Default: streams of this instance in all.
pub const STREAMS_TOTAL: usize = 20_000;
/// Default: how often an open staff stream checks its account on its own: the longest a
/// change made through another instance (on a shared PostgreSQL), or in the database by
/// hand, leaves it open. A change made through this instance is checked at once.
pub const STAFF_RECHECK: std::time::Duration = std::time::Duration::from_secs(30);

/// The limits and what is open now.
#[derive(Clone)]
pub struct StreamLimits {
    per_client: usize,
    per_network: usize,
    total: usize,
    staff_recheck: std::time::Duration,
    open: Arc<Mutex<Open>>,
}

#[derive(Default)]
struct Open {
    by_client: HashMap<Uuid, usize>,
    by_network: HashMap<IpAddr, usize>,
    total: usize,
}

impl Default for StreamLimits {
    fn default() -> Self {
        Self::new(STREAMS_PER_CLIENT, STREAMS_PER_NETWORK, STREAMS_TOTAL)
    }
}

impl StreamLimits {
    pub fn new(per_client: usize, per_network: usize, total: usize) -> Self {
        Self {
            per_client,
            per_network,
            total,
            staff_recheck: STAFF_RECHECK,
            open: Arc::default(),
        }
    }

    /// These limits, with open staff streams checking their account every `every`
    /// (at least a millisecond).
    pub fn with_staff_recheck(mut self, every: std::time::Duration) -> Self {
        self.staff_recheck = every.max(std::time::Duration::from_millis(1));
        self
    }

    /// How often an open staff stream checks its account on its own.
    pub fn staff_recheck(&self) -> std::time::Duration {
        self.staff_recheck
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Open> {
        self.open.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A slot for a stream of `client` from `network`: `TooManyStreams` when the client
    /// or its network has all theirs open, `Busy` when the instance has.
    pub fn open(&self, client: Uuid, network: Option<IpAddr>) -> Result<StreamSlot, AppError> {
        let mut open = self.lock();
        if open.total >= self.total {
            return Err(AppError::Busy);
        }
        if open.by_client.get(&client).copied().unwrap_or(0) >= self.per_client {
            return Err(AppError::TooManyStreams);
        }
        if let Some(net) = network {
            if open.by_network.get(&net).copied().unwrap_or(0) >= self.per_network {
                return Err(AppError::TooManyStreams);
            }
            *open.by_network.entry(net).or_default() += 1;
        }
        *open.by_client.entry(client).or_default() += 1;
        open.total += 1;
        Ok(StreamSlot {
            limits: self.clone(),
            client,
            network,
        })
    }

    /// Streams open now.
    pub fn total(&self) -> usize {
        self.lock().total
    }
}

/// An open stream's place; given back when dropped.
pub struct StreamSlot {
    limits: StreamLimits,
    client: Uuid,
    network: Option<IpAddr>,
}

fn release<K: std::hash::Hash + Eq>(map: &mut HashMap<K, usize>, key: &K) {
    if let Some(n) = map.get_mut(key) {
        *n -= 1;
        if *n == 0 {
            map.remove(key);
        }
    }
}

impl Drop for StreamSlot {
    fn drop(&mut self) {
        let mut open = self.limits.lock();
        release(&mut open.by_client, &self.client);
        if let Some(net) = self.network {
            release(&mut open.by_network, &net);
        }
        open.total -= 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_counted_per_client_network_and_in_all() {
        let limits = StreamLimits::new(2, 3, 4);
        let (a, b, c) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
        let net: IpAddr = "192.0.2.1".parse().unwrap();
        let other: IpAddr = "192.0.2.2".parse().unwrap();
        let a1 = limits.open(a, Some(net)).unwrap();
        let _a2 = limits.open(a, Some(net)).unwrap();
        assert_eq!(
            limits.open(a, Some(other)).err(),
            Some(AppError::TooManyStreams)
        );
        let _b1 = limits.open(b, Some(net)).unwrap();
        assert_eq!(
            limits.open(b, Some(net)).err(),
            Some(AppError::TooManyStreams)
        );
        let _c1 = limits.open(c, Some(other)).unwrap();
        assert_eq!(
            limits.open(Uuid::new_v4(), None).err(),
            Some(AppError::Busy)
        );
        drop(a1);
        assert_eq!(limits.total(), 3);
        assert!(
            limits.open(a, Some(other)).is_ok(),
            "a slot given back is free"
        );
    }
}
