//! Upgrading to several programmes: a database of the release before them (one
//! programme, one role per account) becomes one programme holding all its data, with
//! each account a member in its old role, its leads the operators, and its audit trail
//! the programme's, on SQLite and PostgreSQL.
use crate::support::{TestPostgres, TestSqlite};
use samskap_domain::account::model::Role;
use samskap_domain::store::plan_store::AuditFilter;
use samskap_domain::store::Store;
use sqlx::migrate::Migrator;
use std::path::Path;
use uuid::Uuid;

/// The last migration of the release before memberships, per backend.
const SQLITE_BEFORE: i64 = 15;
const POSTGRES_BEFORE: i64 = 16;

/// The migrations in `folder` up to `last`, as that release ran them.
async fn old_release(folder: &str, last: i64) -> Migrator {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../store/migrations")
        .join(folder);
    let mut migrator = Migrator::new(dir).await.unwrap();
    let kept: Vec<_> = migrator
        .migrations
        .iter()
        .filter(|m| m.version <= last)
        .cloned()
        .collect();
    assert_eq!(
        kept.len() as i64,
        last,
        "the old release's migrations are all there"
    );
    migrator.migrations = std::borrow::Cow::Owned(kept);
    migrator
}

/// What the old release held: Halden with a lead and a viewer, and audit entries whose
/// subject is the programme, its plan, and a card deleted since.
struct Old {
    programme: Uuid,
    lead: Uuid,
    viewer: Uuid,
}

impl Old {
    fn new() -> Self {
        Old {
            programme: Uuid::new_v4(),
            lead: Uuid::new_v4(),
            viewer: Uuid::new_v4(),
        }
    }
}

/// Seeds the old schema through `$conn` (either backend's connection).
macro_rules! seed_old {
    ($conn:expr, $old:expr) => {{
        let now = chrono::Utc::now();
        sqlx::query(
            "INSERT INTO programmes (id, name, area, start_year, end_year, yearly_budget_nok, created_at)
             VALUES ($1, 'Halden sentrum', 'Halden', 2024, 2028, 5000000, $2)",
        )
        .bind($old.programme)
        .bind(now)
        .execute(&mut *$conn)
        .await
        .unwrap();
        for (id, email, role) in [
            ($old.lead, "leder@halden.no", "lead"),
            ($old.viewer, "se@halden.no", "viewer"),
        ] {
            sqlx::query(
                "INSERT INTO users (id, email, display_name, role, password_hash, active, created_at)
                 VALUES ($1, $2, $2, $3, 'x', TRUE, $4)",
            )
            .bind(id)
            .bind(email)
            .bind(role)
            .bind(now)
            .execute(&mut *$conn)
            .await
            .unwrap();
        }
        for (action, kind, subject) in [
            ("programme_saved", "programme", $old.programme),
            ("plan_proposed", "plan", $old.programme),
            ("card_hidden", "card", Uuid::new_v4()),
        ] {
            sqlx::query(
                "INSERT INTO audit_events (id, at, actor_id, actor_name, action, subject_kind, subject_id, detail)
                 VALUES ($1, $2, $3, 'Leder', $4, $5, $6, '')",
            )
            .bind(Uuid::new_v4())
            .bind(now)
            .bind($old.lead)
            .bind(action)
            .bind(kind)
            .bind(subject)
            .execute(&mut *$conn)
            .await
            .unwrap();
        }
    }};
}

/// After the upgrade: one programme holding everything, each account in its old role.
async fn check_upgraded(store: &dyn Store, old: &Old) {
    let programmes = store.programmes().await.unwrap();
    assert_eq!(programmes.len(), 1);
    assert_eq!(programmes[0].id, old.programme);
    // Its slug is made from its name, and its URLs work.
    assert_eq!(programmes[0].slug, "halden-sentrum");
    assert_eq!(
        store.programme_by_slug("halden-sentrum").await.unwrap(),
        Some(old.programme)
    );
    let lead = store
        .member(old.programme, old.lead)
        .await
        .unwrap()
        .unwrap();
    let viewer = store
        .member(old.programme, old.viewer)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((lead.role, viewer.role), (Role::Lead, Role::Viewer));
    assert!(store.account(old.lead).await.unwrap().unwrap().operator);
    assert!(!store.account(old.viewer).await.unwrap().unwrap().operator);
    // The role check takes the evaluator now.
    store
        .set_role(old.programme, old.viewer, Role::Evaluator)
        .await
        .unwrap();
    let evaluator = store
        .member(old.programme, old.viewer)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(evaluator.role, Role::Evaluator);
    let filter = AuditFilter {
        limit: 10,
        ..Default::default()
    };
    let trail = store.audit_log(old.programme, &filter).await.unwrap();
    let mut actions: Vec<_> = trail.iter().map(|e| e.action.as_str()).collect();
    actions.sort();
    assert_eq!(actions, ["card_hidden", "plan_proposed", "programme_saved"]);
    assert!(store
        .audit_log(Uuid::new_v4(), &filter)
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn a_sqlite_database_of_the_last_release_becomes_one_programme() {
    use sqlx::Connection;
    let db = TestSqlite::new();
    let mut conn = db.raw().await;
    old_release("sqlite", SQLITE_BEFORE)
        .await
        .run(&mut conn)
        .await
        .unwrap();
    let old = Old::new();
    seed_old!(&mut conn, old);
    conn.close().await.unwrap();
    check_upgraded(db.open().await.store.as_ref(), &old).await;
}

#[tokio::test]
async fn a_postgres_database_of_the_last_release_becomes_one_programme() {
    use sqlx::Connection;
    let db = TestPostgres::new().await;
    let mut conn = sqlx::PgConnection::connect(db.url.secret()).await.unwrap();
    old_release("postgres", POSTGRES_BEFORE)
        .await
        .run(&mut conn)
        .await
        .unwrap();
    let old = Old::new();
    seed_old!(&mut conn, old);
    conn.close().await.unwrap();
    check_upgraded(db.open().await.store.as_ref(), &old).await;
    db.drop_db().await;
}
