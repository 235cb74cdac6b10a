//! Join codes found lately from each network: while a network is refused lookups for
//! missing too often, a code its phones found before still lets the rest of the class
//! in. Join codes are on posters; passing one tells a guesser nothing new.
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Codes remembered per network (the newest; a school runs a few workshops at once).
pub const FOUND_CODES_PER_NETWORK: usize = 8;
/// Networks remembered at once (each phone on mobile IPv6 is a network of its own);
/// past that, the one that found a code least recently is forgotten.
pub const FOUND_CODES_NETWORKS: usize = 10_000;
/// How long a found code is remembered after it was last found.
pub const FOUND_CODE_KEPT: Duration = Duration::from_secs(3 * 60 * 60);

/// The join codes (normalised) one network found, with when, oldest first.
type Codes = Vec<(String, Instant)>;

/// The join codes each network found.
#[derive(Clone, Default)]
pub struct FoundCodes(Arc<Mutex<HashMap<IpAddr, Codes>>>);

impl FoundCodes {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<IpAddr, Codes>> {
        // A panic elsewhere while holding the lock leaves the map usable.
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Remembers that `network` found `code` now.
    pub fn remember(&self, network: IpAddr, code: &str) {
        let now = Instant::now();
        let mut map = self.lock();
        if map.len() >= FOUND_CODES_NETWORKS && !map.contains_key(&network) {
            // Rare (a full map), so a scan is cheap enough.
            let least_recent = map
                .iter()
                .min_by_key(|(_, codes)| codes.iter().map(|(_, at)| *at).max())
                .map(|(net, _)| *net);
            if let Some(net) = least_recent {
                map.remove(&net);
            }
        }
        let codes = map.entry(network).or_default();
        codes.retain(|(known, _)| known != code);
        if codes.len() >= FOUND_CODES_PER_NETWORK {
            codes.remove(0);
        }
        codes.push((code.to_owned(), now));
    }

    /// Whether `network` found `code` within `FOUND_CODE_KEPT`.
    pub fn knows(&self, network: &IpAddr, code: &str) -> bool {
        let now = Instant::now();
        self.lock().get(network).is_some_and(|codes| {
            codes
                .iter()
                .any(|(known, at)| known == code && now.duration_since(*at) < FOUND_CODE_KEPT)
        })
    }

    /// Drops codes older than `FOUND_CODE_KEPT` (call now and then).
    pub fn forget_idle(&self) {
        let now = Instant::now();
        let mut map = self.lock();
        map.retain(|_, codes| {
            codes.retain(|(_, at)| now.duration_since(*at) < FOUND_CODE_KEPT);
            !codes.is_empty()
        });
        map.shrink_to_fit();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_network_knows_the_codes_it_found_and_no_others() {
        let found = FoundCodes::default();
        let (school, home): (IpAddr, IpAddr) = (
            "84.210.10.20".parse().unwrap(),
            "84.210.10.21".parse().unwrap(),
        );
        found.remember(school, "M2KX7QPA");
        assert!(found.knows(&school, "M2KX7QPA"));
        assert!(!found.knows(&school, "M2KX7QPB"));
        assert!(!found.knows(&home, "M2KX7QPA"));
        for i in 0..FOUND_CODES_PER_NETWORK {
            found.remember(school, &format!("CODE{i}"));
        }
        assert!(!found.knows(&school, "M2KX7QPA"), "the oldest gives way");
        assert!(found.knows(&school, "CODE0"));
    }

    #[test]
    fn a_full_map_forgets_the_network_that_found_least_recently() {
        let found = FoundCodes::default();
        let network = |i: u32| IpAddr::from(std::net::Ipv4Addr::from(i));
        for i in 0..FOUND_CODES_NETWORKS as u32 {
            found.remember(network(i), "M2KX7QPA");
        }
        found.remember(network(0), "M2KX7QPA");
        found.remember(network(u32::MAX), "M2KX7QPA");
        assert!(found.knows(&network(u32::MAX), "M2KX7QPA"));
        assert!(
            found.knows(&network(0), "M2KX7QPA"),
            "found again: the newest"
        );
        assert!(
            !found.knows(&network(1), "M2KX7QPA"),
            "the least recent went"
        );
    }
}
