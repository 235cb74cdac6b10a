//! Every store call, written once and compiled twice: `sqlite.rs` and `postgres.rs` each
//! include this folder as their own module (`#[path = "calls/mod.rs"]`), with `Db` and
//! `StoreImpl` naming their sqlx database and store. Plain modules rather than sqlx's
//! generic `Database` bounds (which every function would repeat for every bound type) or
//! macros (which rustfmt, rust-analyzer and the compiler's line numbers cannot see into).
//! The SQL is in the dialect both understand: `$n` parameters, no vendor functions.
use super::{Db, StoreImpl, LOCK_LEADS};

/// A transaction on this backend, for the steps calls share inside one.
type Tx<'c> = sqlx::Transaction<'c, Db>;

mod audit;
mod follow_up;
mod inclusion;
mod pipeline;
mod plan;
mod report;
mod store;
mod workshop;
