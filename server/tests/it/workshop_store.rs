//! Store conformance for workshops, boards, participants, cards and the board event
//! log, run against SQLite and PostgreSQL.
use crate::support;

use samskap_domain::account::model::Role;
use samskap_domain::store::workshop_store::{AuthorRef, LogSubject, NewCard, NewParticipant};
use samskap_domain::store::{NewAccount, Store, StoreError};
use samskap_domain::workshop::model::{
    AgeBand, CardKind, CardStatus, Moderation, ParticipantRole, Phase, WorkshopFields,
    WorkshopStatus,
};
use uuid::Uuid;

struct Setup {
    programme: Uuid,
    focus_area: Uuid,
    facilitator: Uuid,
}

async fn setup(store: &dyn Store) -> Setup {
    let programme = support::save_programme(store).await;
    let focus_area = store
        .add_focus_area(programme, "Møteplasser", "")
        .await
        .unwrap()
        .id;
    let facilitator = store
        .create_member(
            programme,
            NewAccount {
                email: "fasilitator@test.no".into(),
                display_name: "Fasilitator".into(),
                password_hash: "$argon2id$x".into(),
                operator: false,
            },
            Role::Facilitator,
        )
        .await
        .unwrap()
        .id;
    Setup {
        programme,
        focus_area,
        facilitator,
    }
}

fn workshop_fields(s: &Setup) -> WorkshopFields {
    WorkshopFields {
        title: "Ungdommens sentrum".into(),
        place: "Skofabrikken".into(),
        starts_at: chrono::NaiveDate::from_ymd_opt(2026, 11, 24)
            .unwrap()
            .and_hms_opt(18, 0, 0)
            .unwrap(),
        focus_area_ids: vec![s.focus_area, s.focus_area],
        facilitator_ids: vec![s.facilitator],
    }
}

/// A visible card without a focus area.
fn new_card(board_id: Uuid, kind: CardKind, body: String, author: AuthorRef) -> NewCard {
    NewCard {
        board_id,
        kind,
        body,
        focus_area_id: None,
        author,
        status: CardStatus::Visible,
        moderation_note: String::new(),
        client_key: None,
    }
}

fn participant(workshop: Uuid, token: &str) -> NewParticipant {
    NewParticipant {
        workshop_id: workshop,
        token_hash: format!("hash-{token}"),
        nickname: "Mina".into(),
        age_band: Some(AgeBand::Age16To19),
        role: Some(ParticipantRole::Youth),
    }
}

async fn workshops_and_boards(store: &dyn Store) {
    let s = setup(store).await;
    let fields = workshop_fields(&s);
    let id = store
        .create_workshop(s.programme, &fields, "ABCD2345")
        .await
        .unwrap();
    assert!(
        matches!(
            store
                .create_workshop(s.programme, &fields, "ABCD2345")
                .await,
            Err(StoreError::Duplicate)
        ),
        "join codes are unique"
    );
    let mut bad = fields.clone();
    bad.focus_area_ids = vec![Uuid::new_v4()];
    assert!(matches!(
        store.create_workshop(s.programme, &bad, "ZZZZ2345").await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        store.workshops(s.programme).await.unwrap().len(),
        1,
        "a refused workshop leaves nothing behind"
    );

    let w = store.workshop(id).await.unwrap().unwrap();
    assert_eq!(w.status, WorkshopStatus::Planned);
    assert_eq!(
        w.fields.focus_area_ids,
        vec![s.focus_area],
        "no duplicate links"
    );
    assert_eq!(w.fields.facilitator_ids, vec![s.facilitator]);
    assert_eq!(w.fields.starts_at, fields.starts_at);
    assert_eq!(
        store
            .workshop_by_code("ABCD2345")
            .await
            .unwrap()
            .unwrap()
            .id,
        id
    );
    assert!(store.workshop_by_code("ABCD2346").await.unwrap().is_none());
    // Editing replaces the fields and links, or changes nothing.
    let mut changed = fields.clone();
    changed.title = "Ungdommens sentrum 2".into();
    changed.focus_area_ids = vec![];
    store
        .update_workshop(id, s.programme, &changed)
        .await
        .unwrap();
    let mut bad = changed.clone();
    bad.title = "Feil".into();
    bad.facilitator_ids.push(Uuid::new_v4());
    assert!(matches!(
        store.update_workshop(id, s.programme, &bad).await,
        Err(StoreError::NotFound)
    ));
    let w = store.workshop(id).await.unwrap().unwrap();
    assert_eq!(w.fields, changed, "a refused edit changes nothing");
    store
        .set_workshop_status(id, WorkshopStatus::Live)
        .await
        .unwrap();

    let mut board = store
        .create_board(id, "Hvordan kan vi …?", Phase::Shape)
        .await
        .unwrap();
    assert_eq!(board.allowed_kinds, vec![CardKind::Idea]);
    assert!(!board.open);
    let ends = chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap();
    let (seq, changed) = store
        .change_board(
            board.id,
            Box::new(move |b| {
                b.open = true;
                b.hide_others = true;
                b.allowed_kinds = vec![CardKind::Idea, CardKind::Insight];
                b.timer_ends_at = Some(ends);
                // Not changed: the board stays where it is.
                b.id = Uuid::new_v4();
                b.workshop_id = Uuid::new_v4();
            }),
        )
        .await
        .unwrap();
    assert_eq!(seq, 1);
    board.open = true;
    board.hide_others = true;
    board.allowed_kinds = vec![CardKind::Idea, CardKind::Insight];
    board.timer_ends_at = Some(ends);
    assert_eq!(changed, board);
    assert_eq!(store.board(board.id).await.unwrap().unwrap(), board);
    let unknown = store
        .change_board(Uuid::new_v4(), Box::new(|b| b.open = false))
        .await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");

    let w = store.workshop(id).await.unwrap().unwrap();
    assert_eq!(w.status, WorkshopStatus::Live);
    assert_eq!(w.boards, vec![board.clone()]);

    // Participants are found by token hash, only in their own workshop.
    let p = store.add_participant(participant(id, "a")).await.unwrap();
    let other = store
        .create_workshop(s.programme, &workshop_fields(&s), "WXYZ2345")
        .await
        .unwrap();
    assert_eq!(
        store.participant_by_token(id, "hash-a").await.unwrap(),
        Some(p.clone())
    );
    assert_eq!(
        store.participant_by_token(other, "hash-a").await.unwrap(),
        None
    );

    // Cards are logged with consecutive sequence numbers; the log replays them.
    let (card, seq) = store
        .post_card(NewCard {
            board_id: board.id,
            kind: CardKind::Idea,
            body: "Åpen kafé <b>hver</b> fredag".into(),
            focus_area_id: Some(s.focus_area),
            author: AuthorRef::Participant(p.id),
            status: CardStatus::Visible,
            moderation_note: String::new(),
            client_key: None,
        })
        .await
        .unwrap();
    assert_eq!(seq, 2);
    assert_eq!(card.body, "Åpen kafé <b>hver</b> fredag", "stored as typed");
    assert_eq!(
        (card.author.id, card.author.name.as_str(), card.author.staff),
        (p.id, "Mina", false)
    );
    let (staff_card, _) = store
        .post_card(new_card(
            board.id,
            CardKind::Insight,
            "Fra intervju".into(),
            AuthorRef::User(s.facilitator),
        ))
        .await
        .unwrap();
    assert_eq!(staff_card.author.name, "Fasilitator");
    assert!(staff_card.author.staff);
    let (edited, seq) = store
        .edit_card(card.id, CardKind::Insight, "Endret", None)
        .await
        .unwrap();
    assert_eq!(
        (edited.kind, edited.body.as_str(), seq),
        (CardKind::Insight, "Endret", 4)
    );
    let seq = store.delete_card(staff_card.id).await.unwrap();
    assert_eq!(seq, 5);
    assert!(matches!(
        store.delete_card(staff_card.id).await,
        Err(StoreError::NotFound)
    ));

    let (seq, cards) = store.board_cards(board.id).await.unwrap();
    assert_eq!(seq, 5);
    assert_eq!(cards, vec![edited.clone()]);
    assert_eq!(store.board_seq(board.id).await.unwrap(), 5);

    let replay = store.replay(board.id, 1, 100).await.unwrap();
    let subjects: Vec<_> = replay.entries.iter().map(|e| (e.seq, e.subject)).collect();
    assert_eq!(
        subjects,
        vec![
            (2, LogSubject::Card(card.id)),
            (3, LogSubject::Card(staff_card.id)),
            (4, LogSubject::Card(card.id)),
            (5, LogSubject::CardRemoved(staff_card.id)),
        ]
    );
    assert_eq!(
        replay.cards,
        vec![edited],
        "cards as they are now; deleted ones are gone"
    );
    let page = store.replay(board.id, 0, 2).await.unwrap();
    assert_eq!(page.entries.len(), 2, "the limit applies");
    assert!(store
        .replay(board.id, 5, 100)
        .await
        .unwrap()
        .entries
        .is_empty());
    assert!(matches!(
        store
            .post_card(new_card(
                Uuid::new_v4(),
                CardKind::Idea,
                "x".into(),
                AuthorRef::Participant(p.id)
            ))
            .await,
        Err(StoreError::NotFound)
    ));
}

/// Twenty posts at once to one board get twenty distinct, gapless sequence numbers.
async fn concurrent_posts(store: &dyn Store) {
    let s = setup(store).await;
    let id = store
        .create_workshop(s.programme, &workshop_fields(&s), "QRST2345")
        .await
        .unwrap();
    let board = store.create_board(id, "?", Phase::Explore).await.unwrap();
    let p = store.add_participant(participant(id, "b")).await.unwrap();
    let posts = (0..20).map(|i| {
        store.post_card(new_card(
            board.id,
            CardKind::Insight,
            format!("kort {i}"),
            AuthorRef::Participant(p.id),
        ))
    });
    let mut seqs: Vec<i64> = futures::future::join_all(posts)
        .await
        .into_iter()
        .map(|r| r.unwrap().1)
        .collect();
    seqs.sort();
    assert_eq!(seqs, (1..=20).collect::<Vec<_>>());
    let (_, cards) = store.board_cards(board.id).await.unwrap();
    assert_eq!(cards.len(), 20);
}

/// Changes to one board's settings at once each read the board as the one before left it: none is lost (the controls once read the board,
/// changed one setting and wrote every setting back, so a new voting round could undo a
/// timer started at the same moment).
async fn board_changes_at_once(store: &dyn Store) {
    let s = setup(store).await;
    let id = store
        .create_workshop(s.programme, &workshop_fields(&s), "QRST2346")
        .await
        .unwrap();
    let board = store.create_board(id, "?", Phase::Explore).await.unwrap();
    let rounds = (0..8).map(|_| store.change_board(board.id, Box::new(|b| b.vote_round += 1)));
    let timer = store.change_board(
        board.id,
        Box::new(|b| b.timer_ends_at = chrono::DateTime::from_timestamp(1_800_000_000, 0)),
    );
    let (rounds, timer) = tokio::join!(futures::future::join_all(rounds), timer);
    let mut seqs: Vec<i64> = rounds.into_iter().map(|r| r.unwrap().0).collect();
    seqs.push(timer.unwrap().0);
    seqs.sort();
    assert_eq!(seqs, (1..=9).collect::<Vec<_>>());
    let changed = store.board(board.id).await.unwrap().unwrap();
    assert_eq!(changed.vote_round, 8);
    assert!(changed.timer_ends_at.is_some(), "the timer stays");
}

/// Reports and a facilitator's restores of one card at the same moment all go through:
/// every card change locks the card before the board (once a report locked the board
/// first and deadlocked against a restore on PostgreSQL).
async fn reports_and_restores_at_once(store: &dyn Store) {
    let s = setup(store).await;
    let id = store
        .create_workshop(s.programme, &workshop_fields(&s), "RRRR2345")
        .await
        .unwrap();
    let board = store.create_board(id, "?", Phase::Explore).await.unwrap();
    let author = store
        .add_participant(participant(id, "author"))
        .await
        .unwrap();
    let (card, _) = store
        .post_card(new_card(
            board.id,
            CardKind::Insight,
            "omstridt".into(),
            AuthorRef::Participant(author.id),
        ))
        .await
        .unwrap();
    let mut reporters = Vec::new();
    for i in 0..24 {
        let token = format!("reporter-{i}");
        reporters.push(
            store
                .add_participant(participant(id, &token))
                .await
                .unwrap()
                .id,
        );
    }
    for round in reporters.chunks(8) {
        let reports = round.iter().map(|r| async move {
            store
                .report_card(card.id, *r, 2, "auto:reported")
                .await
                .map(|_| ())
        });
        let restores = (0..8).map(|_| async {
            store
                .set_card_status(card.id, CardStatus::Visible, "")
                .await
                .map(|_| ())
        });
        let (reported, restored) = futures::future::join(
            futures::future::join_all(reports),
            futures::future::join_all(restores),
        )
        .await;
        for result in reported.into_iter().chain(restored) {
            result.expect("a report or restore failed");
        }
    }
}

/// Dots placed on a card while its author deletes it: each vote goes through or finds
/// the card gone, never a deadlock (the vote locked the board, the deletion the card).
async fn votes_while_a_card_is_deleted(store: &dyn Store) {
    let s = setup(store).await;
    let id = store
        .create_workshop(s.programme, &workshop_fields(&s), "VVVV2345")
        .await
        .unwrap();
    let board = store.create_board(id, "?", Phase::Explore).await.unwrap();
    let author = store
        .add_participant(participant(id, "author"))
        .await
        .unwrap();
    let mut voters = Vec::new();
    for i in 0..8 {
        let token = format!("voter-{i}");
        voters.push(
            store
                .add_participant(participant(id, &token))
                .await
                .unwrap()
                .id,
        );
    }
    for round in 0..6 {
        let (card, _) = store
            .post_card(new_card(
                board.id,
                CardKind::Insight,
                format!("kort {round}"),
                AuthorRef::Participant(author.id),
            ))
            .await
            .unwrap();
        let votes = voters.iter().map(|v| async move {
            store
                .place_vote(board.id, card.id, *v, 1, 3)
                .await
                .map(|_| ())
        });
        let (voted, deleted) =
            futures::future::join(futures::future::join_all(votes), store.delete_card(card.id))
                .await;
        deleted.expect("the deletion");
        for vote in voted {
            match vote {
                Ok(()) | Err(StoreError::NotFound) => {}
                Err(other) => panic!("a vote failed: {other:?}"),
            }
        }
    }
}

/// Dots within a budget, per round; concurrent dots from one voter never exceed it.
async fn voting(store: &dyn Store) {
    let s = setup(store).await;
    let id = store
        .create_workshop(s.programme, &workshop_fields(&s), "VVVV2345")
        .await
        .unwrap();
    let board = store.create_board(id, "?", Phase::Shape).await.unwrap();
    let p = store.add_participant(participant(id, "v")).await.unwrap();
    let mut cards = Vec::new();
    for text in ["a", "b"] {
        let (card, _) = store
            .post_card(new_card(
                board.id,
                CardKind::Idea,
                text.into(),
                AuthorRef::Participant(p.id),
            ))
            .await
            .unwrap();
        cards.push(card.id);
    }
    let (_, board) = store
        .change_board(
            board.id,
            Box::new(|b| {
                b.vote_budget = Some(3);
                b.vote_round = 1;
                b.votes_visible = false;
            }),
        )
        .await
        .unwrap();
    assert_eq!(store.board(board.id).await.unwrap().unwrap(), board);

    let voter = Uuid::new_v4();
    let first = store
        .place_vote(board.id, cards[0], voter, 1, 3)
        .await
        .unwrap();
    assert_eq!((first.total, first.on_card, first.used), (1, 1, 1));
    let stacked = store
        .place_vote(board.id, cards[0], voter, 1, 3)
        .await
        .unwrap();
    assert_eq!(
        (stacked.total, stacked.on_card, stacked.used),
        (2, 2, 2),
        "dots stack"
    );
    store
        .place_vote(board.id, cards[1], voter, 1, 3)
        .await
        .unwrap();
    assert!(matches!(
        store.place_vote(board.id, cards[1], voter, 1, 3).await,
        Err(StoreError::VoteBudgetSpent)
    ));
    let other = store
        .place_vote(board.id, cards[1], Uuid::new_v4(), 1, 3)
        .await
        .unwrap();
    assert_eq!(other.total, 2, "budgets are per voter");
    let back = store
        .remove_vote(board.id, cards[0], voter, 1)
        .await
        .unwrap();
    assert_eq!((back.total, back.on_card, back.used), (1, 1, 2));
    assert!(matches!(
        store
            .remove_vote(board.id, cards[1], Uuid::new_v4(), 1)
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .place_vote(board.id, Uuid::new_v4(), voter, 1, 3)
            .await,
        Err(StoreError::NotFound)
    ));
    let mut totals = store.vote_totals(board.id, 1).await.unwrap();
    totals.sort();
    let mut expected = vec![(cards[0], 1), (cards[1], 2)];
    expected.sort();
    assert_eq!(totals, expected);
    assert_eq!(store.my_votes(board.id, 1, voter).await.unwrap().len(), 2);
    assert!(
        store.vote_totals(board.id, 2).await.unwrap().is_empty(),
        "a new round starts empty"
    );

    // The log carries the vote changes; a replay gives the current totals.
    let seq = store.board_seq(board.id).await.unwrap();
    let replay = store.replay(board.id, seq - 1, 10).await.unwrap();
    assert_eq!(replay.entries[0].subject, LogSubject::Votes(cards[0]));
    assert_eq!(replay.vote_totals, vec![(cards[0], 1)]);

    // Ten dots at once from one voter with a budget of 4: exactly 4 land.
    let racer = Uuid::new_v4();
    let attempts = (0..10).map(|_| store.place_vote(board.id, cards[0], racer, 1, 4));
    let landed = futures::future::join_all(attempts)
        .await
        .into_iter()
        .filter(|r| r.is_ok())
        .count();
    assert_eq!(landed, 4);
    assert_eq!(
        store.my_votes(board.id, 1, racer).await.unwrap(),
        vec![(cards[0], 4)]
    );
}

/// Hiding, restoring, holding and reports that hide a card at the threshold.
async fn moderation(store: &dyn Store) {
    let s = setup(store).await;
    let id = store
        .create_workshop(s.programme, &workshop_fields(&s), "MMMM2345")
        .await
        .unwrap();
    assert_eq!(
        store.workshop(id).await.unwrap().unwrap().moderation,
        Moderation::default()
    );
    let strict = Moderation {
        report_threshold: 2,
        premoderation: true,
        participant_cap: Some(2),
    };
    store.set_moderation(id, strict).await.unwrap();
    assert_eq!(
        store.workshop(id).await.unwrap().unwrap().moderation,
        strict
    );
    let board = store.create_board(id, "?", Phase::Explore).await.unwrap();
    let before = chrono::Utc::now() - chrono::Duration::seconds(1);
    let p = store.add_participant(participant(id, "m")).await.unwrap();
    // The cap of two: a second joins, a third is refused and not stored.
    store.add_participant(participant(id, "n")).await.unwrap();
    assert!(matches!(
        store.add_participant(participant(id, "o")).await,
        Err(StoreError::WorkshopFull)
    ));
    assert_eq!(store.participants_joined(id, before).await.unwrap(), (2, 2));
    assert_eq!(
        store
            .participants_joined(id, chrono::Utc::now() + chrono::Duration::seconds(5))
            .await
            .unwrap(),
        (2, 0)
    );
    let (held, _) = store
        .post_card(NewCard {
            board_id: board.id,
            kind: CardKind::Insight,
            body: "venter".into(),
            focus_area_id: None,
            author: AuthorRef::Participant(p.id),
            status: CardStatus::Held,
            moderation_note: "auto:premoderation".into(),
            client_key: None,
        })
        .await
        .unwrap();
    assert_eq!(
        (held.status, held.moderation_note.as_str()),
        (CardStatus::Held, "auto:premoderation")
    );
    let (shown, seq) = store
        .set_card_status(held.id, CardStatus::Visible, "")
        .await
        .unwrap();
    assert_eq!(shown.status, CardStatus::Visible);
    assert_eq!(
        store.replay(board.id, seq - 1, 5).await.unwrap().entries[0].subject,
        LogSubject::Card(held.id)
    );
    // An edit to approve first is held in the same write as its text, and logged once.
    let (edited, edit_seq) = store
        .edit_card(held.id, CardKind::Insight, "endret", Some("auto:word-list"))
        .await
        .unwrap();
    assert_eq!(
        (
            edited.body.as_str(),
            edited.status,
            edited.moderation_note.as_str()
        ),
        ("endret", CardStatus::Held, "auto:word-list")
    );
    assert_eq!(edit_seq, seq + 1);
    let (shown, _) = store
        .set_card_status(held.id, CardStatus::Visible, "")
        .await
        .unwrap();
    assert_eq!(shown.status, CardStatus::Visible);

    let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
    assert_eq!(
        store
            .report_card(held.id, a, 2, "auto:reported")
            .await
            .unwrap()
            .0,
        1
    );
    assert_eq!(
        store
            .report_card(held.id, a, 2, "auto:reported")
            .await
            .unwrap()
            .0,
        1,
        "once per reporter"
    );
    let (count, hidden) = store
        .report_card(held.id, b, 2, "auto:reported")
        .await
        .unwrap();
    assert_eq!(count, 2);
    let (card, _) = hidden.expect("hidden at the threshold");
    assert_eq!(
        (card.status, card.moderation_note.as_str()),
        (CardStatus::Hidden, "auto:reported")
    );
    let (_, again) = store
        .report_card(held.id, Uuid::new_v4(), 2, "auto:reported")
        .await
        .unwrap();
    assert!(
        again.is_none(),
        "an already hidden card is not hidden again"
    );
    let (restored, _) = store
        .set_card_status(held.id, CardStatus::Visible, "")
        .await
        .unwrap();
    assert_eq!(
        (restored.status, restored.moderation_note.as_str()),
        (CardStatus::Visible, "")
    );
    // Issue 16, finding 4: a restore clears the reports, and a repeated report is no
    // new report, so an earlier reporter cannot hide the card again alone.
    let (count, hidden) = store
        .report_card(held.id, a, 2, "auto:reported")
        .await
        .unwrap();
    assert_eq!(count, 1, "the reports before the restore are gone");
    assert!(hidden.is_none());
    let (count, hidden) = store
        .report_card(held.id, a, 2, "auto:reported")
        .await
        .unwrap();
    assert_eq!(
        (count, hidden.is_none()),
        (1, true),
        "a repeat is no new report"
    );
    // A staff member's card is never hidden by reports.
    let (staff_card, _) = store
        .post_card(new_card(
            board.id,
            CardKind::Idea,
            "fra fasilitator".into(),
            AuthorRef::User(s.facilitator),
        ))
        .await
        .unwrap();
    for reporter in [a, b, Uuid::new_v4()] {
        let (_, hidden) = store
            .report_card(staff_card.id, reporter, 2, "auto:reported")
            .await
            .unwrap();
        assert!(hidden.is_none(), "a staff card is not hidden by reports");
    }
    assert_eq!(
        store.card(staff_card.id).await.unwrap().unwrap().status,
        CardStatus::Visible
    );
    assert!(matches!(
        store
            .set_card_status(Uuid::new_v4(), CardStatus::Hidden, "x")
            .await,
        Err(StoreError::NotFound)
    ));
}

/// Themes: create, rename, sort cards in, merge; only within one board.
async fn themes(store: &dyn Store) {
    let s = setup(store).await;
    let id = store
        .create_workshop(s.programme, &workshop_fields(&s), "TTTT2345")
        .await
        .unwrap();
    let board = store
        .create_board(id, "?", Phase::Understand)
        .await
        .unwrap();
    let other_board = store
        .create_board(id, "!", Phase::Understand)
        .await
        .unwrap();
    let p = store.add_participant(participant(id, "t")).await.unwrap();
    let (card, _) = store
        .post_card(new_card(
            board.id,
            CardKind::Insight,
            "busser".into(),
            AuthorRef::Participant(p.id),
        ))
        .await
        .unwrap();
    let (transport, seq) = store.create_theme(board.id, "Transport").await.unwrap();
    let (safety, _) = store.create_theme(board.id, "Trygghet").await.unwrap();
    let (elsewhere, _) = store.create_theme(other_board.id, "Annet").await.unwrap();
    assert_eq!(
        store
            .replay(board.id, seq - 1, 5)
            .await
            .unwrap()
            .themes
            .len(),
        2
    );
    store
        .rename_theme(board.id, transport.id, "Buss og tog")
        .await
        .unwrap();
    assert!(
        matches!(
            store.rename_theme(board.id, elsewhere.id, "HACKED").await,
            Err(StoreError::NotFound)
        ),
        "a theme of another board is not renamed through this one"
    );
    assert_eq!(store.themes(other_board.id).await.unwrap()[0].name, "Annet");
    let names: Vec<String> = store
        .themes(board.id)
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.name)
        .collect();
    assert_eq!(names, ["Buss og tog", "Trygghet"], "in the order made");

    let (sorted, _) = store
        .set_card_theme(card.id, Some(safety.id))
        .await
        .unwrap();
    assert_eq!(sorted.theme_id, Some(safety.id));
    assert!(
        matches!(
            store.set_card_theme(card.id, Some(elsewhere.id)).await,
            Err(StoreError::NotFound)
        ),
        "a theme of another board"
    );
    assert!(matches!(
        store.merge_themes(board.id, safety.id, elsewhere.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.merge_themes(board.id, safety.id, safety.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(
        matches!(
            store
                .merge_themes(other_board.id, elsewhere.id, safety.id)
                .await,
            Err(StoreError::NotFound)
        ),
        "a theme of another board is not merged away"
    );
    assert!(
        matches!(
            store.merge_themes(board.id, elsewhere.id, safety.id).await,
            Err(StoreError::NotFound)
        ),
        "nor through the board of the theme it would go into"
    );
    assert_eq!(store.themes(other_board.id).await.unwrap().len(), 1);
    assert_eq!(
        store.card(card.id).await.unwrap().unwrap().theme_id,
        Some(safety.id),
        "a refused merge moves no card"
    );
    store
        .merge_themes(board.id, safety.id, transport.id)
        .await
        .unwrap();
    assert_eq!(
        store.card(card.id).await.unwrap().unwrap().theme_id,
        Some(transport.id)
    );
    assert_eq!(store.themes(board.id).await.unwrap().len(), 1);
    let (unsorted, _) = store.set_card_theme(card.id, None).await.unwrap();
    assert_eq!(unsorted.theme_id, None);
}

on_both_backends!(
    themes_conform => themes,
    moderation_conforms => moderation,
    voting_conforms => voting,
    workshops_conform => workshops_and_boards,
    posts_get_gapless_sequence_numbers => concurrent_posts,
    board_changes_at_once_all_stay => board_changes_at_once,
    reports_and_restores_at_once_go_through => reports_and_restores_at_once,
    votes_while_a_card_is_deleted_go_through => votes_while_a_card_is_deleted,
);
