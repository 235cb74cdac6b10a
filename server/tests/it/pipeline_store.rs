//! Store conformance for the iteration pipeline (evidence links, prototypes and their
//! versions, test rounds, feedback, decisions, photos, audit trail), run against
//! SQLite and PostgreSQL.
use crate::support;

use samskap_domain::account::model::Role;
use samskap_domain::pipeline::model::{
    FeedbackFields, Outcome, Prototype, PrototypeFields, PrototypeStatus, RoundFields,
};
use samskap_domain::store::actor::Actor;
use samskap_domain::store::pipeline_store::{NewDecision, NewPhoto, OpenRound, Origin, PhotoOwner};
use samskap_domain::store::workshop_store::{AuthorRef, NewCard, NewParticipant};
use samskap_domain::store::{NewAccount, Store, StoreError};
use samskap_domain::workshop::model::{CardKind, CardStatus, Phase, WorkshopFields};
use uuid::Uuid;

struct Setup {
    programme: Uuid,
    workshop: Uuid,
    board: Uuid,
    actor: Actor,
    participant: Uuid,
}

async fn setup(store: &dyn Store) -> Setup {
    let programme = support::save_programme(store).await;
    let user = store
        .create_member(
            programme,
            NewAccount {
                email: "kjerneteam@test.no".into(),
                display_name: "Kari Kjerneteam".into(),
                password_hash: "$argon2id$x".into(),
                operator: false,
            },
            Role::Core,
        )
        .await
        .unwrap();
    let workshop = store
        .create_workshop(
            programme,
            &WorkshopFields {
                title: "Test i Tollbugata".into(),
                place: "Tollbugata".into(),
                starts_at: chrono::NaiveDate::from_ymd_opt(2026, 11, 24)
                    .unwrap()
                    .and_hms_opt(17, 0, 0)
                    .unwrap(),
                focus_area_ids: vec![],
                facilitator_ids: vec![user.id],
            },
            "TESTKODE",
        )
        .await
        .unwrap();
    let board = store
        .create_board(workshop, "Hvordan kan vi …?", Phase::Shape)
        .await
        .unwrap()
        .id;
    let participant = store
        .add_participant(NewParticipant {
            workshop_id: workshop,
            token_hash: "hash".into(),
            nickname: "Mina".into(),
            age_band: None,
            role: None,
        })
        .await
        .unwrap()
        .id;
    Setup {
        programme,
        workshop,
        board,
        actor: Actor {
            id: user.id,
            name: user.display_name,
        },
        participant,
    }
}

async fn card(store: &dyn Store, s: &Setup, kind: CardKind, body: &str) -> Uuid {
    store
        .post_card(NewCard {
            board_id: s.board,
            kind,
            body: body.into(),
            focus_area_id: None,
            author: AuthorRef::Participant(s.participant),
            status: CardStatus::Visible,
            moderation_note: String::new(),
            client_key: None,
        })
        .await
        .unwrap()
        .0
        .id
}

fn fields(title: &str) -> PrototypeFields {
    PrototypeFields {
        title: title.into(),
        description: "Et gratis rom i første etasje".into(),
        assumption: "Ungdom kommer hvis det er gratis".into(),
    }
}

fn round_fields() -> RoundFields {
    RoundFields {
        place: "Skofabrikken".into(),
        target_group: "Ungdom 13–19".into(),
        starts_at: chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
            .unwrap()
            .and_hms_opt(15, 0, 0)
            .unwrap(),
    }
}

fn rating(r: u8) -> FeedbackFields {
    FeedbackFields {
        worked: "Gratis".into(),
        not_worked: String::new(),
        suggestion: "Åpent lenger".into(),
        rating: r,
    }
}

async fn evidence_and_prototypes(store: &dyn Store) {
    let s = setup(store).await;
    let insight = card(
        store,
        &s,
        CardKind::Insight,
        "Ingen steder å være etter skolen",
    )
    .await;
    let other = card(store, &s, CardKind::Insight, "Kafeene er for dyre").await;
    let idea = card(store, &s, CardKind::Idea, "Gratis ungdomskafé").await;

    store.link_insight(idea, insight, &s.actor).await.unwrap();
    store.link_insight(idea, insight, &s.actor).await.unwrap(); // idempotent
    store.link_insight(idea, other, &s.actor).await.unwrap();
    let insights = store.insights_of(idea).await.unwrap();
    assert_eq!(
        insights.iter().map(|c| c.id).collect::<Vec<_>>(),
        [insight, other]
    );
    let mut links = store.insight_links(&[idea, other]).await.unwrap();
    links.sort();
    let mut expected = vec![(idea, insight), (idea, other)];
    expected.sort();
    assert_eq!(links, expected);
    assert!(store.insight_links(&[]).await.unwrap().is_empty());
    assert_eq!(store.ideas_building_on(insight).await.unwrap()[0].id, idea);
    store.unlink_insight(idea, other, &s.actor).await.unwrap();
    assert!(matches!(
        store.unlink_insight(idea, other, &s.actor).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.link_insight(idea, Uuid::new_v4(), &s.actor).await,
        Err(StoreError::NotFound)
    ));

    let v1 = store
        .create_prototype(
            s.programme,
            Origin::Idea(idea),
            &fields("Ungdomskafé"),
            &s.actor,
        )
        .await
        .unwrap();
    assert_eq!(
        (v1.version, v1.lineage_id, v1.idea_id),
        (1, v1.id, Some(idea))
    );
    assert_eq!(v1.status, PrototypeStatus::Open);
    assert_eq!(store.prototype(v1.id).await.unwrap().unwrap(), v1);
    assert!(matches!(
        store
            .create_prototype(
                s.programme,
                Origin::Idea(Uuid::new_v4()),
                &fields("X"),
                &s.actor
            )
            .await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        store.prototypes(s.programme).await.unwrap().len(),
        1,
        "nothing stored on refusal"
    );

    // A theme-based prototype, and the lineages a card leads to.
    let (theme, _) = store.create_theme(s.board, "Møteplasser").await.unwrap();
    store.set_card_theme(other, Some(theme.id)).await.unwrap();
    assert_eq!(
        store.theme(theme.id).await.unwrap(),
        Some((s.board, "Møteplasser".into()))
    );
    assert_eq!(store.theme_cards(theme.id).await.unwrap()[0].id, other);
    assert_eq!(
        store.theme_members(&[theme.id, idea]).await.unwrap(),
        [(theme.id, other)]
    );
    let from_theme = store
        .create_prototype(
            s.programme,
            Origin::Theme(theme.id),
            &fields("Kafékart"),
            &s.actor,
        )
        .await
        .unwrap();
    assert_eq!(from_theme.theme_id, Some(theme.id));
    assert_eq!(
        store.lineages_of_card(insight).await.unwrap(),
        vec![v1.lineage_id]
    );
    assert_eq!(
        store.lineages_of_card(idea).await.unwrap(),
        vec![v1.lineage_id]
    );
    assert_eq!(
        store.lineages_of_card(other).await.unwrap(),
        vec![from_theme.lineage_id]
    );

    let history = store.audit_of(&[v1.id, idea]).await.unwrap();
    let actions: Vec<&str> = history.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "insight_linked",
            "insight_linked",
            "insight_unlinked",
            "prototype_created"
        ]
    );
    assert!(history.iter().all(|e| e.actor == "Kari Kjerneteam"));
}

async fn rounds_feedback_and_decisions(store: &dyn Store) {
    let s = setup(store).await;
    let idea = card(store, &s, CardKind::Idea, "Gratis ungdomskafé").await;
    let v1 = store
        .create_prototype(
            s.programme,
            Origin::Idea(idea),
            &fields("Ungdomskafé"),
            &s.actor,
        )
        .await
        .unwrap();
    let decision = |outcome, learning: &str| NewDecision {
        outcome,
        reason: "Testerne sa det".into(),
        learning: learning.into(),
    };
    // Not tested yet: nothing is decided.
    assert!(matches!(
        store
            .decide(v1.id, &decision(Outcome::Proceed, ""), &s.actor)
            .await,
        Err(StoreError::NotTested)
    ));
    assert_eq!(
        store.prototype(v1.id).await.unwrap().unwrap().status,
        PrototypeStatus::Open
    );

    let round = store
        .create_round(v1.id, s.workshop, &round_fields(), &s.actor)
        .await
        .unwrap();
    assert!(round.open);
    assert_eq!(store.round(round.id).await.unwrap().unwrap(), round);
    assert_eq!(
        store.open_rounds_of_workshop(s.workshop).await.unwrap(),
        [OpenRound {
            id: round.id,
            prototype_title: "Ungdomskafé".into(),
            version: 1
        }]
    );
    assert_eq!(
        store.rounds_of(&[v1.id, s.workshop]).await.unwrap(),
        std::slice::from_ref(&round)
    );
    store
        .add_feedback(round.id, AuthorRef::Participant(s.participant), &rating(4))
        .await
        .unwrap();
    let interview = store
        .add_feedback(round.id, AuthorRef::User(s.actor.id), &rating(2))
        .await
        .unwrap();
    assert!(interview.interview);
    let given = store.feedback(round.id).await.unwrap();
    assert_eq!(
        given.iter().map(|f| f.fields.rating).collect::<Vec<_>>(),
        [4, 2]
    );
    assert!(!given[0].interview);
    assert_eq!(store.feedback_of(&[round.id, v1.id]).await.unwrap(), given);
    assert!(store.feedback_of(&[]).await.unwrap().is_empty());
    // A tester who answers again replaces their answer: one tester, one rating.
    store
        .add_feedback(round.id, AuthorRef::Participant(s.participant), &rating(5))
        .await
        .unwrap();
    assert_eq!(
        store
            .feedback(round.id)
            .await
            .unwrap()
            .iter()
            .map(|f| f.fields.rating)
            .collect::<Vec<_>>(),
        [2, 5]
    );
    // Two answers of one tester at once: one replaces the other, never both stored.
    let (tester, three, one) = (AuthorRef::Participant(s.participant), rating(3), rating(1));
    let (a, b) = tokio::join!(
        store.add_feedback(round.id, tester, &three),
        store.add_feedback(round.id, tester, &one),
    );
    a.unwrap();
    b.unwrap();
    assert_eq!(
        store.feedback(round.id).await.unwrap().len(),
        2,
        "the interview and one answer"
    );

    store
        .set_round_open(round.id, false, &s.actor)
        .await
        .unwrap();
    assert!(matches!(
        store
            .add_feedback(round.id, AuthorRef::Participant(s.participant), &rating(5))
            .await,
        Err(StoreError::RoundClosed)
    ));
    assert_eq!(
        store.feedback(round.id).await.unwrap().len(),
        2,
        "nothing stored when closed"
    );
    assert!(store
        .open_rounds_of_workshop(s.workshop)
        .await
        .unwrap()
        .is_empty());
    store
        .set_round_open(round.id, true, &s.actor)
        .await
        .unwrap();

    // Iterate: the next version carries the learning and links back.
    let iterate = store
        .decide(
            v1.id,
            &decision(Outcome::Iterate, "Åpent til kl. 21"),
            &s.actor,
        )
        .await
        .unwrap();
    let v2_id = iterate
        .next_prototype_id
        .expect("iterating makes a version");
    let v2 = store.prototype(v2_id).await.unwrap().unwrap();
    assert_eq!(
        (v2.version, v2.previous_id, v2.lineage_id),
        (2, Some(v1.id), v1.id)
    );
    assert_eq!(
        (v2.learning.as_str(), v2.idea_id),
        ("Åpent til kl. 21", Some(idea))
    );
    assert_eq!(
        store.prototype(v1.id).await.unwrap().unwrap().status,
        PrototypeStatus::Iterated
    );
    assert!(
        !store.round(round.id).await.unwrap().unwrap().open,
        "deciding closes the rounds"
    );
    assert_eq!(store.decision(v1.id).await.unwrap().unwrap(), iterate);
    assert!(matches!(
        store
            .decide(v1.id, &decision(Outcome::Drop, "x"), &s.actor)
            .await,
        Err(StoreError::AlreadyDecided)
    ));
    assert!(matches!(
        store
            .create_round(v1.id, s.workshop, &round_fields(), &s.actor)
            .await,
        Err(StoreError::AlreadyDecided)
    ));
    assert!(matches!(
        store.set_round_open(round.id, true, &s.actor).await,
        Err(StoreError::AlreadyDecided)
    ));
    let lineage = store.lineage(v1.id).await.unwrap();
    assert_eq!(
        lineage.iter().map(|p| p.version).collect::<Vec<_>>(),
        [1, 2]
    );
    assert_eq!(store.lineages_of(&[lineage[1].id]).await.unwrap(), lineage);
    assert!(store.lineages_of(&[]).await.unwrap().is_empty());

    // Proceed on v2, after its own round.
    store
        .create_round(v2_id, s.workshop, &round_fields(), &s.actor)
        .await
        .unwrap();
    let proceed = store
        .decide(v2_id, &decision(Outcome::Proceed, ""), &s.actor)
        .await
        .unwrap();
    assert_eq!(proceed.next_prototype_id, None);
    assert_eq!(
        store.prototype(v2_id).await.unwrap().unwrap().status,
        PrototypeStatus::Proceed
    );

    let actions: Vec<String> = store
        .audit_of(&[v1.id, v2_id])
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    for expected in [
        "prototype_created",
        "round_started",
        "round_closed",
        "round_opened",
        "decision_recorded",
        "version_created",
    ] {
        assert!(
            actions.iter().any(|a| a == expected),
            "{expected} in {actions:?}"
        );
    }
    assert_eq!(
        actions.iter().filter(|a| *a == "decision_recorded").count(),
        2
    );
}

/// A new prototype of `idea` with one test round, ready for a decision.
async fn tested_version(store: &dyn Store, s: &Setup, idea: Uuid) -> Prototype {
    let v = store
        .create_prototype(s.programme, Origin::Idea(idea), &fields("P"), &s.actor)
        .await
        .unwrap();
    store
        .create_round(v.id, s.workshop, &round_fields(), &s.actor)
        .await
        .unwrap();
    v
}

/// A new round and a decision on one version at once: the version never ends up
/// decided with a round still open.
async fn round_during_decision(store: &dyn Store) {
    let s = setup(store).await;
    let idea = card(store, &s, CardKind::Idea, "Idé").await;
    for _ in 0..5 {
        let v = tested_version(store, &s, idea).await;
        let decision = NewDecision {
            outcome: Outcome::Proceed,
            reason: "r".into(),
            learning: String::new(),
        };
        let place = round_fields();
        let (round, decided) = futures::join!(
            store.create_round(v.id, s.workshop, &place, &s.actor),
            store.decide(v.id, &decision, &s.actor)
        );
        assert!(decided.is_ok(), "{decided:?}");
        assert!(
            matches!(round, Ok(_) | Err(StoreError::AlreadyDecided)),
            "{round:?}"
        );
        let rounds = store.rounds(v.id).await.unwrap();
        assert!(
            rounds.iter().all(|r| !r.open),
            "a decided version has no open round"
        );
    }
}

/// Two decisions on one version at once: exactly one is recorded.
async fn concurrent_decisions(store: &dyn Store) {
    let s = setup(store).await;
    let idea = card(store, &s, CardKind::Idea, "Idé").await;
    for _ in 0..5 {
        let v = tested_version(store, &s, idea).await;
        let decide = |outcome| {
            let actor = s.actor.clone();
            async move {
                store
                    .decide(
                        v.id,
                        &NewDecision {
                            outcome,
                            reason: "r".into(),
                            learning: "l".into(),
                        },
                        &actor,
                    )
                    .await
            }
        };
        let (a, b) = futures::join!(decide(Outcome::Iterate), decide(Outcome::Drop));
        assert_eq!(a.is_ok() as u8 + b.is_ok() as u8, 1, "{a:?} {b:?}");
        assert!(store.lineage(v.id).await.unwrap().len() <= 2);
    }
}

async fn photos(store: &dyn Store) {
    let s = setup(store).await;
    let idea = card(store, &s, CardKind::Idea, "Idé").await;
    let photo = |image: &[u8]| NewPhoto {
        width: 2,
        height: 1,
        image: image.to_vec(),
        thumbnail: b"thumb".to_vec(),
        uploader: AuthorRef::Participant(s.participant),
    };
    let seq_before = store.board_seq(s.board).await.unwrap();
    let (first, seq) = store
        .add_photo(PhotoOwner::Card(idea), photo(b"one"), None)
        .await
        .unwrap();
    assert_eq!(
        seq,
        Some(seq_before + 1),
        "a card's photo is logged on its board"
    );
    assert_eq!(
        store.card(idea).await.unwrap().unwrap().photo_id,
        Some(first)
    );
    let (second, _) = store
        .add_photo(PhotoOwner::Card(idea), photo(b"two"), None)
        .await
        .unwrap();
    assert!(
        store.photo(first).await.unwrap().is_none(),
        "a card keeps one photo"
    );
    let stored = store.photo(second).await.unwrap().unwrap();
    assert_eq!(
        (stored.owner, stored.image.as_slice()),
        (PhotoOwner::Card(idea), &b"two"[..])
    );
    assert_eq!(stored.thumbnail, b"thumb");
    let (_, cards) = store.board_cards(s.board).await.unwrap();
    assert_eq!(cards[0].photo_id, Some(second));
    let status = |card: Uuid| async move {
        let card = store.card(card).await.unwrap().unwrap();
        (card.status, card.moderation_note)
    };
    assert_eq!(
        status(idea).await,
        (CardStatus::Visible, String::new()),
        "no hold asked"
    );

    // A photo to approve first holds a visible card with the note, in the same write;
    // a card a facilitator hid stays hidden, with its note.
    store
        .add_photo(
            PhotoOwner::Card(idea),
            photo(b"three"),
            Some("auto:premoderation"),
        )
        .await
        .unwrap();
    assert_eq!(
        status(idea).await,
        (CardStatus::Held, "auto:premoderation".to_string())
    );
    store
        .set_card_status(idea, CardStatus::Hidden, "Ikke her")
        .await
        .unwrap();
    store
        .add_photo(
            PhotoOwner::Card(idea),
            photo(b"four"),
            Some("auto:premoderation"),
        )
        .await
        .unwrap();
    assert_eq!(
        status(idea).await,
        (CardStatus::Hidden, "Ikke her".to_string())
    );
    store
        .set_card_status(idea, CardStatus::Visible, "")
        .await
        .unwrap();

    let v1 = store
        .create_prototype(s.programme, Origin::Idea(idea), &fields("P"), &s.actor)
        .await
        .unwrap();
    let (a, seq) = store
        .add_photo(PhotoOwner::Prototype(v1.id), photo(b"a"), None)
        .await
        .unwrap();
    assert_eq!(seq, None);
    let (b, _) = store
        .add_photo(PhotoOwner::Prototype(v1.id), photo(b"b"), None)
        .await
        .unwrap();
    assert_eq!(
        store.prototype(v1.id).await.unwrap().unwrap().photos,
        vec![a, b]
    );
    assert!(matches!(
        store
            .add_photo(PhotoOwner::Prototype(Uuid::new_v4()), photo(b"x"), None)
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .add_photo(PhotoOwner::Card(Uuid::new_v4()), photo(b"x"), None)
            .await,
        Err(StoreError::NotFound)
    ));
}

on_both_backends!(
    evidence_and_prototypes_conform => evidence_and_prototypes,
    rounds_feedback_and_decisions_conform => rounds_feedback_and_decisions,
    one_of_two_concurrent_decisions_wins => concurrent_decisions,
    no_round_stays_open_after_a_concurrent_decision => round_during_decision,
    photos_conform => photos,
);
