//! One conformance suite for the `Store` contract, run against SQLite and PostgreSQL.

use crate::support::{TestPostgres, TestSqlite};
use samskap_app::server::password;
use samskap_domain::account::model::Role;
use samskap_domain::programme::model::ProgrammeFields;
use samskap_domain::store::{NewUser, Store, StoreError};
use samskap_server::demo;
use uuid::Uuid;

/// How many active leads the store holds.
async fn active_leads(store: &dyn Store) -> usize {
    store
        .users()
        .await
        .unwrap()
        .iter()
        .filter(|u| u.role == Role::Lead && u.active)
        .count()
}

fn new_user(email: &str, role: Role) -> NewUser {
    NewUser {
        email: email.into(),
        display_name: format!("Navn {email}"),
        role,
        password_hash: "$argon2id$x".into(),
    }
}

fn fields(name: &str) -> ProgrammeFields {
    ProgrammeFields {
        name: name.into(),
        area: "Halden".into(),
        start_year: 2024,
        end_year: 2028,
        yearly_budget_nok: 5_000_000,
    }
}

async fn users(store: &dyn Store) {
    store.health().await.unwrap();
    let lead = store
        .create_user(new_user("leder@test.no", Role::Lead))
        .await
        .unwrap();
    let viewer = store
        .create_user(new_user("se@test.no", Role::Viewer))
        .await
        .unwrap();
    assert!(matches!(
        store
            .create_user(new_user("leder@test.no", Role::Core))
            .await,
        Err(StoreError::EmailTaken)
    ));

    assert_eq!(store.user(lead.id).await.unwrap(), Some(lead.clone()));
    assert_eq!(store.user(Uuid::new_v4()).await.unwrap(), None);
    let (found, hash) = store
        .user_with_hash("leder@test.no")
        .await
        .unwrap()
        .unwrap();
    assert_eq!((found.id, hash.as_str()), (lead.id, "$argon2id$x"));
    assert!(store
        .user_with_hash("ingen@test.no")
        .await
        .unwrap()
        .is_none());
    let emails: Vec<_> = store
        .users()
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.email)
        .collect();
    assert_eq!(emails, ["leder@test.no", "se@test.no"]);

    assert_eq!(active_leads(store).await, 1);
    store.set_role(viewer.id, Role::Lead).await.unwrap();
    assert_eq!(active_leads(store).await, 2);
    store.set_active(viewer.id, false).await.unwrap();
    assert_eq!(active_leads(store).await, 1);
    let changed = store.user(viewer.id).await.unwrap().unwrap();
    assert_eq!((changed.role, changed.active), (Role::Lead, false));
    store
        .set_password_hash(lead.id, "$argon2id$y")
        .await
        .unwrap();
    assert_eq!(
        store
            .user_with_hash("leder@test.no")
            .await
            .unwrap()
            .unwrap()
            .1,
        "$argon2id$y"
    );

    // Password and activity changes start a new session epoch; a role change does not.
    let epoch = |id| async move { store.user(id).await.unwrap().unwrap().session_epoch };
    let before = epoch(lead.id).await;
    store
        .set_password_hash(lead.id, "$argon2id$z")
        .await
        .unwrap();
    assert_eq!(epoch(lead.id).await, before + 1);
    store.set_active(lead.id, true).await.unwrap();
    assert_eq!(epoch(lead.id).await, before + 2);
    store.set_role(lead.id, Role::Lead).await.unwrap();
    assert_eq!(epoch(lead.id).await, before + 2);

    // The only active lead can neither be demoted nor deactivated.
    let epoch_before = epoch(lead.id).await;
    assert!(matches!(
        store.set_role(lead.id, Role::Core).await,
        Err(StoreError::LastLead)
    ));
    assert!(matches!(
        store.set_active(lead.id, false).await,
        Err(StoreError::LastLead)
    ));
    let unchanged = store.user(lead.id).await.unwrap().unwrap();
    assert_eq!(
        (unchanged.role, unchanged.active, unchanged.session_epoch),
        (Role::Lead, true, epoch_before)
    );
    assert_eq!(active_leads(store).await, 1);

    let ghost = Uuid::new_v4();
    assert!(matches!(
        store.set_role(ghost, Role::Core).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.set_active(ghost, true).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.set_password_hash(ghost, "x").await,
        Err(StoreError::NotFound)
    ));
}

async fn programme(store: &dyn Store) {
    assert_eq!(store.programme().await.unwrap(), None);
    assert_eq!(store.programme_id().await.unwrap(), None);
    let id = store.save_programme(fields("Første")).await.unwrap();
    assert_eq!(store.programme_id().await.unwrap(), Some(id));
    assert_eq!(
        store.save_programme(fields("Andre")).await.unwrap(),
        id,
        "saving again updates the same programme"
    );
    let p = store.programme().await.unwrap().unwrap();
    assert_eq!(
        (p.id, p.fields.name.as_str(), p.fields.yearly_budget_nok),
        (id, "Andre", 5_000_000)
    );

    let a = store.add_focus_area(id, "Møteplasser", "").await.unwrap();
    let b = store.add_focus_area(id, "Bolig", "Boliger").await.unwrap();
    let c = store.add_focus_area(id, "Kriminalitet", "").await.unwrap();
    assert!(matches!(
        store.add_focus_area(Uuid::new_v4(), "x", "").await,
        Err(StoreError::NotFound)
    ));
    store
        .update_focus_area(id, b.id, "Bolig og bomiljø", "Nytt")
        .await
        .unwrap();
    assert!(matches!(
        store.update_focus_area(id, Uuid::new_v4(), "x", "").await,
        Err(StoreError::NotFound)
    ));
    // A focus area or goal is changed only through its own programme: the id is checked
    // against the programme in the statement that changes it.
    let elsewhere = Uuid::new_v4();
    assert!(matches!(
        store.update_focus_area(elsewhere, a.id, "Kapret", "").await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.delete_focus_area(elsewhere, a.id).await,
        Err(StoreError::NotFound)
    ));

    // Links are kept in focus-area order and without duplicates.
    let goal = store
        .add_goal(id, "Ungdom i fokus", "", &[c.id, a.id, c.id])
        .await
        .unwrap();
    assert_eq!(goal.focus_area_ids, [c.id, a.id]);
    let p = store.programme().await.unwrap().unwrap();
    let names: Vec<_> = p.focus_areas.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["Møteplasser", "Bolig og bomiljø", "Kriminalitet"]);
    assert_eq!(p.focus_areas[1].description, "Nytt");
    assert_eq!(p.goals[0].focus_area_ids, [a.id, c.id]);

    // An unknown focus area rolls the whole change back.
    let before = store.programme().await.unwrap();
    assert!(matches!(
        store
            .add_goal(id, "Feil", "", &[a.id, Uuid::new_v4()])
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .update_goal(id, goal.id, "Endret", "", &[Uuid::new_v4()])
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .update_goal(elsewhere, goal.id, "Kapret", "", &[])
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.delete_goal(elsewhere, goal.id).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(store.programme().await.unwrap(), before);

    store
        .update_goal(id, goal.id, "Ungdom", "Tillit", &[b.id])
        .await
        .unwrap();
    let second = store.add_goal(id, "Trygghet", "", &[]).await.unwrap();
    let p = store.programme().await.unwrap().unwrap();
    assert_eq!(
        p.goals.iter().map(|g| g.title.as_str()).collect::<Vec<_>>(),
        ["Ungdom", "Trygghet"]
    );
    assert_eq!(p.goals[0].focus_area_ids, [b.id]);

    // Deleting a focus area removes its links; deleting a goal removes the goal.
    store.delete_focus_area(id, b.id).await.unwrap();
    assert!(store.programme().await.unwrap().unwrap().goals[0]
        .focus_area_ids
        .is_empty());
    store.delete_goal(id, second.id).await.unwrap();
    assert!(matches!(
        store.delete_goal(id, second.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.delete_focus_area(id, b.id).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(store.programme().await.unwrap().unwrap().goals.len(), 1);
}

async fn demo_data(store: &dyn Store) {
    demo::seed(store, "første demo-passord").await.unwrap();
    demo::seed(store, "andre demo-passord").await.unwrap();
    let p = store.programme().await.unwrap().unwrap();
    assert_eq!(p.fields.name, "Halden sentrum");
    assert_eq!(
        (
            p.fields.start_year,
            p.fields.end_year,
            p.fields.yearly_budget_nok
        ),
        (2024, 2028, 5_000_000)
    );
    assert_eq!(p.focus_areas.len(), 4, "seeding twice does not duplicate");
    assert_eq!(p.goals.len(), 5);
    let youth = p
        .goals
        .iter()
        .find(|g| g.title == "Ungdom i fokus")
        .unwrap();
    assert_eq!(youth.focus_area_ids.len(), 3);
    assert_eq!(store.users().await.unwrap().len(), 4);
    let (lead, hash) = store
        .user_with_hash("leder@halden.demo")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(lead.role, Role::Lead);
    assert!(
        password::verify("andre demo-passord", &hash),
        "the latest demo password applies"
    );
    assert!(!password::verify("første demo-passord", &hash));
}

/// Two leads deactivating each other at the same moment, ten times over: one of them
/// always stays.
async fn concurrent_demotions(store: &dyn Store) {
    let mut survivor: Option<Uuid> = None;
    for round in 0..10 {
        let a = store
            .create_user(new_user(&format!("a{round}@test.no"), Role::Lead))
            .await
            .unwrap();
        let b = store
            .create_user(new_user(&format!("b{round}@test.no"), Role::Lead))
            .await
            .unwrap();
        if let Some(previous) = survivor {
            store.set_active(previous, false).await.unwrap();
        }
        let (first, second) =
            tokio::join!(store.set_active(a.id, false), store.set_active(b.id, false));
        let refused = [&first, &second]
            .iter()
            .filter(|r| matches!(r, Err(StoreError::LastLead)))
            .count();
        assert_eq!(refused, 1, "round {round}: {first:?} {second:?}");
        assert_eq!(active_leads(store).await, 1, "round {round}");
        survivor = Some(if first.is_ok() { b.id } else { a.id });
    }
}

async fn suite(store: &dyn Store) {
    users(store).await;
    programme(store).await;
}

#[tokio::test]
async fn sqlite_store_conforms() {
    let db = TestSqlite::new();
    suite(db.open().await.store.as_ref()).await;
    // Everything is on disk: a new pool on the same file sees it.
    let reopened = db.open().await;
    assert_eq!(reopened.store.users().await.unwrap().len(), 2);
    assert!(reopened.store.programme().await.unwrap().is_some());
}

#[tokio::test]
async fn postgres_store_conforms() {
    let db = TestPostgres::new().await;
    suite(db.open().await.store.as_ref()).await;
    let reopened = db.open().await;
    assert_eq!(reopened.store.users().await.unwrap().len(), 2);
    db.drop_db().await;
}

#[tokio::test]
async fn sqlite_runs_in_wal_mode_with_full_sync() {
    use sqlx::Connection;
    let db = TestSqlite::new();
    drop(db.open().await);
    let path = db.dir.path().join("samskap.db");
    let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(mode, "wal", "the journal mode is stored in the file");
}

on_both_backends!(
    keeps_a_lead_under_concurrency => concurrent_demotions,
    demo_data_loads => demo_data,
);
