//! Demo data for the iteration pipeline: an earlier, closed workshop whose idea became a
//! prototype that was tested, improved and tested again (proceed), and a second
//! prototype, from a theme, that was tested and dropped, with the learning kept.
use crate::demo_seeding::{at, live_workshop, participant, posted, prototype_of_idea, tested};
use samskap_domain::account::model::User;
use samskap_domain::pipeline::model::{FeedbackFields, Outcome, PrototypeFields, RoundFields};
use samskap_domain::store::actor::Actor;
use samskap_domain::store::pipeline_store::{NewDecision, Origin};
use samskap_domain::store::workshop_store::AuthorRef;
use samskap_domain::store::{Store, StoreError};
use samskap_domain::workshop::model::{
    AgeBand, CardKind, ParticipantRole, Phase, WorkshopFields, WorkshopStatus,
};
use uuid::Uuid;

/// The closed demo workshop's join code (it no longer lets anyone in).
const JOIN_CODE: &str = "KAFETEST";

fn answer(worked: &str, not_worked: &str, suggestion: &str, rating: u8) -> FeedbackFields {
    FeedbackFields {
        worked: worked.into(),
        not_worked: not_worked.into(),
        suggestion: suggestion.into(),
        rating,
    }
}

/// Seeds the pipeline demo into the programme, run by `facilitator`; returns the closed
/// workshop's board.
pub async fn seed(
    store: &dyn Store,
    programme: Uuid,
    facilitator: &User,
) -> Result<Uuid, StoreError> {
    let actor = Actor {
        id: facilitator.id,
        name: facilitator.display_name.clone(),
    };
    let (workshop, board) = live_workshop(
        store,
        programme,
        &WorkshopFields {
            title: "Kafétest i Tollbugata".into(),
            place: "Tollbugata 3".into(),
            starts_at: at(2025, 10, 14, 17),
            focus_area_ids: Vec::new(),
            facilitator_ids: vec![facilitator.id],
        },
        JOIN_CODE,
        "Hvordan kan vi gi ungdom et sted å være etter skolen?",
        Phase::Shape,
    )
    .await?;
    let mut testers = Vec::new();
    for (nickname, age_band) in [
        ("Sara", AgeBand::Age16To19),
        ("Emil", AgeBand::Under16),
        ("", AgeBand::Age16To19),
    ] {
        testers
            .push(participant(store, workshop, nickname, age_band, ParticipantRole::Youth).await?);
    }
    let post = |author: AuthorRef, kind: CardKind, body: &'static str| {
        posted(store, board, author, kind, body)
    };
    let closes = post(
        testers[0],
        CardKind::Insight,
        "Biblioteket stenger klokka 16, og på kafé må man kjøpe noe.",
    )
    .await?;
    let cramped = post(
        testers[1],
        CardKind::Insight,
        "Vi vil gjøre lekser sammen, men hjemme er det trangt.",
    )
    .await?;

    // Leksekafé: v1 tested and improved, v2 tested and taken on.
    let v1 = prototype_of_idea(
        store,
        (programme, board),
        (testers[2], "Leksekafé med gratis te på biblioteket om kvelden."),
        &[closes, cramped],
        &PrototypeFields {
            title: "Leksekafé på biblioteket".into(),
            description: "To kvelder i uka har biblioteket åpent til klokka 20, med gratis te og to frivillige leksehjelpere.".into(),
            assumption: "Ungdom kommer hvis stedet er gratis og det er noen der som kan hjelpe.".into(),
        },
        &actor,
    )
    .await?;
    let library = |starts_at| RoundFields {
        place: "Halden bibliotek".into(),
        target_group: "Ungdom 13–19 år".into(),
        starts_at,
    };
    let iterate = tested(
        store,
        v1.id,
        workshop,
        &library(at(2025, 10, 21, 16)),
        [
            (
                testers[0],
                answer(
                    "Rolig, og ingen måtte kjøpe noe",
                    "Det stengte midt i leksene",
                    "Åpent til klokka 21",
                    4,
                ),
            ),
            (
                testers[1],
                answer(
                    "Leksehjelpen",
                    "Vi kjente ingen av de voksne",
                    "Den samme voksne hver gang",
                    3,
                ),
            ),
            (
                AuthorRef::User(facilitator.id),
                answer("Mange kom rett fra skolen", "Få ble etter klokka 19", "", 4),
            ),
        ],
        &NewDecision {
            outcome: Outcome::Iterate,
            reason: "Testerne kom, men gikk da det stengte, og savnet en voksen de kjente.".into(),
            learning: "Åpent til klokka 21, og en fast voksen ungdommene kjenner.".into(),
        },
        &actor,
    )
    .await?;
    if let Some(v2) = iterate.next_prototype_id {
        tested(
            store,
            v2,
            workshop,
            &library(at(2025, 11, 18, 16)),
            [
                (
                    testers[0],
                    answer("Lenge nok åpent", "", "Også på fredager", 5),
                ),
                (
                    testers[1],
                    answer(
                        "Vi kjente Ahmed fra fritidsklubben",
                        "Litt lite plass",
                        "",
                        4,
                    ),
                ),
                (testers[2], answer("Gratis te", "", "", 5)),
            ],
            &NewDecision {
                outcome: Outcome::Proceed,
                reason:
                    "Alle testerne ville komme igjen, og biblioteket kan ha åpent to kvelder i uka."
                        .into(),
                learning: String::new(),
            },
            &actor,
        )
        .await?;
    }

    // Nattvandring, from a theme: tested and dropped, the learning kept.
    let (theme, _) = store.create_theme(board, "Trygg vei hjem").await?;
    let dark = post(
        testers[0],
        CardKind::Insight,
        "Det er mørkt og ingen voksne ved bussterminalen om kvelden.",
    )
    .await?;
    store.set_card_theme(dark, Some(theme.id)).await?;
    let walks = store
        .create_prototype(
            programme,
            Origin::Theme(theme.id),
            &PrototypeFields {
                title: "Nattvandrere ved terminalen".into(),
                description:
                    "Voksne frivillige i gule vester går runder ved bussterminalen fredag kveld."
                        .into(),
                assumption: "Ungdom føler seg tryggere når det er voksne ute.".into(),
            },
            &actor,
        )
        .await?;
    tested(
        store,
        walks.id,
        workshop,
        &RoundFields {
            place: "Bussterminalen".into(),
            target_group: "Ungdom som tar bussen hjem".into(),
            starts_at: at(2025, 11, 7, 21),
        },
        [
            (
                testers[0],
                answer("", "Det føltes som å bli passet på", "Bedre lys", 2),
            ),
            (
                testers[2],
                answer(
                    "Hyggelige folk",
                    "Vi ble stående og prate med dem i stedet for å gå",
                    "",
                    2,
                ),
            ),
        ],
        &NewDecision {
            outcome: Outcome::Drop,
            reason: "Ungdommene følte seg overvåket, ikke tryggere.".into(),
            learning:
                "Bedre lys og et åpent sted i nærheten hjelper mer enn voksne som går runder."
                    .into(),
        },
        &actor,
    )
    .await?;
    store
        .set_workshop_status(workshop, WorkshopStatus::Closed)
        .await?;
    Ok(board)
}
