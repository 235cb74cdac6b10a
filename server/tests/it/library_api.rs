//! The learning library over real HTTP on the demo: writing up a decided prototype and
//! sharing it, the staff and public search with filters, the open feed in JSON and CSV
//! (its schema, licence, stable ids, suppressed small counts, spreadsheet-safe cells),
//! unsharing, and bad input refused with nothing changed.
use crate::support::http::*;
use reqwest::{Client, StatusCode};
use samskap_app::error::{AppError, Field};
use samskap_app::library::programme_page::ProgrammeLibrary;
use samskap_app::library::search::SearchResults;
use samskap_domain::inclusion::model::Count;
use samskap_domain::library::feed::{Feed, CSV_COLUMNS};
use samskap_domain::library::model::{EntryOutcome, FEED_SCHEMA, LICENCE};

const LEAD: &str = "leder@halden.demo";
const FACILITATOR: &str = "fasilitator@halden.demo";
const LEAD_ELSEWHERE: &str = "leder@sarpsborg.demo";

pub(crate) async fn search(
    c: &Client,
    base: &str,
    endpoint: &str,
    form: &[(&str, &str)],
) -> SearchResults {
    let (code, body) = call(c, base, endpoint, form).await;
    assert_eq!(code, StatusCode::OK, "{endpoint}: {body}");
    serde_json::from_str(&body).unwrap()
}

/// The demo programme's library page, as `c` reads it.
pub(crate) async fn ours(c: &Client, base: &str) -> ProgrammeLibrary {
    let (code, body) = call(
        c,
        base,
        "library/programme",
        &[("programme", "halden-sentrum")],
    )
    .await;
    assert_eq!(code, StatusCode::OK, "{body}");
    serde_json::from_str(&body).unwrap()
}

async fn feed(base: &str) -> Feed {
    let response = client()
        .get(format!("{base}/public/library/feed.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/json");
    response.json().await.unwrap()
}

/// The id of the demo's prototype version with `status`.
async fn prototype_with(c: &Client, base: &str, status: &str) -> String {
    let (_, body) = call(
        c,
        base,
        "prototypes/list",
        &[("programme", "halden-sentrum")],
    )
    .await;
    let all: serde_json::Value = serde_json::from_str(&body).unwrap();
    all.as_array()
        .unwrap()
        .iter()
        .find(|p| p["status"] == status)
        .unwrap_or_else(|| panic!("a {status} prototype"))["id"]
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn a_decided_prototype_is_written_up_shared_searched_and_fed() {
    let (_db, base, _stop, _task) = demo_server().await;
    let lead = signed_in(&base, LEAD).await;
    let anyone = client();

    // The demo shares its two decided prototypes; its finished measure waits unshared.
    let before = ours(&lead, &base).await;
    assert_eq!(before.entries.iter().filter(|e| e.entry.shared).count(), 2);
    let walks = before
        .entries
        .iter()
        .map(|e| &e.entry)
        .find(|e| e.facts.title == "Nattvandrere ved terminalen")
        .expect("the demo's dropped prototype is written up");
    assert_eq!(walks.facts.outcome, EntryOutcome::Dropped);
    assert!(
        walks.facts.learning.contains("Bedre lys"),
        "{:?}",
        walks.facts
    );
    assert_eq!(
        walks.facts.answers,
        Count::Few,
        "two answers: too few to count out"
    );
    assert_eq!(walks.facts.mean_rating, None, "nor to give their mean");
    assert_eq!(walks.facts.target_group, "Ungdom som tar bussen hjem");

    // Anyone finds it by an inflected word and a filter; a filter that excludes it,
    // or a word it lacks, does not.
    let found = search(
        &anyone,
        &base,
        "public/library",
        &[("text", "nattvandrer"), ("outcome", "dropped")],
    )
    .await;
    assert_eq!(found.entries.len(), 1, "{:?}", found.entries);
    assert_eq!(found.entries[0].id, walks.id);
    assert_eq!(found.facets.programmes[0].0, "halden-sentrum");
    let none = search(
        &anyone,
        &base,
        "public/library",
        &[("text", "nattvandrer"), ("outcome", "proceeded")],
    )
    .await;
    assert!(none.entries.is_empty());
    let none = search(
        &anyone,
        &base,
        "public/library",
        &[("text", "nattvandrer sjakk")],
    )
    .await;
    assert!(none.entries.is_empty());
    // Staff search the same entries; it asks for a session.
    let staff = search(&lead, &base, "library/search", &[("text", "terminalen")]).await;
    assert_eq!(staff.entries[0].id, walks.id);
    let (code, body) = call(&anyone, &base, "library/search", &[("text", "x")]).await;
    assert_eq!(code, StatusCode::UNAUTHORIZED, "{body}");

    // The feed: schema, licence, the same stable id, and two testers shown as "few".
    let fed = feed(&base).await;
    assert_eq!(fed.schema, FEED_SCHEMA);
    assert_eq!(fed.licence, LICENCE);
    let entry = fed.entries.iter().find(|e| e.id == walks.id).expect("fed");
    assert_eq!(entry.licence, LICENCE);
    assert_eq!(
        entry.participants, None,
        "fewer than five are not counted out"
    );
    assert_eq!((entry.answers, entry.mean_rating), (None, None));
    // Who took part, by age band and role: the few testers only as "few", in no group.
    assert!(entry.age_bands.groups.is_empty() && entry.roles.groups.is_empty());
    assert_eq!((entry.age_bands.others, entry.roles.others), (None, None));
    for e in &fed.entries {
        assert!(
            e.age_bands
                .groups
                .values()
                .chain(e.roles.groups.values())
                .all(|n| *n >= 5),
            "no group under five is named: {e:?}"
        );
    }

    // Rewriting with a formula: the CSV cell is neutralised, the id stays.
    let dropped = prototype_with(&lead, &base, "dropped").await;
    let evil = "=HYPERLINK(\"https://evil.example\",\"klikk\")";
    let (code, body) = call(
        &lead,
        &base,
        "library/save",
        &[
            ("kind", "prototype"),
            ("source_id", &dropped),
            ("summary", evil),
            ("shared", "on"),
        ],
    )
    .await;
    assert_eq!(code, StatusCode::OK, "{body}");
    assert_eq!(body.trim_matches('"'), walks.id.to_string());
    let csv = client()
        .get(format!("{base}/public/library/feed.csv"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        CSV_COLUMNS
    );
    let row = reader
        .records()
        .map(Result::unwrap)
        .find(|r| r[0] == walks.id.to_string())
        .expect("the entry's row");
    assert_eq!(&row[8], format!("'{evil}"));

    // Unsharing takes it out of the public search and the feed at once.
    let (code, body) = call(
        &lead,
        &base,
        "library/save",
        &[
            ("kind", "prototype"),
            ("source_id", &dropped),
            ("summary", ""),
        ],
    )
    .await;
    assert_eq!(code, StatusCode::OK, "{body}");
    let gone = search(&anyone, &base, "public/library", &[("text", "nattvandrer")]).await;
    assert!(gone.entries.is_empty());
    assert!(feed(&base).await.entries.iter().all(|e| e.id != walks.id));
    let after = ours(&lead, &base).await;
    assert!(after
        .entries
        .iter()
        .any(|e| e.entry.id == walks.id && !e.entry.shared));
}

/// Who calls, with what form, and the refusal wanted.
type Refusal<'a> = (&'a str, Vec<(&'a str, String)>, AppError);

#[tokio::test]
async fn write_ups_are_for_planners_of_finished_things_and_refuse_bad_input() {
    let (_db, base, _stop, _task) = demo_server().await;
    let lead = signed_in(&base, LEAD).await;
    let dropped = prototype_with(&lead, &base, "dropped").await;
    let iterated = prototype_with(&lead, &base, "iterated").await;
    let before = ours(&lead, &base).await;
    let save = |source: &str, summary: &str, shared: &str| {
        vec![
            ("kind", "prototype".to_string()),
            ("source_id", source.to_string()),
            ("summary", summary.to_string()),
            ("shared", shared.to_string()),
        ]
    };
    let refusals: Vec<Refusal> = vec![
        (
            LEAD,
            save(&dropped, "  ", "on"),
            AppError::Empty(Field::Summary),
        ),
        (
            LEAD,
            save(&dropped, &"x".repeat(2001), "on"),
            AppError::TooLong(Field::Summary, 2000),
        ),
        (LEAD, save(&iterated, "Tidlig", "on"), AppError::NotFinished),
        (LEAD, save("not-a-uuid", "x", "on"), AppError::BadRequest),
        (
            LEAD,
            vec![
                ("kind", "poem".into()),
                ("source_id", dropped.clone()),
                ("summary", "x".into()),
            ],
            AppError::BadRequest,
        ),
        (FACILITATOR, save(&dropped, "x", "on"), AppError::Forbidden),
        (
            LEAD_ELSEWHERE,
            save(&dropped, "x", "on"),
            AppError::NotFound,
        ),
    ];
    for (who, form, want) in refusals {
        let c = signed_in(&base, who).await;
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (code, body) = call(&c, &base, "library/save", &form).await;
        assert!(!code.is_success(), "{who} {form:?}: {code} {body}");
        if want == AppError::BadRequest && form[1].1 == "not-a-uuid" {
            // A malformed id never reaches the function: the framework refuses it.
            continue;
        }
        assert_eq!(error_of(&body), want, "{who} {form:?}");
    }
    // Filters no form offers are refused, not ignored.
    for form in [[("outcome", "evil")], [("year", "twenty")], [("kind", "x")]] {
        let (code, body) = call(&client(), &base, "public/library", &form).await;
        assert_eq!(error_of(&body), AppError::BadRequest, "{form:?}: {code}");
    }
    // Nothing changed.
    let after = ours(&lead, &base).await;
    assert_eq!(
        serde_json::to_string(&before.entries).unwrap(),
        serde_json::to_string(&after.entries).unwrap()
    );
}
