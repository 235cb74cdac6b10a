//! Test support: the cast and the things the authorisation matrix and the hostile-input
//! suite call on, built once over HTTP on top of the demo (a second workshop with its own
//! facilitator and participant, a participant's card with a photo and a receipt, themes,
//! votes, a tested prototype, a measure with a risk, plans in each status: 2025 sent,
//! 2026 adopted, 2027 a draft, 2028 proposed).
use super::http::PASSWORD;
use super::plain_client;
use super::world::World;
use reqwest::{header, multipart, StatusCode};
use samskap_domain::account::model::Role;
use samskap_domain::follow_up::indicator::IndicatorOf;
use samskap_domain::store::follow_up_store::IndicatorScope;
use samskap_server::demo::{self, DEMO_JOIN_CODE};
use samskap_store::{self as store, Opened};
use serde_json::Value;
use std::collections::HashMap;

/// The callers of the matrix, in its column order.
pub const CALLERS: [&str; 9] = [
    "anonymous",
    "other participant",
    "participant",
    "viewer",
    "other facilitator",
    "facilitator",
    "core",
    "lead",
    "lead elsewhere",
];

pub const LEAD: &str = "leder@halden.demo";
pub const OTHER_FACILITATOR: &str = "annen@halden.demo";
/// The lead of a second programme in the same installation (Sarpsborg), a member of
/// nothing of Halden's.
pub const LEAD_ELSEWHERE: &str = "leder@sarpsborg.demo";
pub const STAFF: [(usize, &str); 6] = [
    (3, "styringsgruppe@halden.demo"),
    (4, OTHER_FACILITATOR),
    (5, "fasilitator@halden.demo"),
    (6, "kjerneteam@halden.demo"),
    (7, LEAD),
    (8, LEAD_ELSEWHERE),
];

/// The callers' cookies (by column) and the ids that request templates name.
#[derive(Clone)]
pub struct Fixture {
    pub cookies: [Option<String>; 9],
    pub ids: HashMap<&'static str, String>,
}

/// A call with a caller's cookie: the status and the body.
pub async fn send(
    base: &str,
    cookie: Option<&str>,
    endpoint: &str,
    form: &[(&str, &str)],
) -> (StatusCode, String) {
    let mut request = plain_client()
        .post(format!("{base}/api/{endpoint}"))
        .header(header::ACCEPT, "application/json")
        .form(form);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let response = request.send().await.unwrap();
    (response.status(), response.text().await.unwrap())
}

/// An upload of `photo` to `endpoint` with one id field.
pub async fn upload(
    base: &str,
    cookie: Option<&str>,
    endpoint: &str,
    field: &str,
    id: &str,
    photo: Vec<u8>,
) -> (StatusCode, String) {
    let form = multipart::Form::new()
        .text(field.to_string(), id.to_string())
        .part(
            "photo",
            multipart::Part::bytes(photo)
                .file_name("bilde.png")
                .mime_str("image/png")
                .unwrap(),
        );
    let mut request = plain_client()
        .post(format!("{base}/api/{endpoint}"))
        .header(header::ACCEPT, "application/json")
        .multipart(form);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let response = request.send().await.unwrap();
    (response.status(), response.text().await.unwrap())
}

/// A small PNG.
pub fn png() -> Vec<u8> {
    let pixels =
        image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([x as u8 * 4, y as u8 * 5, 90]));
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(pixels)
        .write_to(&mut out, image::ImageFormat::Png)
        .unwrap();
    out.into_inner()
}

/// The `name=value` of the cookie the response sets whose name starts with `prefix`.
fn cookie_named(response: &reqwest::Response, prefix: &str) -> String {
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(prefix))
        .unwrap_or_else(|| panic!("no {prefix} cookie"))
        .split(';')
        .next()
        .unwrap()
        .to_string()
}

/// The call must succeed; its JSON answer.
async fn ok(base: &str, cookie: Option<&str>, endpoint: &str, form: &[(&str, &str)]) -> Value {
    let (status, body) = send(base, cookie, endpoint, form).await;
    assert!(status.is_success(), "fixture {endpoint}: {status} {body}");
    serde_json::from_str(&body).unwrap_or(Value::Null)
}

fn text(value: &Value) -> String {
    value.as_str().expect("an id").to_string()
}

async fn sign_in(base: &str, email: &str) -> String {
    let response = plain_client()
        .post(format!("{base}/api/auth/login"))
        .header(header::ACCEPT, "application/json")
        .form(&[("email", email), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success(), "sign in {email}");
    cookie_named(&response, "samskap_session=")
}

async fn join(base: &str, code: &str, nickname: &str) -> String {
    let response = plain_client()
        .post(format!("{base}/api/join/join"))
        .header(header::ACCEPT, "application/json")
        .form(&[
            ("code", code),
            ("consent", "yes"),
            ("nickname", nickname),
            ("age_band", "16_19"),
            ("role", "youth"),
        ])
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success(), "join {code}");
    cookie_named(&response, "samskap_p_")
}

/// Seeds the demo and the cast into the database `world` serves, and builds the rest.
pub async fn build(world: &World) -> Fixture {
    let Opened { store, .. } = store::open(world.url()).await.unwrap();
    demo::seed(store.as_ref(), PASSWORD).await.unwrap();
    let programme = super::first_programme(store.as_ref()).await;
    store
        .create_member(
            programme.id,
            super::account(OTHER_FACILITATOR, "Annen Fasilitator", PASSWORD),
            Role::Facilitator,
        )
        .await
        .unwrap();
    let extra = store
        .create_member(
            programme.id,
            super::account("ekstra@halden.demo", "Ekstra Bruker", PASSWORD),
            Role::Facilitator,
        )
        .await
        .unwrap();
    let workshop = store
        .workshop_by_code(DEMO_JOIN_CODE)
        .await
        .unwrap()
        .unwrap();
    // The demo's 2025 measure, followed up by the demo facilitator, and one of its
    // spending entries.
    let followed = store
        .measures(programme.id)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.fields.year == 2025)
        .expect("the demo's 2025 measure")
        .id;
    let spending = store
        .measure_record(programme.id, followed)
        .await
        .unwrap()
        .spending[0]
        .id;
    let indicators = store
        .indicators(programme.id, IndicatorScope::Programme)
        .await
        .unwrap();
    let indicator_of = |goal: bool| {
        indicators
            .iter()
            .find(|i| matches!(i.of, IndicatorOf::Goal(_)) == goal)
            .expect("the demo's indicators")
            .id
    };
    let (indicator, goal_indicator) = (indicator_of(false), indicator_of(true));
    // The demo's 2025 annual report, frozen once.
    let report = store.reports(programme.id).await.unwrap()[0].id;
    // A subscription to another installation's feed, with nothing fetched yet (the
    // matrix's server has no feed client, so a fetch is refused before the network).
    let (lead_account, _) = store.account_with_hash(LEAD).await.unwrap().unwrap();
    let feed = store
        .subscribe(
            programme.id,
            "https://elsewhere.example/public/library/feed.json",
            &[],
            &samskap_domain::store::actor::Actor {
                id: lead_account.id,
                name: lead_account.display_name,
            },
        )
        .await
        .unwrap();
    // The demo's Sarpsborg sentrum and its lead (`LEAD_ELSEWHERE`), in nothing of Halden.
    assert!(store
        .programme_by_slug("sarpsborg-sentrum")
        .await
        .unwrap()
        .is_some());
    drop(store);

    let base = world.base.as_str();
    let mut cookies: [Option<String>; 9] = Default::default();
    for (column, email) in STAFF {
        cookies[column] = Some(sign_in(base, email).await);
    }
    let (other_f, f, lead) = (cookies[4].clone(), cookies[5].clone(), cookies[7].clone());
    let mut ids: HashMap<&'static str, String> = HashMap::new();
    ids.insert("password", PASSWORD.into());
    ids.insert("lead_email", LEAD.into());
    ids.insert("programme", programme.slug.clone());
    ids.insert("user", extra.id.to_string());
    ids.insert("followed", followed.to_string());
    ids.insert("spending", spending.to_string());
    ids.insert("indicator", indicator.to_string());
    ids.insert("goal_indicator", goal_indicator.to_string());
    ids.insert("report", report.to_string());
    ids.insert("feed", feed.to_string());
    ids.insert("focus_area", programme.focus_areas[0].id.to_string());
    ids.insert("goal", programme.goals[0].id.to_string());
    ids.insert("workshop", workshop.id.to_string());
    ids.insert("code", DEMO_JOIN_CODE.into());
    let board = workshop.boards[0].id.to_string();
    ids.insert("board", board.clone());

    // The other facilitator's live workshop, its open board and its participant.
    let other = text(
        &ok(
            base,
            other_f.as_deref(),
            "workshops/create",
            &[
                ("programme", "halden-sentrum"),
                ("title", "Annen samling"),
                ("place", "Biblioteket"),
                ("starts_at", "2026-12-10T18:00"),
            ],
        )
        .await,
    );
    ok(
        base,
        other_f.as_deref(),
        "workshops/status",
        &[("id", &other), ("status", "live")],
    )
    .await;
    let board2 = text(
        &ok(
            base,
            other_f.as_deref(),
            "boards/create",
            &[
                ("workshop_id", &other),
                ("prompt", "Hva savner du?"),
                ("phase", "explore"),
            ],
        )
        .await,
    );
    ok(
        base,
        other_f.as_deref(),
        "boards/posting",
        &[("board_id", &board2), ("open", "true")],
    )
    .await;
    let other_code = ok(base, other_f.as_deref(), "workshops/get", &[("id", &other)]).await
        ["workshop"]["join_code"]
        .as_str()
        .unwrap()
        .to_string();
    ids.insert("workshop2", other.clone());
    ids.insert("code2", other_code.clone());
    ids.insert("board2", board2.clone());
    cookies[1] = Some(join(base, &other_code, "Ola").await);
    cookies[2] = Some(join(base, DEMO_JOIN_CODE, "Mina").await);
    let participant = cookies[2].clone();
    let participant = participant.as_deref();

    // The participant's card with a photo and a receipt; the facilitator's cards.
    let card = text(
        &ok(
            base,
            participant,
            "cards/post",
            &[
                ("board_id", &board),
                ("kind", "insight"),
                ("body", "Det er mørkt ved broa"),
            ],
        )
        .await["id"],
    );
    let (status, body) = upload(base, participant, "photos/card", "card_id", &card, png()).await;
    assert!(status.is_success(), "card photo: {status} {body}");
    let card_photo = serde_json::from_str::<Value>(&body).unwrap()["photo_id"]
        .as_str()
        .unwrap()
        .to_string();
    let receipt =
        text(&ok(base, participant, "receipts/mine", &[("card_id", &card)]).await["code"]);
    let staff_cards = ok(base, f.as_deref(), "boards/get", &[("id", &board)]).await["cards"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|card| card["author"]["staff"] == Value::Bool(true))
        .map(|card| text(&card["id"]))
        .collect::<Vec<_>>();
    let idea = |body: &'static str| {
        let board = board.clone();
        let f = f.clone();
        async move {
            ok(
                base,
                f.as_deref(),
                "boards/phase",
                &[("board_id", &board), ("phase", "shape")],
            )
            .await;
            let id = text(
                &ok(
                    base,
                    f.as_deref(),
                    "cards/post",
                    &[("board_id", &board), ("kind", "idea"), ("body", body)],
                )
                .await["id"],
            );
            ok(
                base,
                f.as_deref(),
                "boards/phase",
                &[("board_id", &board), ("phase", "explore")],
            )
            .await;
            id
        }
    };
    let idea1 = idea("Åpen kafé på ungdomshuset").await;
    let idea2 = idea("Lys langs elva").await;
    let idea3 = idea("Leksehjelp på biblioteket").await;
    ok(
        base,
        f.as_deref(),
        "evidence/link",
        &[("idea_id", &idea1), ("insight_id", &staff_cards[1])],
    )
    .await;
    ids.insert("card", card.clone());
    ids.insert("card_photo", card_photo);
    ids.insert("receipt", receipt);
    ids.insert("staff_card", staff_cards[0].clone());
    ids.insert("linked_insight", staff_cards[1].clone());
    ids.insert("idea", idea1.clone());
    ids.insert("idea2", idea2);

    // The other workshop's card and theme, for ids from another parent.
    let other_p = cookies[1].clone();
    let card_b2 = text(
        &ok(
            base,
            other_p.as_deref(),
            "cards/post",
            &[
                ("board_id", &board2),
                ("kind", "insight"),
                ("body", "Biblioteket stenger tidlig"),
            ],
        )
        .await["id"],
    );
    let theme_b2 = ok(
        base,
        other_f.as_deref(),
        "themes/create",
        &[("board_id", &board2), ("name", "Åpningstider")],
    )
    .await;
    ids.insert("card_b2", card_b2);
    ids.insert("theme_b2", text(&theme_b2["id"]));

    // Themes and a voting round with a dot from everyone who may vote.
    for (key, name) in [("theme", "Trygghet"), ("theme2", "Lys")] {
        let theme = ok(
            base,
            f.as_deref(),
            "themes/create",
            &[("board_id", &board), ("name", name)],
        )
        .await;
        ids.insert(key, text(&theme["id"]));
    }
    ok(
        base,
        f.as_deref(),
        "boards/voting",
        &[("board_id", &board), ("dots", "3")],
    )
    .await;
    for cookie in cookies.iter().flatten() {
        send(
            base,
            Some(cookie),
            "votes/place",
            &[("card_id", &staff_cards[0])],
        )
        .await;
    }

    // A prototype of the idea, tested in a round of the demo workshop.
    let prototype = text(
        &ok(
            base,
            f.as_deref(),
            "prototypes/create",
            &[
                ("idea", &idea1),
                ("title", "Kafé"),
                ("description", "En kveld"),
                ("assumption", "De kommer"),
            ],
        )
        .await,
    );
    let round = text(
        &ok(
            base,
            f.as_deref(),
            "rounds/create",
            &[
                ("prototype_id", &prototype),
                ("workshop_id", &workshop.id.to_string()),
                ("place", "Skofabrikken"),
                ("target_group", "Unge"),
                ("starts_at", "2026-12-10T18:00"),
            ],
        )
        .await,
    );
    ok(
        base,
        participant,
        "feedback/give",
        &[
            ("round_id", &round),
            ("worked", "Koselig"),
            ("not_worked", ""),
            ("suggestion", ""),
            ("rating", "4"),
        ],
    )
    .await;
    let (status, body) = upload(
        base,
        f.as_deref(),
        "photos/prototype",
        "prototype_id",
        &prototype,
        png(),
    )
    .await;
    assert!(status.is_success(), "prototype photo: {status} {body}");
    ids.insert(
        "prototype_photo",
        serde_json::from_str::<Value>(&body)
            .unwrap()
            .as_str()
            .unwrap()
            .to_string(),
    );
    ids.insert("prototype", prototype);
    ids.insert("round", round);
    // The demo's dropped prototype, which goes into the library.
    let all = ok(
        base,
        lead.as_deref(),
        "prototypes/list",
        &[("programme", "halden-sentrum")],
    )
    .await;
    let dropped = all
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["status"] == "dropped")
        .expect("the demo has a dropped prototype");
    ids.insert("dropped_prototype", text(&dropped["id"]));

    // A candidate measure for 2027 (a draft year) with a risk; 2028 proposed.
    let mut form = measure_form("2027");
    form.extend([
        ("idea_id", idea1.as_str()),
        ("justification", "Mange ba om det"),
    ]);
    let measure = text(&ok(base, lead.as_deref(), "measures/promote", &form).await);
    let risk = text(
        &ok(
            base,
            lead.as_deref(),
            "measures/risks/add",
            &[
                ("measure_id", &measure),
                ("risk", "Få frivillige"),
                ("probability", "low"),
                ("consequence", "medium"),
                ("mitigation", ""),
            ],
        )
        .await,
    );
    let mut form = measure_form("2027");
    form.extend([
        ("idea_id", idea3.as_str()),
        ("justification", "Skolen ba om det"),
    ]);
    ids.insert(
        "measure2",
        text(&ok(base, lead.as_deref(), "measures/promote", &form).await),
    );
    ok(
        base,
        lead.as_deref(),
        "plans/propose",
        &[("programme", "halden-sentrum"), ("year", "2026")],
    )
    .await;
    let revision = ok(
        base,
        lead.as_deref(),
        "plans/get",
        &[("programme", "halden-sentrum"), ("year", "2026")],
    )
    .await["revision"]
        .to_string();
    ok(
        base,
        lead.as_deref(),
        "plans/adopt",
        &[
            ("programme", "halden-sentrum"),
            ("year", "2026"),
            ("revision", &revision),
            ("adopted_on", "2026-11-30"),
            ("adopted_by", "Styringsgruppen"),
        ],
    )
    .await;
    ok(
        base,
        lead.as_deref(),
        "plans/propose",
        &[("programme", "halden-sentrum"), ("year", "2028")],
    )
    .await;
    let revision = ok(
        base,
        lead.as_deref(),
        "plans/get",
        &[("programme", "halden-sentrum"), ("year", "2028")],
    )
    .await["revision"]
        .to_string();
    ids.insert("measure", measure);
    ids.insert("risk", risk);
    ids.insert("revision", revision);
    Fixture { cookies, ids }
}

/// The measure form for `year`, filled in.
pub fn measure_form(year: &'static str) -> Vec<(&'static str, &'static str)> {
    vec![
        ("fields[title]", "Åpen kafé"),
        ("fields[what]", "Kafé to kvelder i uka"),
        ("fields[expected_result]", "Flere unge har et sted å være"),
        ("fields[grant]", "100 000"),
        ("fields[municipality]", "0"),
        ("fields[other_grants]", ""),
        ("fields[carried_over]", ""),
        ("fields[starts_on]", "2027-01-01"),
        ("fields[ends_on]", "2027-12-31"),
        ("fields[year]", year),
        ("fields[focus_area]", ""),
        ("fields[contribution]", ""),
        ("fields[partners]", "Frivilligsentralen"),
        ("fields[indicators]", ""),
        ("fields[owner]", "Kultur"),
    ]
}

/// Fills `{name}` placeholders from the fixture's ids.
pub fn fill(template: &str, ids: &HashMap<&'static str, String>) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let end = rest[start..].find('}').expect("a closing brace") + start;
        let name = &rest[start + 1..end];
        out.push_str(
            ids.get(name)
                .unwrap_or_else(|| panic!("no fixture id {name}")),
        );
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}
