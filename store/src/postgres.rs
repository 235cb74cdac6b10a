//! The PostgreSQL store, for several server instances sharing one database.
use super::{sessions::SessionBackend, Opened};
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;
use uuid::Uuid;

pub struct PostgresStore {
    pool: PgPool,
}

type Db = sqlx::Postgres;
/// The store the shared calls (`calls/`) are compiled for in this module.
type StoreImpl = PostgresStore;
/// At the start of a transaction that changes a lead, keeps concurrent changes to the
/// active leads out until it ends.
const LOCK_LEADS: Option<&str> =
    Some("SELECT user_id FROM memberships WHERE role = 'lead' FOR UPDATE");

/// Norwegian text search (stemmed words, each also a prefix) on the stored `words`
/// vectors and their indexes (migration 0022), ranked from the vectors.
const FULL_TEXT: crate::library_sql::FullText = crate::library_sql::FullText {
    found: |local, fetched| {
        let mut sql = format!(
            "SELECT e.id, -ts_rank(e.words, q) AS sort_key
             FROM library_entries e, to_tsquery('norwegian', $1) q
             WHERE e.words @@ q AND {local}"
        );
        if let Some(fetched) = fetched {
            sql.push_str(&format!(
                " UNION ALL
                 SELECT r.id, -ts_rank(r.words, q)
                 FROM library_remote_entries r, to_tsquery('norwegian', $1) q
                 WHERE r.words @@ q AND {fetched}"
            ));
        }
        sql
    },
    ranked: None,
    index: None,
    query: |words| {
        words
            .iter()
            .map(|w| format!("{w}:*"))
            .collect::<Vec<_>>()
            .join(" & ")
    },
};

impl PostgresStore {
    /// Begins a transaction that writes: a plain `BEGIN` (read committed); the calls'
    /// row locks order concurrent writers.
    async fn begin_write(&self) -> Result<sqlx::Transaction<'static, Db>, sqlx::Error> {
        self.pool.begin().await
    }

    /// Where a write of one statement goes: the pool.
    fn writer(&self) -> &PgPool {
        &self.pool
    }

    /// Begins a transaction that only reads, for reads that must see one state of the
    /// database: repeatable read, so every statement sees the snapshot of the first.
    async fn begin_read(&self) -> Result<sqlx::Transaction<'static, Db>, sqlx::Error> {
        self.pool
            .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            .await
    }
}

// Both backends include the same files, each for its own `Db` and `StoreImpl`.
#[allow(clippy::duplicate_mod)]
#[path = "calls/mod.rs"]
mod calls;

/// Connects and migrates. PostgreSQL commits are durable by default (`synchronous_commit = on`).
/// Each opening is one instance, named in its connections' `application_name`.
pub async fn open(url: &str) -> Result<Opened, String> {
    let shown = crate::database_url::DatabaseUrl::Postgres(url.to_string());
    let instance = format!("samskap-{}", Uuid::new_v4().simple());
    let options = PgConnectOptions::from_str(url)
        .map_err(|e| format!("DATABASE_URL {shown} is not a valid PostgreSQL URL: {e}"))?
        .application_name(&instance);
    let pool = PgPoolOptions::new()
        .max_connections(16)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options)
        .await
        .map_err(|e| format!("cannot connect to {shown}: {e}"))?;
    sqlx::migrate!("./migrations/postgres")
        .run(&pool)
        .await
        .map_err(|e| format!("migrating {shown} failed: {e}"))?;
    let sessions = tower_sessions_sqlx_store::PostgresStore::new(pool.clone());
    sessions
        .migrate()
        .await
        .map_err(|e| format!("migrating sessions in {shown} failed: {e}"))?;
    Ok(Opened {
        store: Arc::new(PostgresStore { pool: pool.clone() }),
        sessions: SessionBackend::Postgres {
            store: sessions,
            pool: pool.clone(),
        },
        fanout: Some(crate::Instance {
            pool,
            name: instance,
        }),
    })
}
