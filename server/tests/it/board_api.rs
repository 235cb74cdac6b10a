//! The live-board API over real HTTP: joining by code, posting rules, facilitator-only
//! controls, cross-workshop refusals, rate limits and the event stream.

use crate::support::board::{board_workshop, join, lookup, post, refused, second_workshop, set};
use crate::support::http::*;
use crate::support::sse::{read_until, subscribe};
use reqwest::{header, Client, StatusCode};
use samskap_app::error::{AppError, Field};
use samskap_domain::workshop::model::{Card, MAX_CARD};
use samskap_server::demo::DEMO_JOIN_CODE;
use uuid::Uuid;

#[tokio::test]
async fn joining_needs_a_live_code_and_consent() {
    let (_db, base, _stop, _task) = demo_server().await;
    let phone = client();
    refused(
        call(&phone, &base, "join/lookup", &[("code", "ABCD2345")]).await,
        StatusCode::NOT_FOUND,
        AppError::JoinCodeInvalid,
    );
    refused(
        call(&phone, &base, "join/lookup", &[("code", "not a code")]).await,
        StatusCode::NOT_FOUND,
        AppError::JoinCodeInvalid,
    );
    let typed = DEMO_JOIN_CODE.to_lowercase().replace("m2", "m-2");
    assert_eq!(
        lookup(&phone, &base, &typed).await.joined_as,
        None,
        "codes are typed loosely"
    );
    refused(
        call(
            &phone,
            &base,
            "join/join",
            &[("code", DEMO_JOIN_CODE), ("nickname", "Ali")],
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        AppError::ConsentRequired,
    );
    let long = "x".repeat(41);
    refused(
        call(
            &phone,
            &base,
            "join/join",
            &[
                ("code", DEMO_JOIN_CODE),
                ("nickname", &long),
                ("consent", "yes"),
            ],
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        AppError::TooLong(Field::Nickname, 40),
    );
    refused(
        call(
            &phone,
            &base,
            "join/join",
            &[
                ("code", DEMO_JOIN_CODE),
                ("age_band", "ancient"),
                ("consent", "yes"),
            ],
        )
        .await,
        StatusCode::BAD_REQUEST,
        AppError::BadRequest,
    );
    let (board, _) = join(&phone, &base, "Ali").await;

    // A closed workshop's code no longer works.
    let staff = client();
    login(&staff, &base, "fasilitator@halden.demo").await;
    let info = lookup(&phone, &base, DEMO_JOIN_CODE).await;
    assert_eq!(info.boards[0].0, board);
    let workshop = board_workshop(&staff, &base, board).await;
    let (status, _) = call(
        &staff,
        &base,
        "workshops/status",
        &[("id", &workshop), ("status", "closed")],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    refused(
        call(&client(), &base, "join/lookup", &[("code", DEMO_JOIN_CODE)]).await,
        StatusCode::CONFLICT,
        AppError::WorkshopNotLive,
    );
    refused(
        post(&phone, &base, board, "insight", "sent").await,
        StatusCode::CONFLICT,
        AppError::WorkshopNotLive,
    );
}

#[tokio::test]
async fn posting_follows_the_board_rules() {
    let (_db, base, _stop, _task) = demo_server().await;
    let phone = client();
    let (board, cookie) = join(&phone, &base, "Mina").await;

    refused(
        post(&phone, &base, board, "insight", "   ").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        AppError::Empty(Field::Text),
    );
    refused(
        post(&phone, &base, board, "insight", &"æ".repeat(MAX_CARD + 1)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        AppError::TooLong(Field::Text, MAX_CARD),
    );
    refused(
        post(&phone, &base, board, "idea", "Ikke nå").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        AppError::KindNotAllowed,
    );
    refused(
        post(&phone, &base, board, "vote", "Hva?").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        AppError::KindNotAllowed,
    );
    refused(
        post(&client(), &base, board, "insight", "Hei").await,
        StatusCode::UNAUTHORIZED,
        AppError::NotJoined,
    );
    refused(
        post(&phone, &base, Uuid::new_v4(), "insight", "Hei").await,
        StatusCode::NOT_FOUND,
        AppError::NotFound,
    );

    let typed = "<script>alert('hei')</script> & «sentrum»";
    let (status, body) = post(&phone, &base, board, "insight", typed).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let card: Card = serde_json::from_str(&body).unwrap();
    assert_eq!(card.body, typed, "stored as typed");
    assert_eq!(card.author.name, "Mina");

    // The board page renders it escaped.
    let html = phone
        .get(format!("{base}/boards/{board}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("&lt;script&gt;alert("), "escaped in the page");
    assert!(!html.contains("<script>alert("), "never raw");

    // Participants cannot run the board; another participant cannot touch the card.
    let b = board.to_string();
    refused(
        call(
            &phone,
            &base,
            "boards/posting",
            &[("board_id", &b), ("open", "false")],
        )
        .await,
        StatusCode::FORBIDDEN,
        AppError::Forbidden,
    );
    let other = client();
    join(&other, &base, "Jonas").await;
    let id = card.id.to_string();
    refused(
        call(
            &other,
            &base,
            "cards/edit",
            &[("id", &id), ("kind", "insight"), ("body", "Mitt nå")],
        )
        .await,
        StatusCode::FORBIDDEN,
        AppError::NotYourCard,
    );
    refused(
        call(&other, &base, "cards/delete", &[("id", &id)]).await,
        StatusCode::FORBIDDEN,
        AppError::NotYourCard,
    );

    // A workshop's cookie means nothing on another workshop's board.
    let staff = client();
    login(&staff, &base, "fasilitator@halden.demo").await;
    let board_b = second_workshop(&staff, &base).await;
    refused(
        post(&phone, &base, board_b, "insight", "Hei").await,
        StatusCode::UNAUTHORIZED,
        AppError::NotJoined,
    );
    let token = cookie.split_once('=').unwrap().1;
    let workshop_b: Uuid = board_workshop(&staff, &base, board_b)
        .await
        .parse()
        .unwrap();
    let forged = format!("samskap_p_{}={token}", workshop_b.simple());
    let response = client()
        .post(format!("{base}/api/cards/post"))
        .header(header::ACCEPT, "application/json")
        .header(header::COOKIE, forged)
        .form(&[
            ("board_id", board_b.to_string().as_str()),
            ("kind", "insight"),
            ("body", "Hei"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);

    // Closed for posting: nothing is added, and the author can no longer edit.
    set(&staff, &base, "boards/posting", board, "open", "false").await;
    refused(
        post(&phone, &base, board, "insight", "Sent").await,
        StatusCode::CONFLICT,
        AppError::BoardClosed,
    );
    refused(
        call(
            &phone,
            &base,
            "cards/edit",
            &[("id", &id), ("kind", "insight"), ("body", "Endret")],
        )
        .await,
        StatusCode::CONFLICT,
        AppError::BoardClosed,
    );
    set(&staff, &base, "boards/posting", board, "open", "true").await;
    let (status, body) = call(
        &phone,
        &base,
        "cards/edit",
        &[("id", &id), ("kind", "insight"), ("body", "Endret")],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");

    // The phase decides the kinds; the facilitator can override them.
    let bs = board.to_string();
    let (status, _) = call(
        &staff,
        &base,
        "boards/phase",
        &[("board_id", &bs), ("phase", "shape")],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    refused(
        post(&phone, &base, board, "insight", "Nå?").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        AppError::KindNotAllowed,
    );
    let (status, _) = post(&phone, &base, board, "idea", "Ungdomskafé").await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = call(
        &staff,
        &base,
        "boards/phase",
        &[
            ("board_id", &bs),
            ("phase", "shape"),
            ("kinds[0]", "insight"),
            ("kinds[1]", "idea"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = post(&phone, &base, board, "insight", "Nå går det").await;
    assert_eq!(status, StatusCode::OK);
    // A new phase sent with the old phase's defaults still ticked, as the form comes,
    // gets the new phase's defaults.
    for (phase, ticked) in [("explore", None), ("shape", Some("insight"))] {
        let mut form = vec![("board_id", bs.as_str()), ("phase", phase)];
        form.extend(ticked.map(|kind| ("kinds[0]", kind)));
        let (status, body) = call(&staff, &base, "boards/phase", &form).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    refused(
        post(&phone, &base, board, "insight", "Ikke nå").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        AppError::KindNotAllowed,
    );

    // Cards on the board: everything accepted above, nothing refused.
    let (_, body) = call(&phone, &base, "boards/get", &[("id", &bs)]).await;
    let data: serde_json::Value = serde_json::from_str(&body).unwrap();
    let bodies: Vec<&str> = data["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["body"].as_str().unwrap())
        .collect();
    assert_eq!(
        bodies[2..],
        ["Endret", "Ungdomskafé", "Nå går det"],
        "after the two demo cards"
    );
}

#[tokio::test]
async fn posts_are_rate_limited_per_participant() {
    let (_db, base, _stop, _task) = demo_server().await;
    let phone = client();
    let (board, _) = join(&phone, &base, "").await;
    for i in 0..10 {
        let (status, body) = post(&phone, &base, board, "insight", &format!("kort {i}")).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    refused(
        post(&phone, &base, board, "insight", "ett til").await,
        StatusCode::TOO_MANY_REQUESTS,
        AppError::TooManyPosts,
    );
    let other = client();
    join(&other, &base, "").await;
    let (status, _) = post(&other, &base, board, "insight", "jeg kan").await;
    assert_eq!(status, StatusCode::OK, "the limit is per participant");
}

/// Votes, reports and receipt requests are writes too: one participant gets a burst of
/// 40 of them, then 60 a minute, shared.
#[tokio::test]
async fn votes_reports_and_receipts_are_rate_limited_per_participant() {
    let (_db, base, _stop, _task) = demo_server().await;
    let (phone, other) = (client(), client());
    let (board, _) = join(&phone, &base, "Vera").await;
    join(&other, &base, "Ola").await;
    let (_, body) = post(&phone, &base, board, "insight", "Stem på meg").await;
    let mine = serde_json::from_str::<Card>(&body).unwrap().id.to_string();
    let (_, body) = post(&other, &base, board, "insight", "Eller meg").await;
    let theirs = serde_json::from_str::<Card>(&body).unwrap().id.to_string();
    let staff = signed_in(&base, "fasilitator@halden.demo").await;
    set(&staff, &base, "boards/voting", board, "dots", "20").await;
    // Placing and taking back one dot in turn, until refused: the burst, plus what
    // refilled meanwhile (a token a second).
    use samskap_app::server::throttle::{TAPS_BURST, TAPS_PER_MINUTE};
    let started = std::time::Instant::now();
    let mut taps = 0;
    let refusal =
        crate::support::until_refused(started, (TAPS_BURST, TAPS_PER_MINUTE, 1), 0, || {
            taps += 1;
            let endpoint = if taps % 2 == 1 {
                "votes/place"
            } else {
                "votes/remove"
            };
            let (phone, base, mine) = (phone.clone(), base.clone(), mine.clone());
            async move {
                let answer = call(&phone, &base, endpoint, &[("card_id", &mine)]).await;
                (answer.0 != StatusCode::OK).then_some(answer)
            }
        })
        .await;
    refused(
        refusal,
        StatusCode::TOO_MANY_REQUESTS,
        AppError::TooManyRequests,
    );
    // Reports and receipt requests draw on the same, now empty, bucket: each is let
    // through only as often as a token refilled since (one a second).
    let emptied = std::time::Instant::now();
    for (endpoint, card) in [("cards/report", &theirs), ("receipts/mine", &mine)] {
        let mut passed: u32 = 0;
        loop {
            let (status, body) = call(&phone, &base, endpoint, &[("card_id", card)]).await;
            if status == StatusCode::TOO_MANY_REQUESTS {
                assert_eq!(error_of(&body), AppError::TooManyRequests);
                break;
            }
            assert_eq!(status, StatusCode::OK, "{endpoint}: {body}");
            passed += 1;
            assert!(passed <= TAPS_BURST, "{endpoint} has a bucket of its own");
        }
        let refilled = crate::support::refills_since(emptied, TAPS_PER_MINUTE) + 1;
        assert!(
            passed <= refilled,
            "{endpoint}: {passed} passed, {refilled} refilled"
        );
    }
    let (status, body) = call(&other, &base, "votes/place", &[("card_id", &mine)]).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "the limit is per participant: {body}"
    );
}

#[tokio::test]
async fn timer_and_controls_are_for_facilitators() {
    let (_db, base, _stop, _task) = demo_server().await;
    let (board, _) = join(&client(), &base, "x").await;
    let b = board.to_string();
    let viewer = client();
    login(&viewer, &base, "styringsgruppe@halden.demo").await;
    refused(
        call(
            &viewer,
            &base,
            "boards/timer",
            &[("board_id", &b), ("minutes", "5")],
        )
        .await,
        StatusCode::FORBIDDEN,
        AppError::Forbidden,
    );
    let staff = client();
    login(&staff, &base, "fasilitator@halden.demo").await;
    refused(
        call(
            &staff,
            &base,
            "boards/timer",
            &[("board_id", &b), ("minutes", "500")],
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        AppError::OutOfRange(Field::Minutes),
    );
    set(&staff, &base, "boards/timer", board, "minutes", "5").await;
    let (_, body) = call(&staff, &base, "boards/get", &[("id", &b)]).await;
    let data: serde_json::Value = serde_json::from_str(&body).unwrap();
    let ends = data["board"]["timer_ends_at"].as_str().expect("a timer");
    let ends: chrono::DateTime<chrono::Utc> = ends.parse().unwrap();
    let left = ends - chrono::Utc::now();
    assert!(
        left > chrono::Duration::minutes(4) && left <= chrono::Duration::minutes(5),
        "{left}"
    );
    set(&staff, &base, "boards/timer", board, "minutes", "0").await;

    // Editing the workshop: its facilitators only, with the same checks as creating.
    let workshop = board_workshop(&staff, &base, board).await;
    let edit = |title: &'static str| -> Vec<(String, String)> {
        [
            ("id", workshop.as_str()),
            ("title", title),
            ("place", "Skofabrikken"),
            ("starts_at", "2026-11-30T17:30"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    };
    let update = |client: &Client, form: Vec<(String, String)>| {
        let client = client.clone();
        let base = base.clone();
        async move {
            let pairs: Vec<(&str, &str)> =
                form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            call(&client, &base, "workshops/update", &pairs).await
        }
    };
    refused(
        update(&viewer, edit("Ny tittel")).await,
        StatusCode::FORBIDDEN,
        AppError::Forbidden,
    );
    refused(
        update(&staff, edit(" ")).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        AppError::Empty(Field::Title),
    );
    let (status, body) = update(&staff, edit("Ungdommens sentrum, runde 2")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, body) = call(&staff, &base, "workshops/get", &[("id", &workshop)]).await;
    assert!(
        body.contains("Ungdommens sentrum, runde 2") && body.contains("2026-11-30T17:30"),
        "{body}"
    );
    let (_, body) = call(&staff, &base, "boards/get", &[("id", &b)]).await;
    assert!(body.contains("\"timer_ends_at\":null"));
}

#[tokio::test]
async fn the_event_stream_delivers_resumes_and_hides() {
    let (_db, base, _stop, _task) = demo_server().await;
    let (phone_a, phone_b) = (client(), client());
    let (board, _) = join(&phone_a, &base, "A").await;
    join(&phone_b, &base, "B").await;
    let strangers = client()
        .get(format!("{base}/events/boards/{board}"))
        .send()
        .await
        .unwrap();
    assert_eq!(strangers.status(), StatusCode::UNAUTHORIZED);

    let staff = client();
    login(&staff, &base, "fasilitator@halden.demo").await;
    let mut projector = subscribe(&staff, &base, board, None).await;
    let mut seen_by_staff = String::new();
    read_until(&mut projector, &mut seen_by_staff, "\"participants\":0").await;

    let mut stream = subscribe(&phone_a, &base, board, None).await;
    read_until(&mut projector, &mut seen_by_staff, "\"participants\":1").await;
    let (_, body) = post(&phone_b, &base, board, "insight", "Lys i parken").await;
    let card: Card = serde_json::from_str(&body).unwrap();
    let mut seen = String::new();
    read_until(&mut stream, &mut seen, "Lys i parken").await;
    read_until(&mut projector, &mut seen_by_staff, "Lys i parken").await;
    let seq: i64 = seen
        .lines()
        .find_map(|l| l.strip_prefix("id:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    drop(stream);

    // Reconnecting with Last-Event-ID replays what came after it.
    let (_, _) = post(&phone_b, &base, board, "insight", "Benker ved elva").await;
    let mut resumed = subscribe(&phone_a, &base, board, Some(seq)).await;
    let mut replayed = String::new();
    read_until(&mut resumed, &mut replayed, "Benker ved elva").await;
    assert!(
        !replayed.contains("Lys i parken"),
        "nothing before Last-Event-ID: {replayed}"
    );
    assert!(replayed.contains(&format!("id: {}", seq + 1)), "{replayed}");

    // Private brainstorming: others' cards arrive as ids only, until revealed.
    set(
        &staff,
        &base,
        "boards/visibility",
        board,
        "hide_others",
        "true",
    )
    .await;
    read_until(&mut resumed, &mut replayed, "\"hide_others\":true").await;
    let (_, body) = post(&phone_b, &base, board, "insight", "Hemmelig forslag").await;
    let secret: Card = serde_json::from_str(&body).unwrap();
    read_until(
        &mut resumed,
        &mut replayed,
        &format!("\"card_hidden\",\"id\":\"{}\"", secret.id),
    )
    .await;
    read_until(&mut projector, &mut seen_by_staff, "Hemmelig forslag").await;
    assert!(!replayed.contains("Hemmelig forslag"), "{replayed}");
    let (_, body) = call(&phone_a, &base, "boards/get", &[("id", &board.to_string())]).await;
    assert!(
        !body.contains("Hemmelig forslag") && !body.contains("Lys i parken"),
        "hidden in the snapshot too"
    );
    let (_, body) = call(&phone_b, &base, "boards/get", &[("id", &board.to_string())]).await;
    assert!(
        body.contains("Hemmelig forslag"),
        "authors see their own cards"
    );

    // Deleting reaches everyone.
    let (status, _) = call(
        &phone_b,
        &base,
        "cards/delete",
        &[("id", &card.id.to_string())],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    read_until(
        &mut resumed,
        &mut replayed,
        &format!("\"card_removed\",\"id\":\"{}\"", card.id),
    )
    .await;
}

#[tokio::test]
async fn dot_voting_keeps_to_the_budget() {
    let (_db, base, _stop, _task) = demo_server().await;
    let phone = client();
    let (board, _) = join(&phone, &base, "Vera").await;
    let b = board.to_string();
    let (_, body) = post(&phone, &base, board, "insight", "Stem på meg").await;
    let card: Card = serde_json::from_str(&body).unwrap();
    let id = card.id.to_string();
    refused(
        call(&phone, &base, "votes/place", &[("card_id", &id)]).await,
        StatusCode::CONFLICT,
        AppError::VotingClosed,
    );

    let staff = client();
    login(&staff, &base, "fasilitator@halden.demo").await;
    refused(
        call(
            &phone,
            &base,
            "boards/voting",
            &[("board_id", &b), ("dots", "2")],
        )
        .await,
        StatusCode::FORBIDDEN,
        AppError::Forbidden,
    );
    refused(
        call(
            &staff,
            &base,
            "boards/voting",
            &[("board_id", &b), ("dots", "21")],
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        AppError::OutOfRange(Field::Dots),
    );
    set(&staff, &base, "boards/voting", board, "dots", "2").await;
    set(
        &staff,
        &base,
        "boards/votes-visible",
        board,
        "visible",
        "false",
    )
    .await;

    let (status, body) = call(&phone, &base, "votes/place", &[("card_id", &id)]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let mine: samskap_domain::workshop::model::MyVotes = serde_json::from_str(&body).unwrap();
    assert_eq!(
        (mine.on_card, mine.used, mine.total),
        (1, 1, None),
        "totals hidden from participants"
    );
    call(&phone, &base, "votes/place", &[("card_id", &id)]).await;
    refused(
        call(&phone, &base, "votes/place", &[("card_id", &id)]).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        AppError::VoteBudgetSpent,
    );
    let (status, _) = call(&phone, &base, "votes/remove", &[("card_id", &id)]).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = call(&phone, &base, "votes/place", &[("card_id", &id)]).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "a dot taken back can be placed again"
    );

    // Staff see the totals; participants do not until revealed.
    let (_, body) = call(&staff, &base, "boards/get", &[("id", &b)]).await;
    assert!(body.contains(&format!("[\"{id}\",2]")), "{body}");
    let (_, body) = call(&phone, &base, "boards/get", &[("id", &b)]).await;
    let data: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(data["totals"], serde_json::json!([]));
    assert_eq!(data["my_votes"], serde_json::json!([[id, 2]]));
    set(
        &staff,
        &base,
        "boards/votes-visible",
        board,
        "visible",
        "true",
    )
    .await;
    let (_, body) = call(&phone, &base, "boards/get", &[("id", &b)]).await;
    let data: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(data["totals"], serde_json::json!([[id, 2]]));

    // Private mode: no voting on a card one cannot see.
    set(
        &staff,
        &base,
        "boards/visibility",
        board,
        "hide_others",
        "true",
    )
    .await;
    let other = client();
    join(&other, &base, "Ola").await;
    refused(
        call(&other, &base, "votes/place", &[("card_id", &id)]).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        AppError::CardHidden,
    );

    // A new round starts everyone with a full budget.
    set(
        &staff,
        &base,
        "boards/visibility",
        board,
        "hide_others",
        "false",
    )
    .await;
    set(&staff, &base, "boards/voting", board, "dots", "1").await;
    let (status, body) = call(&phone, &base, "votes/place", &[("card_id", &id)]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    set(&staff, &base, "boards/voting", board, "dots", "0").await;
    refused(
        call(&other, &base, "votes/place", &[("card_id", &id)]).await,
        StatusCode::CONFLICT,
        AppError::VotingClosed,
    );
}

#[tokio::test]
async fn moderation_hides_holds_and_counts_reports() {
    let (_db, base, _stop, _task) = demo_server().await;
    let (author, r1, r2, r3) = (client(), client(), client(), client());
    let (board, _) = join(&author, &base, "Aud").await;
    for reporter in [&r1, &r2, &r3] {
        join(reporter, &base, "R").await;
    }
    let b = board.to_string();
    let visible_to = |data: &str, text: &str| data.contains(text);

    // The word list holds a post: its author sees it, others and the projector do not.
    let (_, body) = post(
        &author,
        &base,
        board,
        "insight",
        "Dette er faen meg kjedelig",
    )
    .await;
    let held: Card = serde_json::from_str(&body).unwrap();
    assert_eq!(
        held.status,
        samskap_domain::workshop::model::CardStatus::Held
    );
    let (_, snapshot) = call(&r1, &base, "boards/get", &[("id", &b)]).await;
    assert!(!visible_to(&snapshot, "kjedelig"), "held from others");
    let (_, snapshot) = call(&author, &base, "boards/get", &[("id", &b)]).await;
    assert!(
        visible_to(&snapshot, "kjedelig"),
        "the author sees it, marked held"
    );

    // Only facilitators moderate.
    let held_id = held.id.to_string();
    refused(
        call(&r1, &base, "cards/restore", &[("card_id", &held_id)]).await,
        StatusCode::FORBIDDEN,
        AppError::Forbidden,
    );
    let staff = client();
    login(&staff, &base, "fasilitator@halden.demo").await;
    let (status, _) = call(&staff, &base, "cards/restore", &[("card_id", &held_id)]).await;
    assert_eq!(status, StatusCode::OK);
    let (_, snapshot) = call(&r1, &base, "boards/get", &[("id", &b)]).await;
    assert!(visible_to(&snapshot, "kjedelig"), "approved");
    // An approved card edited into the word list is held again, with its new text.
    let (status, body) = call(
        &author,
        &base,
        "cards/edit",
        &[
            ("id", &held_id),
            ("kind", "insight"),
            ("body", "Nå er det faen meg bra"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let edited: Card = serde_json::from_str(&body).unwrap();
    assert_eq!(
        (edited.status, edited.body.as_str()),
        (
            samskap_domain::workshop::model::CardStatus::Held,
            "Nå er det faen meg bra"
        )
    );
    let (_, snapshot) = call(&r1, &base, "boards/get", &[("id", &b)]).await;
    assert!(
        !visible_to(&snapshot, "faen meg bra"),
        "held again: {snapshot}"
    );
    let (status, _) = call(&staff, &base, "cards/restore", &[("card_id", &held_id)]).await;
    assert_eq!(status, StatusCode::OK);
    refused(
        call(
            &staff,
            &base,
            "cards/hide",
            &[("card_id", &held_id), ("reason", " ")],
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        AppError::Empty(Field::Reason),
    );
    let (status, _) = call(
        &staff,
        &base,
        "cards/hide",
        &[("card_id", &held_id), ("reason", "Banning")],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (_, snapshot) = call(&r1, &base, "boards/get", &[("id", &b)]).await;
    assert!(!visible_to(&snapshot, "faen meg bra"), "hidden");
    refused(
        call(&r1, &base, "votes/place", &[("card_id", &held_id)]).await,
        StatusCode::CONFLICT,
        AppError::VotingClosed,
    );

    // Three reports (the default threshold) hide a card; one reporter counts once.
    let (_, body) = post(&author, &base, board, "insight", "Rapporter meg").await;
    let card: Card = serde_json::from_str(&body).unwrap();
    let id = card.id.to_string();
    refused(
        call(&author, &base, "cards/report", &[("card_id", &id)]).await,
        StatusCode::BAD_REQUEST,
        AppError::BadRequest,
    );
    refused(
        call(&staff, &base, "cards/report", &[("card_id", &id)]).await,
        StatusCode::FORBIDDEN,
        AppError::Forbidden,
    );
    for reporter in [&r1, &r1, &r2] {
        let (status, _) = call(reporter, &base, "cards/report", &[("card_id", &id)]).await;
        assert_eq!(status, StatusCode::OK);
    }
    let (_, snapshot) = call(&r3, &base, "boards/get", &[("id", &b)]).await;
    assert!(
        visible_to(&snapshot, "Rapporter meg"),
        "two reporters are not enough"
    );
    call(&r3, &base, "cards/report", &[("card_id", &id)]).await;
    let (_, snapshot) = call(&r3, &base, "boards/get", &[("id", &b)]).await;
    assert!(
        !visible_to(&snapshot, "Rapporter meg"),
        "hidden for review at three"
    );
    let (_, snapshot) = call(&staff, &base, "boards/get", &[("id", &b)]).await;
    assert!(snapshot.contains("auto:reported"), "staff see why");

    // Pre-moderation holds every participant post, but not staff posts.
    let workshop = board_workshop(&staff, &base, board).await;
    refused(
        call(
            &staff,
            &base,
            "workshops/moderation",
            &[("id", &workshop), ("report_threshold", "0")],
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        AppError::OutOfRange(Field::ReportThreshold),
    );
    let (status, _) = call(
        &staff,
        &base,
        "workshops/moderation",
        &[
            ("id", &workshop),
            ("report_threshold", "3"),
            ("premoderation", "on"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (_, body) = post(&r1, &base, board, "insight", "Helt vanlig innlegg").await;
    let card: Card = serde_json::from_str(&body).unwrap();
    assert_eq!(
        card.status,
        samskap_domain::workshop::model::CardStatus::Held
    );
    let (_, body) = post(&staff, &base, board, "insight", "Fra fasilitator").await;
    let card: Card = serde_json::from_str(&body).unwrap();
    assert_eq!(
        card.status,
        samskap_domain::workshop::model::CardStatus::Visible
    );
}

#[tokio::test]
async fn themes_are_for_facilitators_and_stay_on_their_board() {
    let (_db, base, _stop, _task) = demo_server().await;
    let phone = client();
    let (board, _) = join(&phone, &base, "T").await;
    let b = board.to_string();
    let (_, body) = post(&phone, &base, board, "insight", "Sortér meg").await;
    let card: Card = serde_json::from_str(&body).unwrap();
    refused(
        call(
            &phone,
            &base,
            "themes/create",
            &[("board_id", &b), ("name", "Mitt tema")],
        )
        .await,
        StatusCode::FORBIDDEN,
        AppError::Forbidden,
    );
    let staff = client();
    login(&staff, &base, "fasilitator@halden.demo").await;
    refused(
        call(
            &staff,
            &base,
            "themes/create",
            &[("board_id", &b), ("name", "")],
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        AppError::Empty(Field::Name),
    );
    let (status, body) = call(
        &staff,
        &base,
        "themes/create",
        &[("board_id", &b), ("name", "Møteplasser")],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let theme: samskap_domain::workshop::model::Theme = serde_json::from_str(&body).unwrap();
    let t = theme.id.to_string();
    let c = card.id.to_string();
    refused(
        call(
            &phone,
            &base,
            "cards/theme",
            &[("card_id", &c), ("theme_id", &t)],
        )
        .await,
        StatusCode::FORBIDDEN,
        AppError::Forbidden,
    );
    let (status, _) = call(
        &staff,
        &base,
        "cards/theme",
        &[("card_id", &c), ("theme_id", &t)],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (_, body) = call(&phone, &base, "boards/get", &[("id", &b)]).await;
    assert!(body.contains(&format!("\"theme_id\":\"{t}\"")), "{body}");

    // A theme of another board cannot be used here.
    let other_board = second_workshop(&staff, &base).await;
    let (_, body) = call(
        &staff,
        &base,
        "themes/create",
        &[("board_id", &other_board.to_string()), ("name", "Annet")],
    )
    .await;
    let other: samskap_domain::workshop::model::Theme = serde_json::from_str(&body).unwrap();
    refused(
        call(
            &staff,
            &base,
            "cards/theme",
            &[("card_id", &c), ("theme_id", &other.id.to_string())],
        )
        .await,
        StatusCode::NOT_FOUND,
        AppError::NotFound,
    );
    refused(
        call(
            &staff,
            &base,
            "themes/merge",
            &[
                ("board_id", &b),
                ("from", &t),
                ("into", &other.id.to_string()),
            ],
        )
        .await,
        StatusCode::NOT_FOUND,
        AppError::NotFound,
    );
    let (status, _) = call(
        &staff,
        &base,
        "themes/rename",
        &[("board_id", &b), ("theme_id", &t), ("name", "Møtesteder")],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (_, body) = call(&phone, &base, "boards/get", &[("id", &b)]).await;
    assert!(body.contains("Møtesteder"));

    // Finding 3 of issue 16: naming this board and a theme of another board renamed or
    // merged away the other board's theme while answering 404.
    let o = other_board.to_string();
    let other_id = other.id.to_string();
    refused(
        call(
            &staff,
            &base,
            "themes/rename",
            &[
                ("board_id", &b),
                ("theme_id", &other_id),
                ("name", "HACKED"),
            ],
        )
        .await,
        StatusCode::NOT_FOUND,
        AppError::NotFound,
    );
    refused(
        call(
            &staff,
            &base,
            "themes/merge",
            &[("board_id", &b), ("from", &other_id), ("into", &t)],
        )
        .await,
        StatusCode::NOT_FOUND,
        AppError::NotFound,
    );
    let (_, body) = call(&staff, &base, "boards/get", &[("id", &o)]).await;
    assert!(
        body.contains("\"name\":\"Annet\"") && !body.contains("HACKED"),
        "the other board's theme is unchanged: {body}"
    );
}

/// The cards of a board page as `(card id, its HTML)`.
fn cards_in(html: &str) -> Vec<(String, String)> {
    html.split("<li data-card-id=\"")
        .skip(1)
        .map(|rest| {
            let (id, _) = rest.split_once('"').unwrap();
            let (card, _) = rest.split_once("</li>").unwrap();
            (id.to_string(), card.to_string())
        })
        .collect()
}

/// A big board stays light for the facilitator: each card's tools are folded (under 1 KB
/// a card), and `/boards/{id}/cards/{card}` opens one card's tools without JavaScript.
#[tokio::test]
async fn a_facilitators_card_tools_are_folded_and_open_on_their_own_page() {
    let (_db, base, _stop, _task) = demo_server().await;
    let phone = client();
    let (board, _) = join(&phone, &base, "Tora").await;
    let staff = client();
    login(&staff, &base, "fasilitator@halden.demo").await;
    for n in 0..5 {
        let text = format!("Kort {n}: flere benker og lys langs elva, og et sted å være");
        let (status, body) = post(&staff, &base, board, "insight", &text).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let page = |client: &Client, path: String| {
        let client = client.clone();
        let url = format!("{base}{path}");
        async move {
            let response = client.get(url).send().await.unwrap();
            assert_eq!(response.status(), StatusCode::OK);
            response.text().await.unwrap()
        }
    };
    let board_page = page(&staff, format!("/boards/{board}")).await;
    let cards = cards_in(&board_page);
    assert!(cards.len() >= 5, "{} cards", cards.len());
    for (id, card) in &cards {
        assert!(
            card.len() < 1024,
            "card {id} is {} bytes: {card}",
            card.len()
        );
        assert!(card.contains("class=\"card-tools\""), "{card}");
        assert!(card.contains(&format!("/boards/{board}/cards/{id}#card-tools")));
        assert!(!card.contains("/api/cards/hide"), "the hide form is folded");
        assert!(
            !card.contains("/api/cards/theme"),
            "the theme picker is folded"
        );
        assert!(
            !card.contains("/api/cards/edit"),
            "the author's editor is folded"
        );
    }

    let (id, _) = &cards[0];
    let focused = page(&staff, format!("/boards/{board}/cards/{id}")).await;
    for (other, card) in cards_in(&focused) {
        let open = card.contains("id=\"card-tools\"");
        assert_eq!(
            open,
            &other == id,
            "only the named card's tools open: {card}"
        );
        assert_eq!(card.contains("action=\"/api/cards/hide\""), open);
        assert_eq!(card.contains(&format!("/trace/cards/{other}")), open);
        assert_eq!(card.contains("action=\"/api/cards/edit\""), open);
    }

    let participant = page(&phone, format!("/boards/{board}/cards/{id}")).await;
    assert!(
        !participant.contains("card-tools"),
        "a participant has no card tools"
    );
    assert!(!cards_in(&participant).is_empty());
}
