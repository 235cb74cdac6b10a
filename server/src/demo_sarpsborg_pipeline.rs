//! Sarpsborg's demo pipeline: one closed evening on the square whose idea, a pop-up
//! stage, was tested with ten young people and young adults and taken on, so that the
//! second programme has its own learning to share in the library (with groups large
//! enough that its figures by age band and role show).
use crate::demo_seeding::{at, live_workshop, participant, posted, prototype_of_idea, tested};
use samskap_domain::account::model::User;
use samskap_domain::pipeline::model::{FeedbackFields, Outcome, PrototypeFields, RoundFields};
use samskap_domain::store::actor::Actor;
use samskap_domain::store::pipeline_store::NewDecision;
use samskap_domain::store::{Store, StoreError};
use samskap_domain::workshop::model::{
    AgeBand, CardKind, ParticipantRole, Phase, WorkshopFields, WorkshopStatus,
};
use uuid::Uuid;

/// The closed workshop's join code (it no longer lets anyone in).
const JOIN_CODE: &str = "TORGET25";

/// Who came: five aged 16–19 and five young adults living in the centre.
const PEOPLE: [(AgeBand, ParticipantRole); 10] = [
    (AgeBand::Age16To19, ParticipantRole::Youth),
    (AgeBand::Age16To19, ParticipantRole::Youth),
    (AgeBand::Age16To19, ParticipantRole::Youth),
    (AgeBand::Age16To19, ParticipantRole::Youth),
    (AgeBand::Age16To19, ParticipantRole::Youth),
    (AgeBand::Age20To34, ParticipantRole::Resident),
    (AgeBand::Age20To34, ParticipantRole::Resident),
    (AgeBand::Age20To34, ParticipantRole::Resident),
    (AgeBand::Age20To34, ParticipantRole::Resident),
    (AgeBand::Age20To34, ParticipantRole::Resident),
];

/// What each tester said of the stage: worked, did not, rating.
const ANSWERS: [(&str, &str, u8); 10] = [
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
    ("Liv på Torget en fredag", "Ingen benker", 4),
    ("Lokale band", "Vanskelig å finne ut når det skjedde", 3),
    ("Trygt, mange folk", "", 4),
];

/// Seeds the pipeline into Sarpsborg sentrum (`programme`), run by its `lead`.
pub async fn seed(store: &dyn Store, programme: Uuid, lead: &User) -> Result<(), StoreError> {
    let actor = Actor {
        id: lead.id,
        name: lead.display_name.clone(),
    };
    let (workshop, board) = live_workshop(
        store,
        programme,
        &WorkshopFields {
            title: "Ungdomskveld på Torget".into(),
            place: "Kulturhuset Sarpsborg".into(),
            starts_at: at(2025, 9, 18, 18),
            focus_area_ids: Vec::new(),
            facilitator_ids: vec![lead.id],
        },
        JOIN_CODE,
        "Hvordan kan vi gjøre Torget til et sted unge vil være om kvelden?",
        Phase::Shape,
    )
    .await?;
    let mut people = Vec::new();
    for (age_band, role) in PEOPLE {
        people.push(participant(store, workshop, "", age_band, role).await?);
    }
    let mut insights = Vec::new();
    for (by, text) in [
        (
            0,
            "Torget er tomt etter klokka 18; vi drar til kjøpesenteret.",
        ),
        (1, "Vi har band, men ingen steder å spille for folk."),
        (6, "Etter jobb er det ingenting å gå til i sentrum."),
    ] {
        insights.push(posted(store, board, people[by], CardKind::Insight, text).await?);
    }
    let stage = prototype_of_idea(
        store,
        (programme, board),
        (people[2], "En åpen scene på Torget der unge spiller selv."),
        &insights,
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
    let answers = people
        .iter()
        .zip(ANSWERS)
        .map(|(by, (worked, not_worked, rating))| {
            let fields = FeedbackFields {
                worked: worked.into(),
                not_worked: not_worked.into(),
                suggestion: String::new(),
                rating,
            };
            (*by, fields)
        });
    tested(
        store,
        stage.id,
        workshop,
        &RoundFields {
            place: "Torget".into(),
            target_group: "Ungdom 13–19 år".into(),
            starts_at: at(2025, 9, 26, 18),
        },
        answers,
        &NewDecision {
            outcome: Outcome::Proceed,
            reason: "Åtte av ti ville komme igjen, og kulturhuset kan låne ut lyd.".into(),
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
