//! Samskap's Leptos application: every page, every server function (the public API)
//! and, under feature `ssr`, the `Store` trait the server implements.
#![recursion_limit = "256"]

pub mod account;
pub mod error;
pub mod programme;
pub mod shell;
pub mod ui;
pub mod validate;

#[cfg(feature = "ssr")]
pub mod server;

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

/// Entry point of the wasm bundle: hydrates the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(shell::App);
}
