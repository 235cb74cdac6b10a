//! Server-only parts of the app (feature `ssr`): the store contract, request context,
//! sessions, passwords, throttling, metrics and the live-board event bus.
pub mod actor;
pub mod board_events;
pub mod bus;
pub mod code_guess;
pub mod context;
pub mod cookies;
pub mod follow_up_store;
pub mod inclusion_store;
pub mod login_device;
pub mod metrics;
pub mod password;
pub mod photo;
pub mod pipeline_store;
pub mod plan_store;
pub mod report_store;
pub mod round_events;
pub mod session;
pub mod store;
pub mod store_error;
pub mod throttle;
pub mod workshop_store;
