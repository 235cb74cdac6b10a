//! Samskap's stores: the storage contract (`samskap_domain::store`) implemented once
//! for SQLite and PostgreSQL, how one is opened from `DATABASE_URL` with its migrations,
//! and the staff session store in the same database. No HTTP, no Leptos.
mod account_sql;
pub mod database_url;
mod follow_up_sql;
mod inclusion_sql;
mod indicator_sql;
mod library_sql;
pub mod owner_only;
mod pipeline_sql;
mod plan_sql;
pub mod postgres;
mod report_sql;
mod rows;
mod sessions;
mod sql;
pub mod sqlite;
mod workshop_sql;

use crate::database_url::DatabaseUrl;
use samskap_domain::store::Store;
pub use sessions::SessionBackend;
use std::sync::Arc;

/// An open database: the app's store and the staff session store in it, and
/// with PostgreSQL, how this instance hears of the others' changes.
pub struct Opened {
    pub store: Arc<dyn Store>,
    pub sessions: SessionBackend,
    pub fanout: Option<Instance>,
}

/// A PostgreSQL opening: its pool and this instance's name (its connections'
/// `application_name`), from which the server hears the other instances' changes.
pub struct Instance {
    pub pool: sqlx::PgPool,
    pub name: String,
}

/// Connects, runs the backend's migrations and returns the store.
pub async fn open(url: &DatabaseUrl) -> Result<Opened, String> {
    match url {
        DatabaseUrl::Sqlite(_) => sqlite::open(url).await,
        DatabaseUrl::Postgres(raw) => postgres::open(raw).await,
    }
}
