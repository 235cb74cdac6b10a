//! Sarpsborg's demo pipeline: one closed youth evening on the square whose idea, a
//! pop-up stage, was tested with seven young people and taken on, so that the second
//! programme has its own learning to share in the library (with enough testers that
//! its figures by age band show).
use chrono::NaiveDate;
use samskap_domain::account::model::User;
use samskap_domain::pipeline::model::{FeedbackFields, Outcome, PrototypeFields, RoundFields};
use samskap_domain::store::actor::Actor;
use samskap_domain::store::pipeline_store::{NewDecision, Origin};
use samskap_domain::store::workshop_store::{AuthorRef, NewCard, NewParticipant};
use samskap_domain::store::{Store, StoreError};
use samskap_domain::workshop::model::{
    AgeBand, CardKind, CardStatus, ParticipantRole, Phase, WorkshopFields, WorkshopStatus,
};
use uuid::Uuid;

/// The closed workshop's join code (it no longer lets anyone in).
const JOIN_CODE: &str = "TORGET25";

/// Who came: mostly 16–19, one younger, one parent.
const PEOPLE: [(AgeBand, ParticipantRole); 7] = [
    (AgeBand::Age16To19, ParticipantRole::Youth),
    (AgeBand::Age16To19, ParticipantRole::Youth),
    (AgeBand::Age16To19, ParticipantRole::Youth),
    (AgeBand::Age16To19, ParticipantRole::Youth),
    (AgeBand::Age16To19, ParticipantRole::Youth),
    (AgeBand::Under16, ParticipantRole::Youth),
    (AgeBand::Age35To66, ParticipantRole::Resident),
];

/// What each tester said of the stage: worked, did not, rating.
const ANSWERS: [(&str, &str, u8); 7] = [
    ("Noe å se på, og folk ble stående", "Lyden var for svak", 4),
    ("Vi fikk spille selv", "", 5),
    ("Gratis", "Kaldt når sola gikk ned", 4),
    ("Venner fra andre skoler kom", "", 4),
    ("Åpen scene for alle", "For kort tid hver", 3),
    ("Musikken", "", 5),
    (
        "Ungdommene var der, ikke på kjøpesenteret",
        "Søppel etterpå",
        4,
    ),
];

fn at(y: i32, m: u32, d: u32, h: u32) -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .and_then(|date| date.and_hms_opt(h, 0, 0))
        .expect("a valid demo date")
}

/// Seeds the pipeline into Sarpsborg sentrum (`programme`), run by its `lead`.
pub async fn seed(store: &dyn Store, programme: Uuid, lead: &User) -> Result<(), StoreError> {
    let actor = Actor {
        id: lead.id,
        name: lead.display_name.clone(),
    };
    let workshop = store
        .create_workshop(
            programme,
            &WorkshopFields {
                title: "Ungdomskveld på Torget".into(),
                place: "Kulturhuset Sarpsborg".into(),
                starts_at: at(2025, 9, 18, 18),
                focus_area_ids: Vec::new(),
                facilitator_ids: vec![lead.id],
            },
            JOIN_CODE,
        )
        .await?;
    store
        .set_workshop_status(workshop, WorkshopStatus::Live)
        .await?;
    let board = store
        .create_board(
            workshop,
            "Hvordan kan vi gjøre Torget til et sted unge vil være om kvelden?",
            Phase::Shape,
        )
        .await?
        .id;
    let mut people = Vec::new();
    for (age_band, role) in PEOPLE {
        let participant = store
            .add_participant(NewParticipant {
                workshop_id: workshop,
                // Not a SHA-256 of any token, so no cookie can ever act as them.
                token_hash: format!("demo-{}", Uuid::new_v4()),
                nickname: String::new(),
                age_band: Some(age_band),
                role: Some(role),
            })
            .await?;
        people.push(AuthorRef::Participant(participant.id));
    }
    let post = |author: AuthorRef, kind: CardKind, body: &str| NewCard {
        board_id: board,
        kind,
        body: body.into(),
        focus_area_id: None,
        author,
        status: CardStatus::Visible,
        moderation_note: String::new(),
        client_key: None,
    };
    let mut insights = Vec::new();
    for (by, text) in [
        (
            0,
            "Torget er tomt etter klokka 18; vi drar til kjøpesenteret.",
        ),
        (1, "Vi har band, men ingen steder å spille for folk."),
        (6, "Ungdommen min sier det ikke skjer noe i sentrum."),
    ] {
        let card = store
            .post_card(post(people[by], CardKind::Insight, text))
            .await?;
        insights.push(card.0.id);
    }
    let idea = store
        .post_card(post(
            people[2],
            CardKind::Idea,
            "En åpen scene på Torget der unge spiller selv.",
        ))
        .await?
        .0
        .id;
    for insight in insights {
        store.link_insight(idea, insight, &actor).await?;
    }
    let stage = store
        .create_prototype(
            programme,
            Origin::Idea(idea),
            &PrototypeFields {
                title: "Pop-up scene på Torget".into(),
                description: "En lånt scene med lyd står på Torget tre fredager i september, \
                              og unge melder seg på for å spille."
                    .into(),
                assumption: "Unge blir i sentrum når de selv har noe å gjøre der.".into(),
            },
            &actor,
        )
        .await?;
    let round = store
        .create_round(
            stage.id,
            workshop,
            &RoundFields {
                place: "Torget".into(),
                target_group: "Ungdom 13–19 år".into(),
                starts_at: at(2025, 9, 26, 18),
            },
            &actor,
        )
        .await?;
    for (by, (worked, not_worked, rating)) in people.iter().zip(ANSWERS) {
        let fields = FeedbackFields {
            worked: worked.into(),
            not_worked: not_worked.into(),
            suggestion: String::new(),
            rating,
        };
        store.add_feedback(round.id, *by, &fields).await?;
    }
    store
        .decide(
            stage.id,
            &NewDecision {
                outcome: Outcome::Proceed,
                reason: "Seks av sju ville komme igjen, og kulturhuset kan låne ut lyd.".into(),
                learning: "Det unge gjør selv trekker flere enn det som lages for dem. \
                           Sett av penger til lyd og til å rydde etterpå."
                    .into(),
            },
            &actor,
        )
        .await?;
    store
        .set_workshop_status(workshop, WorkshopStatus::Closed)
        .await?;
    Ok(())
}
