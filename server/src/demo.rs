//! Demo mode: the Halden sentrum programme (from the programme description 2024–2028)
//! and one demo account per role, whose password is set and printed at each start, and
//! a live demo workshop with one open board; and a second, smaller programme
//! (`demo_sarpsborg`).
use crate::demo_seeding::demo_account;
use samskap_app::server::password;
use samskap_domain::account::model::Role;
use samskap_domain::inclusion::model::InclusionSettings;
use samskap_domain::programme::model::ProgrammeFields;
use samskap_domain::store::workshop_store::AuthorRef;
use samskap_domain::store::{Store, StoreError};
use samskap_domain::workshop::model::{AgeBand, CardKind, Phase, WorkshopFields, WorkshopStatus};
use uuid::Uuid;

/// The join code of the demo workshop (fixed, so the demo is easy to show).
pub const DEMO_JOIN_CODE: &str = "SENTRUM2";

/// The demo accounts: email, display name, role.
pub const DEMO_ACCOUNTS: [(&str, &str, Role); 4] = [
    ("leder@halden.demo", "Demo Programleder", Role::Lead),
    ("kjerneteam@halden.demo", "Demo Kjerneteam", Role::Core),
    (
        "fasilitator@halden.demo",
        "Demo Fasilitator",
        Role::Facilitator,
    ),
    (
        "styringsgruppe@halden.demo",
        "Demo Styringsgruppe",
        Role::Viewer,
    ),
];

const FOCUS_AREAS: [(&str, &str); 4] = [
    (
        "Boliger, bomiljø og oppvekstsvilkår",
        "Boliger tilpasset behov og betalingsevne, bedre offentlige rom og bedre oppvekstsvilkår for barn og unge.",
    ),
    (
        "«Kunnskap i sentrum», utdanning, arbeid og fritid",
        "Økt sysselsetting, gjennomføring av utdanningsløpet og fritidsaktiviteter, for å hindre tidlig utenforskap.",
    ),
    (
        "Møteplasser",
        "Nye møteplasser og bedre bruk av eksisterende; idrett og kultur for fysisk og psykisk helse.",
    ),
    ("Forebygge kriminalitet", "Forebyggende arbeid sammen med skole, fritidsarenaer, velforeninger og politi."),
];

/// Goal title, description, and the focus areas (indexes above) it serves. Halden has
/// five goal headings for four focus areas, so the links are many-to-many.
const GOALS: [(&str, &str, &[usize]); 5] = [
    (
        "Bolig, bomiljø og oppvekstvilkår",
        "Variert boligmangfold. Flere familier bor i boliger med egnet størrelse og god kvalitet.",
        &[0],
    ),
    (
        "Kunnskap i sentrum, utdanning, arbeid og fritid",
        "Flere gjennomfører utdanning og er i arbeid. Flere unge har sommerjobb og deltidsjobb.",
        &[1],
    ),
    (
        "Møteplasser",
        "Varierte, tilgjengelige og attraktive uteområder, og likeverdig og trygg tilgang for å senke terskelen for deltakelse.",
        &[2],
    ),
    (
        "Ungdom i fokus",
        "Ungdommene har vært med å utvikle tilbudene. Det er tillit mellom voksne og ungdommer, og ungdom har tillit til samfunnet.",
        &[1, 2, 3],
    ),
    (
        "Ressursmobilisering",
        "Sentrum oppleves som trygt. Innbyggerne føler at de tas på alvor og blir lyttet til.",
        &[0, 2, 3],
    ),
];

/// Makes sure every demo account exists, is active and has `demo_password`; seeds the
/// programme, led by the demo lead, when there is none; makes every demo account a member
/// of the first programme in its demo role.
pub async fn seed(store: &dyn Store, demo_password: &str) -> Result<(), StoreError> {
    let hash = password::hash(demo_password);
    let mut accounts = Vec::new();
    for (email, name, _) in DEMO_ACCOUNTS {
        // The demo lead runs the installation too.
        let operator = email == DEMO_ACCOUNTS[0].0;
        accounts.push(demo_account(store, (email, name), &hash, operator).await?);
    }
    let programme = match store.programme_by_slug("halden-sentrum").await? {
        Some(halden) => halden,
        None => seed_programme(store, accounts[0]).await?,
    };
    for (id, (_, _, role)) in accounts.iter().zip(DEMO_ACCOUNTS) {
        match store.add_member(programme, *id, role).await {
            Ok(()) | Err(StoreError::Duplicate) => {}
            Err(other) => return Err(other),
        }
    }
    seed_workshop(store, programme).await?;
    crate::demo_sarpsborg::seed(store, &hash, programme, accounts[1]).await
}

/// Halden sentrum with its focus areas, goals and youth targets, led by `lead`.
async fn seed_programme(store: &dyn Store, lead: Uuid) -> Result<Uuid, StoreError> {
    let fields = ProgrammeFields {
        name: "Halden sentrum".into(),
        area: "Halden sentrum, Halden kommune".into(),
        start_year: 2024,
        end_year: 2028,
        yearly_budget_nok: 5_000_000,
    };
    let programme = store
        .create_programme("halden-sentrum", fields, Some(lead))
        .await?;
    let mut ids = Vec::new();
    for (name, description) in FOCUS_AREAS {
        ids.push(store.add_focus_area(programme, name, description).await?.id);
    }
    for (title, description, links) in GOALS {
        let linked: Vec<_> = links.iter().map(|&i| ids[i]).collect();
        store
            .add_goal(programme, title, description, &linked)
            .await?;
    }
    // "Et særlig ungt fokus": the diversity view flags youth under these shares.
    let settings = InclusionSettings {
        targets: vec![
            (AgeBand::Under16, 15),
            (AgeBand::Age16To19, 20),
            (AgeBand::Age20To34, 15),
        ],
        ..InclusionSettings::default()
    };
    store.save_inclusion_settings(programme, &settings).await?;
    Ok(programme)
}

/// The demo's programme, Halden sentrum, with its focus areas and goals.
pub async fn programme(
    store: &dyn Store,
) -> Result<Option<samskap_domain::programme::model::Programme>, StoreError> {
    match store.programme_by_slug("halden-sentrum").await? {
        Some(id) => store.programme(id).await,
        None => Ok(None),
    }
}

/// A live workshop at Skofabrikken with an open board and two insights, and the
/// pipeline demo, once.
async fn seed_workshop(store: &dyn Store, programme: Uuid) -> Result<(), StoreError> {
    let Some(programme) = store.programme(programme).await? else {
        return Ok(());
    };
    if !store.workshops(programme.id).await?.is_empty() {
        return Ok(());
    }
    let Some(facilitator) = demo_member(store, programme.id, 2).await? else {
        return Ok(());
    };
    let fields = WorkshopFields {
        title: "Ungdommens sentrum".into(),
        place: "Skofabrikken".into(),
        starts_at: chrono::Local::now().naive_local(),
        focus_area_ids: programme
            .focus_areas
            .iter()
            .skip(1)
            .take(2)
            .map(|fa| fa.id)
            .collect(),
        facilitator_ids: vec![facilitator.id],
    };
    let workshop = store
        .create_workshop(programme.id, &fields, DEMO_JOIN_CODE)
        .await?;
    store
        .set_workshop_status(workshop, WorkshopStatus::Live)
        .await?;
    let mut board = store
        .create_board(
            workshop,
            "Hvordan kan vi gjøre sentrum til et sted ungdom vil være?",
            Phase::Explore,
        )
        .await?;
    (_, board) = store
        .change_board(board.id, Box::new(|b| b.open = true))
        .await?;
    for text in [
        "Det finnes ingen steder inne å være på kvelden uten å måtte kjøpe noe.",
        "Mange unge føler seg utrygge ved bussterminalen etter mørkets frembrudd.",
    ] {
        let author = AuthorRef::User(facilitator.id);
        crate::demo_seeding::posted(store, board.id, author, CardKind::Insight, text).await?;
    }
    let board = crate::demo_pipeline::seed(store, programme.id, &facilitator).await?;
    let Some(lead) = demo_member(store, programme.id, 0).await? else {
        return Ok(());
    };
    if let Some(measure) = crate::demo_plan::seed(store, programme.id, board, &lead).await? {
        crate::demo_follow_up::seed(store, programme.id, measure, &lead, &facilitator).await?;
        crate::demo_report::seed(store, programme.id, &lead).await?;
    }
    crate::demo_library::seed(store, programme.id, &lead).await?;
    Ok(())
}

/// The demo account `DEMO_ACCOUNTS[index]` as a member of `programme`.
async fn demo_member(
    store: &dyn Store,
    programme: Uuid,
    index: usize,
) -> Result<Option<samskap_domain::account::model::User>, StoreError> {
    match store.account_with_hash(DEMO_ACCOUNTS[index].0).await? {
        Some((account, _)) => store.member(programme, account.id).await,
        None => Ok(None),
    }
}
