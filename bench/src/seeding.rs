//! The start the export and annual-report benchmarks share: a fresh SQLite file with
//! the demo, a board of the lead's to post from, and the table row of one timing.
use chrono::NaiveDateTime;
use samskap_domain::programme::model::Programme;
use samskap_domain::store::actor::Actor;
use samskap_domain::store::{Store, StoreError};
use samskap_domain::workshop::model::{Phase, WorkshopFields};
use samskap_store::database_url::DatabaseUrl;
use samskap_store::Opened;
use std::time::Duration;
use uuid::Uuid;

/// The demo (with `password`) in a new SQLite file in a temporary folder, which lives as
/// long as the folder returned.
pub(crate) async fn fresh_demo(password: &str) -> Result<(tempfile::TempDir, Opened), String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let url = DatabaseUrl::parse(&format!("sqlite://{}/samskap.db", dir.path().display()))?;
    let opened = samskap_store::open(&url).await?;
    samskap_server::demo::seed(opened.store.as_ref(), password)
        .await
        .map_err(|e| e.to_string())?;
    Ok((dir, opened))
}

/// The demo's programme and lead, and a workshop of the lead's with one board.
pub(crate) struct BenchBoard {
    pub programme: Programme,
    pub lead: Actor,
    pub workshop: Uuid,
    pub board: Uuid,
}

/// A workshop "Benk" starting at `starts_at`, joined with `join_code`, and its board.
pub(crate) async fn bench_board(
    store: &dyn Store,
    starts_at: NaiveDateTime,
    join_code: &str,
) -> Result<BenchBoard, String> {
    let err = |e: StoreError| e.to_string();
    let programme = samskap_server::demo::programme(store)
        .await
        .map_err(err)?
        .ok_or("no programme")?;
    let (lead, _) = store
        .account_with_hash("leder@halden.demo")
        .await
        .map_err(err)?
        .ok_or("no lead")?;
    let lead = Actor {
        id: lead.id,
        name: lead.display_name,
    };
    let fields = WorkshopFields {
        title: "Benk".into(),
        place: "Halden".into(),
        starts_at,
        focus_area_ids: vec![],
        facilitator_ids: vec![lead.id],
    };
    let workshop = store
        .create_workshop(programme.id, &fields, join_code)
        .await
        .map_err(err)?;
    let board = store
        .create_board(workshop, "Benk", Phase::Shape)
        .await
        .map_err(err)?
        .id;
    Ok(BenchBoard {
        programme,
        lead,
        workshop,
        board,
    })
}

/// One row of a timing table: `label`, then the minimum, median and maximum of `times`
/// in milliseconds, and `bytes` in KB.
pub(crate) fn print_row(label: &str, times: &mut [Duration], bytes: usize) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "| {label} | {:.0} | {:.0} | {:.0} | {:.0} |",
        ms(times[0]),
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1]),
        bytes as f64 / 1024.0
    );
}
