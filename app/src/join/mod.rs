//! Joining a live workshop from a phone: code or QR, consent, optional profile, and the
//! participant identity that follows.
pub mod page;
#[cfg(feature = "ssr")]
pub mod participant;
