//! Every store call, written once and compiled twice: `sqlite.rs` and `postgres.rs` each
//! include this folder as their own module (`#[path = "calls/mod.rs"]`), with `Db` and
//! `StoreImpl` naming their sqlx database and store. Plain modules rather than sqlx's
//! generic `Database` bounds (which every function would repeat for every bound type) or
//! macros (which rustfmt, rust-analyzer and the compiler's line numbers cannot see into).
//! The SQL is in the dialect both understand: `$n` parameters, no vendor functions.
use super::{Db, StoreImpl, FULL_TEXT, LOCK_LEADS};
use crate::sql::placeholders;
use samskap_domain::store::StoreResult;
use uuid::Uuid;

/// A transaction on this backend, for the steps calls share inside one.
type Tx<'c> = sqlx::Transaction<'c, Db>;

mod accounts;
mod audit;
mod follow_up;
mod inclusion;
mod library;
mod pipeline;
mod plan;
mod report;
mod store;
mod workshop;

impl StoreImpl {
    /// The rows `select_in` (a statement ending in `IN`) reads for `ids`, with `then` (an
    /// `ORDER BY`, say) after the list; none without a query for no ids (`IN ()` is not SQL).
    async fn rows_in<R>(&self, select_in: &str, ids: &[Uuid], then: &str) -> StoreResult<Vec<R>>
    where
        R: for<'r> sqlx::FromRow<'r, <Db as sqlx::Database>::Row> + Send + Unpin,
    {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut sql = format!("{select_in} ({})", placeholders(1, ids.len()));
        if !then.is_empty() {
            sql = format!("{sql} {then}");
        }
        let mut query = sqlx::query_as::<_, R>(&sql);
        for id in ids {
            query = query.bind(*id);
        }
        Ok(query.fetch_all(&self.pool).await?)
    }
}
