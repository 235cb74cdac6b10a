//! Store conformance for inclusion and privacy, run against SQLite and PostgreSQL:
//! cards by client key, participation counts, the programme's settings, the retention
//! job that erases participant identities, and the evaluation export's cards.
use crate::support;

use chrono::{Duration, Utc};
use samskap_domain::inclusion::model::{InclusionSettings, DEFAULT_RETENTION_DAYS};
use samskap_domain::store::workshop_store::{AuthorRef, NewCard, NewParticipant};
use samskap_domain::store::{Store, StoreError};
use samskap_domain::workshop::model::{
    AgeBand, CardKind, CardStatus, ParticipantRole, Phase, WorkshopFields, WorkshopStatus,
};
use uuid::Uuid;

struct Room {
    programme: Uuid,
    areas: [Uuid; 2],
    workshop: Uuid,
    board: Uuid,
}

/// A programme with two focus areas, a live workshop about the first, and its board.
async fn room(store: &dyn Store, code: &str) -> Room {
    let programme = match store.programmes().await.unwrap().first() {
        Some(first) => first.id,
        None => support::save_programme(store).await,
    };
    let programme_areas = store
        .programme(programme)
        .await
        .unwrap()
        .unwrap()
        .focus_areas;
    let areas = if programme_areas.len() >= 2 {
        [programme_areas[0].id, programme_areas[1].id]
    } else {
        let a = store
            .add_focus_area(programme, "Møteplasser", "")
            .await
            .unwrap();
        let b = store.add_focus_area(programme, "Bolig", "").await.unwrap();
        [a.id, b.id]
    };
    let fields = WorkshopFields {
        title: format!("Verksted {code}"),
        place: "Skofabrikken".into(),
        starts_at: chrono::NaiveDate::from_ymd_opt(2026, 11, 24)
            .unwrap()
            .and_hms_opt(18, 0, 0)
            .unwrap(),
        focus_area_ids: vec![areas[0]],
        facilitator_ids: vec![],
    };
    let workshop = store
        .create_workshop(programme, &fields, code)
        .await
        .unwrap();
    store
        .set_workshop_status(workshop, WorkshopStatus::Live)
        .await
        .unwrap();
    let board = store
        .create_board(workshop, "Hvordan kan vi …?", Phase::Explore)
        .await
        .unwrap()
        .id;
    Room {
        programme,
        areas,
        workshop,
        board,
    }
}

async fn join(
    store: &dyn Store,
    workshop: Uuid,
    token: &str,
    age_band: Option<AgeBand>,
    role: Option<ParticipantRole>,
) -> Uuid {
    store
        .add_participant(NewParticipant {
            workshop_id: workshop,
            token_hash: token.into(),
            nickname: format!("Kallenavn {token}"),
            age_band,
            role,
        })
        .await
        .unwrap()
        .id
}

fn card(board: Uuid, author: Uuid, focus_area: Option<Uuid>, key: Option<Uuid>) -> NewCard {
    NewCard {
        board_id: board,
        kind: CardKind::Idea,
        body: "Åpen gymsal på fredager".into(),
        focus_area_id: focus_area,
        author: AuthorRef::Participant(author),
        status: CardStatus::Visible,
        moderation_note: String::new(),
        client_key: key,
    }
}

async fn client_keys(store: &dyn Store) {
    let r = room(store, "KEYS2345").await;
    let p = join(store, r.workshop, "k1", None, None).await;
    let key = Uuid::new_v4();
    let (first, _) = store
        .post_card(card(r.board, p, None, Some(key)))
        .await
        .unwrap();
    assert!(
        matches!(
            store.post_card(card(r.board, p, None, Some(key))).await,
            Err(StoreError::Duplicate)
        ),
        "a second card with the same key is refused"
    );
    let found = store.card_by_client_key(key).await.unwrap().unwrap();
    assert_eq!(found.id, first.id);
    assert_eq!(store.board_cards(r.board).await.unwrap().1.len(), 1);
    assert!(store
        .card_by_client_key(Uuid::new_v4())
        .await
        .unwrap()
        .is_none());
    // Cards without a key never collide.
    store.post_card(card(r.board, p, None, None)).await.unwrap();
    store.post_card(card(r.board, p, None, None)).await.unwrap();
    assert_eq!(store.board_cards(r.board).await.unwrap().1.len(), 3);
}

async fn participation(store: &dyn Store) {
    let total = |p: &samskap_domain::inclusion::model::Participation| {
        p.groups.iter().map(|g| g.participants).sum::<u32>()
    };
    let r = room(store, "DIVE2345").await;
    let before = total(&store.participation(r.programme, None).await.unwrap());
    let other = room(store, "DIVF2345").await;
    let young = join(store, r.workshop, "y1", Some(AgeBand::Under16), None).await;
    let by_role = join(store, r.workshop, "y2", None, Some(ParticipantRole::Youth)).await;
    let adult = join(
        store,
        r.workshop,
        "a1",
        Some(AgeBand::Age35To66),
        Some(ParticipantRole::Resident),
    )
    .await;
    join(store, r.workshop, "q1", None, None).await;
    let elsewhere = join(store, other.workshop, "e1", Some(AgeBand::Over66), None).await;
    // Young: one card on the workshop's own focus area (by default), one on the second.
    store
        .post_card(card(r.board, young, None, None))
        .await
        .unwrap();
    store
        .post_card(card(r.board, young, Some(r.areas[1]), None))
        .await
        .unwrap();
    store
        .post_card(card(r.board, by_role, None, None))
        .await
        .unwrap();
    store
        .post_card(card(r.board, adult, Some(r.areas[1]), None))
        .await
        .unwrap();
    store
        .post_card(card(other.board, elsewhere, Some(r.areas[1]), None))
        .await
        .unwrap();

    let one = store
        .participation(r.programme, Some(r.workshop))
        .await
        .unwrap();
    // Scoped by programme in SQL: through another programme the workshop counts nothing.
    let elsewhere = store
        .participation(Uuid::new_v4(), Some(r.workshop))
        .await
        .unwrap();
    assert!(elsewhere.groups.is_empty() && elsewhere.focus_areas.is_empty());
    let group = |age: Option<AgeBand>, role: Option<ParticipantRole>| {
        one.groups
            .iter()
            .find(|g| g.age_band == age && g.role == role)
            .map(|g| (g.participants, g.cards))
    };
    assert_eq!(group(Some(AgeBand::Under16), None), Some((1, 2)));
    assert_eq!(group(None, Some(ParticipantRole::Youth)), Some((1, 1)));
    assert_eq!(
        group(Some(AgeBand::Age35To66), Some(ParticipantRole::Resident)),
        Some((1, 1))
    );
    assert_eq!(
        group(None, None),
        Some((1, 0)),
        "someone who posted nothing still counts"
    );
    assert_eq!(one.groups.iter().map(|g| g.participants).sum::<u32>(), 4);
    let area = |p: &samskap_domain::inclusion::model::Participation, id: Uuid| {
        p.focus_areas
            .iter()
            .find(|f| f.focus_area_id == id)
            .map(|f| (f.cards, f.youth_cards))
    };
    assert_eq!(
        area(&one, r.areas[0]),
        Some((2, 2)),
        "cards without an area count for the workshop's"
    );
    assert_eq!(area(&one, r.areas[1]), Some((2, 1)));

    let all = store.participation(r.programme, None).await.unwrap();
    assert_eq!(total(&all), before + 5, "every workshop's participants");
    assert_eq!(area(&all, r.areas[1]), Some((3, 1)));
}

async fn settings(store: &dyn Store) {
    let r = room(store, "SETS2345").await;
    let fresh = store.inclusion_settings(r.programme).await.unwrap();
    assert_eq!(fresh, InclusionSettings::default());
    assert_eq!(fresh.retention_days, DEFAULT_RETENTION_DAYS);
    let chosen = InclusionSettings {
        retention_days: 30,
        targets: vec![(AgeBand::Under16, 15), (AgeBand::Age16To19, 20)],
    };
    store
        .save_inclusion_settings(r.programme, &chosen)
        .await
        .unwrap();
    assert_eq!(store.inclusion_settings(r.programme).await.unwrap(), chosen);
    let fewer = InclusionSettings {
        retention_days: 365,
        targets: vec![(AgeBand::Over66, 10)],
    };
    store
        .save_inclusion_settings(r.programme, &fewer)
        .await
        .unwrap();
    assert_eq!(store.inclusion_settings(r.programme).await.unwrap(), fewer);
    assert!(matches!(
        store.save_inclusion_settings(Uuid::new_v4(), &fewer).await,
        Err(StoreError::NotFound)
    ));
}

async fn retention(store: &dyn Store) {
    let closed = room(store, "GONE2345").await;
    store
        .save_inclusion_settings(closed.programme, &InclusionSettings::default())
        .await
        .unwrap();
    let live = room(store, "LIVE2345").await;
    let leaving = join(
        store,
        closed.workshop,
        "t-closed",
        Some(AgeBand::Age16To19),
        None,
    )
    .await;
    let staying = join(store, live.workshop, "t-live", None, None).await;
    let (posted, _) = store
        .post_card(card(closed.board, leaving, None, None))
        .await
        .unwrap();
    store
        .post_card(card(live.board, staying, None, None))
        .await
        .unwrap();
    store
        .set_workshop_status(closed.workshop, WorkshopStatus::Closed)
        .await
        .unwrap();
    let now = Utc::now();
    let days = DEFAULT_RETENTION_DAYS as i64;
    assert_eq!(
        store
            .erase_expired_participants(now + Duration::days(days - 1))
            .await
            .unwrap(),
        0,
        "nothing goes before the retention period is over"
    );
    assert!(store
        .participant_by_token(closed.workshop, "t-closed")
        .await
        .unwrap()
        .is_some());
    let later = now + Duration::days(days + 1);
    assert_eq!(store.erase_expired_participants(later).await.unwrap(), 1);
    assert!(
        store
            .participant_by_token(closed.workshop, "t-closed")
            .await
            .unwrap()
            .is_none(),
        "the old cookie no longer finds the participant"
    );
    let kept = store
        .card(posted.id)
        .await
        .unwrap()
        .expect("the card stays");
    assert_eq!(kept.body, posted.body);
    assert_eq!(kept.author.name, "", "the card is anonymous now");
    assert_eq!(
        store
            .participation(closed.programme, Some(closed.workshop))
            .await
            .unwrap()
            .groups[0]
            .age_band,
        Some(AgeBand::Age16To19),
        "the age band stays for the statistics"
    );
    assert_eq!(
        store.erase_expired_participants(later).await.unwrap(),
        0,
        "idempotent"
    );
    let still = store
        .participant_by_token(live.workshop, "t-live")
        .await
        .unwrap()
        .expect("a live workshop's participants stay");
    assert_eq!(still.nickname, "Kallenavn t-live");
    // A shorter period, set later, applies to workshops already closed.
    let reopened = room(store, "REOP2345").await;
    join(store, reopened.workshop, "t-reopened", None, None).await;
    store
        .set_workshop_status(reopened.workshop, WorkshopStatus::Closed)
        .await
        .unwrap();
    store
        .set_workshop_status(reopened.workshop, WorkshopStatus::Live)
        .await
        .unwrap();
    store
        .save_inclusion_settings(
            reopened.programme,
            &InclusionSettings {
                retention_days: 1,
                targets: vec![],
            },
        )
        .await
        .unwrap();
    assert_eq!(
        store
            .erase_expired_participants(now + Duration::days(2))
            .await
            .unwrap(),
        0,
        "a reopened workshop is not closed"
    );
}

async fn evaluation(store: &dyn Store) {
    let r = room(store, "EVAL2345").await;
    let p = join(
        store,
        r.workshop,
        "ev1",
        Some(AgeBand::Under16),
        Some(ParticipantRole::Youth),
    )
    .await;
    store
        .post_card(card(r.board, p, Some(r.areas[0]), None))
        .await
        .unwrap();
    store.post_card(card(r.board, p, None, None)).await.unwrap();
    let cards = store.evaluation_cards(r.workshop).await.unwrap();
    assert_eq!(cards.len(), 2);
    assert!(cards
        .iter()
        .all(|c| c.participant_id == Some(p) && !c.by_staff));
    assert_eq!(cards[0].age_band, Some(AgeBand::Under16));
    assert_eq!(cards[0].role, Some(ParticipantRole::Youth));
    assert_eq!(cards[0].focus_area, "Møteplasser");
    assert_eq!(cards[1].focus_area, "");
    assert_eq!(cards[0].kind, "idea");
    assert_eq!(cards[0].votes, 0);
}

async fn all(store: &dyn Store) {
    client_keys(store).await;
    participation(store).await;
    settings(store).await;
    retention(store).await;
    evaluation(store).await;
}

/// A workshop closed before its closing time was stored by Samskap (the upgrade to 0010
/// wrote `…Z` for those, where Samskap writes `…+00:00`) is erased in its time too: the
/// retention job once compared that time as text and never found it again.
#[tokio::test]
async fn a_workshop_closed_before_the_upgrade_is_erased_in_its_time_on_sqlite() {
    let db = support::TestSqlite::new();
    let opened = db.open().await;
    let store = opened.store.as_ref();
    let closed = room(store, "OLDC2345").await;
    join(store, closed.workshop, "t-old", None, None).await;
    store
        .set_workshop_status(closed.workshop, WorkshopStatus::Closed)
        .await
        .unwrap();
    let mut raw = db.raw().await;
    sqlx::query(
        "UPDATE workshops SET closed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = $1",
    )
    .bind(closed.workshop)
    .execute(&mut raw)
    .await
    .unwrap();
    let later = Utc::now() + Duration::days(DEFAULT_RETENTION_DAYS as i64 + 1);
    assert_eq!(store.erase_expired_participants(later).await.unwrap(), 1);
    assert!(store
        .participant_by_token(closed.workshop, "t-old")
        .await
        .unwrap()
        .is_none());
}

on_both_backends!(
    inclusion_conforms => all,
);
