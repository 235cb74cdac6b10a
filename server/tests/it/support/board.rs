//! Test support for boards over HTTP: joining the demo workshop, looking a code up,
//! posting a card, a second live workshop, board settings, and checking that a call was
//! refused with a given error.
use super::http::{call, error_of};
use reqwest::{header, Client, StatusCode};
use samskap_app::error::AppError;
use samskap_app::join::page::JoinInfo;
use samskap_server::demo::DEMO_JOIN_CODE;
use uuid::Uuid;

/// Joins the demo workshop; returns the first board's id and the participant cookie.
pub async fn join(phone: &Client, base: &str, nickname: &str) -> (Uuid, String) {
    join_at(phone, base, DEMO_JOIN_CODE, nickname, "16_19").await
}

/// Joins the workshop with `code` as a youth of `age_band`; returns its first board's
/// id and the participant cookie.
pub async fn join_at(
    phone: &Client,
    base: &str,
    code: &str,
    nickname: &str,
    age_band: &str,
) -> (Uuid, String) {
    let response = phone
        .post(format!("{base}/api/join/join"))
        .header(header::ACCEPT, "application/json")
        .form(&[
            ("code", code),
            ("nickname", nickname),
            ("consent", "yes"),
            ("age_band", age_band),
            ("role", "youth"),
        ])
        .send()
        .await
        .unwrap();
    assert!(
        response.status().is_success(),
        "join: {}",
        response.status()
    );
    let cookie = response
        .headers()
        .get(header::SET_COOKIE)
        .expect("a participant cookie")
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let info = lookup(phone, base, code).await;
    assert_eq!(info.joined_as.as_deref(), Some(nickname));
    (info.boards[0].0, cookie)
}

pub async fn lookup(client: &Client, base: &str, code: &str) -> JoinInfo {
    let (status, body) = call(client, base, "join/lookup", &[("code", code)]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).unwrap()
}

pub async fn post(
    client: &Client,
    base: &str,
    board: Uuid,
    kind: &str,
    text: &str,
) -> (StatusCode, String) {
    let board = board.to_string();
    call(
        client,
        base,
        "cards/post",
        &[("board_id", &board), ("kind", kind), ("body", text)],
    )
    .await
}

/// Asserts that a call answered `status` with `error`.
pub fn refused(result: (StatusCode, String), status: StatusCode, error: AppError) {
    assert_eq!((result.0, error_of(&result.1)), (status, error));
}

/// A second live workshop with an open board, made by the demo facilitator.
pub async fn second_workshop(staff: &Client, base: &str) -> Uuid {
    let (status, body) = call(
        staff,
        base,
        "workshops/create",
        &[
            ("programme", "halden-sentrum"),
            ("title", "Os skole"),
            ("place", "Os skole"),
            ("starts_at", "2026-11-25T18:00"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let workshop: Uuid = serde_json::from_str(&body).unwrap();
    let id = workshop.to_string();
    let (status, body) = call(
        staff,
        base,
        "workshops/status",
        &[("id", &id), ("status", "live")],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = call(
        staff,
        base,
        "boards/create",
        &[
            ("workshop_id", &id),
            ("prompt", "Hvordan kan vi …?"),
            ("phase", "explore"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let board: Uuid = serde_json::from_str(&body).unwrap();
    set(staff, base, "boards/posting", board, "open", "true").await;
    board
}

pub async fn set(staff: &Client, base: &str, endpoint: &str, board: Uuid, name: &str, value: &str) {
    let board = board.to_string();
    let (status, body) = call(
        staff,
        base,
        endpoint,
        &[("board_id", &board), (name, value)],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{endpoint}: {body}");
}

/// `boards/get` as JSON, for the few fields a test digs out.
pub async fn board_json(client: &Client, base: &str, board: Uuid) -> serde_json::Value {
    let (status, body) = call(client, base, "boards/get", &[("id", &board.to_string())]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).unwrap()
}

/// A string field of `boards/get`, e.g. `["board", "workshop_id"]`.
async fn board_text(client: &Client, base: &str, board: Uuid, path: [&str; 2]) -> String {
    board_json(client, base, board).await[path[0]][path[1]]
        .as_str()
        .unwrap_or_else(|| panic!("boards/get has no {path:?}"))
        .to_string()
}

/// The id of a board's workshop.
pub async fn board_workshop(client: &Client, base: &str, board: Uuid) -> String {
    board_text(client, base, board, ["board", "workshop_id"]).await
}

/// The join code of a board's workshop, as its staff see it.
pub async fn join_code(staff: &Client, base: &str, board: Uuid) -> String {
    board_text(staff, base, board, ["join", "code"]).await
}
