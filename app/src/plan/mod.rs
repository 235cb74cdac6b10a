//! The action plan: tested ideas promoted to measures (*tiltak*), ranked per focus area,
//! the yearly *handlingsplan* with its budget, status and frozen versions, its exports,
//! and the audit trail.
pub mod fields;
pub mod model;
