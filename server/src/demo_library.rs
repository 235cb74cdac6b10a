//! The demo's learning library: Halden's decided prototypes written up and shared (so
//! the library, its search and the open feed have something to show), and its finished
//! measure written up but not shared.
use samskap_domain::account::model::User;
use samskap_domain::library::model::EntryFacts;
use samskap_domain::pipeline::model::PrototypeStatus;
use samskap_domain::plan::model::MeasureStatus;
use samskap_domain::store::actor::Actor;
use samskap_domain::store::{Store, StoreError};
use uuid::Uuid;

/// What the demo's staff wrote about each, by title.
const SUMMARIES: [(&str, &str); 2] = [
    (
        "Nattvandrere ved terminalen",
        "Voksne som gikk runder fikk ungdommene til å føle seg overvåket, ikke trygge. \
         Lys og et åpent sted å være i nærheten betyr mer. Spør ungdommene før dere \
         setter inn folk.",
    ),
    (
        "Leksekafé på biblioteket",
        "Andre versjon, med mat og frivillige fra videregående, fikk flere til å komme \
         igjen. Ungdommene vil ha hjelp av noen som er litt eldre enn dem selv.",
    ),
];

pub async fn seed(store: &dyn Store, programme: Uuid, lead: &User) -> Result<(), StoreError> {
    let actor = Actor {
        id: lead.id,
        name: lead.display_name.clone(),
    };
    for p in store.prototypes(programme).await? {
        if !matches!(
            p.status,
            PrototypeStatus::Proceed | PrototypeStatus::Dropped
        ) {
            continue;
        }
        let (source, facts) = samskap_app::library::facts::of_prototype(store, programme, p.id)
            .await
            .map_err(|e| StoreError::Backend(format!("demo library: {e}")))?;
        let summary = summary_of(&facts);
        store
            .save_library_entry(programme, source, &facts, summary, true, &actor)
            .await?;
    }
    for m in store.measures(programme).await? {
        if m.status != MeasureStatus::Done {
            continue;
        }
        let facts = samskap_app::library::facts::of_measure(store, programme, m.id)
            .await
            .map_err(|e| StoreError::Backend(format!("demo library: {e}")))?;
        store
            .save_library_entry(programme, m.id, &facts, "", false, &actor)
            .await?;
    }
    Ok(())
}

fn summary_of(facts: &EntryFacts) -> &'static str {
    SUMMARIES
        .iter()
        .find(|(title, _)| *title == facts.title)
        .map_or("Se læringen under.", |(_, s)| s)
}
