//! Samskap's stores: the storage contract (`samskap_domain::store`) implemented once
//! for SQLite and PostgreSQL, how one is opened from `DATABASE_URL` with its migrations,
//! and the staff session store on the same pool. No HTTP, no Leptos.
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

/// An open database: the app's store and the staff session store on the same pool, and
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

/// How the store's calls begin transactions. `begin_write` starts one that writes: every
/// store call that writes begins there. SQLite: `BEGIN IMMEDIATE` takes the write lock at once, waiting its turn (the busy
/// timeout) behind another writer. A plain `BEGIN` would take it only at the first
/// write, and a transaction that has read by then is refused at once with "database is
/// locked": SQLite does not wait for a reader to become a writer. Which calls read
/// first was once chosen call by call, and one missed (`unsubscribe`) failed a CI run.
/// PostgreSQL: a plain `BEGIN`, its row locks do the waiting. `begin_read` starts one
/// that only reads, for reads that must agree with each other: a plain `BEGIN` on both,
/// which on SQLite waits for no writer.
#[async_trait::async_trait]
pub(crate) trait Begin {
    type Db: sqlx::Database;
    async fn begin_write(&self) -> Result<sqlx::Transaction<'static, Self::Db>, sqlx::Error>;
    async fn begin_read(&self) -> Result<sqlx::Transaction<'static, Self::Db>, sqlx::Error>;
}

#[async_trait::async_trait]
impl Begin for sqlx::SqlitePool {
    type Db = sqlx::Sqlite;
    async fn begin_write(&self) -> Result<sqlx::Transaction<'static, Self::Db>, sqlx::Error> {
        self.begin_with("BEGIN IMMEDIATE").await
    }
    async fn begin_read(&self) -> Result<sqlx::Transaction<'static, Self::Db>, sqlx::Error> {
        self.begin().await
    }
}

#[async_trait::async_trait]
impl Begin for sqlx::PgPool {
    type Db = sqlx::Postgres;
    async fn begin_write(&self) -> Result<sqlx::Transaction<'static, Self::Db>, sqlx::Error> {
        self.begin().await
    }
    async fn begin_read(&self) -> Result<sqlx::Transaction<'static, Self::Db>, sqlx::Error> {
        self.begin().await
    }
}
