//! The Samskap server as a library, so that integration tests reach the same code as
//! the `samskap` binary: configuration, stores, demo data and the HTTP app.
pub mod backup;
pub mod config;
pub mod demo;
pub mod demo_follow_up;
pub mod demo_library;
pub mod demo_pipeline;
pub mod demo_plan;
pub mod demo_report;
pub mod demo_sarpsborg;
pub mod events;
pub mod export;
pub mod fanout;
pub mod http;
pub mod http_state;
pub mod limits;
pub mod listener;
pub mod metrics;
pub mod photos;
pub mod programme_cli;
pub mod programme_paths;
pub mod retention;
pub mod security;
pub mod static_files;
pub mod stream_limits;
pub mod user_cli;
