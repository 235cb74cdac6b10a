//! How many SQL statements the data of the busiest pages costs: a phone reconnecting to
//! a board and the plan page must cost the same whether they show a little or a lot;
//! and a library feed's write, which every other write waits for, no more per entry.
//! Statements are counted from sqlx's own `sqlx::query` events, process-wide, so the
//! backends run one after the other in one test, in a test binary of its own (beside
//! `it/`): in one process with other tests it would count their statements too, and it
//! installs the process's tracing subscriber.
#[macro_use]
#[path = "it/support/mod.rs"]
mod support;

use reqwest::Client;
use samskap_domain::inclusion::model::Count;
use samskap_domain::library::model::*;
use samskap_domain::store::actor::Actor;
use samskap_domain::store::Store;
use serde_json::Value;
use std::sync::atomic::{AtomicUsize, Ordering};
use support::board::join;
use support::http::{call, client, login, serve, PASSWORD};
use support::{report, TestPostgres, TestSqlite};
use tracing_subscriber::filter::Targets;
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};
use tracing_subscriber::util::SubscriberInitExt;

static STATEMENTS: AtomicUsize = AtomicUsize::new(0);

/// Counts every statement sqlx reports.
struct CountStatements;

impl<S: tracing::Subscriber> Layer<S> for CountStatements {
    fn on_event(&self, event: &tracing::Event<'_>, _: Context<'_, S>) {
        if event.metadata().target() == "sqlx::query" {
            STATEMENTS.fetch_add(1, Ordering::Relaxed);
        }
    }
}

const FACILITATOR: &str = "fasilitator@halden.demo";
const LEAD: &str = "leder@halden.demo";

#[tokio::test]
async fn page_queries_do_not_grow_with_the_page() {
    tracing_subscriber::registry()
        .with(
            CountStatements
                .with_filter(Targets::new().with_target("sqlx::query", tracing::Level::TRACE)),
        )
        .init();
    let sqlite = TestSqlite::new();
    let on_sqlite = counts_as_the_pages_grow(sqlite.open().await).await;
    let pg = TestPostgres::new().await;
    let on_postgres = counts_as_the_pages_grow(pg.open().await).await;
    pg.drop_db().await;
    let grown: Vec<String> = [("SQLite", on_sqlite), ("PostgreSQL", on_postgres)]
        .iter()
        .flat_map(|(backend, counts)| report_growth(backend, counts))
        .collect();
    assert!(grown.is_empty(), "these grow with the page: {grown:?}");
}

/// Per page: the statements of its data call with the demo, then with more of what
/// the page lists.
struct Counts {
    board: [usize; 2],
    plan: [usize; 2],
    measure: [usize; 2],
    /// A feed of 10 entries, then of 1,200 (an `INSERT` for each 500 more is allowed).
    feed: [usize; 2],
}

/// Prints the counts; returns the pages whose count grew.
fn report_growth(backend: &str, counts: &Counts) -> Vec<String> {
    let mut grown = Vec::new();
    for (page, [before, after]) in [
        ("boards/get (participant)", counts.board),
        ("plans/get", counts.plan),
        ("measures/get", counts.measure),
    ] {
        report(&format!(
            "query counts, {backend}: {page}: {before} statements, {after} with more of what it lists"
        ));
        assert!(before > 0, "{backend}: no statements counted for {page}");
        if before != after {
            grown.push(format!("{backend}: {page}"));
        }
    }
    let [before, after] = counts.feed;
    report(&format!(
        "query counts, {backend}: a feed's write: {before} statements for 10 entries, {after} for 1,200"
    ));
    if after > before + 2 {
        grown.push(format!("{backend}: a feed's write"));
    }
    grown
}

async fn counts_as_the_pages_grow(opened: samskap_store::Opened) -> Counts {
    samskap_server::demo::seed(opened.store.as_ref(), PASSWORD)
        .await
        .unwrap();
    let workshop = opened
        .store
        .workshop_by_code(samskap_server::demo::DEMO_JOIN_CODE)
        .await
        .unwrap()
        .unwrap();
    let store = opened.store.clone();
    let (base, stop, task) = serve(opened).await;
    let board = workshop.boards[0].id.to_string();
    let workshop = workshop.id.to_string();
    let (phone, f, lead) = (client(), client(), client());
    join(&phone, &base, "Mina").await;
    login(&f, &base, FACILITATOR).await;
    login(&lead, &base, LEAD).await;

    let simple = promote(
        &lead,
        &base,
        &tested_prototype(&f, &phone, &base, &board, &workshop).await,
    )
    .await;
    let year = [("programme", "halden-sentrum"), ("year", "2027")];
    let board_before = count(&phone, &base, "boards/get", &[("id", &board)]).await;
    let plan_before = count(&lead, &base, "plans/get", &year).await;
    let measure_before = count(&lead, &base, "measures/get", &[("id", &simple)]).await;
    // A measure whose prototype took three versions, each tested; two more measures;
    // three prototypes with rounds open on the board.
    let mut version = tested_prototype(&f, &phone, &base, &board, &workshop).await;
    for _ in 0..2 {
        let decision = ok(
            &f,
            &base,
            "prototypes/decide",
            &[
                ("prototype_id", &version),
                ("outcome", "iterate"),
                ("reason", "Nesten"),
                ("learning", "Mer lys"),
            ],
        )
        .await;
        version = text(&decision["next_prototype_id"]);
        test_round(&f, &lead, &base, &version, &workshop).await;
    }
    let lineage = promote(&lead, &base, &version).await;
    for _ in 0..2 {
        promote(
            &lead,
            &base,
            &tested_prototype(&f, &lead, &base, &board, &workshop).await,
        )
        .await;
    }
    for _ in 0..3 {
        tested_prototype(&f, &lead, &base, &board, &workshop).await;
    }
    // The batched evidence is the evidence: three versions, each tested once, in order;
    // the phone (16–19) answered the first round, the lead's answers are interviews.
    let page = ok(&lead, &base, "measures/get", &[("id", &lineage)]).await;
    let evidence = &page["evidence"];
    assert_eq!(evidence["versions"], 3, "{evidence}");
    let tested: Vec<i64> = evidence["rounds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["version"].as_i64().unwrap())
        .collect();
    assert_eq!(tested, [1, 2, 3], "{evidence}");
    assert_eq!(
        (
            &evidence["ideas"],
            &evidence["participants"],
            &evidence["youth"]
        ),
        (&1.into(), &1.into(), &1.into()),
        "{evidence}"
    );
    let counts = Counts {
        board: [
            board_before,
            count(&phone, &base, "boards/get", &[("id", &board)]).await,
        ],
        plan: [plan_before, count(&lead, &base, "plans/get", &year).await],
        measure: [
            measure_before,
            count(&lead, &base, "measures/get", &[("id", &lineage)]).await,
        ],
        feed: feed_write_counts(store.as_ref()).await,
    };
    stop.send(()).ok();
    task.await.unwrap();
    counts
}

/// The statements of writing a feed's fetched entries (`record_fetch`), with 10 entries
/// and with 1,200: the fewest of three writes each. Checks every entry of the last
/// `INSERT` is stored and searchable.
async fn feed_write_counts(store: &dyn Store) -> [usize; 2] {
    let (lead, _) = store.account_with_hash(LEAD).await.unwrap().unwrap();
    let actor = Actor {
        id: lead.id,
        name: lead.display_name,
    };
    let programme = samskap_server::demo::programme(store)
        .await
        .unwrap()
        .unwrap()
        .id;
    let url = "https://annensteds.example.no/public/library/feed.json";
    let feed = store.subscribe(programme, url, &[], &actor).await.unwrap();
    let mut counts = [0; 2];
    for (at, entries) in [10, 1200].into_iter().enumerate() {
        let entries: Vec<LibraryEntry> = (0..entries).map(fetched_entry).collect();
        counts[at] = usize::MAX;
        for _ in 0..3 {
            let before = STATEMENTS.load(Ordering::SeqCst);
            store
                .record_fetch(programme, feed, Ok(&entries))
                .await
                .unwrap();
            counts[at] = counts[at].min(STATEMENTS.load(Ordering::SeqCst) - before);
        }
    }
    let subscriptions = store.subscriptions(programme).await.unwrap();
    let ours = subscriptions.iter().find(|s| s.id == feed).unwrap();
    assert_eq!(ours.entries, 1200);
    let last = LibraryQuery {
        text: "feedtittel1199".into(),
        elsewhere: true,
        ..LibraryQuery::default()
    };
    let found = store.search_library(&last).await.unwrap();
    assert_eq!(found.len(), 1, "the last entry, once: {found:?}");
    counts
}

/// Entry `n` of another installation's feed, its title a word of its own.
fn fetched_entry(n: usize) -> LibraryEntry {
    LibraryEntry {
        id: uuid::Uuid::new_v4(),
        source_id: uuid::Uuid::new_v4(),
        programme_slug: "fjell".into(),
        programme_name: "Fjell".into(),
        summary: "Ungdommene kom.".into(),
        shared: true,
        updated_at: chrono::Utc::now(),
        origin: "annensteds.example.no".into(),
        facts: EntryFacts {
            kind: EntryKind::Prototype,
            outcome: EntryOutcome::Proceeded,
            title: format!("Feedtittel{n}"),
            question: "Hvordan kan vi?".into(),
            description: String::new(),
            assumption: String::new(),
            reason: String::new(),
            learning: "Ungdommene kom.".into(),
            versions: 1,
            insights: 0,
            rounds: 1,
            answers: Count::of(5),
            mean_rating: None,
            participants: Count::of(5),
            youth: Count::of(0),
            age_bands: Breakdown::default(),
            roles: Breakdown::default(),
            target_group: "Ungdom".into(),
            focus_area: "Møteplasser".into(),
            cost_nok: None,
            results: String::new(),
            year: 2025,
            decided_on: chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap(),
        },
    }
}

/// The statements one call costs: the fewest of three calls, so a background task's
/// statement during one of them does not count.
async fn count(client: &Client, base: &str, endpoint: &str, form: &[(&str, &str)]) -> usize {
    let mut fewest = usize::MAX;
    for _ in 0..3 {
        let before = STATEMENTS.load(Ordering::SeqCst);
        ok(client, base, endpoint, form).await;
        fewest = fewest.min(STATEMENTS.load(Ordering::SeqCst) - before);
    }
    fewest
}

async fn ok(client: &Client, base: &str, endpoint: &str, form: &[(&str, &str)]) -> Value {
    let (status, body) = call(client, base, endpoint, form).await;
    assert!(status.is_success(), "{endpoint}: {status} {body}");
    serde_json::from_str(&body).unwrap_or(Value::Null)
}

fn text(value: &Value) -> String {
    value
        .as_str()
        .unwrap_or_else(|| panic!("not text: {value}"))
        .to_string()
}

/// An idea made into a prototype with an open round in the demo workshop and one
/// answer from the phone; returns the prototype's id.
async fn tested_prototype(
    f: &Client,
    tester: &Client,
    base: &str,
    board: &str,
    workshop: &str,
) -> String {
    ok(
        f,
        base,
        "boards/phase",
        &[("board_id", board), ("phase", "shape")],
    )
    .await;
    let idea = ok(
        f,
        base,
        "cards/post",
        &[
            ("board_id", board),
            ("kind", "idea"),
            ("body", "Lys langs elva"),
        ],
    )
    .await;
    let prototype = text(
        &ok(
            f,
            base,
            "prototypes/create",
            &[
                ("idea", &text(&idea["id"])),
                ("title", "Lys"),
                ("description", "Lykter en kveld"),
                ("assumption", "Folk går der"),
            ],
        )
        .await,
    );
    test_round(f, tester, base, &prototype, workshop).await;
    prototype
}

/// A round of the prototype in the workshop, with one answer from the tester.
async fn test_round(f: &Client, tester: &Client, base: &str, prototype: &str, workshop: &str) {
    let round = text(
        &ok(
            f,
            base,
            "rounds/create",
            &[
                ("prototype_id", prototype),
                ("workshop_id", workshop),
                ("place", "Elva"),
                ("target_group", "Unge"),
                ("starts_at", "2026-12-10T18:00"),
            ],
        )
        .await,
    );
    ok(
        tester,
        base,
        "feedback/give",
        &[
            ("round_id", &round),
            ("worked", "Tryggere"),
            ("not_worked", ""),
            ("suggestion", ""),
            ("rating", "4"),
        ],
    )
    .await;
}

/// Decides the prototype *proceed* and promotes it into a 2027 measure, prioritised.
async fn promote(lead: &Client, base: &str, prototype: &str) -> String {
    ok(
        lead,
        base,
        "prototypes/decide",
        &[
            ("prototype_id", prototype),
            ("outcome", "proceed"),
            ("reason", "Det virket"),
        ],
    )
    .await;
    let mut form = support::fixture::measure_form("2027");
    form.push(("prototype_id", prototype));
    let measure = text(&ok(lead, base, "measures/promote", &form).await);
    ok(
        lead,
        base,
        "measures/status",
        &[("id", &measure), ("status", "prioritised")],
    )
    .await;
    measure
}
