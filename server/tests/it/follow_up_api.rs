//! Following a measure up over real HTTP on the demo: who may record, bad input refused
//! with nothing stored, a correction, the year's page summing the ledger, the stale flag.
use crate::plan_api::{and, measure_form, prototypes, send};
use crate::support::board::refused;
use crate::support::http::*;
use reqwest::{Client, StatusCode};
use samskap_app::error::{AppError, Field};
use samskap_app::follow_up::measure_section::MeasureFollowUpData;
use samskap_app::follow_up::year_page::YearFollowUpData;
use samskap_app::plan::plan_page::PlanPageData;
use samskap_domain::follow_up::model::FundingSource;
use samskap_domain::pipeline::model::PrototypeStatus;
use samskap_domain::plan::model::{Funding, MeasureStatus};
use uuid::Uuid;

const LEAD: &str = "leder@halden.demo";
const FACILITATOR: &str = "fasilitator@halden.demo";
const VIEWER: &str = "styringsgruppe@halden.demo";

pub(crate) async fn record(c: &Client, base: &str, measure: &str) -> MeasureFollowUpData {
    let (code, body) = call(c, base, "measures/follow-up", &[("id", measure)]).await;
    assert_eq!(code, StatusCode::OK, "{body}");
    serde_json::from_str(&body).unwrap()
}

async fn year(c: &Client, base: &str, year: &str, stale_days: &str) -> YearFollowUpData {
    let form = [
        ("programme", "halden-sentrum"),
        ("year", year),
        ("stale_days", stale_days),
    ];
    let (code, body) = call(c, base, "plans/follow-up", &form).await;
    assert_eq!(code, StatusCode::OK, "{body}");
    serde_json::from_str(&body).unwrap()
}

/// The demo's 2025 measure (done, followed up by the demo facilitator).
pub(crate) async fn demo_measure(c: &Client, base: &str) -> String {
    let (code, body) = call(
        c,
        base,
        "plans/get",
        &[("programme", "halden-sentrum"), ("year", "2025")],
    )
    .await;
    assert_eq!(code, StatusCode::OK, "{body}");
    let plan: PlanPageData = serde_json::from_str(&body).unwrap();
    plan.ranking[0].1[0].id.to_string()
}

fn spending<'a>(
    measure: &'a str,
    amount: &'a str,
    source: &'a str,
    day: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("measure_id", measure),
        ("spent_on", day),
        ("source", source),
        ("amount", amount),
        ("note", "Faktura"),
    ]
}

#[tokio::test]
async fn recording_spending_and_progress_with_refusals() {
    let (_db, base, _stop, _task) = demo_server().await;
    let lead = signed_in(&base, LEAD).await;
    let measure = demo_measure(&lead, &base).await;
    let before = record(&lead, &base, &measure).await;
    assert_eq!(before.status, MeasureStatus::Done);
    assert_eq!(
        before.record.responsible.as_ref().unwrap().name,
        "Demo Fasilitator"
    );
    assert_eq!(before.record.spending.len(), 5);
    assert_eq!(before.record.progress.len(), 3);
    let choices: Vec<String> = before
        .choices
        .as_ref()
        .unwrap()
        .iter()
        .map(|c| c.name.clone())
        .collect();
    for name in ["Demo Programleder", "Demo Kjerneteam", "Demo Fasilitator"] {
        assert!(choices.contains(&name.to_string()), "{name} in {choices:?}");
    }
    assert!(
        !choices.contains(&"Demo Styringsgruppe".to_string()),
        "no viewer"
    );

    // Bad input: a clear refusal each, and nothing stored.
    let m = measure.as_str();
    let cases: [(Vec<(&str, &str)>, AppError); 6] = [
        (
            spending(m, "-500", "grant", "2025-05-01"),
            AppError::NegativeAmount(Field::Amount),
        ),
        (
            spending(m, "0", "grant", "2025-05-01"),
            AppError::OutOfRange(Field::Amount),
        ),
        (
            spending(m, "mye", "grant", "2025-05-01"),
            AppError::NotANumber(Field::Amount),
        ),
        (
            spending(m, "1 000 000 001", "grant", "2025-05-01"),
            AppError::OutOfRange(Field::Amount),
        ),
        (
            spending(m, "500", "grant", "2099-01-01"),
            AppError::DateInFuture(Field::Date),
        ),
        (
            spending(m, "500", "grant", "01.05.2025"),
            AppError::InvalidDate(Field::Date),
        ),
    ];
    for (form, error) in cases {
        refused(
            call(&lead, &base, "measures/spending/add", &form).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            error,
        );
    }
    refused(
        call(
            &lead,
            &base,
            "measures/spending/add",
            &spending(m, "500", "lottery", "2025-05-01"),
        )
        .await,
        StatusCode::BAD_REQUEST,
        AppError::BadRequest,
    );
    let long = "å".repeat(4001);
    let mut long_note = spending(m, "500", "grant", "2025-05-01");
    long_note[4] = ("note", long.as_str());
    refused(
        call(&lead, &base, "measures/spending/add", &long_note).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        AppError::TooLong(Field::Note, 4000),
    );
    let long_done = [
        ("measure_id", m),
        ("noted_on", "2025-05-01"),
        ("done", long.as_str()),
    ];
    refused(
        call(&lead, &base, "measures/progress/add", &long_done).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        AppError::TooLong(Field::Done, 4000),
    );
    let future = [
        ("measure_id", m),
        ("noted_on", "2099-05-01"),
        ("done", "Noe"),
    ];
    refused(
        call(&lead, &base, "measures/progress/add", &future).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        AppError::DateInFuture(Field::Date),
    );
    let no_text = [
        ("measure_id", m),
        ("noted_on", "2025-05-01"),
        ("done", "  "),
    ];
    refused(
        call(&lead, &base, "measures/progress/add", &no_text).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        AppError::Empty(Field::Done),
    );
    // A viewer and a facilitator who is not responsible cannot write; an id of no
    // measure is not found (whose programme would decide the caller's role?).
    let viewer = signed_in(&base, VIEWER).await;
    refused(
        call(
            &viewer,
            &base,
            "measures/spending/add",
            &spending(m, "500", "grant", "2025-05-01"),
        )
        .await,
        StatusCode::FORBIDDEN,
        AppError::Forbidden,
    );
    let facilitator = signed_in(&base, FACILITATOR).await;
    let nobody = Uuid::new_v4().to_string();
    refused(
        call(
            &facilitator,
            &base,
            "measures/spending/add",
            &spending(&nobody, "500", "grant", "2025-05-01"),
        )
        .await,
        StatusCode::NOT_FOUND,
        AppError::NotFound,
    );
    assert_eq!(record(&lead, &base, &measure).await.record, before.record);

    // The responsible facilitator records; the lead corrects an entry.
    let (code, body) = call(
        &facilitator,
        &base,
        "measures/spending/add",
        &spending(m, "1 250", "municipality", "2025-12-30"),
    )
    .await;
    assert_eq!(code, StatusCode::OK, "{body}");
    let new_entry: Uuid = serde_json::from_str(&body).unwrap();
    let note = [
        ("measure_id", m),
        ("noted_on", "2025-12-31"),
        ("done", "Sluttrapport skrevet"),
        ("results", ""),
        ("barriers", ""),
        ("next_steps", "Overføres til drift"),
    ];
    let (code, body) = call(&facilitator, &base, "measures/progress/add", &note).await;
    assert_eq!(code, StatusCode::OK, "{body}");
    let (code, body) = call(
        &lead,
        &base,
        "measures/spending/remove",
        &[("measure_id", m), ("entry_id", &new_entry.to_string())],
    )
    .await;
    assert_eq!(code, StatusCode::OK, "{body}");
    let after = record(&lead, &base, &measure).await;
    assert_eq!(
        after.record.spending, before.record.spending,
        "the correction removed it"
    );
    assert_eq!(after.record.progress[0].done, "Sluttrapport skrevet");
    assert_eq!(after.record.progress[0].recorded_by, "Demo Fasilitator");

    // Taking the measure from the facilitator takes the right to record.
    let (code, body) = call(
        &lead,
        &base,
        "measures/responsible",
        &[("measure_id", m), ("user_id", "")],
    )
    .await;
    assert_eq!(code, StatusCode::OK, "{body}");
    refused(
        call(&facilitator, &base, "measures/progress/add", &note).await,
        StatusCode::FORBIDDEN,
        AppError::Forbidden,
    );
}

#[tokio::test]
async fn the_year_page_sums_the_ledger_and_flags_stale_measures() {
    let (_db, base, _stop, _task) = demo_server().await;
    let lead = signed_in(&base, LEAD).await;
    let measure = demo_measure(&lead, &base).await;
    let m = measure.as_str();
    for (amount, source, day) in [
        ("10 000", "grant", "2025-06-01"),
        ("333", "carried_over", "2025-07-01"),
        ("7", "other_grants", "2025-07-02"),
    ] {
        let (code, body) = call(
            &lead,
            &base,
            "measures/spending/add",
            &spending(m, amount, source, day),
        )
        .await;
        assert_eq!(code, StatusCode::OK, "{body}");
    }
    // The ledger summed here, independently of the server's sums.
    let ledger = record(&lead, &base, &measure).await;
    let mut by_source = Funding::default();
    for e in &ledger.record.spending {
        match e.source {
            FundingSource::Grant => by_source.grant += e.amount_nok,
            FundingSource::Municipality => by_source.municipality += e.amount_nok,
            FundingSource::OtherGrants => by_source.other_grants += e.amount_nok,
            FundingSource::CarriedOver => by_source.carried_over += e.amount_nok,
        }
    }
    assert_eq!(
        by_source.total(),
        42_000 + 38_500 + 24_000 + 25_000 + 51_200 + 10_000 + 333 + 7
    );
    let page = year(&lead, &base, "2025", "").await;
    assert_eq!(page.stale_days, 60);
    assert_eq!(page.spent, by_source);
    assert_eq!(page.spent_to_date, by_source);
    assert_eq!(page.planned, ledger.planned);
    let area = &page.areas[0];
    assert_eq!(area.spent, by_source);
    assert_eq!(area.rows[0].spent, by_source);
    assert_eq!(
        area.rows[0].last_progress,
        Some("2025-12-20".parse().unwrap())
    );
    assert!(!area.rows[0].needs_update, "a done measure is not flagged");

    refused(
        call(
            &lead,
            &base,
            "plans/follow-up",
            &[
                ("programme", "halden-sentrum"),
                ("year", "2025"),
                ("stale_days", "0"),
            ],
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        AppError::OutOfRange(Field::StaleDays),
    );
    refused(
        call(
            &lead,
            &base,
            "plans/follow-up",
            &[
                ("programme", "halden-sentrum"),
                ("year", "2025"),
                ("stale_days", "731"),
            ],
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        AppError::OutOfRange(Field::StaleDays),
    );
    assert_eq!(year(&lead, &base, "2025", "730").await.stale_days, 730);
    refused(
        call(
            &lead,
            &base,
            "plans/follow-up",
            &[
                ("programme", "halden-sentrum"),
                ("year", "1999"),
                ("stale_days", ""),
            ],
        )
        .await,
        StatusCode::NOT_FOUND,
        AppError::NotFound,
    );
}

#[tokio::test]
async fn a_measure_is_followed_up_from_adoption_and_flagged_without_updates() {
    let (_db, base, _stop, _task) = demo_server().await;
    let lead = signed_in(&base, LEAD).await;
    let proceeded = prototypes(&lead, &base, PrototypeStatus::Proceed).await[0]
        .id
        .to_string();
    let form = and(measure_form(&[]), "prototype_id", &proceeded);
    let (code, body) = send(&lead, &base, "measures/promote", &form).await;
    assert!(code.is_success(), "{code} {body}");
    let measure: Uuid = serde_json::from_str(&body).unwrap();
    let m = measure.to_string();

    // A candidate: nothing to follow up, and nothing stored.
    refused(
        call(
            &lead,
            &base,
            "measures/spending/add",
            &spending(&m, "500", "grant", "2026-02-01"),
        )
        .await,
        StatusCode::CONFLICT,
        AppError::NotAdopted,
    );
    assert!(record(&lead, &base, &m).await.record.spending.is_empty());

    // Adopted with the 2026 plan, begun in January, no note: flagged.
    let (code, body) = call(
        &lead,
        &base,
        "measures/status",
        &[("id", m.as_str()), ("status", "prioritised")],
    )
    .await;
    assert_eq!(code, StatusCode::OK, "{body}");
    let (code, body) = call(
        &lead,
        &base,
        "plans/propose",
        &[("programme", "halden-sentrum"), ("year", "2026")],
    )
    .await;
    assert_eq!(code, StatusCode::OK, "{body}");
    let (_, body) = call(
        &lead,
        &base,
        "plans/get",
        &[("programme", "halden-sentrum"), ("year", "2026")],
    )
    .await;
    let plan: PlanPageData = serde_json::from_str(&body).unwrap();
    let revision = plan.revision.to_string();
    let adopt = [
        ("programme", "halden-sentrum"),
        ("year", "2026"),
        ("revision", revision.as_str()),
        ("adopted_on", "2026-01-20"),
        ("adopted_by", "Styringsgruppen"),
    ];
    let (code, body) = call(&lead, &base, "plans/adopt", &adopt).await;
    assert_eq!(code, StatusCode::OK, "{body}");
    let page = year(&lead, &base, "2026", "").await;
    let row = &page.areas[0].rows[0];
    assert_eq!(
        (row.measure_id, row.status),
        (measure, MeasureStatus::Adopted)
    );
    assert!(row.needs_update, "begun in January with no note");

    // A note today clears the flag; stopping it (a follow-up move on the frozen plan)
    // keeps it on the page with what was recorded, unflagged.
    let today = chrono::Local::now().date_naive().to_string();
    let note = [
        ("measure_id", m.as_str()),
        ("noted_on", today.as_str()),
        ("done", "Startet"),
    ];
    let (code, body) = call(&lead, &base, "measures/progress/add", &note).await;
    assert_eq!(code, StatusCode::OK, "{body}");
    assert!(!year(&lead, &base, "2026", "").await.areas[0].rows[0].needs_update);
    let stop = [
        ("id", m.as_str()),
        ("status", "dropped"),
        ("reason", "Lokalet forsvant"),
    ];
    let (code, body) = call(&lead, &base, "measures/status", &stop).await;
    assert_eq!(code, StatusCode::OK, "{body}");
    let (_, body) = call(
        &lead,
        &base,
        "plans/get",
        &[("programme", "halden-sentrum"), ("year", "2026")],
    )
    .await;
    let plan: PlanPageData = serde_json::from_str(&body).unwrap();
    assert!(
        plan.snapshot.measures().any(|pm| pm.id == measure),
        "the adopted plan still has the stopped measure"
    );
    let row = year(&lead, &base, "2026", "").await.areas[0].rows[0].clone();
    assert_eq!(
        (row.measure_id, row.status, row.needs_update),
        (measure, MeasureStatus::Dropped, false)
    );

    // A new version drafted and adopted after the stop no longer holds the measure;
    // the first version still does.
    let (code, body) = call(
        &lead,
        &base,
        "plans/reopen",
        &[("programme", "halden-sentrum"), ("year", "2026")],
    )
    .await;
    assert_eq!(code, StatusCode::OK, "{body}");
    let (code, body) = call(
        &lead,
        &base,
        "plans/propose",
        &[("programme", "halden-sentrum"), ("year", "2026")],
    )
    .await;
    assert_eq!(code, StatusCode::OK, "{body}");
    let (_, body) = call(
        &lead,
        &base,
        "plans/get",
        &[("programme", "halden-sentrum"), ("year", "2026")],
    )
    .await;
    let plan: PlanPageData = serde_json::from_str(&body).unwrap();
    assert!(plan.snapshot.measures().all(|pm| pm.id != measure));
    let revision = plan.revision.to_string();
    let adopt2 = [
        ("programme", "halden-sentrum"),
        ("year", "2026"),
        ("revision", revision.as_str()),
        ("adopted_on", "2026-06-01"),
        ("adopted_by", "Styringsgruppen"),
    ];
    let (code, body) = call(&lead, &base, "plans/adopt", &adopt2).await;
    assert_eq!(code, StatusCode::OK, "{body}");
    let (_, body) = call(
        &lead,
        &base,
        "plans/get",
        &[("programme", "halden-sentrum"), ("year", "2026")],
    )
    .await;
    let plan: PlanPageData = serde_json::from_str(&body).unwrap();
    assert_eq!(plan.plan.version, 2);
    assert!(
        plan.snapshot.measures().all(|pm| pm.id != measure),
        "not back in version 2"
    );
    let (_, body) = call(
        &lead,
        &base,
        "plans/version",
        &[
            ("programme", "halden-sentrum"),
            ("year", "2026"),
            ("version", "1"),
        ],
    )
    .await;
    assert!(body.contains(&measure.to_string()), "version 1 as adopted");
}

#[tokio::test]
async fn indicators_are_defined_and_read_by_who_follows_them() {
    use samskap_app::follow_up::goals_page::GoalIndicatorsData;
    let (_db, base, _stop, _task) = demo_server().await;
    let lead = signed_in(&base, LEAD).await;
    let facilitator = signed_in(&base, FACILITATOR).await;
    let measure = demo_measure(&lead, &base).await;
    let m = measure.as_str();

    // The responsible defines an indicator of the measure; bad figures are refused.
    let define = |baseline: &'static str, target_on: &'static str| {
        vec![
            ("measure_id", m),
            ("fields[name]", "Frivillige"),
            ("fields[unit]", "personer"),
            ("fields[baseline]", baseline),
            ("fields[baseline_on]", "2025-03-01"),
            ("fields[target]", "30"),
            ("fields[target_on]", target_on),
        ]
    };
    for (form, error) in [
        (
            define("mange", "2025-12-31"),
            AppError::NotANumber(Field::Baseline),
        ),
        (
            define("1e13", "2025-12-31"),
            AppError::OutOfRange(Field::Baseline),
        ),
        (define("14", "2024-12-31"), AppError::PeriodReversed),
    ] {
        refused(
            call(&facilitator, &base, "indicators/add", &form).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            error,
        );
    }
    let mut both = define("14", "2025-12-31");
    both.push(("goal_id", m));
    refused(
        call(&facilitator, &base, "indicators/add", &both).await,
        StatusCode::BAD_REQUEST,
        AppError::BadRequest,
    );
    refused(
        call(
            &facilitator,
            &base,
            "indicators/add",
            &define("14", "2101-01-01"),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        AppError::InvalidDate(Field::TargetDate),
    );
    let (code, body) = call(
        &facilitator,
        &base,
        "indicators/add",
        &define("14,5", "2025-12-31"),
    )
    .await;
    assert_eq!(code, StatusCode::OK, "{body}");
    let indicator: Uuid = serde_json::from_str(&body).unwrap();
    let id = indicator.to_string();

    // Readings: a link that could run script is refused, a real one kept.
    let reading = |link: &'static str| {
        vec![
            ("indicator_id", id.clone()),
            ("measured_on", "2025-09-01".to_string()),
            ("value", "21".to_string()),
            ("source", "statistics".to_string()),
            ("link", link.to_string()),
            ("note", "Logg".to_string()),
        ]
    };
    for link in [
        "javascript:alert(1)",
        "/\\evil.example",
        "//evil.example/x",
        "data:text/html,<b>",
        "https://a b",
    ] {
        let form = reading(link);
        let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        refused(
            call(&facilitator, &base, "indicators/reading", &pairs).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            AppError::InvalidLink,
        );
    }
    let form = reading("/workshops");
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (code, body) = call(&facilitator, &base, "indicators/reading", &pairs).await;
    assert_eq!(code, StatusCode::OK, "{body}");
    let followed = record(&lead, &base, m).await;
    let mine = followed
        .indicators
        .iter()
        .find(|i| i.id == indicator)
        .unwrap();
    assert_eq!(mine.fields.baseline.value, 14.5);
    assert_eq!(
        (mine.readings[0].value, mine.readings[0].link.as_str()),
        (21.0, "/workshops")
    );

    // The goals' indicators are the planners': the facilitator reads but cannot write.
    let (code, body) = call(
        &facilitator,
        &base,
        "indicators/goals",
        &[("programme", "halden-sentrum")],
    )
    .await;
    assert_eq!(code, StatusCode::OK, "{body}");
    let goals: GoalIndicatorsData = serde_json::from_str(&body).unwrap();
    assert!(!goals.can_record);
    let (_, safe) = goals
        .goals
        .iter()
        .find(|(_, list)| !list.is_empty())
        .expect("the demo's goal indicator");
    assert_eq!(safe[0].readings[0].value, 64.0);
    let safe_id = safe[0].id.to_string();
    let goal_reading = [
        ("indicator_id", safe_id.as_str()),
        ("measured_on", "2025-12-01"),
        ("value", "66"),
        ("source", "survey"),
    ];
    refused(
        call(&facilitator, &base, "indicators/reading", &goal_reading).await,
        StatusCode::FORBIDDEN,
        AppError::Forbidden,
    );
    let (code, body) = call(&lead, &base, "indicators/reading", &goal_reading).await;
    assert_eq!(code, StatusCode::OK, "{body}");
    let viewer = signed_in(&base, VIEWER).await;
    refused(
        call(
            &viewer,
            &base,
            "indicators/remove",
            &[("indicator_id", id.as_str())],
        )
        .await,
        StatusCode::FORBIDDEN,
        AppError::Forbidden,
    );
    let (code, body) = call(
        &facilitator,
        &base,
        "indicators/remove",
        &[("indicator_id", id.as_str())],
    )
    .await;
    assert_eq!(code, StatusCode::OK, "{body}");
    assert!(record(&lead, &base, m)
        .await
        .indicators
        .iter()
        .all(|i| i.id != indicator));
}

#[tokio::test]
async fn the_dashboard_shows_the_year_followed_up_with_what_needs_attention() {
    use samskap_app::follow_up::dashboard::{Attention, DashboardData};
    let (_db, base, _stop, _task) = demo_server().await;
    let viewer = signed_in(&base, VIEWER).await;
    let dashboard = |c: Client| {
        let base = base.clone();
        async move {
            let (code, body) = call(
                &c,
                &base,
                "dashboard/get",
                &[("programme", "halden-sentrum")],
            )
            .await;
            assert_eq!(code, StatusCode::OK, "{body}");
            serde_json::from_str::<DashboardData>(&body).unwrap()
        }
    };
    // The demo's 2026 plan is a draft, so the dashboard shows 2025, done and within budget.
    let before = dashboard(viewer.clone()).await;
    assert_eq!(before.year.year, 2025);
    assert_eq!(
        before.year.spent.total(),
        42_000 + 38_500 + 24_000 + 25_000 + 51_200
    );
    assert!(before.by_status.contains(&(MeasureStatus::Done, 1)));
    assert!(before.attention.is_empty(), "{:?}", before.attention);
    assert_eq!(before.goals.len(), 1);
    assert_eq!(before.goals[0].1[0].readings[0].value, 64.0);
    assert!(
        before
            .turnout
            .iter()
            .any(|t| t.title == "Ungdommens sentrum"),
        "{:?}",
        before.turnout
    );

    // Spending past the plan puts the measure on the list.
    let lead = signed_in(&base, LEAD).await;
    let measure = demo_measure(&lead, &base).await;
    let over = spending(&measure, "500 000", "grant", "2025-12-31");
    let (code, body) = call(&lead, &base, "measures/spending/add", &over).await;
    assert_eq!(code, StatusCode::OK, "{body}");
    let after = dashboard(viewer).await;
    assert_eq!(after.attention.len(), 1);
    assert_eq!(after.attention[0].0.measure_id.to_string(), measure);
    assert_eq!(after.attention[0].1, [Attention::OverBudget]);
}

#[tokio::test]
async fn the_lead_carries_the_unspent_grant_into_the_next_plan() {
    let (_db, base, _stop, _task) = demo_server().await;
    let lead = signed_in(&base, LEAD).await;
    let core = signed_in(&base, "kjerneteam@halden.demo").await;
    let measure = demo_measure(&lead, &base).await;
    // Entries: one from what was carried over (counts), one from the municipality (not).
    for (amount, source) in [("3 000", "carried_over"), ("9 999", "municipality")] {
        let entry = spending(&measure, amount, source, "2025-12-01");
        let (code, body) = call(&lead, &base, "measures/spending/add", &entry).await;
        assert_eq!(code, StatusCode::OK, "{body}");
    }
    // The unspent grant, worked out here: the year's planned grant less what was spent
    // from the grant or the carried-over money in 2025.
    let data = year(&lead, &base, "2025", "").await;
    let spent: i64 = record(&lead, &base, &measure)
        .await
        .record
        .spending
        .iter()
        .filter(|e| e.spent_on.to_string().starts_with("2025-"))
        .filter(|e| matches!(e.source, FundingSource::Grant | FundingSource::CarriedOver))
        .map(|e| e.amount_nok)
        .sum();
    let expected = data.planned.grant - spent;
    assert_eq!(expected, 150_000 - 131_700 - 3_000);
    let offer = data.carry.expect("2025 has a next year");
    assert_eq!(
        (offer.granted, offer.spent, offer.unspent),
        (150_000, spent, expected)
    );
    assert!(offer.ended && offer.can_confirm && offer.confirmed.is_none());

    // Only the lead confirms; a year not over yet, or the programme's last, is refused.
    refused(
        call(
            &core,
            &base,
            "plans/carry-over",
            &[("programme", "halden-sentrum"), ("year", "2025")],
        )
        .await,
        StatusCode::FORBIDDEN,
        AppError::Forbidden,
    );
    assert!(
        !year(&core, &base, "2025", "")
            .await
            .carry
            .unwrap()
            .can_confirm
    );
    // This year is not over (while it is one of the programme's but its last).
    let this_year = chrono::Datelike::year(&samskap_app::ui::time::oslo_today());
    if (2025..2028).contains(&this_year) {
        refused(
            call(
                &lead,
                &base,
                "plans/carry-over",
                &[
                    ("programme", "halden-sentrum"),
                    ("year", &this_year.to_string()),
                ],
            )
            .await,
            StatusCode::CONFLICT,
            AppError::YearNotOver,
        );
    }
    refused(
        call(
            &lead,
            &base,
            "plans/carry-over",
            &[("programme", "halden-sentrum"), ("year", "2028")],
        )
        .await,
        StatusCode::NOT_FOUND,
        AppError::NotFound,
    );
    let (code, body) = call(
        &lead,
        &base,
        "plans/get",
        &[("programme", "halden-sentrum"), ("year", "2026")],
    )
    .await;
    assert_eq!(code, StatusCode::OK, "{body}");
    let before: PlanPageData = serde_json::from_str(&body).unwrap();
    assert_eq!(before.snapshot.carried_in_nok, 0);

    let (code, body) = call(
        &lead,
        &base,
        "plans/carry-over",
        &[("programme", "halden-sentrum"), ("year", "2025")],
    )
    .await;
    assert_eq!((code, body), (StatusCode::OK, expected.to_string()));
    let offer = year(&lead, &base, "2025", "").await.carry.unwrap();
    let confirmed = offer.confirmed.unwrap();
    assert_eq!((confirmed.year, confirmed.amount_nok), (2026, expected));
    assert_eq!(confirmed.confirmed_by, "Demo Programleder");
    // The 2026 follow-up counts it in.
    assert_eq!(
        year(&lead, &base, "2026", "")
            .await
            .carry
            .unwrap()
            .carried_in,
        expected
    );
    // Spending dated in 2025 typed in after the confirmation: the page says the figure
    // changed; confirming again replaces it (nothing added twice).
    let late = spending(&measure, "1 000", "grant", "2025-12-30");
    let (code, body) = call(&lead, &base, "measures/spending/add", &late).await;
    assert_eq!(code, StatusCode::OK, "{body}");
    let offer = year(&lead, &base, "2025", "").await.carry.unwrap();
    assert_eq!(
        (offer.unspent, offer.confirmed.unwrap().amount_nok),
        (expected - 1_000, expected)
    );
    let (code, body) = call(
        &lead,
        &base,
        "plans/carry-over",
        &[("programme", "halden-sentrum"), ("year", "2025")],
    )
    .await;
    assert_eq!(
        (code, body),
        (StatusCode::OK, (expected - 1_000).to_string())
    );
    let expected = expected - 1_000;
    // The programme's last year shows its grant, with nothing to carry out of it.
    let last = year(&lead, &base, "2028", "").await.carry.unwrap();
    assert!(last.last && !last.can_confirm);
    // The 2026 plan (a draft in the demo) has it, and its frame grows by it.
    let (_, body) = call(
        &lead,
        &base,
        "plans/get",
        &[("programme", "halden-sentrum"), ("year", "2026")],
    )
    .await;
    let after: PlanPageData = serde_json::from_str(&body).unwrap();
    assert_eq!(after.snapshot.carried_in_nok, expected);
    assert_eq!(
        after.snapshot.frame_nok,
        before.snapshot.frame_nok + expected
    );
}
