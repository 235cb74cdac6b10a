//! `samskap-bench annual`: how long the annual report takes for a year of N measures,
//! each with 20 spending entries, two progress notes and an indicator with 4 readings:
//! the report's page data (`reports/get`) and each export format of its draft, served
//! in-process over real HTTP from a fresh SQLite file.
use crate::export::{print_times, serve_signed_in, PASSWORD};
use crate::seeding::{bench_board, BenchBoard};
use chrono::NaiveDate;
use samskap_domain::follow_up::indicator::{IndicatorFields, IndicatorOf, Point, ReadingSource};
use samskap_domain::follow_up::model::FundingSource;
use samskap_domain::plan::model::{Adoption, Funding, MeasureFields, MeasureStatus};
use samskap_domain::store::follow_up_store::{NewProgress, NewReading, NewSpending};
use samskap_domain::store::plan_store::{PlanChange, Promotion};
use samskap_domain::store::workshop_store::{AuthorRef, NewCard};
use samskap_domain::store::Store;
use samskap_domain::workshop::model::{CardKind, CardStatus};
use std::time::{Duration, Instant};

const YEAR: i32 = 2027;

/// Seeds the year, creates its annual report, and times it `repeat` times per format.
pub async fn measure(
    measures: usize,
    spending: usize,
    readings: usize,
    repeat: usize,
) -> Result<(), String> {
    let (_dir, opened) = crate::seeding::fresh_demo(PASSWORD).await?;
    let store = opened.store.clone();
    let started = Instant::now();
    seed(store.as_ref(), measures, spending, readings).await?;
    println!(
        "seeded {measures} measures with {spending} spending entries and {readings} readings each in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let (base, client) = serve_signed_in(opened).await?;
    let created = client
        .post(format!("{base}/api/reports/create"))
        .header("accept", "application/json")
        .form(&[("kind", "annual"), ("year", &YEAR.to_string())])
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if !created.status().is_success() {
        return Err(format!("reports/create: {}", created.status()));
    }
    let id: uuid::Uuid = created.json().await.map_err(|e| e.to_string())?;

    let mut times = Vec::with_capacity(repeat);
    for _ in 0..repeat {
        let start = Instant::now();
        let response = client
            .post(format!("{base}/api/reports/get"))
            .header("accept", "application/json")
            .form(&[("id", id.to_string())])
            .send()
            .await
            .map_err(|e| e.to_string())?;
        if !response.status().is_success() {
            return Err(format!("reports/get: {}", response.status()));
        }
        response.bytes().await.map_err(|e| e.to_string())?;
        times.push(start.elapsed());
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "\nreports/get (the page's data): min {:.0} ms, median {:.0} ms, max {:.0} ms",
        ms(times[0]),
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1])
    );
    print_times(
        &client,
        &base,
        |ext| format!("/reports/{id}/export.{ext}"),
        repeat,
    )
    .await
}

fn day(ordinal: usize) -> NaiveDate {
    NaiveDate::from_yo_opt(YEAR, 1 + (ordinal % 360) as u32).unwrap_or_default()
}

/// `n` adopted measures of the year, each promoted from an idea, with its ledger, notes
/// and an indicator with readings.
async fn seed(store: &dyn Store, n: usize, spending: usize, readings: usize) -> Result<(), String> {
    let err = |e: samskap_domain::store::StoreError| e.to_string();
    let starts_at = day(10).and_hms_opt(17, 0, 0).unwrap_or_default();
    let BenchBoard {
        programme,
        lead: actor,
        board,
        ..
    } = bench_board(store, starts_at, "ARSKODE1").await?;
    let text = "Et tiltak som beskrives med noen setninger om hva vi gjør, for hvem og hvorfor. "
        .repeat(3);
    let mut ids = Vec::with_capacity(n);
    for i in 0..n {
        let idea = store
            .post_card(NewCard {
                board_id: board,
                kind: CardKind::Idea,
                body: format!("Idé {i}"),
                focus_area_id: None,
                author: AuthorRef::User(actor.id),
                status: CardStatus::Visible,
                moderation_note: String::new(),
                client_key: None,
            })
            .await
            .map_err(err)?
            .0
            .id;
        let area = &programme.focus_areas[i % programme.focus_areas.len()];
        let fields = MeasureFields {
            title: format!("Tiltak {i}: møteplass for ungdom i sentrum"),
            what: text.clone(),
            expected_result: text.clone(),
            funding: Funding {
                grant: 40_000,
                municipality: 10_000,
                other_grants: 5_000,
                carried_over: 2_000,
            },
            starts_on: day(0),
            ends_on: day(359),
            partners: "Frivilligsentralen".into(),
            contribution: text.clone(),
            owner: "Enhet for kultur".into(),
            indicators: "Besøk per uke".into(),
            year: YEAR,
            focus_area_id: Some(area.id),
            goal_ids: vec![],
        };
        let from = Promotion::Idea {
            card: idea,
            justification: "Benk".into(),
        };
        let m = store
            .promote(programme.id, &from, &fields, &actor)
            .await
            .map_err(err)?;
        store
            .set_measure_status(m.id, MeasureStatus::Prioritised, "", &actor)
            .await
            .map_err(err)?;
        ids.push(m.id);
    }
    store
        .change_plan(programme.id, YEAR, &PlanChange::Propose, &actor)
        .await
        .map_err(err)?;
    let (snapshot, revision) = samskap_app::plan::snapshot::build(store, &programme, YEAR)
        .await
        .map_err(|e| e.to_string())?;
    let adoption = Adoption {
        adopted_on: day(5),
        adopted_by: "Styringsgruppen".into(),
        sent_on: None,
    };
    let adopt = PlanChange::Adopt {
        adoption: adoption.clone(),
        revision,
        snapshot: Box::new(snapshot.adopted(adoption)),
    };
    store
        .change_plan(programme.id, YEAR, &adopt, &actor)
        .await
        .map_err(err)?;
    for (i, id) in ids.iter().enumerate() {
        for e in 0..spending {
            let entry = NewSpending {
                spent_on: day(i + e * 17),
                source: FundingSource::ALL[e % FundingSource::ALL.len()],
                amount_nok: 1_000 + (i * 37 + e * 11) as i64,
                note: format!("Faktura {e}"),
            };
            store
                .record_spending(programme.id, *id, &entry, &actor)
                .await
                .map_err(err)?;
        }
        for k in 0..2 {
            let note = NewProgress {
                noted_on: day(100 + i + k * 120),
                done: text.clone(),
                results: "30 kom".into(),
                barriers: if k == 1 {
                    "Lokalet stenger tidlig".into()
                } else {
                    String::new()
                },
                next_steps: "Flere frivillige".into(),
            };
            store
                .record_progress(programme.id, *id, &note, &actor)
                .await
                .map_err(err)?;
        }
        let indicator = IndicatorFields {
            name: format!("Besøk per uke, tiltak {i}"),
            unit: "besøk".into(),
            baseline: Point {
                value: 10.0,
                on: day(0),
            },
            target: Point {
                value: 40.0,
                on: day(359),
            },
        };
        let indicator = store
            .add_indicator(programme.id, IndicatorOf::Measure(*id), &indicator, &actor)
            .await
            .map_err(err)?;
        for r in 0..readings {
            let reading = NewReading {
                measured_on: day(60 + r * 80),
                value: 10.0 + 7.5 * r as f64,
                source: ReadingSource::Statistics,
                link: String::new(),
                note: String::new(),
            };
            store
                .add_reading(programme.id, indicator, &reading, &actor)
                .await
                .map_err(err)?;
        }
    }
    Ok(())
}
