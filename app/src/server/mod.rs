//! Server-only parts of the app (feature `ssr`): the store contract, request context,
//! sessions, passwords and login throttling.
pub mod context;
pub mod password;
pub mod session;
pub mod store;
pub mod throttle;
