//! Reports over real HTTP on the demo: creating, editing and freezing a report, every
//! total of the annual report checked against the ledger summed here in all four
//! formats, Sámi letters read back from its PDF, who may do what, and bad input refused
//! with nothing changed.
use crate::follow_up_api::{demo_measure, record};
use crate::plan_api::{document_xml, download};
use crate::support::board::refused;
use crate::support::http::*;
use reqwest::{Client, StatusCode};
use samskap_app::error::{AppError, Field};
use samskap_app::report::list_page::ReportsData;
use samskap_app::report::report_page::ReportData;
use samskap_app::report::sections::source_name;
use samskap_domain::follow_up::model::FundingSource;
use samskap_domain::plan::model::Funding;
use samskap_domain::report::model::{ReportDocument, ReportKind, SectionKey, MAX_SECTION_TEXT};
use uuid::Uuid;

const LEAD: &str = "leder@halden.demo";
const FACILITATOR: &str = "fasilitator@halden.demo";
const VIEWER: &str = "styringsgruppe@halden.demo";
const SAMI: &str = "Sámi: čđŋšŧž ČĐŊŠŦŽ";
const BY_SOURCE: &str = "Planlagt og brukt etter finansieringskilde";
const BY_AREA: &str = "Planlagt og brukt etter innsatsområde";

async fn report(c: &Client, base: &str, id: &str) -> ReportData {
    let (code, body) = call(c, base, "reports/get", &[("id", id)]).await;
    assert_eq!(code, StatusCode::OK, "{body}");
    serde_json::from_str(&body).unwrap()
}

/// Creates a report in the demo's programme.
async fn create(c: &Client, base: &str, form: &[(&str, &str)]) -> (StatusCode, String) {
    let mut in_halden = vec![("programme", "halden-sentrum")];
    in_halden.extend_from_slice(form);
    call(c, base, "reports/create", &in_halden).await
}

fn nok(n: i64) -> String {
    format!(
        "{} kr",
        samskap_domain::programme::model::format_nok(n, ' ')
    )
}

/// The rows of every table in a DOCX, each as its cells' text.
fn docx_rows(docx: &[u8]) -> Vec<Vec<String>> {
    let xml = document_xml(docx);
    xml.split("<w:tr>")
        .skip(1)
        .map(|row| {
            let row = row.split("</w:tr>").next().unwrap_or_default();
            row.split("<w:tc>")
                .skip(1)
                .map(|cell| {
                    cell.split("<w:t")
                        .skip(1)
                        .filter(|t| t.starts_with('>') || t.starts_with(' '))
                        .filter_map(|t| t.split_once('>').map(|(_, rest)| rest))
                        .map(|t| t.split("</w:t>").next().unwrap_or_default())
                        .collect::<String>()
                })
                .collect()
        })
        .collect()
}

fn pdf_text(pdf: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(pdf).expect("the PDF parses");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).expect("text extracts")
}

#[tokio::test]
async fn the_annual_report_adds_up_to_the_ledger_in_every_format() {
    let (_db, base, _stop, _task) = demo_server().await;
    let lead = signed_in(&base, LEAD).await;
    let measure = demo_measure(&lead, &base).await;
    // More entries: two in 2025 (in the report), one in 2026 (not).
    for (amount, source, day) in [
        ("13 337", "carried_over", "2025-11-02"),
        ("7 001", "municipality", "2025-02-28"),
        ("99 999", "grant", "2026-01-15"),
    ] {
        let form = [
            ("measure_id", measure.as_str()),
            ("spent_on", day),
            ("source", source),
            ("amount", amount),
            ("note", "Faktura"),
        ];
        let (code, body) = call(&lead, &base, "measures/spending/add", &form).await;
        assert_eq!(code, StatusCode::OK, "{body}");
    }
    // The ledger, summed here from the measure's entries dated in 2025.
    let mut expected = Funding::default();
    for entry in record(&lead, &base, &measure).await.record.spending {
        if entry.spent_on.to_string().starts_with("2025-") {
            entry.source.add_to(&mut expected, entry.amount_nok);
        }
    }
    assert_eq!(expected.total(), 180_700 + 13_337 + 7_001);

    let (code, body) = create(&lead, &base, &[("kind", "annual"), ("year", "2025")]).await;
    assert_eq!(code, StatusCode::OK, "{body}");
    let id: Uuid = serde_json::from_str(&body).unwrap();
    let id = id.to_string();
    let (code, body) = call(
        &lead,
        &base,
        "reports/text",
        &[("report_id", &id), ("section", "summary"), ("text", SAMI)],
    )
    .await;
    assert_eq!(code, StatusCode::OK, "{body}");
    let freeze = [("report_id", id.as_str()), ("version", "1")];
    let (code, body) = call(&lead, &base, "reports/freeze", &freeze).await;
    assert_eq!((code, body.as_str()), (StatusCode::OK, "1"));
    // A second click on the same button freezes nothing more.
    refused(
        call(&lead, &base, "reports/freeze", &freeze).await,
        StatusCode::CONFLICT,
        AppError::ReportVersionTaken,
    );

    let url = |ext: &str| format!("{base}/reports/{id}/versions/1/report.{ext}");
    let expected_rows: Vec<(String, i64)> = FundingSource::ALL
        .iter()
        .map(|&s| (source_name(s).to_string(), s.of(&expected)))
        .chain([("Sum".to_string(), expected.total())])
        .collect();

    // JSON: the figures and the printed table.
    let (code, json) = download(&lead, &url("json")).await;
    assert_eq!(code, StatusCode::OK);
    let doc: ReportDocument = serde_json::from_slice(&json).unwrap();
    assert_eq!(doc.figures.spent, expected);
    assert_eq!(doc.frozen.as_ref().unwrap().version, 1);
    let money = doc
        .sections
        .iter()
        .find(|s| s.key == SectionKey::Money)
        .unwrap();
    let by_source = money
        .tables
        .iter()
        .find(|t| t.caption == BY_SOURCE)
        .unwrap();
    assert_eq!(by_source.columns[2], "Brukt");
    for (name, amount) in &expected_rows {
        let row = by_source
            .rows
            .iter()
            .find(|r| r.cells[0].raw() == *name)
            .unwrap_or_else(|| panic!("no row {name}"));
        assert_eq!(row.cells[2].raw(), amount.to_string(), "{name}");
    }
    let by_area = &money.tables[1];
    let area_total = by_area.rows.last().unwrap();
    assert_eq!(area_total.cells[2].raw(), expected.total().to_string());

    // CSV: one row per figure.
    let (code, csv) = download(&lead, &url("csv")).await;
    assert_eq!(code, StatusCode::OK);
    let mut reader = csv::Reader::from_reader(csv.as_slice());
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    for (name, amount) in &expected_rows {
        let found: Vec<&str> = records
            .iter()
            .filter(|r| &r[4] == "money" && &r[5] == BY_SOURCE && &r[7] == name && &r[8] == "Brukt")
            .map(|r| &r[9])
            .collect();
        assert_eq!(found, [amount.to_string().as_str()], "{name}");
    }
    assert!(records
        .iter()
        .any(|r| &r[1] == "1" && &r[4] == "summary" && &r[8] == "text" && &r[9] == SAMI));
    // The sum of the focus-area table too.
    let area_sum: Vec<&str> = records
        .iter()
        .filter(|r| &r[5] == BY_AREA && &r[7] == "Sum" && &r[8] == "Brukt")
        .map(|r| &r[9])
        .collect();
    assert_eq!(area_sum, [expected.total().to_string().as_str()]);

    // DOCX: the table's row of each source.
    let (code, docx) = download(&lead, &url("docx")).await;
    assert_eq!(code, StatusCode::OK);
    let rows = docx_rows(&docx);
    for (name, amount) in &expected_rows {
        let row = rows
            .iter()
            .find(|r| r.len() == 4 && r[0] == *name)
            .unwrap_or_else(|| panic!("no DOCX row {name}: {rows:?}"));
        assert_eq!(row[2], nok(*amount), "{name}");
    }
    // Both tables' sums (by source, by focus area).
    let sums: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| r.len() == 4 && r[0] == "Sum")
        .collect();
    assert_eq!(sums.len(), 2, "{rows:?}");
    assert!(
        sums.iter().all(|r| r[2] == nok(expected.total())),
        "{sums:?}"
    );
    assert!(document_xml(&docx).contains(SAMI));

    // PDF: each source's row reads name, planned, spent, remaining in order.
    let (code, pdf) = download(&lead, &url("pdf")).await;
    assert_eq!(code, StatusCode::OK);
    let text = pdf_text(&pdf);
    let table = text
        .split(BY_SOURCE)
        .nth(1)
        .expect("the table is in the PDF");
    for (name, amount) in &expected_rows {
        let after = table
            .split(name.as_str())
            .nth(1)
            .unwrap_or_else(|| panic!("{name}"));
        let cells: Vec<&str> = after
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .take(3)
            .collect();
        assert_eq!(
            cells.get(1).copied(),
            Some(nok(*amount).as_str()),
            "{name}: {cells:?}"
        );
    }
    let area_table = text
        .split(BY_AREA)
        .nth(1)
        .expect("the focus areas are in the PDF");
    let sum: Vec<&str> = area_table
        .split("Sum")
        .nth(1)
        .expect("the focus areas' sum")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(2)
        .collect();
    assert_eq!(
        sum.get(1).copied(),
        Some(nok(expected.total()).as_str()),
        "{sum:?}"
    );
    assert!(text.contains(SAMI), "the Sámi letters read back");

    // The demo's own frozen report is as it was frozen: without the new entries.
    let (code, body) = call(
        &lead,
        &base,
        "reports/list",
        &[("programme", "halden-sentrum")],
    )
    .await;
    assert_eq!(code, StatusCode::OK, "{body}");
    let list: ReportsData = serde_json::from_str(&body).unwrap();
    let demo = list
        .reports
        .iter()
        .find(|r| r.id.to_string() != id && r.kind == ReportKind::Annual)
        .unwrap();
    let (_, json) = download(
        &lead,
        &format!("{base}/reports/{}/versions/1/report.json", demo.id),
    )
    .await;
    let frozen: ReportDocument = serde_json::from_slice(&json).unwrap();
    assert_eq!(frozen.figures.spent.total(), 180_700);
    // … while its draft has them.
    let draft = report(&lead, &base, &demo.id.to_string()).await.draft;
    assert_eq!(draft.figures.spent, expected);
}

#[tokio::test]
async fn reports_are_edited_by_planners_read_by_staff_and_refuse_bad_input() {
    let (_db, base, _stop, _task) = demo_server().await;
    let lead = signed_in(&base, LEAD).await;
    let facilitator = signed_in(&base, FACILITATOR).await;
    let viewer = signed_in(&base, VIEWER).await;
    let anonymous = client();

    // A status report for a chosen period.
    let form = [
        ("kind", "status"),
        ("year", "2025"),
        ("from", "2025-03-01"),
        ("to", "2025-09-30"),
    ];
    let (code, body) = create(&lead, &base, &form).await;
    assert_eq!(code, StatusCode::OK, "{body}");
    let id: Uuid = serde_json::from_str(&body).unwrap();
    let id = id.to_string();
    let data = report(&viewer, &base, &id).await;
    assert!(!data.can_edit);
    assert_eq!(data.report.kind, ReportKind::Status);
    let keys: Vec<SectionKey> = data.draft.sections.iter().map(|s| s.key).collect();
    assert_eq!(keys, ReportKind::Status.sections());
    assert!(data
        .draft
        .title
        .starts_with("Statusrapport til styringsgruppen 01.03.2025"));
    // Spending in the period only: 42 000 (14.03) + 38 500 (31.05) + 24 000 (31.08).
    assert_eq!(data.draft.figures.spent.total(), 104_500);
    // Both money tables of a status report: planned, spent in the period, spent this
    // year, remaining (planned less this year's), with the same sums.
    let money = &data.draft.sections[2];
    assert_eq!(money.key, SectionKey::Money);
    let sums: Vec<Vec<String>> = money
        .tables
        .iter()
        .map(|t| {
            assert_eq!(
                t.columns[1..],
                [
                    "Planlagt 2025",
                    "Brukt i perioden",
                    "Brukt hittil i år",
                    "Gjenstår"
                ]
            );
            t.rows.last().unwrap().cells[1..]
                .iter()
                .map(|c| c.raw())
                .collect()
        })
        .collect();
    assert_eq!(sums[0], ["225000", "104500", "104500", "120500"]);
    assert_eq!(sums[0], sums[1]);
    // One workshop in the period, with too few young to show their share: none shown.
    assert_eq!(data.draft.figures.participation.youth_share, None);
    // The demo measure's moves in the period are listed (it was started in March).
    let changes = &data.draft.sections[1];
    assert!(
        changes.paragraphs[0].contains("3 utgiftsposter"),
        "{:?}",
        changes.paragraphs
    );

    // Who may: staff read, planners write.
    let (code, _) = download(&viewer, &format!("{base}/reports/{id}/export.pdf")).await;
    assert_eq!(code, StatusCode::OK);
    let (code, _) = download(&anonymous, &format!("{base}/reports/{id}/export.pdf")).await;
    assert!(code.is_redirection(), "to the login page: {code}");
    refused(
        call(&anonymous, &base, "reports/get", &[("id", &id)]).await,
        StatusCode::UNAUTHORIZED,
        AppError::Unauthenticated,
    );
    let text = [
        ("report_id", id.as_str()),
        ("section", "risks"),
        ("text", "Ny"),
    ];
    for c in [&facilitator, &viewer] {
        refused(
            call(c, &base, "reports/text", &text).await,
            StatusCode::FORBIDDEN,
            AppError::Forbidden,
        );
        refused(
            call(
                c,
                &base,
                "reports/freeze",
                &[("report_id", &id), ("version", "1")],
            )
            .await,
            StatusCode::FORBIDDEN,
            AppError::Forbidden,
        );
        refused(
            create(c, &base, &form).await,
            StatusCode::FORBIDDEN,
            AppError::Forbidden,
        );
    }

    // Bad input is refused and changes nothing.
    let bad = |kind, year, from, to| [("kind", kind), ("year", year), ("from", from), ("to", to)];
    for (form, error) in [
        (bad("monthly", "2025", "", ""), AppError::BadRequest),
        (
            bad("annual", "2031", "", ""),
            AppError::OutOfRange(Field::Year),
        ),
        (
            bad("annual", "tjue", "", ""),
            AppError::NotANumber(Field::Year),
        ),
        (
            bad("status", "2025", "2025-09-01", "2025-03-01"),
            AppError::PeriodReversed,
        ),
        (
            bad("status", "2025", "2024-12-01", "2025-03-01"),
            AppError::OutOfRange(Field::Date),
        ),
        (
            bad("status", "2025", "2025-01-01", "2026-01-01"),
            AppError::OutOfRange(Field::EndsOn),
        ),
        (
            bad("status", "2025", "1. mars", ""),
            AppError::InvalidDate(Field::Date),
        ),
    ] {
        let status = samskap_app::server::context::status_of(&error);
        refused(create(&lead, &base, &form).await, status, error);
    }
    let long = "x".repeat(MAX_SECTION_TEXT + 1);
    for (form, status, error) in [
        // A section the status report does not have.
        (
            [
                ("report_id", id.as_str()),
                ("section", "barriers"),
                ("text", "x"),
            ],
            StatusCode::BAD_REQUEST,
            AppError::BadRequest,
        ),
        (
            [
                ("report_id", id.as_str()),
                ("section", "risks"),
                ("text", long.as_str()),
            ],
            StatusCode::UNPROCESSABLE_ENTITY,
            AppError::TooLong(Field::Text, MAX_SECTION_TEXT),
        ),
        (
            [
                ("report_id", &Uuid::new_v4().to_string()),
                ("section", "risks"),
                ("text", "x"),
            ],
            StatusCode::NOT_FOUND,
            AppError::NotFound,
        ),
    ] {
        refused(
            call(&lead, &base, "reports/text", &form).await,
            status,
            error,
        );
    }
    let (code, body) = call(
        &lead,
        &base,
        "reports/list",
        &[("programme", "halden-sentrum")],
    )
    .await;
    assert_eq!(code, StatusCode::OK);
    let list: ReportsData = serde_json::from_str(&body).unwrap();
    assert_eq!(
        list.reports.len(),
        2,
        "the demo's and this one: nothing refused was made"
    );
    let data = report(&lead, &base, &id).await;
    assert!(data.draft.sections.iter().all(|s| s.text.is_empty()));
    assert!(data.versions.is_empty());
    refused(
        call(
            &lead,
            &base,
            "reports/get",
            &[("id", &Uuid::new_v4().to_string())],
        )
        .await,
        StatusCode::NOT_FOUND,
        AppError::NotFound,
    );
    let (code, _) = download(&lead, &format!("{base}/reports/{id}/versions/1/report.pdf")).await;
    assert_eq!(code, StatusCode::NOT_FOUND);

    // A half-year report: the first half, the ministry's sections, every format.
    let (code, body) = create(&lead, &base, &[("kind", "half_year"), ("year", "2025")]).await;
    assert_eq!(code, StatusCode::OK, "{body}");
    let half: Uuid = serde_json::from_str(&body).unwrap();
    let half = report(&viewer, &base, &half.to_string()).await;
    assert_eq!(
        (half.report.from.to_string(), half.report.to.to_string()),
        ("2025-01-01".to_string(), "2025-06-30".to_string())
    );
    let keys: Vec<SectionKey> = half.draft.sections.iter().map(|s| s.key).collect();
    assert_eq!(keys, ReportKind::HalfYear.sections());
    // 42 000 (14.03) and 38 500 (31.05).
    assert_eq!(half.draft.figures.spent.total(), 80_500);
    for ext in ["docx", "pdf", "csv", "json"] {
        let url = format!("{base}/reports/{}/export.{ext}", half.report.id);
        let response = viewer.get(&url).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{ext}");
        let header = |name| response.headers()[name].to_str().unwrap().to_string();
        assert_eq!(
            header(reqwest::header::CONTENT_DISPOSITION),
            format!(
                "attachment; filename=\"rapport-half-year-2025-01-01-2025-06-30-utkast.{ext}\""
            )
        );
        assert_eq!(header(reqwest::header::CACHE_CONTROL), "no-store");
        assert!(!response.bytes().await.unwrap().is_empty());
    }

    // An empty period takes the usual one: a status report since the last one ended.
    let (code, body) = create(&lead, &base, &[("kind", "status"), ("year", "2025")]).await;
    assert_eq!(code, StatusCode::OK, "{body}");
    let next: Uuid = serde_json::from_str(&body).unwrap();
    let next = report(&lead, &base, &next.to_string()).await;
    assert_eq!(next.report.from.to_string(), "2025-10-01");
    assert_eq!(next.report.to.to_string(), "2025-12-31");
}
