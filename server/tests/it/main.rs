//! The integration tests, one binary (one link of the whole app): the store on both
//! backends, the HTTP API, the CLI and the binary, each in a module named for its subject.
#[macro_use]
mod support;

mod api;
mod authorisation;
mod backup;
mod board_api;
mod bundles;
mod cli;
mod durability;
mod follow_up_api;
mod follow_up_store;
mod hostile_input;
mod inclusion_api;
mod inclusion_store;
mod library_api;
mod library_feeds;
mod library_store;
mod open_street;
mod operations;
mod pipeline_api;
mod pipeline_store;
mod plan_api;
mod plan_store;
mod report_api;
mod report_store;
mod scale_out;
mod schema_parity;
mod staff_streams;
mod store_conformance;
mod upgrade;
mod workshop_store;
