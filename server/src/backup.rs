//! `samskap backup` and `samskap restore` for the SQLite store: an online, consistent
//! copy of the whole database (photos and sessions included, since they live in it),
//! and putting such a copy back. PostgreSQL is backed up with its own tools (pg_dump),
//! as docs/OPERATIONS.md describes.
use samskap_store::database_url::DatabaseUrl;
use samskap_store::owner_only::owner_only;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteLockingMode};
use sqlx::{ConnectOptions, Connection, SqliteConnection};
use std::path::{Path, PathBuf};
use std::time::Duration;

const POSTGRES_ROUTE: &str =
    "PostgreSQL is backed up with pg_dump and restored with pg_restore; see docs/OPERATIONS.md";

/// What a backup holds, for the one line the commands print.
pub struct Summary {
    pub cards: i64,
    pub photos: i64,
    pub measures: i64,
    pub bytes: u64,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} cards, {} photos, {} measures ({:.1} MB)",
            self.cards,
            self.photos,
            self.measures,
            self.bytes as f64 / 1e6
        )
    }
}

fn sqlite_path(url: &DatabaseUrl) -> Result<PathBuf, String> {
    match url {
        DatabaseUrl::Sqlite(_) => url
            .sqlite_file()
            .map(PathBuf::from)
            .ok_or_else(|| format!("{url} names no file")),
        DatabaseUrl::Postgres(_) => Err(POSTGRES_ROUTE.into()),
    }
}

async fn connect(path: &Path, read_only: bool) -> Result<SqliteConnection, String> {
    SqliteConnectOptions::new()
        .filename(path)
        .read_only(read_only)
        .busy_timeout(Duration::from_secs(10))
        .connect()
        .await
        .map_err(|e| format!("cannot open {}: {e}", path.display()))
}

/// Writes a consistent copy of the live database to `to` (which must not exist yet),
/// while the server keeps running, and checks the copy.
pub async fn backup(url: &DatabaseUrl, to: &Path) -> Result<Summary, String> {
    let from = sqlite_path(url)?;
    if !from.exists() {
        return Err(format!("there is no database at {}", from.display()));
    }
    if to.exists() {
        return Err(format!(
            "{} exists already; choose a new file",
            to.display()
        ));
    }
    let partial = with_suffix(to, ".partial");
    let _ = std::fs::remove_file(&partial);
    // VACUUM INTO fills an empty file it finds: made first, readable by us alone.
    create_owner_only(&partial)?;
    let mut source = connect(&from, true).await?;
    // VACUUM INTO reads one snapshot: writers carry on, and the copy is compact.
    sqlx::query("VACUUM INTO ?")
        .bind(partial.to_string_lossy().as_ref())
        .execute(&mut source)
        .await
        .map_err(|e| format!("copying {} failed: {e}", from.display()))?;
    source.close().await.ok();
    let summary = check(&partial).await.inspect_err(|_| {
        let _ = std::fs::remove_file(&partial);
    })?;
    owner_only(&partial)?;
    sync_file(&partial)?;
    std::fs::rename(&partial, to)
        .map_err(|e| format!("cannot move the copy to {}: {e}", to.display()))?;
    sync_dir(to)?;
    Ok(summary)
}

/// Puts a backup in place of the database. The database must not exist, or `replace`
/// must be given and no server may be using it.
pub async fn restore(url: &DatabaseUrl, from: &Path, replace: bool) -> Result<Summary, String> {
    let target = sqlite_path(url)?;
    if with_suffix(from, "-wal").exists() {
        return Err(format!(
            "{} has a -wal file beside it: it is a live database, not a backup; make one with samskap backup",
            from.display()
        ));
    }
    let summary = check(from).await?;
    // Held until the restored file is in place: no server opens the database meanwhile.
    let _restoring = exclusive_lock(&target)?;
    if target.exists() {
        if !replace {
            return Err(format!(
                "{} exists; pass --replace to overwrite it (stop the server first)",
                target.display()
            ));
        }
        ensure_unused(&target).await?;
    }
    // exclusive_lock made the directory.
    let partial = with_suffix(&target, ".restoring");
    let _ = std::fs::remove_file(&partial);
    create_owner_only(&partial)?;
    std::fs::copy(from, &partial).map_err(|e| {
        format!(
            "cannot copy {} to {}: {e}",
            from.display(),
            partial.display()
        )
    })?;
    // `copy` gives the copy the backup's permission bits: back to owner-only.
    owner_only(&partial)?;
    sync_file(&partial)?;
    // The old database's journal must not be applied to the restored file.
    for suffix in ["-wal", "-shm"] {
        let journal = with_suffix(&target, suffix);
        if journal.exists() {
            std::fs::remove_file(&journal)
                .map_err(|e| format!("cannot remove {}: {e}", journal.display()))?;
        }
    }
    std::fs::rename(&partial, &target)
        .map_err(|e| format!("cannot move the copy to {}: {e}", target.display()))?;
    sync_dir(&target)?;
    Ok(summary)
}

/// Creates an empty file only its owner may read and write (0600).
fn create_owner_only(path: &Path) -> Result<(), String> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map(drop)
        .map_err(|e| format!("cannot create {}: {e}", path.display()))
}

/// The "in use" lock every open store holds shared, taken exclusively.
fn exclusive_lock(target: &Path) -> Result<std::fs::File, String> {
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let file = samskap_store::sqlite::open_lock_file(target)?;
    file.try_lock().map_err(|_| {
        format!(
            "{} is in use (is the server running?); stop it before restoring",
            target.display()
        )
    })?;
    Ok(file)
}

/// Fails when another process has the database open without the lock above (a server
/// of an older version).
async fn ensure_unused(path: &Path) -> Result<(), String> {
    let in_use = || {
        format!(
            "{} is in use (is the server running?); stop it before restoring",
            path.display()
        )
    };
    let mut conn = SqliteConnectOptions::new()
        .filename(path)
        .journal_mode(SqliteJournalMode::Wal)
        .locking_mode(SqliteLockingMode::Exclusive)
        .busy_timeout(Duration::ZERO)
        .connect()
        .await
        .map_err(|_| in_use())?;
    // In exclusive locking mode the first write takes the file's lock for good; it fails
    // while any other connection has the file open.
    sqlx::query("BEGIN EXCLUSIVE")
        .execute(&mut conn)
        .await
        .map_err(|_| in_use())?;
    sqlx::query("ROLLBACK").execute(&mut conn).await.ok();
    conn.close().await.ok();
    Ok(())
}

/// Opens a copy read-only and checks that it is a sound Samskap database that this
/// version can run (its migrations are not newer than ours).
async fn check(path: &Path) -> Result<Summary, String> {
    let not_samskap =
        |detail: String| format!("{} is not a Samskap backup ({detail})", path.display());
    if !path.is_file() {
        return Err(format!("there is no file {}", path.display()));
    }
    let mut conn = SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .connect()
        .await
        .map_err(|e| not_samskap(e.to_string()))?;
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut conn)
        .await
        .map_err(|e| not_samskap(e.to_string()))?;
    if integrity != "ok" {
        return Err(format!("{} is damaged: {integrity}", path.display()));
    }
    let newest: Option<i64> =
        sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success")
            .fetch_one(&mut conn)
            .await
            .map_err(|e| not_samskap(e.to_string()))?;
    let known = samskap_store::sqlite::MIGRATOR
        .iter()
        .map(|m| m.version)
        .max()
        .unwrap_or(0);
    match newest {
        None => return Err(not_samskap("no schema".into())),
        Some(v) if v > known => {
            return Err(format!(
                "{} comes from a newer Samskap (schema {v}, this one knows {known}); upgrade first",
                path.display()
            ))
        }
        Some(_) => {}
    }
    let mut counts = [0i64; 3];
    let tables = [
        "SELECT COUNT(*) FROM cards",
        "SELECT COUNT(*) FROM photos",
        "SELECT COUNT(*) FROM measures",
    ];
    for (count, sql) in counts.iter_mut().zip(tables) {
        *count = sqlx::query_scalar(sql)
            .fetch_one(&mut conn)
            .await
            .map_err(|e| not_samskap(e.to_string()))?;
    }
    let [cards, photos, measures] = counts;
    conn.close().await.ok();
    let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    Ok(Summary {
        cards,
        photos,
        measures,
        bytes,
    })
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn sync_file(path: &Path) -> Result<(), String> {
    std::fs::File::open(path)
        .and_then(|f| f.sync_all())
        .map_err(|e| format!("cannot sync {}: {e}", path.display()))
}

/// Makes a rename in the file's directory durable.
fn sync_dir(path: &Path) -> Result<(), String> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| format!("cannot sync {}: {e}", dir.display()))
}
