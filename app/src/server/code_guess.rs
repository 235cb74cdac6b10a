//! A typed join or receipt code, counted as a guess against the caller's network unless
//! it turns out to exist: a room that types the right code is never throttled, a
//! network that keeps missing is refused every lookup (`TooManyAttempts`).
use super::context::{app, client_address};
use super::throttle::FailureLimit;
use crate::error::AppError;
use std::net::IpAddr;

/// One lookup; counted as a miss when dropped without `found`, whatever way the
/// lookup ended (an unknown code, a malformed one).
pub struct CodeGuess {
    network: Option<IpAddr>,
    misses: FailureLimit<IpAddr>,
    found: bool,
}

impl CodeGuess {
    /// Starts a lookup from the caller's network, or refuses it when that network has
    /// missed too often. The check does not reserve: a burst of parallel guesses passes
    /// it together once, then each miss counts and the network waits until they drain.
    pub async fn start() -> Result<Self, AppError> {
        let network = client_address().await.map(super::throttle::network_of);
        let misses = app()?.code_failures;
        if network.is_some_and(|net| !misses.has_room(&net)) {
            return Err(AppError::TooManyAttempts);
        }
        Ok(Self {
            network,
            misses,
            found: false,
        })
    }

    /// The code existed: the lookup was no guess.
    pub fn found(mut self) {
        self.found = true;
    }

    /// The caller's network, for limits of their own.
    pub fn network(&self) -> Option<IpAddr> {
        self.network
    }
}

impl Drop for CodeGuess {
    fn drop(&mut self) {
        if let (false, Some(net)) = (self.found, self.network) {
            self.misses.add(&net);
        }
    }
}
