//! Joining a live workshop from a phone: code or QR, consent, optional profile, and the
//! participant identity that follows.
#[cfg(feature = "ssr")]
pub mod nickname;
pub mod page;
#[cfg(feature = "ssr")]
pub mod participant;
