//! A typed join or receipt code, counted as a guess against the caller's network unless
//! it turns out to exist: a room that types the right code is never throttled, a
//! network that keeps missing is refused every lookup (`TooManyAttempts`) but of the
//! join codes it found before.
use super::context::{app, client_address};
use super::found_codes::FoundCodes;
use super::throttle::FailureLimit;
use crate::error::AppError;
use std::net::IpAddr;

/// One lookup; counted as a miss when dropped without `found`, whatever way the
/// lookup ended (an unknown code, a malformed one).
pub struct CodeGuess {
    network: Option<IpAddr>,
    misses: FailureLimit<IpAddr>,
    /// For a join code: the code, normalised, and the codes found to remember it in.
    join: Option<(String, FoundCodes)>,
    found: bool,
}

impl CodeGuess {
    /// Starts a lookup of a receipt code from the caller's network, or refuses it when
    /// that network has missed too often. The check does not reserve: a burst of
    /// parallel guesses passes it together once, then each miss counts and the network
    /// waits until they drain.
    pub async fn start() -> Result<Self, AppError> {
        Self::begin(None).await
    }

    /// Starts a lookup of a join code (normalised; `None` when it is not one), as
    /// `start`, but a code the network found before passes while it is refused. Only
    /// join codes: they are public, a receipt code is its holder's secret.
    pub async fn start_join(code: Option<&str>) -> Result<Self, AppError> {
        let found_codes = app()?.found_codes;
        Self::begin(code.map(|code| (code.to_owned(), found_codes))).await
    }

    async fn begin(join: Option<(String, FoundCodes)>) -> Result<Self, AppError> {
        let network = client_address().await.map(super::throttle::network_of);
        let misses = app()?.code_failures;
        let known = |net: &IpAddr| {
            join.as_ref()
                .is_some_and(|(code, found)| found.knows(net, code))
        };
        if network.is_some_and(|net| !misses.has_room(&net) && !known(&net)) {
            return Err(AppError::TooManyAttempts);
        }
        Ok(Self {
            network,
            misses,
            join,
            found: false,
        })
    }

    /// The code existed: the lookup was no guess.
    pub fn found(mut self) {
        self.found = true;
    }

    /// The join code existed and its workshop is live: no guess, and the code passes
    /// for this network while it is refused. (Codes of closed or planned workshops are
    /// not remembered: looking up old posters must not push the class's code out.)
    pub fn found_live(self) {
        if let (Some((code, found)), Some(net)) = (&self.join, self.network) {
            found.remember(net, code);
        }
        self.found();
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
