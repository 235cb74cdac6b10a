//! The demo's learning library: each programme's decided prototypes written up and
//! shared (so the library, its search and the open feed have something to show from
//! both), Halden's finished measure written up but not shared, and a subscription to
//! another municipality's feed, which the demo serves itself (`/demo/feed.json`).
use axum::http::header;
use axum::response::IntoResponse;
use samskap_domain::account::model::User;
use samskap_domain::library::model::EntryFacts;
use samskap_domain::library::subscription::{origin_of, parse_feed, remote_entry};
use samskap_domain::pipeline::model::PrototypeStatus;
use samskap_domain::plan::model::MeasureStatus;
use samskap_domain::store::actor::Actor;
use samskap_domain::store::{Store, StoreError};
use uuid::Uuid;

/// What the demo's staff wrote about each, by title.
const SUMMARIES: [(&str, &str); 3] = [
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
    (
        "Pop-up scene på Torget",
        "Tre fredager med åpen scene fikk unge til å bli på Torget i stedet for å dra til \
         kjøpesenteret. Det de gjorde selv, trakk flest. Budsjetter lyd og rydding.",
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

/// The other municipality's feed, as the demo serves it.
const DEMO_FEED: &str = include_str!("demo_feed.json");

/// `GET /demo/feed.json` (demo mode only).
pub async fn feed() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], DEMO_FEED)
}

/// Subscribes Halden to the demo's own feed at `http://{listen}/demo/feed.json`, with
/// its entries, unless it is subscribed already. The schedule fetches it again later.
pub async fn subscribe(store: &dyn Store, listen: std::net::SocketAddr) -> Result<(), StoreError> {
    let Some(programme) = store.programme_by_slug("halden-sentrum").await? else {
        return Ok(());
    };
    if !store.subscriptions(programme).await?.is_empty() {
        return Ok(());
    }
    let Some(lead) = store
        .account_with_hash(crate::demo::DEMO_ACCOUNTS[0].0)
        .await?
    else {
        return Ok(());
    };
    let url = format!("http://{listen}/demo/feed.json");
    let feed = parse_feed(DEMO_FEED.as_bytes())
        .map_err(|e| StoreError::Backend(format!("demo feed: {e:?}")))?;
    let origin = origin_of(&url);
    let entries: Vec<_> = feed
        .entries
        .iter()
        .map(|e| remote_entry(e, &origin))
        .collect();
    let actor = Actor {
        id: lead.0.id,
        name: lead.0.display_name.clone(),
    };
    store.subscribe(programme, &url, &entries, &actor).await?;
    Ok(())
}

fn summary_of(facts: &EntryFacts) -> &'static str {
    SUMMARIES
        .iter()
        .find(|(title, _)| *title == facts.title)
        .map_or("Se læringen under.", |(_, s)| s)
}
