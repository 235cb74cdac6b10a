//! Server-only parts of the app (feature `ssr`): the store contract, request context,
//! sessions, passwords, throttling, metrics and the live-board event bus.
pub mod access_changes;
pub mod board_events;
pub mod bus;
pub mod code_guess;
pub mod context;
pub mod cookies;
pub mod feeds;
pub mod found_codes;
pub mod login_device;
pub mod metrics;
pub mod password;
pub mod photo;
pub mod round_events;
pub mod session;
pub mod throttle;
