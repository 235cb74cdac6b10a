//! The iteration pipeline: prototypes made from ideas, their photos, test rounds with
//! structured feedback from phones, decisions (iterate / proceed / drop) in an audit
//! trail, and the traceability view from insight to outcome.
#[cfg(feature = "ssr")]
pub mod access;
pub mod create;
pub mod decide;
pub mod evidence;
pub mod feedback;
pub mod history;
pub mod list_page;
pub mod photos;
pub mod prototype_page;
#[cfg(feature = "ssr")]
pub mod round_access;
pub mod round_page;
pub mod status_badge;
pub mod trace_page;
pub mod trace_svg;
