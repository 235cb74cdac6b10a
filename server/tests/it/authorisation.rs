//! The authorisation matrix of `docs/API.md`, every cell over real HTTP on SQLite and on
//! PostgreSQL: each endpoint called by each kind of caller, on a copy of one prepared
//! database, must answer as the table says and, when it refuses, change no row.
use crate::support;

use crate::support::fixture::{self, CALLERS};
use crate::support::requests::{
    foreign_ids, form_of, matrix, parse_form, perform, Request, REQUESTS,
};
use crate::support::world::{difference, Backend, Template};

/// A response as the matrix writes it: `ok`, the `AppError` variant, or the status.
fn outcome(request: Request, status: reqwest::StatusCode, body: &str) -> String {
    let api = !matches!(request, Request::Get(_));
    if status.is_success() || (api && status.is_redirection()) {
        return "ok".into();
    }
    if !api {
        return status.as_u16().to_string();
    }
    match serde_json::from_str::<serde_json::Value>(body) {
        Ok(serde_json::Value::String(name)) => name,
        Ok(serde_json::Value::Object(map)) if map.len() == 1 => map.keys().next().unwrap().clone(),
        _ => format!("{status} {}", body.chars().take(120).collect::<String>()),
    }
}

/// The email of the staff member `cookie` signs in, or null.
async fn me(base: &str, cookie: Option<&str>) -> serde_json::Value {
    let (_, body) = support::fixture::send(base, cookie, "auth/me", &[]).await;
    serde_json::from_str::<serde_json::Value>(&body).unwrap()["email"].clone()
}

/// The nickname `cookie` joined the workshop with `code` as, or null.
async fn joined_as(base: &str, cookie: Option<&str>, code: &str) -> serde_json::Value {
    let (_, body) = support::fixture::send(base, cookie, "join/lookup", &[("code", code)]).await;
    serde_json::from_str::<serde_json::Value>(&body).unwrap()["joined_as"].clone()
}

/// Each column's cookie is who the column says: a staff member of that role signed in,
/// a participant joined where the column says (so no column passes for want of a cookie).
async fn check_callers(base: &str, fixture: &support::fixture::Fixture) {
    let cookie = |c: usize| fixture.cookies[c].as_deref();
    let (code, code2) = (&fixture.ids["code"], &fixture.ids["code2"]);
    assert_eq!(
        me(base, cookie(0)).await,
        serde_json::Value::Null,
        "anonymous"
    );
    assert_eq!(
        joined_as(base, cookie(2), code).await,
        "Mina",
        "participant"
    );
    assert_eq!(
        joined_as(base, cookie(1), code2).await,
        "Ola",
        "other participant"
    );
    assert_eq!(
        joined_as(base, cookie(1), code).await,
        serde_json::Value::Null
    );
    assert_eq!(
        joined_as(base, cookie(2), code2).await,
        serde_json::Value::Null
    );
    for (column, email) in support::fixture::STAFF {
        assert_eq!(me(base, cookie(column)).await, email, "{}", CALLERS[column]);
    }
}

/// The calls anyone may make about Halden's workshops and cards (with their codes), or
/// that publish: their answers may name Halden.
const PUBLIC: [&str; 6] = [
    "auth/",
    "join/",
    "receipts/",
    "public/",
    "inclusion/retention",
    // Shared library entries are published to everyone (`public/library`) by design.
    "library/search",
];

/// What of Halden an `ok` answer to the lead of another programme holds, if anything:
/// one of the fixture's ids (every one is Halden's) or the programme's name.
fn leak_elsewhere(
    endpoint: &str,
    column: usize,
    got: &str,
    body: &str,
    fixture: &support::fixture::Fixture,
) -> Option<String> {
    if CALLERS[column] != "lead elsewhere" || got != "ok" {
        return None;
    }
    if PUBLIC.iter().any(|p| endpoint.starts_with(p)) {
        return None;
    }
    if body.to_lowercase().contains("halden") {
        return Some("Halden's name".into());
    }
    fixture
        .ids
        .iter()
        .find(|(_, id)| id.len() >= 8 && body.contains(id.as_str()))
        .map(|(key, id)| format!("Halden's {key} {id}"))
}

async fn run(backend: Backend) {
    let rows = matrix();
    // Every endpoint the server has, and every request the suite knows, is in the table.
    let in_table: Vec<&str> = rows.iter().map(|(e, _)| e.as_str()).collect();
    let served: Vec<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/api/").to_string())
        .collect();
    for endpoint in &served {
        assert!(
            in_table.contains(&endpoint.as_str()),
            "{endpoint} is served but not in the matrix of docs/API.md"
        );
    }
    for (endpoint, _) in REQUESTS {
        assert!(
            in_table.contains(endpoint),
            "{endpoint} has a request but no matrix row"
        );
    }

    let (mut template, building) = Template::new(backend).await;
    let fixture = fixture::build(&building).await;
    template.freeze(building).await;
    let mut world = template.world().await;
    check_callers(&world.base, &fixture).await;
    let mut before = world.dump().await;
    let mut failures = Vec::new();
    let mut cells = 0;
    for (endpoint, expected) in &rows {
        let request = REQUESTS
            .iter()
            .find(|(e, _)| e == endpoint)
            .unwrap_or_else(|| panic!("no request for the matrix row {endpoint}"))
            .1;
        let form = form_of(request, &fixture);
        for (column, want) in expected.iter().enumerate() {
            cells += 1;
            let cookie = fixture.cookies[column].as_deref();
            let (status, body) =
                perform(&world.base, endpoint, request, &form, cookie, &fixture).await;
            let got = outcome(request, status, &body);
            let after = world.dump().await;
            let caller = CALLERS[column];
            if let Some(leak) = leak_elsewhere(endpoint, column, &got, &body, &fixture) {
                failures.push(format!("{endpoint} as {caller}: answered with {leak}"));
            }
            if &got != want {
                failures.push(format!(
                    "{endpoint} as {caller}: expected {want}, got {got} ({status} {})",
                    body.chars().take(160).collect::<String>()
                ));
            } else if got != "ok" && after != before {
                failures.push(format!(
                    "{endpoint} as {caller}: answered {got} but changed rows\n{}",
                    difference(&before, &after)
                ));
            }
            if after != before {
                // The next cell starts from the prepared database again.
                world.stop().await;
                world = template.world().await;
                before = world.dump().await;
            }
        }
    }
    // Ids from another parent: refused, nothing changed.
    let foreign = foreign_ids();
    for (endpoint, call, column, want) in &foreign {
        cells += 1;
        let request = REQUESTS
            .iter()
            .find(|(e, _)| e == endpoint)
            .unwrap_or_else(|| panic!("no request for {endpoint}"))
            .1;
        let form = parse_form(call, &fixture);
        let cookie = fixture.cookies[*column].as_deref();
        let (status, body) = perform(&world.base, endpoint, request, &form, cookie, &fixture).await;
        let got = outcome(request, status, &body);
        let after = world.dump().await;
        let what = format!("{endpoint} {call} as {}", CALLERS[*column]);
        if &got != want {
            failures.push(format!(
                "{what}: expected {want}, got {got} ({status} {body:.160})"
            ));
        } else if got != "ok" && after != before {
            failures.push(format!(
                "{what}: answered {got} but changed rows\n{}",
                difference(&before, &after)
            ));
        }
        if after != before {
            world.stop().await;
            world = template.world().await;
            before = world.dump().await;
        }
    }
    world.stop().await;
    support::report(&format!(
        "authorisation matrix on {backend:?}: {} endpoints x {} callers + {} ids from another \
         parent = {cells} cells, {} databases",
        rows.len(),
        CALLERS.len(),
        foreign.len(),
        template.worlds()
    ));
    template.drop_db().await;
    assert!(
        failures.is_empty(),
        "{} of {cells} cells differ from docs/API.md:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[tokio::test]
async fn every_cell_of_the_matrix_holds_on_sqlite() {
    run(Backend::Sqlite).await;
}

#[tokio::test]
async fn every_cell_of_the_matrix_holds_on_postgres() {
    run(Backend::Postgres).await;
}
