//! Staff sessions in the same database as the data (tower-sessions' sqlx stores), so
//! they survive restarts and are shared by every server instance. The database keeps
//! only a hash of each session id: a copy of it (a stolen backup) signs nobody in.
use async_trait::async_trait;
use samskap_domain::account::model::SESSION_EXPIRES_AT;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

/// The session store of whichever backend is in use.
#[derive(Debug, Clone)]
pub enum SessionBackend {
    /// Sessions are read on the read pool and written on the store's one writer
    /// connection, in its queue (on the read pool, a save polled for SQLite's write lock
    /// in the busy handler, passed over by the queued writes).
    Sqlite {
        read: SqliteStore,
        write: SqliteStore,
        /// The writer connection `write` uses, for `update_stored` (the sqlx store does
        /// not hand its pool out, so it is kept twice).
        writer: sqlx::SqlitePool,
    },
    Postgres {
        store: PostgresStore,
        pool: sqlx::PgPool,
    },
}

/// The id a session is stored under: 128 bits of the SHA-256 of the cookie's id.
pub fn stored_id(id: &Id) -> Id {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(id.0.to_le_bytes());
    let mut first = [0u8; 16];
    first.copy_from_slice(&digest[..16]);
    Id(i128::from_le_bytes(first))
}

/// `record` as stored: under the hash of its id, without the expiry `load` added.
fn stored(record: &Record) -> Record {
    let mut stored = Record {
        id: stored_id(&record.id),
        ..record.clone()
    };
    stored.data.remove(SESSION_EXPIRES_AT);
    stored
}

impl SessionBackend {
    async fn save_stored(&self, record: &Record) -> session_store::Result<()> {
        match self {
            SessionBackend::Sqlite { write, .. } => write.save(record).await,
            SessionBackend::Postgres { store, .. } => store.save(record).await,
        }
    }

    async fn load_stored(&self, id: &Id) -> session_store::Result<Option<Record>> {
        match self {
            SessionBackend::Sqlite { read, .. } => read.load(id).await,
            SessionBackend::Postgres { store, .. } => store.load(id).await,
        }
    }

    /// Updates a stored session (already under its stored id) in place, encoded as the
    /// sqlx store encodes it, in its table; nothing when it is no longer stored.
    async fn update_stored(&self, record: &Record) -> session_store::Result<()> {
        let data =
            rmp_serde::to_vec(record).map_err(|e| session_store::Error::Encode(e.to_string()))?;
        let backend = |e: sqlx::Error| session_store::Error::Backend(e.to_string());
        match self {
            SessionBackend::Sqlite { writer, .. } => {
                sqlx::query(UPDATE_SQLITE)
                    .bind(data)
                    .bind(record.expiry_date)
                    .bind(record.id.to_string())
                    .execute(writer)
                    .await
                    .map_err(backend)?;
            }
            SessionBackend::Postgres { pool, .. } => {
                sqlx::query(UPDATE_POSTGRES)
                    .bind(data)
                    .bind(record.expiry_date)
                    .bind(record.id.to_string())
                    .execute(pool)
                    .await
                    .map_err(backend)?;
            }
        }
        Ok(())
    }
}

/// The sqlx store's tables (its default names, `migrate` creates them), which
/// `update_stored` writes like the store does.
const UPDATE_SQLITE: &str = "UPDATE tower_sessions SET data = $1, expiry_date = $2 WHERE id = $3";
const UPDATE_POSTGRES: &str =
    r#"UPDATE "tower_sessions"."session" SET data = $1, expiry_date = $2 WHERE id = $3"#;

#[async_trait]
impl SessionStore for SessionBackend {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        // As tower-sessions' default: a fresh id until one is free, then save.
        while self.load_stored(&stored_id(&record.id)).await?.is_some() {
            record.id = Id::default();
        }
        self.save_stored(&stored(record)).await
    }

    /// A session saved again (tower-sessions `create`s a new one) is written only while
    /// it is still stored: one deleted meanwhile, signed out by another request of the
    /// same browser, stays signed out (the sqlx store's own `save` inserted it again).
    async fn save(&self, record: &Record) -> session_store::Result<()> {
        self.update_stored(&stored(record)).await
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        Ok(self.load_stored(&stored_id(id)).await?.map(|mut record| {
            // tower-sessions keeps a loaded session's expiry to itself.
            let expires_at = record.expiry_date.unix_timestamp();
            record
                .data
                .insert(SESSION_EXPIRES_AT.into(), expires_at.into());
            Record { id: *id, ..record }
        }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        let id = stored_id(id);
        match self {
            SessionBackend::Sqlite { write, .. } => write.delete(&id).await,
            SessionBackend::Postgres { store, .. } => store.delete(&id).await,
        }
    }
}

#[async_trait]
impl ExpiredDeletion for SessionBackend {
    async fn delete_expired(&self) -> session_store::Result<()> {
        match self {
            SessionBackend::Sqlite { write, .. } => write.delete_expired().await,
            SessionBackend::Postgres { store, .. } => store.delete_expired().await,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::stored_id;
    use tower_sessions::session::Id;

    #[test]
    fn a_stored_id_is_not_the_cookie_id() {
        let id = Id::default();
        assert_ne!(stored_id(&id), id);
        assert_eq!(stored_id(&id), stored_id(&id));
        assert_ne!(stored_id(&id), stored_id(&Id::default()));
    }
}
