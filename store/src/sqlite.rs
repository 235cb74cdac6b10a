//! The embedded SQLite store: one file, WAL journal, fully synchronous commits.
use super::{sessions::SessionBackend, Opened};
use crate::database_url::DatabaseUrl;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

/// How long a writer waits for another writer's lock before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

pub struct SqliteStore {
    pool: SqlitePool,
    /// The one connection every write runs on (`begin_write`, `writer`), the staff's
    /// sessions' too (`SessionBackend::Sqlite`).
    writer: SqlitePool,
    /// A shared lock on `<file>.lock` while the store is open: `samskap restore` takes it
    /// exclusively, so it never replaces a database in use.
    _in_use: std::fs::File,
}

/// Opens (creating it) the `<file>.lock` whose lock says a database is in use.
pub fn open_lock_file(db_file: &std::path::Path) -> Result<std::fs::File, String> {
    let mut path = db_file.as_os_str().to_owned();
    path.push(".lock");
    std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| format!("cannot open {}: {e}", path.to_string_lossy()))
}

/// Takes the shared "in use" lock of a database file.
fn lock_in_use(db_file: &str) -> Result<std::fs::File, String> {
    let file = open_lock_file(std::path::Path::new(db_file))?;
    file.try_lock_shared()
        .map_err(|_| format!("{db_file} is being restored; try again when that is done"))?;
    Ok(file)
}

type Db = sqlx::Sqlite;
/// The store the shared calls (`calls/`) are compiled for in this module.
type StoreImpl = SqliteStore;
/// No lock on the leads: SQLite has one writer at a time, and the first UPDATE of a
/// transaction serialises it.
const LOCK_LEADS: Option<&str> = None;

/// FTS5: a separate index (`library_search`) the store writes with each entry; each
/// word quoted (so it is a word, not syntax) and a prefix, all required. It holds only
/// what a search can find (migration 0022): shared local entries at positive rowids,
/// fetched ones at negative rowids.
const FULL_TEXT: crate::library_sql::FullText = crate::library_sql::FullText {
    // One pass over the matches, local and fetched alike, each looked up in an index
    // that holds the columns the filters read (migration 0021), never in the rows.
    found: |local, fetched| {
        let (join_fetched, or_fetched) = match fetched {
            Some(fetched) => (
                format!(
                    "LEFT JOIN library_remote_entries r INDEXED BY library_remote_entries_found
                       ON r.id = library_search.entry_id AND {fetched}"
                ),
                " OR r.id IS NOT NULL",
            ),
            None => (String::new(), " AND library_search.rowid > 0"),
        };
        format!(
            "SELECT library_search.entry_id AS id, bm25(library_search) AS sort_key
             FROM library_search
             LEFT JOIN library_entries e INDEXED BY library_entries_found
               ON e.id = library_search.entry_id AND {local}
             {join_fetched}
             WHERE library_search MATCH $1 AND (e.id IS NOT NULL{or_fetched})"
        )
    },
    // FTS5 ranks all the matches and sorts them itself, reading only the `limit` best
    // rows' entry ids (its plan for `ORDER BY rank` with `MATCH`).
    ranked: Some(|elsewhere, unset, limit| {
        let local_only = if elsewhere { "" } else { " AND rowid > 0" };
        format!(
            "SELECT entry_id AS id, rank AS sort_key FROM library_search
             WHERE library_search MATCH $1{local_only} AND {unset}
             ORDER BY rank LIMIT {limit}"
        )
    }),
    index: Some(crate::library_sql::SeparateIndex {
        remove: "DELETE FROM library_search WHERE entry_id = $1",
        // The next free rowid on its side of zero (one writer at a time: no race).
        add_local: "INSERT INTO library_search (rowid, entry_id, title, body)
                    SELECT (SELECT MAX(COALESCE(MAX(rowid), 0), 0) + 1 FROM library_search),
                           id, title, body
                    FROM library_entries WHERE id = $1 AND shared = TRUE",
        // Below the lowest rowid (one writer at a time: no race); the subquery does not
        // depend on the row, so SQLite runs it once.
        add_feed: "INSERT INTO library_search (rowid, entry_id, title, body)
                   SELECT (SELECT MIN(COALESCE(MIN(rowid), 0), 0) FROM library_search)
                            - ROW_NUMBER() OVER (ORDER BY id),
                          id, title, body
                   FROM library_remote_entries WHERE feed_id = $1",
        remove_feed: "DELETE FROM library_search WHERE entry_id IN
                      (SELECT id FROM library_remote_entries WHERE feed_id = $1)",
    }),
    query: |words| {
        words
            .iter()
            .map(|w| format!("\"{w}\"*"))
            .collect::<Vec<_>>()
            .join(" ")
    },
};

impl SqliteStore {
    /// Begins a transaction that writes. SQLite takes one writer at a time, so writes
    /// queue for the one writer connection, first come first served (a write of one
    /// statement through `writer`); the rest of the pool reads meanwhile. `BEGIN
    /// IMMEDIATE` takes the write lock at once, waiting out (the busy timeout) a writer of
    /// another process: a plain `BEGIN` would take it at the first write, and a
    /// transaction that has read by then is refused at once with "database is locked"
    /// (SQLite does not wait for a reader to become a writer). Queued in SQLite's busy
    /// handler instead, eight writers polled for the lock up to 100 ms apart, a waiting
    /// one could be passed over until its 5 s ran out, and which calls read first was
    /// chosen call by call: `unsubscribe` was missed and failed a CI run.
    async fn begin_write(&self) -> Result<sqlx::Transaction<'static, Db>, sqlx::Error> {
        self.writer.begin_with("BEGIN IMMEDIATE").await
    }

    /// Where a write of one statement goes: it queues with the transactions that write.
    fn writer(&self) -> &SqlitePool {
        &self.writer
    }

    /// Begins a transaction that only reads, for reads that must see one state of the
    /// database (WAL: a snapshot from the first read on).
    async fn begin_read(&self) -> Result<sqlx::Transaction<'static, Db>, sqlx::Error> {
        self.pool.begin().await
    }
}

// Both backends include the same files, each for its own `Db` and `StoreImpl`.
#[allow(clippy::duplicate_mod)]
#[path = "calls/mod.rs"]
mod calls;

/// The SQLite schema's migrations (also what `samskap restore` checks a backup against).
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

/// Opens (creating if missing) the SQLite file, its directory and its schema.
pub async fn open(url: &DatabaseUrl) -> Result<Opened, String> {
    let DatabaseUrl::Sqlite(raw) = url else {
        return Err("not a SQLite URL".into());
    };
    if let Some(dir) = url
        .sqlite_file()
        .and_then(|f| std::path::Path::new(f).parent())
    {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
    }
    let in_use = lock_in_use(url.sqlite_file().unwrap_or_default())?;
    // WAL lets readers run beside the writer; FULL syncs the WAL on every commit, so an
    // acknowledged write survives a crash of the process and of the machine.
    let options = SqliteConnectOptions::from_str(raw)
        .map_err(|e| format!("DATABASE_URL {url} is not a valid SQLite URL: {e}"))?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .busy_timeout(BUSY_TIMEOUT)
        .foreign_keys(true)
        // Deleted and erased rows are overwritten with zeros, not left in free pages.
        .pragma("secure_delete", "ON");
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options.clone())
        .await
        .map_err(|e| format!("cannot open {url}: {e}"))?;
    let writer = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_lazy_with(options);
    if let Some(file) = url.sqlite_file() {
        // The journal holds recent rows too: owner-only like the file.
        for suffix in ["", "-wal", "-shm"] {
            crate::owner_only::owner_only(std::path::Path::new(&format!("{file}{suffix}")))?;
        }
    }
    MIGRATOR
        .run(&pool)
        .await
        .map_err(|e| format!("migrating {url} failed: {e}"))?;
    let sessions = tower_sessions_sqlx_store::SqliteStore::new(writer.clone());
    sessions
        .migrate()
        .await
        .map_err(|e| format!("migrating sessions in {url} failed: {e}"))?;
    let sessions = SessionBackend::Sqlite {
        read: tower_sessions_sqlx_store::SqliteStore::new(pool.clone()),
        write: sessions,
        writer: writer.clone(),
    };
    Ok(Opened {
        store: Arc::new(SqliteStore {
            pool,
            writer,
            _in_use: in_use,
        }),
        sessions,
        fanout: None,
    })
}
