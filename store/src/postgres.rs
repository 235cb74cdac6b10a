//! The PostgreSQL store, for several server instances sharing one database.
use super::rows::{
    kinds_text, BoardRow, CardRow, EventRow, LinkRow, PairRow, ParticipantRow, ProgrammeRow,
    TextRow, UserRow, WorkshopRow,
};
use super::sql::{found, FIRST_PROGRAMME, USER_COLUMNS};
use super::workshop_sql::{distinct, BOARD_COLUMNS, CARD_COLUMNS};
use super::{sessions::SessionBackend, Opened};
use samskap_domain::account::model::{Role, User};
use samskap_domain::programme::model::{FocusArea, Goal, Programme, ProgrammeFields};
use samskap_domain::store::workshop_store::{
    AuthorRef, LogSubject, NewCard, NewParticipant, Replay, VoteChange,
};
use samskap_domain::store::{NewUser, StoreError, StoreResult};
use samskap_domain::workshop::model::{
    Board, Card, CardKind, CardStatus, Moderation, Participant, Phase, Theme, Workshop,
    WorkshopFields, WorkshopStatus,
};
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;
use uuid::Uuid;

pub struct PostgresStore {
    pool: PgPool,
}

impl_store!(
    PostgresStore,
    Some("SELECT id FROM users WHERE role = 'lead' AND active = TRUE FOR UPDATE")
);
impl_workshop_store!(PostgresStore);
impl_pipeline_store!(PostgresStore);
impl_plan_store!(PostgresStore);
impl_inclusion_store!(PostgresStore);
impl_follow_up_store!(PostgresStore);
impl_report_store!(PostgresStore);

type Db = sqlx::Postgres;

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
        sessions: SessionBackend::Postgres(sessions),
        fanout: Some(crate::Instance {
            pool,
            name: instance,
        }),
    })
}
