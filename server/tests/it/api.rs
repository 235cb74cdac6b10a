//! The API over real HTTP against a real server on a SQLite file: authentication,
//! role checks on the server, error statuses, throttling, sessions across restarts.

use crate::support::http::*;
use crate::support::TestSqlite;
use reqwest::{header, redirect, Client, StatusCode};
use samskap_app::error::{AppError, Field};
use samskap_domain::account::model::Role;
use samskap_server::demo;

#[tokio::test]
async fn health_and_login_errors() {
    let (_db, base, _stop, _task) = demo_server().await;
    let c = client();
    assert_eq!(
        c.get(format!("{base}/healthz"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );

    let (status, body) = call(
        &c,
        &base,
        "auth/login",
        &[("email", "leder@halden.demo"), ("password", "feil passord")],
    )
    .await;
    assert_eq!(
        (status, error_of(&body)),
        (StatusCode::UNAUTHORIZED, AppError::InvalidCredentials)
    );
    let (status, body) = call(
        &c,
        &base,
        "auth/login",
        &[("email", "ingen@halden.demo"), ("password", PASSWORD)],
    )
    .await;
    assert_eq!(
        (status, error_of(&body)),
        (StatusCode::UNAUTHORIZED, AppError::InvalidCredentials),
        "no hint which part was wrong"
    );
    let (status, body) = call(&c, &base, "auth/me", &[]).await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "null"));
}

#[tokio::test]
async fn login_is_throttled_per_email() {
    let (_db, base, _stop, _task) = demo_server().await;
    let c = client();
    for _ in 0..5 {
        let (status, _) = call(
            &c,
            &base,
            "auth/login",
            &[("email", "kjerneteam@halden.demo"), ("password", "gjett")],
        )
        .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let (status, body) = call(
        &c,
        &base,
        "auth/login",
        &[("email", "kjerneteam@halden.demo"), ("password", PASSWORD)],
    )
    .await;
    assert_eq!(
        (status, error_of(&body)),
        (StatusCode::TOO_MANY_REQUESTS, AppError::TooManyAttempts),
        "even the right password waits"
    );
}

#[tokio::test]
async fn staff_pages_and_api_need_a_session() {
    let (_db, base, _stop, _task) = demo_server().await;
    let c = client();
    let response = c
        .get(format!("{base}/programme/edit"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        response.headers()[header::LOCATION],
        "/login?next=%2Fprogramme%2Fedit"
    );
    let (status, body) = call(
        &c,
        &base,
        "programme/get",
        &[("programme", "halden-sentrum")],
    )
    .await;
    assert_eq!(
        (status, error_of(&body)),
        (StatusCode::UNAUTHORIZED, AppError::Unauthenticated)
    );
}

#[tokio::test]
async fn only_the_lead_edits_and_bad_input_changes_nothing() {
    let (db, base, _stop, _task) = demo_server().await;
    let save = [
        ("programme", "halden-sentrum"),
        ("name", "Hacked"),
        ("area", "x"),
        ("start_year", "2024"),
        ("end_year", "2028"),
        ("yearly_budget_nok", "1"),
    ];
    for email in [
        "styringsgruppe@halden.demo",
        "fasilitator@halden.demo",
        "kjerneteam@halden.demo",
    ] {
        let c = client();
        login(&c, &base, email).await;
        let (status, body) = call(&c, &base, "programme/save", &save).await;
        assert_eq!(
            (status, error_of(&body)),
            (StatusCode::FORBIDDEN, AppError::Forbidden),
            "{email}"
        );
        let (status, _) = call(
            &c,
            &base,
            "programme/focus-areas/add",
            &[("programme", "halden-sentrum"), ("name", "Ny")],
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{email}");
        let (status, _) = call(
            &c,
            &base,
            "accounts/create",
            &[
                ("programme", "halden-sentrum"),
                ("email", "x@y.no"),
                ("display_name", "X"),
                ("role", "lead"),
            ],
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{email}");
        let (status, _) = call(
            &c,
            &base,
            "programme/get",
            &[("programme", "halden-sentrum")],
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{email} may read");
    }

    let lead = client();
    login(&lead, &base, "leder@halden.demo").await;
    let cases: [(&[(&str, &str)], AppError); 4] = [
        (
            &[
                ("name", "  \t "),
                ("area", "x"),
                ("start_year", "2024"),
                ("end_year", "2028"),
                ("yearly_budget_nok", "1"),
            ],
            AppError::Empty(Field::Name),
        ),
        (
            &[
                ("name", &"x".repeat(201)),
                ("area", "x"),
                ("start_year", "2024"),
                ("end_year", "2028"),
                ("yearly_budget_nok", "1"),
            ],
            AppError::TooLong(Field::Name, 200),
        ),
        (
            &[
                ("name", "Ok"),
                ("area", "x"),
                ("start_year", "2028"),
                ("end_year", "2024"),
                ("yearly_budget_nok", "1"),
            ],
            AppError::PeriodReversed,
        ),
        (
            &[
                ("name", "Ok"),
                ("area", "x"),
                ("start_year", "2024"),
                ("end_year", "2028"),
                ("yearly_budget_nok", "-5"),
            ],
            AppError::OutOfRange(Field::Budget),
        ),
    ];
    for (form, expected) in cases {
        let mut form = form.to_vec();
        form.insert(0, ("programme", "halden-sentrum"));
        let (status, body) = call(&lead, &base, "programme/save", &form).await;
        assert_eq!(
            (status, error_of(&body)),
            (StatusCode::UNPROCESSABLE_ENTITY, expected)
        );
    }
    let store = db.open().await.store;
    assert_eq!(
        crate::support::first_programme(store.as_ref())
            .await
            .fields
            .name,
        "Halden sentrum",
        "nothing changed"
    );

    let (status, body) = call(
        &lead,
        &base,
        "programme/save",
        &[
            ("programme", "halden-sentrum"),
            ("name", "Halden sentrum 2"),
            ("area", "Halden"),
            ("start_year", "2024"),
            ("end_year", "2028"),
            ("yearly_budget_nok", "5 500 000"),
        ],
    )
    .await;
    assert!(status.is_success(), "{status} {body}");
    let saved = crate::support::first_programme(store.as_ref()).await.fields;
    assert_eq!(
        (saved.name.as_str(), saved.yearly_budget_nok),
        ("Halden sentrum 2", 5_500_000)
    );
}

#[tokio::test]
async fn the_last_lead_stays_a_lead() {
    let (db, base, _stop, _task) = demo_server().await;
    let lead = client();
    login(&lead, &base, "leder@halden.demo").await;
    let me = db
        .open()
        .await
        .store
        .account_with_hash("leder@halden.demo")
        .await
        .unwrap()
        .unwrap()
        .0;
    let id = me.id.to_string();
    let cases: [(&str, Form, AppError); 3] = [
        (
            "accounts/role",
            &[
                ("programme", "halden-sentrum"),
                ("id", &id),
                ("role", "viewer"),
            ],
            AppError::LastLead,
        ),
        (
            "accounts/active",
            &[
                ("programme", "halden-sentrum"),
                ("id", &id),
                ("active", "false"),
            ],
            AppError::LastLead,
        ),
        (
            "accounts/role",
            &[
                ("programme", "halden-sentrum"),
                ("id", &id),
                ("role", "superuser"),
            ],
            AppError::BadRequest,
        ),
    ];
    for (endpoint, form, expected) in cases {
        let (status, body) = call(&lead, &base, endpoint, form).await;
        let status_expected = match expected {
            AppError::BadRequest => StatusCode::BAD_REQUEST,
            _ => StatusCode::UNPROCESSABLE_ENTITY,
        };
        assert_eq!(
            (status, error_of(&body)),
            (status_expected, expected),
            "{endpoint}"
        );
    }
    let store = db.open().await.store;
    let programme = crate::support::first_programme(store.as_ref()).await.id;
    let me_after = store.member(programme, me.id).await.unwrap().unwrap();
    assert_eq!(
        (me_after.role, me_after.active),
        (Role::Lead, true),
        "nothing changed"
    );
}

#[tokio::test]
async fn staff_change_their_own_password() {
    let (_db, base, _stop, _task) = demo_server().await;
    let c = client();
    login(&c, &base, "fasilitator@halden.demo").await;
    let other_device = client();
    login(&other_device, &base, "fasilitator@halden.demo").await;
    let new = "et nytt og langt passord";
    let cases: [(&[(&str, &str)], AppError); 3] = [
        (
            &[("current", "feil"), ("new", new), ("repeat", new)],
            AppError::WrongPassword,
        ),
        (
            &[("current", PASSWORD), ("new", new), ("repeat", "noe annet")],
            AppError::PasswordMismatch,
        ),
        (
            &[("current", PASSWORD), ("new", "kort"), ("repeat", "kort")],
            AppError::PasswordTooShort(12),
        ),
    ];
    for (form, expected) in cases {
        let (status, body) = call(&c, &base, "account/password", form).await;
        assert_eq!(
            (status, error_of(&body)),
            (StatusCode::UNPROCESSABLE_ENTITY, expected)
        );
    }
    let (status, body) = call(
        &c,
        &base,
        "account/password",
        &[("current", PASSWORD), ("new", new), ("repeat", new)],
    )
    .await;
    assert!(status.is_success(), "{status} {body}");

    let (_, me) = call(&c, &base, "auth/me", &[]).await;
    assert!(
        me.contains("fasilitator@halden.demo"),
        "this session goes on: {me}"
    );
    let (_, me) = call(&other_device, &base, "auth/me", &[]).await;
    assert_eq!(me, "null", "every other session of the user ended");

    let fresh = client();
    let (status, _) = call(
        &fresh,
        &base,
        "auth/login",
        &[("email", "fasilitator@halden.demo"), ("password", PASSWORD)],
    )
    .await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "the old password no longer works"
    );
    let (status, _) = call(
        &fresh,
        &base,
        "auth/login",
        &[("email", "fasilitator@halden.demo"), ("password", new)],
    )
    .await;
    assert!(status.is_success(), "the new password works");
    let (status, _) = call(
        &client(),
        &base,
        "account/password",
        &[("current", new), ("new", new), ("repeat", new)],
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "needs a session");
}

#[tokio::test]
async fn deactivation_ends_sessions_for_good() {
    let (db, base, _stop, _task) = demo_server().await;
    let viewer = client();
    login(&viewer, &base, "styringsgruppe@halden.demo").await;
    let lead = client();
    login(&lead, &base, "leder@halden.demo").await;
    let store = db.open().await.store;
    let id = store
        .account_with_hash("styringsgruppe@halden.demo")
        .await
        .unwrap()
        .unwrap()
        .0
        .id
        .to_string();
    let staff_page = format!("{base}/account");
    let sessions = || async {
        let mut raw = db.raw().await;
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM tower_sessions")
            .fetch_one(&mut raw)
            .await
            .unwrap()
    };
    let page = viewer.get(&staff_page).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert_eq!(sessions().await, 2);
    for active in ["false", "true"] {
        let (status, body) = call(
            &lead,
            &base,
            "accounts/active",
            &[
                ("programme", "halden-sentrum"),
                ("id", &id),
                ("active", active),
            ],
        )
        .await;
        assert!(status.is_success(), "{status} {body}");
        let (status, body) = call(
            &viewer,
            &base,
            "programme/get",
            &[("programme", "halden-sentrum")],
        )
        .await;
        assert_eq!(
            (status, error_of(&body)),
            (StatusCode::UNAUTHORIZED, AppError::Unauthenticated),
            "active={active}"
        );
    }
    // A staff page sends the dead session to sign in, and its row is gone.
    let page = viewer.get(&staff_page).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::SEE_OTHER);
    assert_eq!(sessions().await, 1, "the lead's only");
    let (status, _) = call(
        &client(),
        &base,
        "auth/login",
        &[
            ("email", "styringsgruppe@halden.demo"),
            ("password", PASSWORD),
        ],
    )
    .await;
    assert!(status.is_success(), "a reactivated user signs in again");
}

/// A lead switches off only accounts that are in no programme they do not lead: the
/// viewer here also leads Moss, whose work must not stop at Halden's word.
#[tokio::test]
async fn a_lead_cannot_deactivate_someone_another_programme_needs() {
    let (db, base, _stop, _task) = demo_server().await;
    let store = db.open().await.store;
    let (viewer, _) = store
        .account_with_hash("styringsgruppe@halden.demo")
        .await
        .unwrap()
        .unwrap();
    let fields = samskap_domain::programme::model::ProgrammeFields {
        name: "Moss sentrum".into(),
        area: "Moss".into(),
        start_year: 2024,
        end_year: 2028,
        yearly_budget_nok: 0,
    };
    store
        .create_programme("moss-sentrum", fields, Some(viewer.id))
        .await
        .unwrap();
    let lead = client();
    login(&lead, &base, "leder@halden.demo").await;
    let id = viewer.id.to_string();
    let (status, body) = call(
        &lead,
        &base,
        "accounts/active",
        &[
            ("programme", "halden-sentrum"),
            ("id", &id),
            ("active", "false"),
        ],
    )
    .await;
    assert_eq!(
        (status, error_of(&body)),
        (StatusCode::FORBIDDEN, AppError::Forbidden)
    );
    assert!(store.account(viewer.id).await.unwrap().unwrap().active);
    // Their role in Halden is still Halden's lead's to change.
    let (status, body) = call(
        &lead,
        &base,
        "accounts/role",
        &[
            ("programme", "halden-sentrum"),
            ("id", &id),
            ("role", "core"),
        ],
    )
    .await;
    assert!(status.is_success(), "{status} {body}");
}

/// An operator adds programmes on `/programmes`: bad input is refused with its own error
/// and changes nothing; the new programme has its slug and its lead; no one else may.
#[tokio::test]
async fn an_operator_adds_a_programme_and_no_one_else_may() {
    let (db, base, _stop, _task) = demo_server().await;
    let store = db.open().await.store;
    let mut operator = crate::support::account("drift@halden.demo", "Drift", PASSWORD);
    operator.operator = true;
    store.create_account(operator).await.unwrap();
    let c = client();
    login(&c, &base, "drift@halden.demo").await;
    let (status, body) = call(&c, &base, "programmes/list", &[]).await;
    assert!(status.is_success(), "{status} {body}");
    let page: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        page["memberships"],
        serde_json::json!([]),
        "in no programme"
    );
    assert_eq!(page["all"][0]["slug"], "halden-sentrum");
    let form = |slug: &'static str, lead: &'static str| {
        vec![
            ("name", "Moss sentrum"),
            ("area", "Moss kommune"),
            ("start_year", "2025"),
            ("end_year", "2029"),
            ("yearly_budget_nok", "3 000 000"),
            ("slug", slug),
            ("lead", lead),
        ]
    };
    for (slug, lead, refusal) in [
        ("Sarpsborg!", "", AppError::InvalidSlug),
        ("halden-sentrum", "", AppError::SlugTaken),
        ("", "ingen@moss.demo", AppError::NoSuchAccount),
    ] {
        let (status, body) = call(&c, &base, "programmes/create", &form(slug, lead)).await;
        assert_eq!(error_of(&body), refusal, "{slug} {lead}: {status}");
        assert_eq!(store.programmes().await.unwrap().len(), 2, "nothing made");
    }
    let (status, body) = call(
        &c,
        &base,
        "programmes/create",
        &form("", "leder@halden.demo"),
    )
    .await;
    assert!(
        status.is_success() || status.is_redirection(),
        "{status} {body}"
    );
    let id = store
        .programme_by_slug("moss-sentrum")
        .await
        .unwrap()
        .expect("made from the name");
    let lead = store
        .account_with_hash("leder@halden.demo")
        .await
        .unwrap()
        .unwrap()
        .0;
    let member = store
        .member(id, lead.id)
        .await
        .unwrap()
        .expect("the lead is a member");
    assert_eq!(member.role, samskap_domain::account::model::Role::Lead);
    // The lead is now in two programmes; each URL opens its own.
    let lead_client = client();
    login(&lead_client, &base, "leder@halden.demo").await;
    for (slug, name) in [
        ("moss-sentrum", "Moss sentrum"),
        ("halden-sentrum", "Halden sentrum"),
    ] {
        let (status, body) =
            call(&lead_client, &base, "programme/get", &[("programme", slug)]).await;
        assert!(status.is_success(), "{status} {body}");
        let page: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(page["programme"]["fields"]["name"], name);
    }
    // Not an operator (the demo's lead is one): refused, nothing made.
    let core = client();
    login(&core, &base, "kjerneteam@halden.demo").await;
    let (_, body) = call(&core, &base, "programmes/create", &form("tredje", "")).await;
    assert_eq!(error_of(&body), AppError::Forbidden);
    // A member of Halden only learns nothing of Moss, not even that it exists.
    let viewer = client();
    login(&viewer, &base, "styringsgruppe@halden.demo").await;
    for slug in ["moss-sentrum", "finnes-ikke"] {
        let (status, body) = call(&viewer, &base, "programme/get", &[("programme", slug)]).await;
        assert_eq!(
            (status, error_of(&body)),
            (StatusCode::NOT_FOUND, AppError::NotFound),
            "{slug}"
        );
    }
    assert_eq!(store.programmes().await.unwrap().len(), 3);
}

/// Old links and bookmarks without a programme land on the same page of the programme
/// one last worked in (its cookie), else the oldest; public ones on the first programme.
#[tokio::test]
async fn old_paths_lead_to_the_programme_one_works_in() {
    // The demo's core team member also facilitates in Sarpsborg sentrum (a newer one).
    let (_db, base, _stop, _task) = demo_server().await;
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    let c = Client::builder()
        .cookie_provider(jar.clone())
        .redirect(redirect::Policy::none())
        .build()
        .unwrap();
    login(&c, &base, "kjerneteam@halden.demo").await;
    let location = |response: &reqwest::Response| {
        response
            .headers()
            .get(header::LOCATION)
            .map(|v| v.to_str().unwrap().to_string())
    };
    let get = |path: &str| {
        c.get(format!("{base}{path}"))
            .header(header::ACCEPT, "text/html")
            .send()
    };
    let oldest = get("/plans/2025?x=1").await.unwrap();
    assert_eq!(
        location(&oldest).as_deref(),
        Some("/p/halden-sentrum/plans/2025?x=1")
    );
    let programme = get("/programme").await.unwrap();
    assert_eq!(location(&programme).as_deref(), Some("/p/halden-sentrum"));
    // Opening Sarpsborg's page remembers it.
    let page = get("/p/sarpsborg-sentrum/workshops").await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let remembered = page
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|v| v.starts_with("samskap_programme="))
        .expect("the programme cookie");
    assert!(
        remembered.starts_with("samskap_programme=sarpsborg-sentrum;"),
        "{remembered}"
    );
    let chosen = get("/workshops").await.unwrap();
    assert_eq!(
        location(&chosen).as_deref(),
        Some("/p/sarpsborg-sentrum/workshops")
    );
    // A cookie naming a programme one is not in counts for nothing.
    jar.add_cookie_str("samskap_programme=annet; Path=/", &base.parse().unwrap());
    let foreign = get("/workshops").await.unwrap();
    assert_eq!(
        location(&foreign).as_deref(),
        Some("/p/halden-sentrum/workshops")
    );
    let public = client()
        .get(format!("{base}/public/plans/2025"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        location(&public).as_deref(),
        Some("/public/halden-sentrum/plans/2025")
    );
}

#[tokio::test]
async fn sessions_survive_a_restart() {
    use reqwest::cookie::{CookieStore, Jar};
    let db = TestSqlite::new();
    let opened = db.open().await;
    demo::seed(opened.store.as_ref(), PASSWORD).await.unwrap();
    let (base, stop, task) = serve(opened).await;
    let jar = std::sync::Arc::new(Jar::default());
    let c = Client::builder()
        .cookie_provider(jar.clone())
        .redirect(redirect::Policy::none())
        .build()
        .unwrap();
    login(&c, &base, "leder@halden.demo").await;
    stop.send(()).unwrap();
    task.await.unwrap();

    // A new server process on the same database; cookies are per port, so carry it over.
    let (base2, _stop2, _task2) = serve(db.open().await).await;
    let session_cookie = jar
        .cookies(&base.parse().unwrap())
        .expect("a session cookie");
    let c2 = client();
    let response = c2
        .post(format!("{base2}/api/auth/me"))
        .header(header::ACCEPT, "application/json")
        .header(header::COOKIE, session_cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body = response.text().await.unwrap();
    assert!(
        body.contains("leder@halden.demo"),
        "still signed in after the restart: {body}"
    );
}

/// A session in use is kept: once fewer than six of its seven days are left, the next
/// staff call saves it again with seven days and a new cookie; the calls after it write
/// nothing. (tower-sessions saves only a changed session, so before, one ended seven days
/// after sign-in however much it was used.)
#[tokio::test]
async fn a_session_in_use_outlives_its_first_week() {
    let db = TestSqlite::new();
    let opened = db.open().await;
    demo::seed(opened.store.as_ref(), PASSWORD).await.unwrap();
    let (base, _stop, _task) = serve(opened).await;
    let c = client();
    login(&c, &base, "leder@halden.demo").await;
    let mut raw = db.raw().await;
    let now = chrono::Utc::now().timestamp();
    let week = 7 * 86_400;
    let signed_in = expiry(&mut raw).await;
    assert!(
        (signed_in - now - week).abs() < 60,
        "seven days from sign-in"
    );
    let me = |c: &Client| {
        c.post(format!("{base}/api/auth/me"))
            .header(header::ACCEPT, "application/json")
            .send()
    };
    let response = me(&c).await.unwrap();
    assert!(
        response.headers().get(header::SET_COOKIE).is_none(),
        "a fresh session is not written again"
    );

    // Six days and 23 hours later (its expiry an hour away), still in use.
    let stored: Vec<u8> = sqlx::query_scalar("SELECT data FROM tower_sessions")
        .fetch_one(&mut raw)
        .await
        .unwrap();
    let mut record: tower_sessions::session::Record = rmp_serde::from_slice(&stored).unwrap();
    record.expiry_date = tower_sessions::cookie::time::OffsetDateTime::now_utc()
        + tower_sessions::cookie::time::Duration::hours(1);
    let in_an_hour = chrono::Utc::now() + chrono::Duration::hours(1);
    sqlx::query("UPDATE tower_sessions SET data = $1, expiry_date = $2")
        .bind(rmp_serde::to_vec(&record).unwrap())
        .bind(in_an_hour.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .execute(&mut raw)
        .await
        .unwrap();
    let response = me(&c).await.unwrap();
    let cookie = response
        .headers()
        .get(header::SET_COOKIE)
        .expect("the cookie is sent again")
        .to_str()
        .unwrap()
        .to_string();
    assert!(cookie.starts_with("samskap_session="), "{cookie}");
    assert!(cookie.contains("Max-Age=604800"), "{cookie}");
    assert!(response.text().await.unwrap().contains("leder@halden.demo"));
    let renewed = expiry(&mut raw).await;
    assert!(
        renewed - now > week - 60,
        "seven days again: {renewed} - {now}"
    );
    let response = me(&c).await.unwrap();
    assert!(response.headers().get(header::SET_COOKIE).is_none());
    assert_eq!(expiry(&mut raw).await, renewed, "written once");
}

/// A request that loaded a session before another signed it out, and saves it after,
/// does not sign it in again (the sqlx store's save inserted it again); a session still
/// stored is saved as before.
async fn a_signed_out_session_stays_signed_out(sessions: &samskap_store::SessionBackend) {
    use tower_sessions::session::{Id, Record};
    use tower_sessions::SessionStore;
    let in_a_week = tower_sessions::cookie::time::OffsetDateTime::now_utc()
        + tower_sessions::cookie::time::Duration::days(7);
    let mut record = Record {
        id: Id::default(),
        data: [("user_id".to_string(), serde_json::json!("someone"))].into(),
        expiry_date: in_a_week,
    };
    sessions.create(&mut record).await.unwrap();
    let loaded = sessions.load(&record.id).await.unwrap().expect("stored");
    assert_eq!(loaded.data["user_id"], "someone");

    let mut changed = record.clone();
    changed.data.insert("flash".into(), serde_json::json!(1));
    sessions.save(&changed).await.unwrap();
    let loaded = sessions
        .load(&record.id)
        .await
        .unwrap()
        .expect("still stored");
    assert_eq!(loaded.data["flash"], 1, "a stored session is saved");

    sessions.delete(&record.id).await.unwrap();
    sessions.save(&changed).await.unwrap();
    assert!(
        sessions.load(&record.id).await.unwrap().is_none(),
        "signed out stays signed out"
    );
}

#[tokio::test]
async fn a_signed_out_session_stays_signed_out_on_sqlite() {
    let db = TestSqlite::new();
    a_signed_out_session_stays_signed_out(&db.open().await.sessions).await;
}

#[tokio::test]
async fn a_signed_out_session_stays_signed_out_on_postgres() {
    let db = crate::support::TestPostgres::new().await;
    a_signed_out_session_stays_signed_out(&db.open().await.sessions).await;
    db.drop_db().await;
}

/// The stored expiry (Unix seconds) of the one session in the database (stored as
/// RFC 3339 text).
async fn expiry(raw: &mut sqlx::SqliteConnection) -> i64 {
    let text: String = sqlx::query_scalar("SELECT expiry_date FROM tower_sessions")
        .fetch_one(raw)
        .await
        .unwrap();
    chrono::DateTime::parse_from_rfc3339(&text)
        .unwrap()
        .timestamp()
}

/// A built site's bundle: served precompressed when the browser takes it, kept a year
/// when its name carries a hash; pages and API answers are private and revalidated.
#[tokio::test]
async fn bundles_are_kept_a_year_pages_are_revalidated() {
    use samskap_server::static_files::{HASHED, PRIVATE, UNHASHED};
    let site = tempfile::tempdir().unwrap();
    let pkg = site.path().join("pkg");
    std::fs::create_dir(&pkg).unwrap();
    std::fs::write(pkg.join("samskap.3f9a.js"), "console.log('plain')").unwrap();
    std::fs::write(pkg.join("samskap.3f9a.js.br"), "brotli bytes").unwrap();
    let cache_of = |response: &reqwest::Response| {
        response.headers()[header::CACHE_CONTROL]
            .to_str()
            .unwrap()
            .to_string()
    };
    for hashed in [true, false] {
        let db = TestSqlite::new();
        let opened = db.open().await;
        demo::seed(opened.store.as_ref(), PASSWORD).await.unwrap();
        let root = site.path().display().to_string();
        let (base, stop, task) = serve_with(opened, |config| {
            config.leptos_options.site_root = root.into();
            config.leptos_options.hash_files = hashed;
            config.bundle_hashes = if hashed { vec!["3f9a".into()] } else { vec![] };
        })
        .await;
        let c = client();
        let bundle = c
            .get(format!("{base}/pkg/samskap.3f9a.js"))
            .header(header::ACCEPT_ENCODING, "br")
            .send()
            .await
            .unwrap();
        assert_eq!(bundle.status(), StatusCode::OK);
        assert_eq!(cache_of(&bundle), if hashed { HASHED } else { UNHASHED });
        assert_eq!(bundle.headers()[header::CONTENT_ENCODING], "br");
        assert_eq!(bundle.headers()[header::VARY], "accept-encoding");
        assert_eq!(bundle.bytes().await.unwrap().as_ref(), b"brotli bytes");
        let plain = c
            .get(format!("{base}/pkg/samskap.3f9a.js"))
            .header(header::ACCEPT_ENCODING, "identity")
            .send()
            .await
            .unwrap();
        assert_eq!(plain.text().await.unwrap(), "console.log('plain')");
        let missing = c
            .get(format!("{base}/pkg/samskap.0000.js"))
            .send()
            .await
            .unwrap();
        assert_eq!(missing.status(), StatusCode::NOT_FOUND);
        assert_eq!(cache_of(&missing), PRIVATE);
        // Nothing outside the site's pkg directory: an escaped `../` (which the client
        // does not resolve) reaches the server and is refused.
        std::fs::write(site.path().join("secret.txt"), "not for phones").unwrap();
        let outside = c
            .get(format!("{base}/pkg/..%2fsecret.txt"))
            .send()
            .await
            .unwrap();
        assert_ne!(outside.status(), StatusCode::OK);
        assert!(!outside.text().await.unwrap().contains("not for phones"));
        // (A page of a hashed build reads the names from hash.txt beside the binary,
        // which a test binary does not have.)
        if !hashed {
            let page = c.get(format!("{base}/join")).send().await.unwrap();
            assert_eq!(page.status(), StatusCode::OK);
            assert_eq!(cache_of(&page), PRIVATE);
            let api = c
                .post(format!("{base}/api/join/lookup"))
                .form(&[("code", "SENTRUM2")])
                .send()
                .await
                .unwrap();
            assert_eq!(cache_of(&api), PRIVATE);
        }
        stop.send(()).ok();
        task.await.unwrap();
    }
}

/// The network's evaluator reads both programmes it evaluates, side by side and each on
/// its own, downloads the pseudonymous evaluation export, and changes nothing.
#[tokio::test]
async fn an_evaluator_compares_its_programmes_and_changes_nothing() {
    let (db, base, _stop, _task) = demo_server().await;
    let store = db.open().await.store;
    let workshop = store
        .workshop_by_code(demo::DEMO_JOIN_CODE)
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string();
    let evaluator = client();
    login(&evaluator, &base, "evaluator@ostfold.demo").await;
    let (status, body) = call(&evaluator, &base, "evaluation/compare", &[]).await;
    assert!(status.is_success(), "{status} {body}");
    let all: Vec<samskap_domain::evaluation::model::ProgrammeFigures> =
        serde_json::from_str(&body).unwrap();
    let slugs: Vec<&str> = all.iter().map(|p| p.slug.as_str()).collect();
    assert_eq!(slugs, ["halden-sentrum", "sarpsborg-sentrum"]);
    let (halden, sarpsborg) = (&all[0], &all[1]);
    assert!(
        halden.workshops >= 1 && halden.prototypes.lineages >= 1,
        "{halden:?}"
    );
    assert!(halden.prototypes.tested >= halden.prototypes.proceeded + halden.prototypes.dropped);
    assert!(halden.spent_nok > 0, "the demo's 2025 measure has spending");
    // Sarpsborg's one workshop tested one prototype and took it on; nothing spent yet.
    assert_eq!((sarpsborg.workshops, sarpsborg.spent_nok), (1, 0));
    assert_eq!(
        (sarpsborg.prototypes.tested, sarpsborg.prototypes.proceeded),
        (1, 1),
        "{sarpsborg:?}"
    );
    assert_eq!(sarpsborg.yearly_budget_nok, 3_000_000);
    for slug in ["halden-sentrum", "sarpsborg-sentrum"] {
        let (status, body) = call(&evaluator, &base, "dashboard/get", &[("programme", slug)]).await;
        assert!(status.is_success(), "{slug}: {status} {body}");
    }
    let csv = evaluator
        .get(format!("{base}/workshops/{workshop}/evaluation.csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status(), StatusCode::OK);
    // Read-only: what the work roles do is refused, and nothing changes.
    let before = store
        .workshops(halden_id(&store).await)
        .await
        .unwrap()
        .len();
    let create = [
        ("programme", "halden-sentrum"),
        ("title", "Evaluators samling"),
        ("place", "Biblioteket"),
        ("starts_at", "2026-12-11T18:00"),
    ];
    let (status, body) = call(&evaluator, &base, "workshops/create", &create).await;
    assert_eq!(
        (status, error_of(&body)),
        (StatusCode::FORBIDDEN, AppError::Forbidden)
    );
    let (status, body) = call(
        &evaluator,
        &base,
        "plans/propose",
        &[("programme", "halden-sentrum"), ("year", "2027")],
    )
    .await;
    assert_eq!(
        (status, error_of(&body)),
        (StatusCode::FORBIDDEN, AppError::Forbidden)
    );
    // Nor does an evaluator take part on a board, or get a measure to follow up.
    let (_, body) = call(
        &evaluator,
        &base,
        "join/lookup",
        &[("code", demo::DEMO_JOIN_CODE)],
    )
    .await;
    let lookup: serde_json::Value = serde_json::from_str(&body).unwrap();
    let board = lookup["boards"][0][0]
        .as_str()
        .expect("the demo board")
        .to_string();
    let post = [
        ("board_id", board.as_str()),
        ("kind", "insight"),
        ("body", "Fra evaluator"),
    ];
    let (status, body) = call(&evaluator, &base, "cards/post", &post).await;
    assert_eq!(
        (status, error_of(&body)),
        (StatusCode::FORBIDDEN, AppError::Forbidden)
    );
    let me = store
        .account_with_hash("evaluator@ostfold.demo")
        .await
        .unwrap()
        .unwrap()
        .0
        .id;
    let measure = store.measures(halden_id(&store).await).await.unwrap()[0]
        .id
        .to_string();
    let lead = client();
    login(&lead, &base, "leder@halden.demo").await;
    let give = [("measure_id", measure.clone()), ("user_id", me.to_string())];
    let (status, _) = call(
        &lead,
        &base,
        "measures/responsible",
        &give
            .iter()
            .map(|(k, v)| (*k, v.as_str()))
            .collect::<Vec<_>>(),
    )
    .await;
    assert!(
        !status.is_success(),
        "an evaluator follows no measure up: {status}"
    );
    assert_eq!(
        store
            .workshops(halden_id(&store).await)
            .await
            .unwrap()
            .len(),
        before
    );
    // The steering group reads, but does not get the evaluation export.
    let viewer = client();
    login(&viewer, &base, "styringsgruppe@halden.demo").await;
    let csv = viewer
        .get(format!("{base}/workshops/{workshop}/evaluation.csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status(), StatusCode::FORBIDDEN);
    // One programme only: the comparison has one column.
    let (_, body) = call(&viewer, &base, "evaluation/compare", &[]).await;
    let all: Vec<serde_json::Value> = serde_json::from_str(&body).unwrap();
    assert_eq!(all.len(), 1);
}

async fn halden_id(store: &std::sync::Arc<dyn samskap_domain::store::Store>) -> uuid::Uuid {
    store
        .programme_by_slug("halden-sentrum")
        .await
        .unwrap()
        .unwrap()
}
