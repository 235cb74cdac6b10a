//! The action plan over real HTTP: role refusals, promotion with bad input refused and
//! nothing stored, ranking, the plan's status steps with a stale adoption refused, a
//! frozen version, the exports read back (DOCX unzipped, CSV columns, JSON) and the
//! public plan.
use crate::support;

use crate::support::board::refused;
use crate::support::http::*;
use reqwest::{Client, StatusCode};
use samskap_app::error::{AppError, Field};
use samskap_app::plan::plan_page::PlanPageData;
use samskap_domain::pipeline::model::{Prototype, PrototypeStatus};
use samskap_domain::plan::model::{MeasureStatus, PlanSnapshot, PlanStatus};
use std::io::Read;
use uuid::Uuid;

const LEAD: &str = "leder@halden.demo";
const CORE: &str = "kjerneteam@halden.demo";
const FACILITATOR: &str = "fasilitator@halden.demo";
const VIEWER: &str = "styringsgruppe@halden.demo";
const YEAR: &str = "2026";

/// The demo's prototype versions with a given status.
pub(crate) async fn prototypes(c: &Client, base: &str, status: PrototypeStatus) -> Vec<Prototype> {
    let (code, body) = call(
        c,
        base,
        "prototypes/list",
        &[("programme", "halden-sentrum")],
    )
    .await;
    assert_eq!(code, StatusCode::OK, "{body}");
    let all: Vec<Prototype> = serde_json::from_str(&body).unwrap();
    all.into_iter().filter(|p| p.status == status).collect()
}

/// A complete measure form, with `changes` applied.
pub(crate) fn measure_form(changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut form: Vec<(String, String)> = [
        ("fields[title]", "Leksekafé på Skofabrikken"),
        (
            "fields[what]",
            "Åpne biblioteket for lekser to kvelder i uka",
        ),
        ("fields[expected_result]", "Flere fullfører ungdomsskolen"),
        ("fields[grant]", "300 000"),
        ("fields[municipality]", "100000"),
        ("fields[other_grants]", ""),
        ("fields[carried_over]", "50000"),
        ("fields[starts_on]", "2026-01-01"),
        ("fields[ends_on]", "2026-12-31"),
        ("fields[partners]", "Frivilligsentralen"),
        ("fields[contribution]", "Kunnskap i sentrum"),
        ("fields[owner]", "Enhet for kultur"),
        ("fields[indicators]", "Besøk per kveld"),
        ("fields[year]", YEAR),
        ("fields[focus_area]", ""),
    ]
    .iter()
    .map(|(n, v)| (n.to_string(), v.to_string()))
    .collect();
    for (name, value) in changes {
        match form.iter_mut().find(|(n, _)| n == name) {
            Some(field) => field.1 = value.to_string(),
            None => form.push((name.to_string(), value.to_string())),
        }
    }
    form
}

/// `form` plus one more field.
pub(crate) fn and(
    mut form: Vec<(String, String)>,
    name: &str,
    value: &str,
) -> Vec<(String, String)> {
    form.push((name.into(), value.into()));
    form
}

/// Calls a server function with an owned form.
pub(crate) async fn send(
    c: &Client,
    base: &str,
    endpoint: &str,
    form: &[(String, String)],
) -> (StatusCode, String) {
    let pairs: Vec<(&str, &str)> = form.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    call(c, base, endpoint, &pairs).await
}

async fn plan(c: &Client, base: &str) -> PlanPageData {
    let (code, body) = call(
        c,
        base,
        "plans/get",
        &[("programme", "halden-sentrum"), ("year", YEAR)],
    )
    .await;
    assert_eq!(code, StatusCode::OK, "{body}");
    serde_json::from_str(&body).unwrap()
}

pub(crate) async fn download(c: &Client, url: &str) -> (StatusCode, Vec<u8>) {
    let response = c.get(url).send().await.unwrap();
    (response.status(), response.bytes().await.unwrap().to_vec())
}

/// The text of `word/document.xml` in a DOCX.
pub(crate) fn document_xml(docx: &[u8]) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip archive");
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .expect("a Word document")
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

#[tokio::test]
async fn promote_rank_adopt_freeze_export_and_publish() {
    let (_db, base, _stop, _task) = demo_server().await;
    let core = signed_in(&base, CORE).await;
    let proceeded = prototypes(&core, &base, PrototypeStatus::Proceed).await;
    let dropped = prototypes(&core, &base, PrototypeStatus::Dropped).await;
    let (proceeded, dropped) = (proceeded[0].id.to_string(), dropped[0].id.to_string());
    let with = |id: &str, changes: &[(&str, &str)]| and(measure_form(changes), "prototype_id", id);

    // Facilitators and viewers cannot promote; the core team cannot adopt.
    for email in [FACILITATOR, VIEWER] {
        let c = signed_in(&base, email).await;
        refused(
            send(&c, &base, "measures/promote", &with(&proceeded, &[])).await,
            StatusCode::FORBIDDEN,
            AppError::Forbidden,
        );
        refused(
            call(
                &c,
                &base,
                "plans/propose",
                &[("programme", "halden-sentrum"), ("year", YEAR)],
            )
            .await,
            StatusCode::FORBIDDEN,
            AppError::Forbidden,
        );
        // An id of no measure is not found, whoever asks: the role is checked in the
        // programme of what the call names.
        let nobody = Uuid::nil().to_string();
        let prioritise = [("id", nobody.as_str()), ("status", "prioritised")];
        refused(
            call(&c, &base, "measures/status", &prioritise).await,
            StatusCode::NOT_FOUND,
            AppError::NotFound,
        );
        let adopt = [
            ("programme", "halden-sentrum"),
            ("year", YEAR),
            ("revision", "0"),
            ("adopted_on", "2026-12-10"),
            ("adopted_by", "Styringsgruppen"),
        ];
        refused(
            call(&c, &base, "plans/adopt", &adopt).await,
            StatusCode::FORBIDDEN,
            AppError::Forbidden,
        );
    }

    // Bad input is refused and stores nothing.
    let bad: [(&[(&str, &str)], AppError); 5] = [
        (
            &[("fields[grant]", "-5000")],
            AppError::NegativeAmount(Field::Grant),
        ),
        (
            &[("fields[municipality]", "mange")],
            AppError::NotANumber(Field::Municipality),
        ),
        (
            &[("fields[ends_on]", "2025-12-31")],
            AppError::PeriodReversed,
        ),
        (
            &[("fields[starts_on]", "1. januar")],
            AppError::InvalidDate(Field::StartsAt),
        ),
        (
            &[("fields[year]", "2031")],
            AppError::OutOfRange(Field::Year),
        ),
    ];
    for (changes, error) in bad {
        let (code, body) = send(&core, &base, "measures/promote", &with(&proceeded, changes)).await;
        assert_eq!(
            (code, error_of(&body)),
            (StatusCode::UNPROCESSABLE_ENTITY, error)
        );
    }
    refused(
        send(&core, &base, "measures/promote", &with(&dropped, &[])).await,
        StatusCode::CONFLICT,
        AppError::NotProceeded,
    );
    assert!(
        plan(&core, &base).await.ranking.is_empty(),
        "nothing stored on refusal"
    );

    // Promote, once.
    let (code, body) = send(&core, &base, "measures/promote", &with(&proceeded, &[])).await;
    assert!(code.is_success() || code.is_redirection(), "{code} {body}");
    refused(
        send(&core, &base, "measures/promote", &with(&proceeded, &[])).await,
        StatusCode::CONFLICT,
        AppError::AlreadyPromoted,
    );
    let first = plan(&core, &base).await.ranking[0].1[0].clone();
    assert_eq!(first.status, MeasureStatus::Candidate);
    assert_eq!(first.fields.funding.total(), 450_000);

    // A second measure, from an idea with a justification, ranked above the first.
    let (code, body) = call(&core, &base, "trace/prototype", &[("id", &proceeded)]).await;
    assert_eq!(code, StatusCode::OK, "{body}");
    let trace: serde_json::Value = serde_json::from_str(&body).unwrap();
    let idea_id = trace["chains"][0]["idea"]["id"]
        .as_str()
        .expect("the demo prototype has an idea")
        .to_string();
    let idea_form = and(
        measure_form(&[
            ("fields[title]", "Nattvandring"),
            ("fields[grant]", "4 800 000"),
        ]),
        "idea_id",
        &idea_id,
    );
    refused(
        send(&core, &base, "measures/promote", &idea_form).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        AppError::Empty(Field::Justification),
    );
    let idea_form = and(idea_form, "justification", "Etterspurt på tre verksteder");
    let (code, body) = send(&core, &base, "measures/promote", &idea_form).await;
    assert!(code.is_success() || code.is_redirection(), "{code} {body}");
    let ranked = &plan(&core, &base).await.ranking[0].1;
    let second = ranked[1].clone();
    let (code, _) = call(
        &core,
        &base,
        "measures/move",
        &[("id", &second.id.to_string()), ("direction", "up")],
    )
    .await;
    assert_eq!(code, StatusCode::OK);
    let order: Vec<Uuid> = plan(&core, &base).await.ranking[0]
        .1
        .iter()
        .map(|m| m.id)
        .collect();
    assert_eq!(order, [second.id, first.id]);

    // Prioritise both; the plan is over its frame and says so.
    for m in [&first, &second] {
        let (code, body) = call(
            &core,
            &base,
            "measures/status",
            &[("id", &m.id.to_string()), ("status", "prioritised")],
        )
        .await;
        assert_eq!(code, StatusCode::OK, "{body}");
    }
    refused(
        call(
            &core,
            &base,
            "measures/status",
            &[("id", &first.id.to_string()), ("status", "done")],
        )
        .await,
        StatusCode::CONFLICT,
        AppError::StatusNotAllowed,
    );
    let p = plan(&core, &base).await;
    assert_eq!(p.snapshot.measures().count(), 2);
    assert_eq!(p.snapshot.over_frame(), Some(400_000));
    assert_eq!(
        p.snapshot.measures().next().unwrap().number,
        "5.1",
        "no focus area: after the demo's four"
    );

    // Propose (core team); adopt (lead only), refused when the plan changed meanwhile.
    let (code, body) = call(
        &core,
        &base,
        "plans/propose",
        &[("programme", "halden-sentrum"), ("year", YEAR)],
    )
    .await;
    assert_eq!(code, StatusCode::OK, "{body}");
    let adopt = |revision: i64| {
        let revision = revision.to_string();
        [
            ("programme", "halden-sentrum"),
            ("year", YEAR),
            ("revision", revision.as_str()),
            ("adopted_on", "2026-12-10"),
            ("adopted_by", "Styringsgruppen"),
        ]
        .map(|(n, v)| (n.to_string(), v.to_string()))
    };
    let seen = adopt(plan(&core, &base).await.revision);
    let lead = signed_in(&base, LEAD).await;
    refused(
        send(&core, &base, "plans/adopt", &seen).await,
        StatusCode::FORBIDDEN,
        AppError::Forbidden,
    );
    let first_id = first.id.to_string();
    let edit = and(
        measure_form(&[("fields[title]", "Leksekafé hver kveld")]),
        "id",
        &first_id,
    );
    let (code, body) = send(&core, &base, "measures/update", &edit).await;
    assert_eq!(code, StatusCode::OK, "{body}");
    refused(
        send(&lead, &base, "plans/adopt", &seen).await,
        StatusCode::CONFLICT,
        AppError::PlanChanged,
    );
    let now = adopt(plan(&lead, &base).await.revision);
    let (code, body) = send(&lead, &base, "plans/adopt", &now).await;
    assert_eq!(code, StatusCode::OK, "{body}");
    let p = plan(&lead, &base).await;
    assert_eq!((p.plan.status, p.versions.len()), (PlanStatus::Adopted, 1));

    // Frozen: edits are refused and change nothing.
    let late = and(
        measure_form(&[("fields[title]", "Etter vedtaket")]),
        "id",
        &first_id,
    );
    refused(
        send(&core, &base, "measures/update", &late).await,
        StatusCode::CONFLICT,
        AppError::PlanFrozen,
    );
    assert_eq!(
        plan(&lead, &base)
            .await
            .snapshot
            .measures()
            .nth(1)
            .unwrap()
            .title,
        "Leksekafé hver kveld"
    );

    // Exports of the plan as it stands (staff only).
    let anonymous = client();
    let (code, _) = download(
        &anonymous,
        &format!("{base}/p/halden-sentrum/plans/{YEAR}/export.docx"),
    )
    .await;
    assert!(code.is_redirection(), "staff only: {code}");
    let response = lead
        .get(format!("{base}/p/halden-sentrum/plans/{YEAR}/export.docx"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()[reqwest::header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .starts_with(&format!("attachment; filename=\"handlingsplan-{YEAR}-v")),
        "{:?}",
        response.headers()
    );
    let docx = response.bytes().await.unwrap().to_vec();
    let xml = document_xml(&docx);
    for expected in [
        "Handlingsplan 2026",
        "Aktivitet (prosjekt)",
        "HVA skal vi gjøre for å nå målet?",
        "Overførte disponible midler fra året før",
        "Leksekafé hver kveld",
        "Vedtatt av Styringsgruppen 10.12.2026",
        "5 400 000 kr",
        "Advarsel: planen er 400 000 kr over årets ramme",
        "Kunnskapsgrunnlag",
    ] {
        assert!(xml.contains(expected), "the DOCX says {expected:?}");
    }
    let (code, csv) = download(
        &lead,
        &format!("{base}/p/halden-sentrum/plans/{YEAR}/export.csv"),
    )
    .await;
    assert_eq!(code, StatusCode::OK);
    let mut reader = csv::Reader::from_reader(csv.as_slice());
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        &headers[..8],
        [
            "year",
            "version",
            "number",
            "focus_area",
            "activity",
            "what",
            "expected_result",
            "total_nok"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        (&rows[0][4], &rows[0][7], &rows[0][19]),
        ("Nattvandring", "4950000", "adopted")
    );
    assert_eq!(
        (&rows[1][4], &rows[1][8], &rows[1][12]),
        ("Leksekafé hver kveld", "300000", "2026-01-01")
    );
    let (code, json) = download(
        &lead,
        &format!("{base}/p/halden-sentrum/plans/{YEAR}/export.json"),
    )
    .await;
    assert_eq!(code, StatusCode::OK);
    let snapshot: PlanSnapshot = serde_json::from_slice(&json).unwrap();
    assert_eq!(snapshot.measures().count(), 2);
    let (code, pdf) = download(
        &lead,
        &format!("{base}/p/halden-sentrum/plans/{YEAR}/export.pdf"),
    )
    .await;
    assert_eq!(code, StatusCode::OK);
    assert!(pdf.starts_with(b"%PDF-"));

    // The public plan: the adopted version, to anyone; nothing for a year not adopted.
    let (code, body) = call(
        &anonymous,
        &base,
        "public/plans/get",
        &[("programme", "halden-sentrum"), ("year", YEAR)],
    )
    .await;
    assert_eq!(code, StatusCode::OK, "{body}");
    let (code, csv) = download(
        &anonymous,
        &format!("{base}/public/halden-sentrum/plans/{YEAR}/plan.csv"),
    )
    .await;
    assert_eq!(code, StatusCode::OK);
    assert!(String::from_utf8(csv)
        .unwrap()
        .contains("Leksekafé hver kveld"));
    let (code, _) = download(
        &anonymous,
        &format!("{base}/public/halden-sentrum/plans/2027/plan.csv"),
    )
    .await;
    assert_eq!(code, StatusCode::NOT_FOUND);
    refused(
        call(
            &anonymous,
            &base,
            "public/plans/get",
            &[("programme", "halden-sentrum"), ("year", "2027")],
        )
        .await,
        StatusCode::NOT_FOUND,
        AppError::NotFound,
    );

    // Sending is the lead's; a new version opens the plan and the change is shown.
    let (code, _) = call(
        &lead,
        &base,
        "plans/send",
        &[
            ("programme", "halden-sentrum"),
            ("year", YEAR),
            ("sent_on", "2026-12-15"),
        ],
    )
    .await;
    assert_eq!(code, StatusCode::OK);
    let (code, _) = call(
        &core,
        &base,
        "plans/reopen",
        &[("programme", "halden-sentrum"), ("year", YEAR)],
    )
    .await;
    assert_eq!(code, StatusCode::OK);
    let (code, body) = send(&core, &base, "measures/update", &late).await;
    assert_eq!(code, StatusCode::OK, "{body}");
    let p = plan(&core, &base).await;
    assert_eq!((p.plan.status, p.plan.version), (PlanStatus::Draft, 2));
    let diff = p.diff.expect("changes since version 1");
    assert_eq!(diff.changed.len(), 1);
    assert_eq!(diff.changed[0].title, "Etter vedtaket");
    let (code, body) = call(
        &anonymous,
        &base,
        "public/plans/get",
        &[("programme", "halden-sentrum"), ("year", YEAR)],
    )
    .await;
    assert_eq!(code, StatusCode::OK);
    assert!(
        body.contains("Leksekafé hver kveld") && !body.contains("Etter vedtaket"),
        "the public plan stays as adopted"
    );
}

#[tokio::test]
async fn a_receipt_follows_a_card_to_its_measure_and_the_audit_trail_records_it() {
    let (_db, base, _stop, _task) = demo_server().await;
    let facilitator = signed_in(&base, FACILITATOR).await;
    let phone = client();
    let (board, _) = support::board::join(&phone, &base, "Mina").await;
    support::board::set(&facilitator, &base, "boards/phase", board, "phase", "shape").await;
    let (code, body) = support::board::post(
        &phone,
        &base,
        board,
        "idea",
        "Gratis leksehjelp på biblioteket",
    )
    .await;
    assert_eq!(code, StatusCode::OK, "{body}");
    let card: samskap_domain::workshop::model::Card = serde_json::from_str(&body).unwrap();
    let card_id = card.id.to_string();

    // The author's device gets the code, the same every time; nobody else does.
    let journey =
        |body: &str| -> samskap_app::plan::receipt::Journey { serde_json::from_str(body).unwrap() };
    let (code, body) = call(&phone, &base, "receipts/mine", &[("card_id", &card_id)]).await;
    assert_eq!(code, StatusCode::OK, "{body}");
    let receipt = journey(&body).code;
    assert_eq!(receipt.len(), 9, "ABCD-EFGH: {receipt}");
    let (_, again) = call(&phone, &base, "receipts/mine", &[("card_id", &card_id)]).await;
    assert_eq!(journey(&again).code, receipt);
    let other = client();
    support::board::join(&other, &base, "Ola").await;
    refused(
        call(&other, &base, "receipts/mine", &[("card_id", &card_id)]).await,
        StatusCode::FORBIDDEN,
        AppError::NotYourCard,
    );

    // Anyone with the code sees the journey; an unknown code reveals nothing.
    let anyone = client();
    let lowercase = receipt.to_lowercase().replace('-', " ");
    let (code, body) = call(&anyone, &base, "receipts/lookup", &[("code", &lowercase)]).await;
    assert_eq!(code, StatusCode::OK, "{body}");
    let before = journey(&body);
    assert!(before.measures.is_empty() && before.prototypes.is_empty());
    refused(
        call(&anyone, &base, "receipts/lookup", &[("code", "ZZZZ-ZZZZ")]).await,
        StatusCode::NOT_FOUND,
        AppError::ReceiptUnknown,
    );
    refused(
        call(&anyone, &base, "receipts/lookup", &[("code", "x")]).await,
        StatusCode::NOT_FOUND,
        AppError::ReceiptUnknown,
    );

    // The core team promotes the idea; the receipt now tells of the measure, not of anyone.
    let core = signed_in(&base, CORE).await;
    let form = and(
        and(
            measure_form(&[("fields[title]", "Leksehjelp hver tirsdag")]),
            "idea_id",
            &card_id,
        ),
        "justification",
        "Etterspurt av mange",
    );
    let (code, body) = send(&core, &base, "measures/promote", &form).await;
    assert!(code.is_success() || code.is_redirection(), "{code} {body}");
    let (_, body) = call(&anyone, &base, "receipts/lookup", &[("code", &receipt)]).await;
    let after = journey(&body);
    assert_eq!(after.measures.len(), 1);
    assert_eq!(after.measures[0].title, "Leksehjelp hver tirsdag");
    assert_eq!(
        (after.measures[0].status, after.measures[0].plan_status),
        (MeasureStatus::Candidate, PlanStatus::Draft)
    );
    assert!(
        !body.contains("Mina") && !body.contains("Kjerneteam"),
        "names no one: {body}"
    );

    // The audit trail is the lead's; it records the promotion and filters.
    refused(
        call(
            &core,
            &base,
            "audit/list",
            &[("programme", "halden-sentrum")],
        )
        .await,
        StatusCode::FORBIDDEN,
        AppError::Forbidden,
    );
    let lead = signed_in(&base, LEAD).await;
    let entries = |body: &str| -> Vec<samskap_domain::pipeline::model::AuditEntry> {
        serde_json::from_str(body).unwrap()
    };
    let (code, body) = call(
        &lead,
        &base,
        "audit/list",
        &[
            ("programme", "halden-sentrum"),
            ("action", "measure_"),
            ("actor", "kjerneteam"),
        ],
    )
    .await;
    assert_eq!(code, StatusCode::OK, "{body}");
    let measures = entries(&body);
    assert_eq!(measures.len(), 1);
    assert_eq!(
        (measures[0].action.as_str(), measures[0].actor.as_str()),
        ("measure_promoted", "Demo Kjerneteam")
    );
    let (_, body) = call(
        &lead,
        &base,
        "audit/list",
        &[("programme", "halden-sentrum"), ("actor", "fasilitator")],
    )
    .await;
    assert!(entries(&body).iter().all(|e| e.actor == "Demo Fasilitator"));
    let (_, body) = call(
        &lead,
        &base,
        "audit/list",
        &[("programme", "halden-sentrum"), ("from", "2099-01-01")],
    )
    .await;
    assert!(entries(&body).is_empty());
    refused(
        call(
            &lead,
            &base,
            "audit/list",
            &[("programme", "halden-sentrum"), ("from", "i går")],
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        AppError::InvalidDate(Field::Date),
    );
    refused(
        call(
            &lead,
            &base,
            "audit/list",
            &[("programme", "halden-sentrum"), ("action", "drop table")],
        )
        .await,
        StatusCode::BAD_REQUEST,
        AppError::BadRequest,
    );
}
