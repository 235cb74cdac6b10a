//! `samskap-bench writes`: sustained write throughput of each store, posting cards
//! through the store (each one transaction: sequence number, log entry, card) from
//! concurrent writers for a while, on SQLite and, when given, PostgreSQL; with
//! `--feed-entries`, a library feed of that many entries is written again meanwhile
//! (`record_fetch`, one transaction), every half second.
use crate::pgdb::TempDatabase;
use hdrhistogram::Histogram;
use samskap_domain::store::actor::Actor;
use samskap_domain::store::workshop_store::{AuthorRef, NewCard};
use samskap_domain::store::Store;
use samskap_domain::workshop::model::{CardKind, CardStatus, Phase, WorkshopFields};
use samskap_store::database_url::DatabaseUrl;
use std::sync::Arc;
use std::time::{Duration, Instant};
use uuid::Uuid;

/// What one run does.
#[derive(Clone, Copy)]
pub struct Load {
    pub seconds: u64,
    pub writers: usize,
    /// Entries of the feed written again meanwhile (0: none).
    pub feed_entries: usize,
}

pub async fn measure(load: Load, postgres: Option<&str>) -> Result<(), String> {
    println!(
        "\n| backend | writers | posts | posts/s | write p50 ms | p99 ms | max ms \
         | feed entries | feed writes | feed write p50 ms | max ms |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let sqlite = DatabaseUrl::parse(&format!("sqlite://{}/writes.db", dir.path().display()))?;
    run("SQLite", &sqlite, load).await?;
    if let Some(admin) = postgres {
        let database = TempDatabase::create(admin).await?;
        let result = run("PostgreSQL", &DatabaseUrl::parse(&database.url)?, load).await;
        database.drop_db().await;
        result?;
    }
    Ok(())
}

async fn run(name: &str, url: &DatabaseUrl, load: Load) -> Result<(), String> {
    let Load {
        seconds,
        writers,
        feed_entries,
    } = load;
    let store = samskap_store::open(url).await?.store;
    samskap_server::demo::seed(store.as_ref(), "bench-passord-123")
        .await
        .map_err(|e| e.to_string())?;
    let (staff, _) = store
        .account_with_hash("fasilitator@halden.demo")
        .await
        .map_err(|e| e.to_string())?
        .ok_or("no facilitator")?;
    let programme = samskap_server::demo::programme(store.as_ref())
        .await
        .map_err(|e| e.to_string())?
        .ok_or("no programme")?;
    let workshop = store
        .create_workshop(
            programme.id,
            &WorkshopFields {
                title: "Skrivetest".into(),
                place: "Halden".into(),
                starts_at: chrono::NaiveDate::from_ymd_opt(2026, 1, 10)
                    .and_then(|d| d.and_hms_opt(17, 0, 0))
                    .unwrap_or_default(),
                focus_area_ids: vec![],
                facilitator_ids: vec![staff.id],
            },
            "SKRIVTST",
        )
        .await
        .map_err(|e| e.to_string())?;
    let board = store
        .create_board(workshop, "Skrivetest", Phase::Explore)
        .await
        .map_err(|e| e.to_string())?
        .id;
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let feed = feed_writer(
        store.clone(),
        programme.id,
        staff.id,
        feed_entries,
        deadline,
    )
    .await?;
    let tasks: Vec<_> = (0..writers)
        .map(|w| {
            let store: Arc<dyn Store> = store.clone();
            tokio::spawn(async move {
                let mut times =
                    Histogram::<u64>::new_with_bounds(1, 60_000_000, 3).expect("bounds");
                let mut n = 0u64;
                while Instant::now() < deadline {
                    let one = Instant::now();
                    store
                        .post_card(NewCard {
                            board_id: board,
                            kind: CardKind::Insight,
                            body: format!("Skriver {w} kort {n}"),
                            focus_area_id: None,
                            author: AuthorRef::User(staff.id),
                            status: CardStatus::Visible,
                            moderation_note: String::new(),
                            client_key: None,
                        })
                        .await
                        .map_err(|e| e.to_string())?;
                    times.saturating_record(one.elapsed().as_micros() as u64);
                    n += 1;
                }
                Ok::<_, String>(times)
            })
        })
        .collect();
    let mut all = Histogram::<u64>::new_with_bounds(1, 60_000_000, 3).expect("bounds");
    for task in tasks {
        all.add(task.await.map_err(|e| e.to_string())??)
            .map_err(|e| e.to_string())?;
    }
    let elapsed = started.elapsed().as_secs_f64();
    let feed = feed.await.map_err(|e| e.to_string())??;
    let ms = |us: u64| us as f64 / 1000.0;
    let feed = if feed.is_empty() {
        "— | — | — | —".to_string()
    } else {
        format!(
            "{feed_entries} | {} | {:.1} | {:.1}",
            feed.len(),
            ms(feed.value_at_quantile(0.5)),
            ms(feed.max())
        )
    };
    println!(
        "| {name} | {writers} | {} | {:.0} | {:.2} | {:.2} | {:.1} | {feed} |",
        all.len(),
        all.len() as f64 / elapsed,
        ms(all.value_at_quantile(0.5)),
        ms(all.value_at_quantile(0.99)),
        ms(all.max())
    );
    Ok(())
}

/// Subscribes the programme to a feed and writes its `entries` entries again every half
/// second until `deadline`, timing each write (none when `entries` is 0).
async fn feed_writer(
    store: Arc<dyn Store>,
    programme: Uuid,
    lead: Uuid,
    entries: usize,
    deadline: Instant,
) -> Result<tokio::task::JoinHandle<Result<Histogram<u64>, String>>, String> {
    let mut times = Histogram::<u64>::new_with_bounds(1, 60_000_000, 3).expect("bounds");
    if entries == 0 {
        return Ok(tokio::spawn(async move { Ok(times) }));
    }
    let actor = Actor {
        id: lead,
        name: "Benk".into(),
    };
    let feed = store
        .subscribe(
            programme,
            "https://feed.example.no/library.json",
            &[],
            &actor,
        )
        .await
        .map_err(|e| e.to_string())?;
    let entries = crate::library::a_feed(entries);
    Ok(tokio::spawn(async move {
        while Instant::now() < deadline {
            let one = Instant::now();
            store
                .record_fetch(programme, feed, Ok(&entries))
                .await
                .map_err(|e| e.to_string())?;
            times.saturating_record(one.elapsed().as_micros() as u64);
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
        Ok(times)
    }))
}
