//! Hostile input on every endpoint of `docs/API.md`, over real HTTP on SQLite and on
//! PostgreSQL: seeded generated cases (fields dropped, doubled, replaced with wrong types,
//! huge, invisible or random text, unknown ids; unknown fields; garbage and oversized
//! bodies), each sent by a caller the matrix lets through. None may answer 5xx; an
//! error must be an `AppError` and must change no row; what is accepted is kept, and the
//! next case starts from the prepared database again.
use crate::support;

use crate::support::fixture::{self, fill, Fixture};
use crate::support::requests::{form_of, matrix, perform, Request, REQUESTS};
use crate::support::world::{difference, Backend, Template};
use crate::support::{plain_client, Watchdog};
use proptest::prelude::*;
use proptest::strategy::{Union, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use reqwest::{header, StatusCode};
use samskap_app::error::AppError;

/// The generator's seed: every run sends the same cases.
const SEED: [u8; 32] = *b"samskap hostile input, issue 16.";
const CASES_PER_ENDPOINT: usize = 8;

/// What is done to an endpoint's well-formed request.
#[derive(Debug, Clone)]
enum Mutation {
    /// Leave out the field at this index.
    Drop(usize),
    /// Replace the field's value.
    Replace(usize, String),
    /// Send the field a second time with another value.
    Twice(usize, String),
    /// Add a field the endpoint does not take.
    Extra(String, String),
    /// A body of random bytes.
    Garbage(Vec<u8>),
    /// A body over the form limit.
    Oversized,
}

/// Values that break parsers, validators and SQL if anything is left to chance.
fn hostile_value() -> BoxedStrategy<String> {
    prop_oneof![
        Just(String::new()),
        Just(" \t ".to_string()),
        Just("x".repeat(5000)),
        Just("\u{202E}gpj.exe\u{0000}\u{200B}\u{2066}".to_string()),
        Just("-1".to_string()),
        Just("99999999999999999999999".to_string()),
        Just("1e309".to_string()),
        Just("NaN".to_string()),
        Just("00000000-0000-0000-0000-000000000000".to_string()),
        Just("not-a-uuid".to_string()),
        Just("' OR 1=1; DROP TABLE cards; --".to_string()),
        Just("<script>alert(1)</script>".to_string()),
        Just("2026-02-30".to_string()),
        Just("9999-99-99T99:99".to_string()),
        Just("=HYPERLINK(\"https://evil.example\")".to_string()),
        Just("true".to_string()),
        any::<u128>().prop_map(|n| uuid::Uuid::from_u128(n).to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        proptest::collection::vec(any::<char>(), 0..80).prop_map(|c| c.into_iter().collect()),
    ]
    .boxed()
}

fn field_name() -> BoxedStrategy<String> {
    prop_oneof![
        Just("id".to_string()),
        Just("role".to_string()),
        Just("status".to_string()),
        Just("author".to_string()),
        Just("fields[year]".to_string()),
        Just("focus_areas[99999]".to_string()),
        Just("__proto__".to_string()),
        proptest::collection::vec(any::<char>(), 1..20).prop_map(|c| c.into_iter().collect()),
    ]
    .boxed()
}

fn mutation(fields: usize) -> BoxedStrategy<Mutation> {
    let mut options = vec![
        (field_name(), hostile_value())
            .prop_map(|(n, v)| Mutation::Extra(n, v))
            .boxed(),
        proptest::collection::vec(any::<u8>(), 0..300)
            .prop_map(Mutation::Garbage)
            .boxed(),
        Just(Mutation::Oversized).boxed(),
    ];
    if fields > 0 {
        // Changes to the fields themselves come three times as often.
        for _ in 0..3 {
            options.push((0..fields).prop_map(Mutation::Drop).boxed());
            options.push(
                (0..fields, hostile_value())
                    .prop_map(|(i, v)| Mutation::Replace(i, v))
                    .boxed(),
            );
            options.push(
                (0..fields, hostile_value())
                    .prop_map(|(i, v)| Mutation::Twice(i, v))
                    .boxed(),
            );
        }
    }
    Union::new(options).boxed()
}

/// The form after the mutation (`None` for the raw-body ones).
fn mutated(form: &[(String, String)], m: &Mutation) -> Option<Vec<(String, String)>> {
    let mut form = form.to_vec();
    match m {
        Mutation::Drop(i) => {
            form.remove(*i);
        }
        Mutation::Replace(i, v) => form[*i].1 = v.clone(),
        Mutation::Twice(i, v) => form.push((form[*i].0.clone(), v.clone())),
        Mutation::Extra(n, v) => form.push((n.clone(), v.clone())),
        Mutation::Garbage(_) | Mutation::Oversized => return None,
    }
    Some(form)
}

/// The caller for hostile input: one the matrix lets through, the most trusted first,
/// so the input reaches the checks behind the authorisation.
fn caller(expected: &[String]) -> usize {
    [7, 2, 5, 0, 6, 1, 3, 4]
        .into_iter()
        .find(|&c| expected[c] == "ok")
        .unwrap_or(7)
}

async fn send_raw(
    base: &str,
    endpoint: &str,
    cookie: Option<&str>,
    content_type: &str,
    body: Vec<u8>,
) -> (StatusCode, String) {
    let mut request = plain_client()
        .post(format!("{base}/api/{endpoint}"))
        .header(header::ACCEPT, "application/json")
        .header(header::CONTENT_TYPE, content_type)
        .body(body);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let response = request.send().await.unwrap();
    (response.status(), response.text().await.unwrap())
}

/// Sends one hostile case: a GET gets the hostile value in its path.
async fn send_case(
    base: &str,
    endpoint: &str,
    request: Request,
    form: &[(String, String)],
    m: &Mutation,
    cookie: Option<&str>,
    fixture: &Fixture,
) -> (StatusCode, String) {
    if let Request::Get(path) = request {
        let value = match m {
            Mutation::Replace(_, v) | Mutation::Twice(_, v) | Mutation::Extra(_, v) => v.clone(),
            _ => "../../etc/passwd".into(),
        };
        // The hostile value takes the place of the path's id (or its year).
        let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
        let target = segments.iter().position(|s| s.contains('{')).unwrap_or(1);
        let mut url = reqwest::Url::parse(base).unwrap();
        url.path_segments_mut()
            .unwrap()
            .clear()
            .extend(segments.iter().enumerate().map(|(i, s)| {
                if i == target {
                    value.clone()
                } else {
                    fill(s, &fixture.ids)
                }
            }));
        let mut get = plain_client().get(url);
        if let Some(cookie) = cookie {
            get = get.header(header::COOKIE, cookie);
        }
        let response = get.send().await.unwrap();
        return (response.status(), String::new());
    }
    let multipart = matches!(request, Request::Upload(..));
    match (m, mutated(form, m)) {
        (_, Some(fields)) => perform(base, endpoint, request, &fields, cookie, fixture).await,
        (Mutation::Garbage(bytes), None) => {
            let content_type = if multipart {
                "multipart/form-data; boundary=samskap"
            } else {
                "application/x-www-form-urlencoded"
            };
            send_raw(base, endpoint, cookie, content_type, bytes.clone()).await
        }
        (_, None) => {
            let body = format!("a={}", "a".repeat(600 * 1024)).into_bytes();
            let content_type = if multipart {
                "multipart/form-data; boundary=samskap"
            } else {
                "application/x-www-form-urlencoded"
            };
            send_raw(base, endpoint, cookie, content_type, body).await
        }
    }
}

/// Longer than the suite takes on a loaded CI machine (two minutes); a hang ends the
/// run with the case it hung in.
const SUITE_LIMIT: std::time::Duration = std::time::Duration::from_secs(15 * 60);

async fn run(backend: Backend) {
    let watchdog = Watchdog::new(SUITE_LIMIT);
    let rows = matrix();
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &SEED),
    );
    let (mut template, building) = Template::new(backend).await;
    let fixture = fixture::build(&building).await;
    template.freeze(building).await;
    let mut world = template.world().await;
    let mut before = world.dump().await;
    let (mut cases, mut accepted, mut refused) = (0, 0, 0);
    let mut failures = Vec::new();
    let mut answers = std::collections::BTreeMap::<String, usize>::new();
    for (endpoint, request) in REQUESTS {
        let expected = &rows.iter().find(|(e, _)| e == endpoint).unwrap().1;
        let column = caller(expected);
        let cookie = fixture.cookies[column].as_deref();
        // An upload's fields are its id field; a GET's "field" is its path's id.
        let form = match request {
            Request::Upload(field, id) => vec![(field.to_string(), fill(id, &fixture.ids))],
            Request::Get(_) => vec![("path".to_string(), String::new())],
            _ => form_of(*request, &fixture),
        };
        // A new server for each endpoint, so the throttles (5 wrong passwords, 60 wrong
        // codes a network) of earlier cases do not answer in place of the checks.
        watchdog.step(format!("restarting the server for {endpoint}"));
        world = world.restart().await;
        let strategy = mutation(form.len());
        for _ in 0..CASES_PER_ENDPOINT {
            let m = strategy.new_tree(&mut runner).unwrap().current();
            cases += 1;
            watchdog.step(format!(
                "case {cases}, {endpoint} with {:.300}",
                format!("{m:?}")
            ));
            let (status, body) =
                send_case(&world.base, endpoint, *request, &form, &m, cookie, &fixture).await;
            let after = world.dump().await;
            let what = format!("{endpoint} with {:.200}", format!("{m:?}"));
            let api = !matches!(request, Request::Get(_));
            if status.is_server_error() {
                failures.push(format!("{what}: {status} {body:.200}"));
            } else if status.is_client_error() {
                refused += 1;
                let name = serde_json::from_str::<serde_json::Value>(&body)
                    .ok()
                    .and_then(|v| match v {
                        serde_json::Value::String(s) => Some(s),
                        serde_json::Value::Object(m) => m.keys().next().cloned(),
                        _ => None,
                    })
                    .unwrap_or_else(|| status.as_u16().to_string());
                *answers.entry(name).or_default() += 1;
                if api && serde_json::from_str::<AppError>(&body).is_err() {
                    failures.push(format!("{what}: {status} is not an AppError: {body:.200}"));
                }
                if after != before {
                    failures.push(format!(
                        "{what}: refused ({status}) but changed rows\n{}",
                        difference(&before, &after)
                    ));
                }
            } else {
                accepted += 1;
            }
            if after != before {
                watchdog.step(format!("a new world after case {cases}"));
                world.stop().await;
                world = template.world().await;
                before = world.dump().await;
            }
        }
    }
    world.stop().await;
    support::report(&format!(
        "hostile input on {backend:?}: {} endpoints, {cases} generated cases ({refused} refused, \
         {accepted} accepted), {} databases",
        REQUESTS.len(),
        template.worlds()
    ));
    support::report(&format!("  refusals: {answers:?}"));
    template.drop_db().await;
    assert!(
        failures.is_empty(),
        "{} of {cases} hostile cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[tokio::test]
async fn hostile_input_gets_a_clear_refusal_and_changes_nothing_on_sqlite() {
    run(Backend::Sqlite).await;
}

#[tokio::test]
async fn hostile_input_gets_a_clear_refusal_and_changes_nothing_on_postgres() {
    run(Backend::Postgres).await;
}
