//! The action plan: tested ideas promoted to measures (*tiltak*), ranked per focus area,
//! the yearly *handlingsplan* with its budget, status steps and frozen versions (with
//! what changed between them), and its public page.
#[cfg(feature = "ssr")]
pub mod access;
pub mod audit_page;
pub mod diff;
pub mod document;
pub mod evidence_facts;
pub mod fields;
pub mod measure_badge;
pub mod measure_page;
pub mod nb;
pub mod plan_page;
pub mod plan_status;
pub mod promote_page;
pub mod receipt;
#[cfg(feature = "ssr")]
pub mod receipt_cookie;
pub mod receipt_lookup;
pub mod risks;
#[cfg(feature = "ssr")]
pub mod snapshot;
pub mod version_page;
