//! Inclusion and privacy over real HTTP: a retried post is stored once, a participant
//! deletes their card with its receipt, the evaluation export names no one, and the
//! diversity view shows small counts as "<5" to staff only.

use crate::support::board::{
    board_json, board_workshop, join, join_at, join_code, refused, second_workshop, set,
};
use crate::support::http::{call, client, demo_server, signed_in};
use reqwest::{Client, StatusCode};
use samskap_app::error::{AppError, Field};
use samskap_domain::inclusion::model::{Count, DiversityView};
use samskap_domain::workshop::model::{AgeBand, Card};
use uuid::Uuid;

const LEAD: &str = "leder@halden.demo";
const FACILITATOR: &str = "fasilitator@halden.demo";
const VIEWER: &str = "styringsgruppe@halden.demo";

async fn post_keyed(
    phone: &Client,
    base: &str,
    board: Uuid,
    text: &str,
    key: &str,
) -> (StatusCode, String) {
    let board = board.to_string();
    call(
        phone,
        base,
        "cards/post",
        &[
            ("board_id", &board),
            ("kind", "insight"),
            ("body", text),
            ("client_key", key),
        ],
    )
    .await
}

/// How many cards on the board have this text, as the staff see it.
async fn cards_with(staff: &Client, base: &str, board: Uuid, text: &str) -> usize {
    board_json(staff, base, board).await["cards"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["body"] == text)
        .count()
}

#[tokio::test]
async fn a_retried_post_is_stored_once_even_after_posting_closed() {
    let (_db, base, _stop, _task) = demo_server().await;
    let staff = signed_in(&base, FACILITATOR).await;
    let phone = client();
    let (board, _) = join(&phone, &base, "Kari").await;
    let key = Uuid::new_v4().to_string();
    let text = "Gratis kaffe på biblioteket";
    let (status, body) = post_keyed(&phone, &base, board, text, &key).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let first: Card = serde_json::from_str(&body).unwrap();
    // The answer was lost on the way; the phone sends the same card again, twice.
    for _ in 0..2 {
        let (status, body) = post_keyed(&phone, &base, board, text, &key).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(serde_json::from_str::<Card>(&body).unwrap().id, first.id);
    }
    assert_eq!(cards_with(&staff, &base, board, text).await, 1);
    // A retry that arrives after the facilitator closed posting is still acknowledged.
    set(&staff, &base, "boards/posting", board, "open", "false").await;
    let (status, body) = post_keyed(&phone, &base, board, text, &key).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    refused(
        post_keyed(
            &phone,
            &base,
            board,
            "Ny tekst",
            &Uuid::new_v4().to_string(),
        )
        .await,
        StatusCode::CONFLICT,
        AppError::BoardClosed,
    );
    set(&staff, &base, "boards/posting", board, "open", "true").await;
    // Someone else's key is not a way to their card; a malformed key is bad input.
    let other = client();
    join(&other, &base, "Ola").await;
    refused(
        post_keyed(&other, &base, board, text, &key).await,
        StatusCode::CONFLICT,
        AppError::ClientKeyTaken,
    );
    refused(
        post_keyed(&phone, &base, board, text, "not-a-uuid").await,
        StatusCode::BAD_REQUEST,
        AppError::BadRequest,
    );
    assert_eq!(cards_with(&staff, &base, board, text).await, 1);
}

#[tokio::test]
async fn a_participant_deletes_their_card_with_its_receipt() {
    let (_db, base, _stop, _task) = demo_server().await;
    let staff = signed_in(&base, FACILITATOR).await;
    let phone = client();
    let (board, _) = join(&phone, &base, "Kari").await;
    let text = "Mer lys i parken";
    let (_, body) = post_keyed(&phone, &base, board, text, &Uuid::new_v4().to_string()).await;
    let card: Card = serde_json::from_str(&body).unwrap();
    let (_, body) = call(
        &phone,
        &base,
        "receipts/mine",
        &[("card_id", &card.id.to_string())],
    )
    .await;
    let code = serde_json::from_str::<samskap_app::plan::receipt::Journey>(&body)
        .unwrap()
        .code;
    // From another device, with the code: first the box must be ticked.
    let laptop = client();
    refused(
        call(&laptop, &base, "receipts/delete", &[("code", &code)]).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        AppError::ConfirmRequired,
    );
    assert_eq!(
        cards_with(&staff, &base, board, text).await,
        1,
        "nothing changed"
    );
    refused(
        call(
            &laptop,
            &base,
            "receipts/delete",
            &[("code", "ZZZZ-ZZZZ"), ("confirm", "yes")],
        )
        .await,
        StatusCode::NOT_FOUND,
        AppError::ReceiptUnknown,
    );
    let (status, body) = call(
        &laptop,
        &base,
        "receipts/delete",
        &[("code", &code), ("confirm", "yes")],
    )
    .await;
    assert!(
        status.is_success() || status.is_redirection(),
        "{status} {body}"
    );
    assert_eq!(cards_with(&staff, &base, board, text).await, 0);
    refused(
        call(&laptop, &base, "receipts/lookup", &[("code", &code)]).await,
        StatusCode::NOT_FOUND,
        AppError::ReceiptUnknown,
    );
}

#[tokio::test]
async fn the_evaluation_export_uses_pseudonyms_and_is_for_staff_who_run_workshops() {
    let (_db, base, _stop, _task) = demo_server().await;
    let staff = signed_in(&base, FACILITATOR).await;
    let (kari, ola) = (client(), client());
    let (board, _) = join(&kari, &base, "Kari Nordmann").await;
    join(&ola, &base, "Ola Hansen").await;
    for (phone, text) in [
        (&kari, "Skatepark ved elva"),
        (&ola, "Leksehjelp"),
        (&kari, "Kino i gymsalen"),
    ] {
        let (status, body) =
            post_keyed(phone, &base, board, text, &Uuid::new_v4().to_string()).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let workshop = board_workshop(&staff, &base, board).await;
    let url = format!("{base}/workshops/{workshop}/evaluation.csv");
    let response = staff.get(&url).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let csv = response.text().await.unwrap();
    assert!(
        csv.starts_with("author,age_band,role,board,kind,status,text"),
        "{csv}"
    );
    for name in ["Kari", "Ola", "Nordmann", "Hansen"] {
        assert!(!csv.contains(name), "the export names {name}: {csv}");
    }
    let author_of = |text: &str| {
        csv.lines()
            .find(|l| l.contains(text))
            .and_then(|l| l.split(',').next())
            .unwrap_or_default()
            .to_string()
    };
    let (a, b, c) = (
        author_of("Skatepark"),
        author_of("Leksehjelp"),
        author_of("Kino"),
    );
    assert!(a.starts_with('P') && b.starts_with('P'), "{a} {b}");
    assert_eq!(a, c, "one participant, one pseudonym");
    assert_ne!(a, b);
    assert!(csv.contains(",16_19,youth,"), "{csv}");
    let viewer = signed_in(&base, VIEWER).await;
    assert_eq!(
        viewer.get(&url).send().await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
    // Without a staff session, the staff pages' guard sends the browser to the login.
    assert_eq!(
        client().get(&url).send().await.unwrap().status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        kari.get(&url).send().await.unwrap().status(),
        StatusCode::SEE_OTHER
    );
}

async fn diversity(c: &Client, base: &str, workshop: &str) -> DiversityView {
    let (status, body) = call(c, base, "inclusion/diversity", &[("workshop", workshop)]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).unwrap()
}

#[tokio::test]
async fn the_diversity_view_shows_small_counts_as_fewer_than_five_to_staff() {
    let (_db, base, _stop, _task) = demo_server().await;
    let lead = signed_in(&base, LEAD).await;
    let board = second_workshop(&lead, &base).await;
    let code = join_code(&lead, &base, board).await;
    let workshop = board_workshop(&lead, &base, board).await;
    // Settings: bad input is refused and changes nothing; then a 30 % target for 16–19.
    refused(
        call(
            &lead,
            &base,
            "inclusion/settings/save",
            &[("programme", "halden-sentrum"), ("retention_days", "0")],
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        AppError::OutOfRange(Field::RetentionDays),
    );
    refused(
        call(
            &lead,
            &base,
            "inclusion/settings/save",
            &[
                ("programme", "halden-sentrum"),
                ("retention_days", "30"),
                ("target_under_16", "60"),
                ("target_16_19", "50"),
            ],
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        AppError::OutOfRange(Field::TargetShare),
    );
    let facilitator = signed_in(&base, FACILITATOR).await;
    refused(
        call(
            &facilitator,
            &base,
            "inclusion/settings/save",
            &[("programme", "halden-sentrum"), ("retention_days", "30")],
        )
        .await,
        StatusCode::FORBIDDEN,
        AppError::Forbidden,
    );
    let (status, body) = call(
        &lead,
        &base,
        "inclusion/settings",
        &[("programme", "halden-sentrum")],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("\"retention_days\":90"), "unchanged: {body}");
    let (status, body) = call(
        &lead,
        &base,
        "inclusion/settings/save",
        &[
            ("programme", "halden-sentrum"),
            ("retention_days", "30"),
            ("target_16_19", "30"),
            ("target_over_66", ""),
        ],
    )
    .await;
    assert!(
        status.is_success() || status.is_redirection(),
        "{status} {body}"
    );

    // Three youth and one adult: every count is under 5.
    for (i, age) in ["16_19", "16_19", "16_19", "35_66"].iter().enumerate() {
        join_at(&client(), &base, &code, &format!("P{i}"), age).await;
    }
    let view = diversity(&lead, &base, &workshop).await;
    let band =
        |v: &DiversityView, b: AgeBand| v.by_age.iter().find(|l| l.key == Some(b)).unwrap().clone();
    assert_eq!(view.participants, Count::Few);
    assert_eq!(band(&view, AgeBand::Age16To19).participants, Count::Few);
    assert_eq!(
        band(&view, AgeBand::Age16To19).share,
        None,
        "a share would give the count away"
    );
    assert_eq!(band(&view, AgeBand::Age16To19).participants.shown(), "<5");
    assert_eq!(band(&view, AgeBand::Under16).participants, Count::Exact(0));
    assert!(
        view.lacking_youth().count() > 0,
        "no youth card on any focus area yet"
    );
    // Two more youth: 5 of 6, shown exactly, and above the 30 % target; over 66 has none.
    for i in 0..2 {
        join_at(&client(), &base, &code, &format!("Q{i}"), "16_19").await;
    }
    let view = diversity(&lead, &base, &workshop).await;
    let youth = band(&view, AgeBand::Age16To19);
    assert_eq!(youth.participants, Count::Exact(5));
    assert_eq!(youth.share, Some(83));
    assert_eq!(youth.target, Some(30));
    assert!(!youth.under_target);
    assert_eq!(
        view.youth_participants,
        Count::Exact(6),
        "the adult said their role is youth"
    );
    assert!(
        view.under_represented.is_empty(),
        "{:?}",
        view.under_represented
    );
    // Any staff role reads it; a participant or a stranger does not.
    let viewer = signed_in(&base, VIEWER).await;
    assert_eq!(diversity(&viewer, &base, &workshop).await, view);
    refused(
        call(
            &client(),
            &base,
            "inclusion/diversity",
            &[("workshop", &workshop)],
        )
        .await,
        StatusCode::UNAUTHORIZED,
        AppError::Unauthenticated,
    );
}
