//! The iteration pipeline over real HTTP: photo uploads (checked, re-encoded, stripped of
//! GPS metadata, shown only to those who may see them), test rounds and feedback from
//! phones, decisions and their rules, and role refusals.

use crate::support::board::{board_workshop, join, join_code, post, refused, second_workshop, set};
use crate::support::http::*;
use reqwest::multipart::{Form, Part};
use reqwest::{header, Client, StatusCode};
use samskap_app::error::{AppError, Field};
use samskap_app::pipeline::prototype_page::PrototypePageData;
use samskap_app::pipeline::round_page::RoundFeedback;
use samskap_domain::pipeline::model::{Decision, Outcome, PrototypeStatus};
use samskap_domain::workshop::model::Card;
use std::io::Cursor;
use uuid::Uuid;

const FACILITATOR: &str = "fasilitator@halden.demo";

/// Staff signed in as the demo facilitator, a phone joined to the demo workshop, and an
/// idea on the demo board that builds on one of its insights.
struct Scene {
    base: String,
    staff: Client,
    phone: Client,
    board: Uuid,
    idea: Uuid,
    insight: Uuid,
}

async fn scene(base: &str) -> Scene {
    let staff = client();
    login(&staff, base, FACILITATOR).await;
    let phone = client();
    let (board, _) = join(&phone, base, "Mina").await;
    let insight = posted(post(&phone, base, board, "insight", "Ingen steder å være").await);
    set(&staff, base, "boards/phase", board, "phase", "shape").await;
    let idea = posted(post(&phone, base, board, "idea", "Gratis ungdomskafé").await);
    let (status, body) = call(
        &staff,
        base,
        "evidence/link",
        &[
            ("idea_id", &idea.to_string()),
            ("insight_id", &insight.to_string()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    Scene {
        base: base.to_string(),
        staff,
        phone,
        board,
        idea,
        insight,
    }
}

fn posted((status, body): (StatusCode, String)) -> Uuid {
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str::<Card>(&body).unwrap().id
}

fn ok<T: serde::de::DeserializeOwned>((status, body): (StatusCode, String)) -> T {
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

async fn create_prototype(s: &Scene) -> Uuid {
    ok(call(
        &s.staff,
        &s.base,
        "prototypes/create",
        &[
            ("idea", &s.idea.to_string()),
            ("title", "Ungdomskafé i Tollbugata"),
            (
                "description",
                "Et gratis rom i første etasje, åpent to kvelder",
            ),
            ("assumption", "Ungdom kommer hvis det er gratis og nært"),
        ],
    )
    .await)
}

async fn prototype(client: &Client, base: &str, id: Uuid) -> PrototypePageData {
    ok(call(client, base, "prototypes/get", &[("id", &id.to_string())]).await)
}

/// A round of `prototype` in the demo workshop.
async fn start_round(s: &Scene, prototype: Uuid) -> Uuid {
    let workshop = board_workshop(&s.staff, &s.base, s.board).await;
    ok(create_round(s, prototype, &workshop, "2026-12-03T16:00").await)
}

async fn create_round(
    s: &Scene,
    prototype: Uuid,
    workshop: &str,
    starts_at: &str,
) -> (StatusCode, String) {
    call(
        &s.staff,
        &s.base,
        "rounds/create",
        &[
            ("prototype_id", &prototype.to_string()),
            ("workshop_id", workshop),
            ("place", "Tollbugata 3"),
            ("target_group", "Ungdom 13–19"),
            ("starts_at", starts_at),
        ],
    )
    .await
}

async fn feedback(client: &Client, base: &str, round: Uuid, rating: &str) -> (StatusCode, String) {
    call(
        client,
        base,
        "feedback/give",
        &[
            ("round_id", &round.to_string()),
            ("worked", "Gratis og varmt"),
            ("not_worked", "Stengte for tidlig"),
            ("suggestion", "Åpent til kl. 21"),
            ("rating", rating),
        ],
    )
    .await
}

async fn decide(
    client: &Client,
    base: &str,
    prototype: Uuid,
    outcome: &str,
    reason: &str,
    learning: &str,
) -> (StatusCode, String) {
    call(
        client,
        base,
        "prototypes/decide",
        &[
            ("prototype_id", &prototype.to_string()),
            ("outcome", outcome),
            ("reason", reason),
            ("learning", learning),
        ],
    )
    .await
}

async fn upload(
    client: &Client,
    base: &str,
    endpoint: &str,
    id_field: (&str, Uuid),
    file: Vec<u8>,
    file_name: &str,
) -> (StatusCode, String) {
    let form = Form::new()
        .text(id_field.0.to_string(), id_field.1.to_string())
        .part("photo", Part::bytes(file).file_name(file_name.to_string()));
    let response = client
        .post(format!("{base}/api/{endpoint}"))
        .header(header::ACCEPT, "application/json")
        .multipart(form)
        .send()
        .await
        .unwrap();
    (response.status(), response.text().await.unwrap())
}

async fn fetch(client: &Client, url: String) -> (StatusCode, Vec<u8>) {
    let response = client.get(url).send().await.unwrap();
    (response.status(), response.bytes().await.unwrap().to_vec())
}

/// Halden's latitude as the EXIF GPS rationals below write it: 59/1, 7/1, 2400/100.
const LATITUDE: [u32; 6] = [59, 1, 7, 1, 2400, 100];

/// A JPEG of `w`×`h` pixels from a phone camera: an EXIF block with a GPS position.
fn jpeg_with_gps(w: u32, h: u32) -> Vec<u8> {
    let pixels = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    let mut jpeg = Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(pixels)
        .write_to(&mut jpeg, image::ImageFormat::Jpeg)
        .unwrap();
    let jpeg = jpeg.into_inner();
    // TIFF (little-endian): IFD0 with one entry, the GPS IFD pointer; the GPS IFD with
    // latitude and longitude, their rationals after it.
    let mut tiff: Vec<u8> = b"II\x2a\x00\x08\x00\x00\x00".to_vec();
    let entry = |tiff: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: [u8; 4]| {
        tiff.extend(tag.to_le_bytes());
        tiff.extend(kind.to_le_bytes());
        tiff.extend(count.to_le_bytes());
        tiff.extend(value);
    };
    tiff.extend(1u16.to_le_bytes());
    entry(&mut tiff, 0x8825, 4, 1, 26u32.to_le_bytes());
    tiff.extend(0u32.to_le_bytes());
    tiff.extend(4u16.to_le_bytes());
    entry(&mut tiff, 1, 2, 2, *b"N\0\0\0");
    entry(&mut tiff, 2, 5, 3, 80u32.to_le_bytes());
    entry(&mut tiff, 3, 2, 2, *b"E\0\0\0");
    entry(&mut tiff, 4, 5, 3, 104u32.to_le_bytes());
    tiff.extend(0u32.to_le_bytes());
    assert_eq!(tiff.len(), 80);
    for n in LATITUDE.into_iter().chain([11, 1, 23, 1, 0, 1]) {
        tiff.extend(n.to_le_bytes());
    }
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend(tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend([0xFF, 0xE1]);
    out.extend(((app1.len() + 2) as u16).to_be_bytes());
    out.extend(app1);
    out.extend(&jpeg[2..]);
    out
}

fn latitude_bytes() -> Vec<u8> {
    LATITUDE.iter().flat_map(|n| n.to_le_bytes()).collect()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test]
async fn photos_are_checked_reencoded_and_stripped_of_gps() {
    let (_db, base, _stop, _task) = demo_server().await;
    let s = scene(&base).await;
    let proto = create_prototype(&s).await;

    let original = jpeg_with_gps(2000, 1000);
    assert!(contains(&original, b"Exif\0\0") && contains(&original, &latitude_bytes()));
    image::load_from_memory(&original).expect("the test photo decodes");
    let id: Uuid = ok(upload(
        &s.staff,
        &base,
        "photos/prototype",
        ("prototype_id", proto),
        original,
        "IMG_0042.jpg",
    )
    .await);
    assert_eq!(
        prototype(&s.staff, &base, proto)
            .await
            .dossier
            .prototype
            .photos,
        vec![id]
    );

    let (status, stored) = fetch(&s.staff, format!("{base}/photos/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(stored.starts_with(&[0xFF, 0xD8]), "stored as JPEG");
    assert!(!contains(&stored, b"Exif"), "no EXIF block is kept");
    assert!(
        !contains(&stored, &latitude_bytes()),
        "no GPS position is kept"
    );
    let decoded = image::load_from_memory(&stored).unwrap();
    assert_eq!(
        (decoded.width(), decoded.height()),
        (1600, 800),
        "scaled to 1600 px"
    );
    let (status, thumb) = fetch(&s.staff, format!("{base}/photos/{id}/thumb")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(image::load_from_memory(&thumb).unwrap().width(), 400);

    // Refused, and nothing stored: a renamed executable, a cut-off image, a BMP, an
    // empty file, a file over 10 MB, a body that is not multipart.
    let mut cut = jpeg_with_gps(64, 64);
    cut.truncate(cut.len() / 2);
    let bmp = b"BM\x3a\0\0\0\0\0\0\0\x36\0\0\0\x28\0\0\0\x01\0\0\0\x01\0\0\0\x01\0\x18\0".to_vec();
    for (file, name) in [
        (
            b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff program".to_vec(),
            "photo.jpg",
        ),
        (cut, "cut.jpg"),
        (bmp, "old.bmp"),
    ] {
        refused(
            upload(
                &s.staff,
                &base,
                "photos/prototype",
                ("prototype_id", proto),
                file,
                name,
            )
            .await,
            StatusCode::UNPROCESSABLE_ENTITY,
            AppError::NotAnImage,
        );
    }
    refused(
        upload(
            &s.staff,
            &base,
            "photos/prototype",
            ("prototype_id", proto),
            Vec::new(),
            "none.jpg",
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        AppError::Empty(Field::Photo),
    );
    let mut huge = jpeg_with_gps(16, 16);
    huge.resize(10 * 1024 * 1024 + 1, 0);
    refused(
        upload(
            &s.staff,
            &base,
            "photos/prototype",
            ("prototype_id", proto),
            huge,
            "big.jpg",
        )
        .await,
        StatusCode::PAYLOAD_TOO_LARGE,
        AppError::PhotoTooLarge(10),
    );
    refused(
        call(
            &s.staff,
            &base,
            "photos/prototype",
            &[("prototype_id", &proto.to_string())],
        )
        .await,
        StatusCode::BAD_REQUEST,
        AppError::BadRequest,
    );
    refused(
        upload(
            &s.staff,
            &base,
            "photos/prototype",
            ("prototype_id", Uuid::new_v4()),
            jpeg_with_gps(8, 8),
            "a.jpg",
        )
        .await,
        StatusCode::NOT_FOUND,
        AppError::NotFound,
    );
    assert_eq!(
        prototype(&s.staff, &base, proto)
            .await
            .dossier
            .prototype
            .photos,
        vec![id]
    );

    // A participant adds no photo to a prototype, and sees its photos only while a round
    // of their workshop tests it; strangers never.
    refused(
        upload(
            &s.phone,
            &base,
            "photos/prototype",
            ("prototype_id", proto),
            jpeg_with_gps(8, 8),
            "a.jpg",
        )
        .await,
        StatusCode::UNAUTHORIZED,
        AppError::Unauthenticated,
    );
    assert_eq!(
        fetch(&s.phone, format!("{base}/photos/{id}")).await.0,
        StatusCode::NOT_FOUND
    );
    start_round(&s, proto).await;
    assert_eq!(
        fetch(&s.phone, format!("{base}/photos/{id}")).await.0,
        StatusCode::OK
    );
    assert_eq!(
        fetch(&client(), format!("{base}/photos/{id}")).await.0,
        StatusCode::NOT_FOUND
    );

    // A participant's photo on their own card, in a phase that takes photos.
    let card: Card = ok(upload(
        &s.phone,
        &base,
        "photos/card",
        ("card_id", s.idea),
        jpeg_with_gps(300, 200),
        "kafe.jpg",
    )
    .await);
    let card_photo = card.photo_id.expect("the card has its photo");
    let (status, stored) = fetch(&s.phone, format!("{base}/photos/{card_photo}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!contains(&stored, &latitude_bytes()));
    let neighbour = client();
    join(&neighbour, &base, "Jonas").await;
    refused(
        upload(
            &neighbour,
            &base,
            "photos/card",
            ("card_id", s.idea),
            jpeg_with_gps(8, 8),
            "a.jpg",
        )
        .await,
        StatusCode::FORBIDDEN,
        AppError::NotYourCard,
    );
    // Under pre-moderation a new photo is approved first, as new text is: the card is
    // held until a facilitator lets it back.
    use samskap_domain::workshop::model::CardStatus;
    assert_eq!(card.status, CardStatus::Visible);
    let workshop = board_workshop(&s.staff, &base, s.board).await;
    let (status, body) = call(
        &s.staff,
        &base,
        "workshops/moderation",
        &[
            ("id", &workshop),
            ("report_threshold", "3"),
            ("premoderation", "on"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let held: Card = ok(upload(
        &s.phone,
        &base,
        "photos/card",
        ("card_id", s.idea),
        jpeg_with_gps(300, 200),
        "ny.jpg",
    )
    .await);
    assert_eq!(held.status, CardStatus::Held);
    let (_, seen) = call(
        &neighbour,
        &base,
        "boards/get",
        &[("id", &s.board.to_string())],
    )
    .await;
    assert!(
        seen.contains("Ingen steder"),
        "the board as the others see it: {seen}"
    );
    assert!(
        !seen.contains("Gratis ungdomskafé"),
        "held from the others: {seen}"
    );
    let (status, body) = call(
        &s.staff,
        &base,
        "cards/restore",
        &[("card_id", &s.idea.to_string())],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    set(
        &s.staff,
        &base,
        "boards/phase",
        s.board,
        "phase",
        "understand",
    )
    .await;
    refused(
        upload(
            &s.phone,
            &base,
            "photos/card",
            ("card_id", s.idea),
            jpeg_with_gps(8, 8),
            "a.jpg",
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        AppError::PhotosNotAllowed,
    );
    // Another workshop's phone sees no card photo of this one.
    let other = client();
    let other_board = second_workshop(&s.staff, &base).await;
    let (status, body) = call(
        &other,
        &base,
        "join/join",
        &[
            ("code", &join_code(&s.staff, &base, other_board).await),
            ("consent", "yes"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        fetch(&other, format!("{base}/photos/{card_photo}")).await.0,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn rounds_feedback_and_decisions_follow_the_rules() {
    let (_db, base, _stop, _task) = demo_server().await;
    let s = scene(&base).await;
    let v1 = create_prototype(&s).await;
    let page = prototype(&s.staff, &base, v1).await;
    assert_eq!(page.dossier.idea.map(|c| c.id), Some(s.idea));
    assert_eq!(
        page.dossier
            .insights
            .iter()
            .map(|c| c.id)
            .collect::<Vec<_>>(),
        [s.insight]
    );

    // Only the lead, the core team and facilitators make prototypes and decide.
    let viewer = client();
    login(&viewer, &base, "styringsgruppe@halden.demo").await;
    refused(
        call(
            &viewer,
            &base,
            "prototypes/create",
            &[
                ("idea", &s.idea.to_string()),
                ("title", "T"),
                ("description", "D"),
                ("assumption", "A"),
            ],
        )
        .await,
        StatusCode::FORBIDDEN,
        AppError::Forbidden,
    );
    assert!(
        !prototype(&viewer, &base, v1).await.can_shape,
        "viewers read, and may not change"
    );
    // A prototype comes from an idea, not from an insight.
    refused(
        call(
            &s.staff,
            &base,
            "prototypes/create",
            &[
                ("idea", &s.insight.to_string()),
                ("title", "T"),
                ("description", "D"),
                ("assumption", "A"),
            ],
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        AppError::KindNotAllowed,
    );
    refused(
        call(
            &s.staff,
            &base,
            "prototypes/create",
            &[
                ("idea", &s.idea.to_string()),
                ("title", " "),
                ("description", "D"),
                ("assumption", "A"),
            ],
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        AppError::Empty(Field::Title),
    );

    // Nothing is decided before a test round.
    refused(
        decide(&s.staff, &base, v1, "proceed", "Bra", "").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        AppError::NotTested,
    );
    let round = start_round(&s, v1).await;
    let unknown = Uuid::new_v4().to_string();
    refused(
        create_round(&s, v1, &unknown, "2026-13-40T99:00").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        AppError::OutOfRange(Field::StartsAt),
    );
    refused(
        create_round(&s, v1, &unknown, "2026-12-03T16:00").await,
        StatusCode::NOT_FOUND,
        AppError::NotFound,
    );

    // Feedback from two phones; bad ratings change nothing.
    ok::<serde_json::Value>(feedback(&s.phone, &base, round, "4").await);
    let second = client();
    join(&second, &base, "Jonas").await;
    ok::<serde_json::Value>(feedback(&second, &base, round, "2").await);
    for (rating, error) in [
        ("0", AppError::OutOfRange(Field::Rating)),
        ("6", AppError::OutOfRange(Field::Rating)),
        ("fire", AppError::NotANumber(Field::Rating)),
        ("", AppError::Empty(Field::Rating)),
    ] {
        refused(
            feedback(&s.phone, &base, round, rating).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            error,
        );
    }
    refused(
        feedback(&client(), &base, round, "5").await,
        StatusCode::UNAUTHORIZED,
        AppError::NotJoined,
    );
    let given: RoundFeedback = ok(call(
        &s.staff,
        &base,
        "rounds/feedback",
        &[("id", &round.to_string())],
    )
    .await);
    assert_eq!(
        (given.summary.count, given.summary.ratings),
        (2, [0, 1, 0, 1, 0])
    );
    assert!(given
        .feedback
        .iter()
        .all(|f| f.fields.suggestion == "Åpent til kl. 21"));
    refused(
        call(
            &s.phone,
            &base,
            "rounds/feedback",
            &[("id", &round.to_string())],
        )
        .await,
        StatusCode::UNAUTHORIZED,
        AppError::Unauthenticated,
    );

    // A participant decides nothing, and neither does a viewer.
    refused(
        decide(&s.phone, &base, v1, "proceed", "Bra", "").await,
        StatusCode::UNAUTHORIZED,
        AppError::Unauthenticated,
    );
    refused(
        decide(&viewer, &base, v1, "proceed", "Bra", "").await,
        StatusCode::FORBIDDEN,
        AppError::Forbidden,
    );
    // Dropping and iterating need a reason and the learning.
    refused(
        decide(&s.staff, &base, v1, "drop", "  ", "Noe").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        AppError::Empty(Field::Reason),
    );
    refused(
        decide(&s.staff, &base, v1, "iterate", "Testerne ville ha mer", "").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        AppError::Empty(Field::Learning),
    );
    refused(
        decide(&s.staff, &base, v1, "maybe", "r", "l").await,
        StatusCode::BAD_REQUEST,
        AppError::BadRequest,
    );
    assert_eq!(
        prototype(&s.staff, &base, v1)
            .await
            .dossier
            .prototype
            .status,
        PrototypeStatus::Open
    );

    // A closed round takes no feedback.
    ok::<serde_json::Value>(
        call(
            &s.staff,
            &base,
            "rounds/open",
            &[("round_id", &round.to_string()), ("open", "false")],
        )
        .await,
    );
    refused(
        feedback(&s.phone, &base, round, "5").await,
        StatusCode::CONFLICT,
        AppError::RoundClosed,
    );
    let given: RoundFeedback = ok(call(
        &s.staff,
        &base,
        "rounds/feedback",
        &[("id", &round.to_string())],
    )
    .await);
    assert_eq!(given.summary.count, 2, "nothing stored on a closed round");

    // Iterate: v2 carries the learning; v1 is decided for good.
    let iterate: Decision = ok(decide(
        &s.staff,
        &base,
        v1,
        "iterate",
        "Testerne ville ha det åpent lenger",
        "Åpent til kl. 21",
    )
    .await);
    assert_eq!(iterate.outcome, Outcome::Iterate);
    let v2 = iterate.next_prototype_id.expect("a next version");
    let page = prototype(&s.staff, &base, v2).await;
    assert_eq!(
        (
            page.dossier.prototype.version,
            page.dossier.prototype.previous_id
        ),
        (2, Some(v1))
    );
    assert_eq!(page.dossier.prototype.learning, "Åpent til kl. 21");
    assert_eq!(page.dossier.versions.len(), 2);
    refused(
        decide(&s.staff, &base, v1, "proceed", "Likevel", "").await,
        StatusCode::CONFLICT,
        AppError::AlreadyDecided,
    );
    refused(
        call(
            &s.staff,
            &base,
            "rounds/open",
            &[("round_id", &round.to_string()), ("open", "true")],
        )
        .await,
        StatusCode::CONFLICT,
        AppError::AlreadyDecided,
    );

    // Proceed on v2 after its round; a dropped prototype is a recorded outcome.
    let round2 = start_round(&s, v2).await;
    ok::<serde_json::Value>(feedback(&s.phone, &base, round2, "5").await);
    let proceed: Decision =
        ok(decide(&s.staff, &base, v2, "proceed", "Alle ville bruke den", "").await);
    assert_eq!(
        (proceed.outcome, proceed.next_prototype_id),
        (Outcome::Proceed, None)
    );
    assert_eq!(proceed.decided_by, "Demo Fasilitator");
    let page = prototype(&s.staff, &base, v2).await;
    assert_eq!(page.dossier.prototype.status, PrototypeStatus::Proceed);
    let actions: Vec<&str> = page
        .dossier
        .history
        .iter()
        .map(|e| e.action.as_str())
        .collect();
    for expected in [
        "insight_linked",
        "prototype_created",
        "round_started",
        "decision_recorded",
        "version_created",
    ] {
        assert!(actions.contains(&expected), "{expected} in {actions:?}");
    }

    let other = create_prototype(&s).await;
    start_round(&s, other).await;
    ok::<Decision>(
        decide(
            &s.staff,
            &base,
            other,
            "drop",
            "Ingen kom",
            "Tirsdag passer ikke",
        )
        .await,
    );
    let page = prototype(&s.staff, &base, other).await;
    assert_eq!(page.dossier.prototype.status, PrototypeStatus::Dropped);
    assert_eq!(
        page.dossier.decision.map(|d| d.learning),
        Some("Tirsdag passer ikke".into())
    );
}
