//! One conformance suite for the `Store` contract, run against SQLite and PostgreSQL.

use crate::support::{TestPostgres, TestSqlite};
use samskap_app::server::password;
use samskap_domain::account::model::Role;
use samskap_domain::programme::model::ProgrammeFields;
use samskap_domain::store::{Item, NewAccount, Store, StoreError};
use samskap_server::demo;
use uuid::Uuid;

/// How many active leads `programme` has.
async fn active_leads(store: &dyn Store, programme: Uuid) -> usize {
    store
        .members(programme)
        .await
        .unwrap()
        .iter()
        .filter(|u| u.role == Role::Lead && u.active)
        .count()
}

fn new_account(email: &str) -> NewAccount {
    NewAccount {
        email: email.into(),
        display_name: format!("Navn {email}"),
        password_hash: "$argon2id$x".into(),
        operator: false,
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
    let halden = store
        .create_programme("halden", fields("Halden"), None)
        .await
        .unwrap();
    let lead = store
        .create_member(halden, new_account("leder@test.no"), Role::Lead)
        .await
        .unwrap();
    let viewer = store
        .create_member(halden, new_account("se@test.no"), Role::Viewer)
        .await
        .unwrap();
    assert!(matches!(
        store
            .create_member(halden, new_account("leder@test.no"), Role::Core)
            .await,
        Err(StoreError::EmailTaken)
    ));
    assert!(matches!(
        store.create_account(new_account("se@test.no")).await,
        Err(StoreError::EmailTaken)
    ));
    // No such programme: nothing is created, not even the account.
    assert!(matches!(
        store
            .create_member(Uuid::new_v4(), new_account("ingen@test.no"), Role::Core)
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(store
        .account_with_hash("ingen@test.no")
        .await
        .unwrap()
        .is_none());

    assert_eq!(
        store.member(halden, lead.id).await.unwrap(),
        Some(lead.clone())
    );
    assert_eq!(store.member(halden, Uuid::new_v4()).await.unwrap(), None);
    let account = store.account(lead.id).await.unwrap().unwrap();
    assert_eq!(
        (account.email.as_str(), account.operator, account.active),
        ("leder@test.no", false, true)
    );
    assert_eq!(store.account(Uuid::new_v4()).await.unwrap(), None);
    let (found, hash) = store
        .account_with_hash("leder@test.no")
        .await
        .unwrap()
        .unwrap();
    assert_eq!((found.id, hash.as_str()), (lead.id, "$argon2id$x"));
    let emails: Vec<_> = store
        .members(halden)
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.email)
        .collect();
    assert_eq!(emails, ["leder@test.no", "se@test.no"]);

    assert_eq!(active_leads(store, halden).await, 1);
    store.set_role(halden, viewer.id, Role::Lead).await.unwrap();
    assert_eq!(active_leads(store, halden).await, 2);
    store.set_active(viewer.id, false).await.unwrap();
    assert_eq!(active_leads(store, halden).await, 1);
    let changed = store.member(halden, viewer.id).await.unwrap().unwrap();
    assert_eq!((changed.role, changed.active), (Role::Lead, false));
    store
        .set_password_hash(lead.id, "$argon2id$y")
        .await
        .unwrap();
    assert_eq!(
        store
            .account_with_hash("leder@test.no")
            .await
            .unwrap()
            .unwrap()
            .1,
        "$argon2id$y"
    );

    // Password and activity changes start a new session epoch; a role change does not.
    let epoch = |id| async move { store.account(id).await.unwrap().unwrap().session_epoch };
    let before = epoch(lead.id).await;
    store
        .set_password_hash(lead.id, "$argon2id$z")
        .await
        .unwrap();
    assert_eq!(epoch(lead.id).await, before + 1);
    store.set_active(lead.id, true).await.unwrap();
    assert_eq!(epoch(lead.id).await, before + 2);
    store.set_role(halden, lead.id, Role::Lead).await.unwrap();
    assert_eq!(epoch(lead.id).await, before + 2);

    // The only active lead can neither be demoted nor deactivated.
    let epoch_before = epoch(lead.id).await;
    assert!(matches!(
        store.set_role(halden, lead.id, Role::Core).await,
        Err(StoreError::LastLead)
    ));
    assert!(matches!(
        store.set_active(lead.id, false).await,
        Err(StoreError::LastLead)
    ));
    let unchanged = store.member(halden, lead.id).await.unwrap().unwrap();
    assert_eq!(
        (unchanged.role, unchanged.active, unchanged.session_epoch),
        (Role::Lead, true, epoch_before)
    );
    assert_eq!(active_leads(store, halden).await, 1);

    let ghost = Uuid::new_v4();
    assert!(matches!(
        store.set_role(halden, ghost, Role::Core).await,
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

/// A role per programme: the same account leads one programme and only reads another;
/// a role is changed only through its own programme, and each programme keeps a lead.
async fn memberships(store: &dyn Store) {
    let halden = store
        .create_programme("halden", fields("Halden"), None)
        .await
        .unwrap();
    let kari = store
        .create_member(halden, new_account("kari@test.no"), Role::Lead)
        .await
        .unwrap();
    let sarpsborg = store
        .create_programme("sarpsborg", fields("Sarpsborg"), Some(kari.id))
        .await
        .unwrap();
    let ola = store
        .create_member(sarpsborg, new_account("ola@test.no"), Role::Lead)
        .await
        .unwrap();
    store
        .set_role(sarpsborg, kari.id, Role::Viewer)
        .await
        .unwrap();
    assert!(matches!(
        store.add_member(sarpsborg, kari.id, Role::Core).await,
        Err(StoreError::Duplicate)
    ));
    assert!(matches!(
        store.add_member(Uuid::new_v4(), kari.id, Role::Core).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.add_member(halden, Uuid::new_v4(), Role::Core).await,
        Err(StoreError::NotFound)
    ));

    let roles = |user| async move {
        store
            .memberships(user)
            .await
            .unwrap()
            .into_iter()
            .map(|m| (m.programme_name, m.role))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        roles(kari.id).await,
        [
            ("Halden".to_string(), Role::Lead),
            ("Sarpsborg".to_string(), Role::Viewer)
        ],
        "oldest programme first, each with its own role"
    );
    assert_eq!(roles(ola.id).await, [("Sarpsborg".to_string(), Role::Lead)]);
    assert_eq!(store.member(halden, ola.id).await.unwrap(), None);
    assert_eq!(
        store.members(halden).await.unwrap().len(),
        1,
        "Ola is not Halden's"
    );
    // A role is changed through its own programme only.
    assert!(matches!(
        store.set_role(halden, ola.id, Role::Core).await,
        Err(StoreError::NotFound)
    ));
    // Kari leads Halden alone: she cannot be deactivated, although Sarpsborg has a lead.
    assert!(matches!(
        store.set_active(kari.id, false).await,
        Err(StoreError::LastLead)
    ));
    assert!(store.account(kari.id).await.unwrap().unwrap().active);
    // Taken out of one programme, an account keeps its others; no programme loses its
    // last lead that way either.
    store.remove_member(sarpsborg, kari.id).await.unwrap();
    assert_eq!(roles(kari.id).await, [("Halden".to_string(), Role::Lead)]);
    assert!(matches!(
        store.remove_member(halden, kari.id).await,
        Err(StoreError::LastLead)
    ));
    assert!(matches!(
        store.remove_member(sarpsborg, kari.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(store.member(halden, kari.id).await.unwrap().is_some());

    let names: Vec<_> = store
        .programmes()
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(names, ["Halden", "Sarpsborg"]);
    assert_eq!(
        store
            .programme_of(Item::Programme(sarpsborg))
            .await
            .unwrap(),
        Some(sarpsborg)
    );
    for missing in [
        Item::Programme(Uuid::new_v4()),
        Item::Goal(Uuid::new_v4()),
        Item::Workshop(Uuid::new_v4()),
        Item::Board(Uuid::new_v4()),
        Item::Card(Uuid::new_v4()),
        Item::Theme(Uuid::new_v4()),
        Item::Prototype(Uuid::new_v4()),
        Item::Round(Uuid::new_v4()),
        Item::Measure(Uuid::new_v4()),
        Item::Report(Uuid::new_v4()),
        Item::Indicator(Uuid::new_v4()),
    ] {
        assert_eq!(
            store.programme_of(missing).await.unwrap(),
            None,
            "{missing:?}"
        );
    }
}

/// Nothing of one programme is built on another's: a card, theme, insight or goal named
/// from another programme is not found, and nothing changes.
async fn references_across_programmes(store: &dyn Store) {
    use samskap_domain::pipeline::model::PrototypeFields;
    use samskap_domain::store::actor::Actor;
    use samskap_domain::store::pipeline_store::Origin;
    use samskap_domain::store::plan_store::Promotion;
    use samskap_domain::store::workshop_store::{AuthorRef, NewCard};
    use samskap_domain::workshop::model::{CardKind, CardStatus, Phase, WorkshopFields};
    demo::seed(store, "et demo-passord").await.unwrap();
    let halden = demo::programme(store).await.unwrap().unwrap();
    let other = store
        .create_programme("annet", fields("Annet"), None)
        .await
        .unwrap();
    let goal = store
        .add_goal(other, "Annet mål", "", &[])
        .await
        .unwrap()
        .id;
    let starts_at = chrono::NaiveDate::from_ymd_opt(2026, 5, 1)
        .unwrap()
        .and_hms_opt(18, 0, 0)
        .unwrap();
    let workshop = store
        .create_workshop(
            other,
            &WorkshopFields {
                title: "Annet verksted".into(),
                place: "Et annet sted".into(),
                starts_at,
                focus_area_ids: vec![],
                facilitator_ids: vec![],
            },
            "ANNET234",
        )
        .await
        .unwrap();
    let board = store
        .create_board(workshop, "Hvordan kan vi …?", Phase::Explore)
        .await
        .unwrap()
        .id;
    let card = |kind| NewCard {
        board_id: board,
        kind,
        body: "Fra et annet program".into(),
        focus_area_id: None,
        author: AuthorRef::User(Uuid::nil()),
        status: CardStatus::Visible,
        moderation_note: String::new(),
        client_key: None,
    };
    let (lead, _) = store
        .account_with_hash(demo::DEMO_ACCOUNTS[0].0)
        .await
        .unwrap()
        .unwrap();
    let mut foreign_idea = card(CardKind::Idea);
    foreign_idea.author = AuthorRef::User(lead.id);
    let foreign_idea = store.post_card(foreign_idea).await.unwrap().0.id;
    let mut foreign_insight = card(CardKind::Insight);
    foreign_insight.author = AuthorRef::User(lead.id);
    let foreign_insight = store.post_card(foreign_insight).await.unwrap().0.id;
    let theme = store.create_theme(board, "Annet tema").await.unwrap().0.id;
    let actor = Actor {
        id: lead.id,
        name: "Leder".into(),
    };
    let halden_board = store.workshops(halden.id).await.unwrap()[0].boards[0].id;
    let mut own_idea = card(CardKind::Idea);
    own_idea.board_id = halden_board;
    own_idea.author = AuthorRef::User(lead.id);
    let halden_idea = store.post_card(own_idea).await.unwrap().0.id;
    let before = store.prototypes(halden.id).await.unwrap().len();
    let proto = PrototypeFields {
        title: "Lånt".into(),
        description: "Fra et annet program".into(),
        assumption: "Ingen".into(),
    };
    for origin in [Origin::Idea(foreign_idea), Origin::Theme(theme)] {
        assert!(matches!(
            store
                .create_prototype(halden.id, origin, &proto, &actor)
                .await,
            Err(StoreError::NotFound)
        ));
    }
    assert_eq!(store.prototypes(halden.id).await.unwrap().len(), before);
    assert!(matches!(
        store
            .link_insight(halden_idea, foreign_insight, &actor)
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(store
        .insights_of(halden_idea)
        .await
        .unwrap()
        .iter()
        .all(|c| c.id != foreign_insight));
    let promotion = Promotion::Idea {
        card: foreign_idea,
        justification: "Lånt".into(),
    };
    let mut measure = crate::plan_store::fields("Lånt tiltak", 2026, None);
    assert!(matches!(
        store.promote(halden.id, &promotion, &measure, &actor).await,
        Err(StoreError::NotFound)
    ));
    measure.goal_ids = vec![goal];
    let own = Promotion::Idea {
        card: halden_idea,
        justification: "Egen".into(),
    };
    assert!(matches!(
        store.promote(halden.id, &own, &measure, &actor).await,
        Err(StoreError::NotFound)
    ));
    assert!(store
        .measures_from(&[], &[halden_idea, foreign_idea])
        .await
        .unwrap()
        .is_empty());
}

/// Every kind of item names the programme it belongs to, over the demo's data.
async fn items_know_their_programme(store: &dyn Store) {
    use samskap_domain::store::follow_up_store::IndicatorScope;
    demo::seed(store, "et demo-passord").await.unwrap();
    let other = store
        .create_programme("annet", fields("Annet"), None)
        .await
        .unwrap();
    let p = demo::programme(store).await.unwrap().unwrap();
    let workshop = store.workshops(p.id).await.unwrap()[0].clone();
    let mut cards = Vec::new();
    for w in store.workshops(p.id).await.unwrap() {
        for b in w.boards {
            cards.extend(store.board_cards(b.id).await.unwrap().1);
        }
    }
    let (board, card) = (cards[0].board_id, cards[0].id);
    let prototype = store.prototypes(p.id).await.unwrap()[0].clone();
    let round = store.rounds(prototype.id).await.unwrap()[0].id;
    let measure = store.measures(p.id).await.unwrap()[0].id;
    let report = store.reports(p.id).await.unwrap()[0].id;
    let indicator = store
        .indicators(p.id, IndicatorScope::Programme)
        .await
        .unwrap()[0]
        .id;
    for item in [
        Item::Programme(p.id),
        Item::Goal(p.goals[0].id),
        Item::Workshop(workshop.id),
        Item::Board(board),
        Item::Card(card),
        Item::Prototype(prototype.id),
        Item::Round(round),
        Item::Measure(measure),
        Item::Report(report),
        Item::Indicator(indicator),
    ] {
        let of = store.programme_of(item).await.unwrap();
        assert_eq!(of, Some(p.id), "{item:?}");
        assert_ne!(of, Some(other));
    }
}

async fn programme(store: &dyn Store) {
    let id = store
        .create_programme("forste", fields("Første"), None)
        .await
        .unwrap();
    assert_eq!(store.programme(Uuid::new_v4()).await.unwrap(), None);
    store.update_programme(id, fields("Andre")).await.unwrap();
    assert!(matches!(
        store
            .update_programme(Uuid::new_v4(), fields("Ingen"))
            .await,
        Err(StoreError::NotFound)
    ));
    let p = store.programme(id).await.unwrap().unwrap();
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
    let p = store.programme(id).await.unwrap().unwrap();
    let names: Vec<_> = p.focus_areas.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["Møteplasser", "Bolig og bomiljø", "Kriminalitet"]);
    assert_eq!(p.focus_areas[1].description, "Nytt");
    assert_eq!(p.goals[0].focus_area_ids, [a.id, c.id]);

    // An unknown focus area rolls the whole change back.
    let before = store.programme(id).await.unwrap();
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
    assert_eq!(store.programme(id).await.unwrap(), before);

    store
        .update_goal(id, goal.id, "Ungdom", "Tillit", &[b.id])
        .await
        .unwrap();
    let second = store.add_goal(id, "Trygghet", "", &[]).await.unwrap();
    let p = store.programme(id).await.unwrap().unwrap();
    assert_eq!(
        p.goals.iter().map(|g| g.title.as_str()).collect::<Vec<_>>(),
        ["Ungdom", "Trygghet"]
    );
    assert_eq!(p.goals[0].focus_area_ids, [b.id]);

    // Deleting a focus area removes its links; deleting a goal removes the goal.
    store.delete_focus_area(id, b.id).await.unwrap();
    assert!(store.programme(id).await.unwrap().unwrap().goals[0]
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
    assert_eq!(store.programme(id).await.unwrap().unwrap().goals.len(), 1);
}

async fn demo_data(store: &dyn Store) {
    demo::seed(store, "første demo-passord").await.unwrap();
    demo::seed(store, "andre demo-passord").await.unwrap();
    let programmes = store.programmes().await.unwrap();
    let slugs: Vec<&str> = programmes.iter().map(|p| p.slug.as_str()).collect();
    assert_eq!(slugs, ["halden-sentrum", "sarpsborg-sentrum"], "each once");
    let p = demo::programme(store).await.unwrap().unwrap();
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
    let roles: Vec<Role> = store
        .members(p.id)
        .await
        .unwrap()
        .iter()
        .map(|m| m.role)
        .collect();
    assert_eq!(
        roles.len(),
        5,
        "the four demo roles and the evaluator: {roles:?}"
    );
    assert!(roles.contains(&Role::Evaluator));
    let (lead, hash) = store
        .account_with_hash("leder@halden.demo")
        .await
        .unwrap()
        .unwrap();
    let as_member = store.member(p.id, lead.id).await.unwrap().unwrap();
    assert_eq!((as_member.role, lead.operator), (Role::Lead, true));
    assert!(
        password::verify("andre demo-passord", &hash),
        "the latest demo password applies"
    );
    assert!(!password::verify("første demo-passord", &hash));
}

/// Two leads deactivating each other at the same moment, ten times over: one of them
/// always stays.
async fn concurrent_demotions(store: &dyn Store) {
    let programme = store
        .create_programme("halden", fields("Halden"), None)
        .await
        .unwrap();
    let mut survivor: Option<Uuid> = None;
    for round in 0..10 {
        let a = store
            .create_member(
                programme,
                new_account(&format!("a{round}@test.no")),
                Role::Lead,
            )
            .await
            .unwrap();
        let b = store
            .create_member(
                programme,
                new_account(&format!("b{round}@test.no")),
                Role::Lead,
            )
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
        assert_eq!(active_leads(store, programme).await, 1, "round {round}");
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
    let programmes = reopened.store.programmes().await.unwrap();
    assert_eq!(programmes.len(), 2);
    let members = reopened.store.members(programmes[0].id).await.unwrap();
    assert_eq!(members.len(), 2);
}

#[tokio::test]
async fn postgres_store_conforms() {
    let db = TestPostgres::new().await;
    suite(db.open().await.store.as_ref()).await;
    let reopened = db.open().await;
    assert_eq!(reopened.store.programmes().await.unwrap().len(), 2);
    db.drop_db().await;
}

#[tokio::test]
async fn sqlite_runs_in_wal_mode_with_full_sync() {
    let db = TestSqlite::new();
    drop(db.open().await);
    let mut conn = db.raw().await;
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(mode, "wal", "the journal mode is stored in the file");
}

on_both_backends!(
    keeps_a_lead_under_concurrency => concurrent_demotions,
    demo_data_loads => demo_data,
    a_role_per_programme => memberships,
    every_item_knows_its_programme => items_know_their_programme,
    references_stay_in_their_programme => references_across_programmes,
);
