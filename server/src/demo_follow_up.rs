//! Demo data for following a year up: the 2025 measure's responsible (the demo
//! facilitator), what it spent through the year by funding source, its progress notes,
//! its indicator and one of the goal it serves with their readings, and its end as done,
//! so the demo shows a programme one year in.
use crate::demo_plan::day;
use samskap_domain::account::model::User;
use samskap_domain::follow_up::indicator::{IndicatorFields, IndicatorOf, Point, ReadingSource};
use samskap_domain::follow_up::model::FundingSource;
use samskap_domain::plan::model::MeasureStatus;
use samskap_domain::store::actor::Actor;
use samskap_domain::store::follow_up_store::{NewProgress, NewReading, NewSpending};
use samskap_domain::store::{Store, StoreError};
use uuid::Uuid;

/// Seeds the follow-up of `measure` (the 2025 plan's, in progress).
pub async fn seed(
    store: &dyn Store,
    programme: Uuid,
    measure: Uuid,
    lead: &User,
    facilitator: &User,
) -> Result<(), StoreError> {
    let actor = |u: &User| Actor {
        id: u.id,
        name: u.display_name.clone(),
    };
    let (lead, responsible) = (actor(lead), actor(facilitator));
    store
        .set_responsible(programme, measure, Some(facilitator.id), &lead)
        .await?;
    let spending = [
        (
            (3, 14),
            FundingSource::Grant,
            42_000,
            "Vester, lykter og opplæring av 14 frivillige",
        ),
        (
            (5, 31),
            FundingSource::Grant,
            38_500,
            "Kveldsmat og transport, mars–mai",
        ),
        (
            (8, 31),
            FundingSource::Municipality,
            24_000,
            "Koordinator 20 %, juni–august",
        ),
        (
            (10, 15),
            FundingSource::OtherGrants,
            25_000,
            "Gjensidigestiftelsen: utstyr",
        ),
        (
            (12, 15),
            FundingSource::Grant,
            51_200,
            "Kveldsmat og transport, juni–desember",
        ),
    ];
    for ((m, d), source, amount_nok, note) in spending {
        let entry = NewSpending {
            spent_on: day(m, d),
            source,
            amount_nok,
            note: note.into(),
        };
        store
            .record_spending(programme, measure, &entry, &lead)
            .await?;
    }
    let notes = [
        (
            (4, 2),
            "Første vandring 7. mars. 14 frivillige har fått opplæring.",
            "12 vandringer i mars, 2–4 voksne hver kveld.",
            "Få frivillige under 40 år.",
            "Rekruttere foreldre gjennom skolene.",
        ),
        (
            (9, 1),
            "Vandringer hver fredag og lørdag gjennom sommeren, med unntak av to helger i juli.",
            "21 frivillige. Politiet melder færre uroepisoder ved bussterminalen.",
            "Vanskelig å dekke lørdager i ferien.",
            "Samarbeid med trossamfunnene om ferievakter.",
        ),
        (
            (12, 20),
            "41 vandringer i året. Evalueringsmøte med ungdomsrådet 10. desember.",
            "Ungdomsundersøkelsen: 64 % føler seg trygge i sentrum om kvelden (58 % i 2024).",
            "Ordningen hviler på én koordinator.",
            "Foreslås videreført i ordinær drift hos Frivilligsentralen fra 2026.",
        ),
    ];
    for ((m, d), done, results, barriers, next_steps) in notes {
        let note = NewProgress {
            noted_on: day(m, d),
            done: done.into(),
            results: results.into(),
            barriers: barriers.into(),
            next_steps: next_steps.into(),
        };
        store
            .record_progress(programme, measure, &note, &responsible)
            .await?;
    }
    let walks = IndicatorFields {
        name: "Vandringer i sentrum".into(),
        unit: "vandringer".into(),
        baseline: Point {
            value: 0.0,
            on: day(3, 1),
        },
        target: Point {
            value: 40.0,
            on: day(12, 31),
        },
    };
    let walks = store
        .add_indicator(programme, IndicatorOf::Measure(measure), &walks, &lead)
        .await?;
    for ((m, d), value) in [((6, 30), 18.0), ((12, 20), 41.0)] {
        let reading = NewReading {
            measured_on: day(m, d),
            value,
            source: ReadingSource::Statistics,
            link: String::new(),
            note: "Frivilligsentralens logg".into(),
        };
        store
            .add_reading(programme, walks, &reading, &responsible)
            .await?;
    }
    if let Some(goal) = store
        .measure(measure)
        .await?
        .and_then(|m| m.fields.goal_ids.first().copied())
    {
        let safe = IndicatorFields {
            name: "Andel unge som føler seg trygge i sentrum om kvelden".into(),
            unit: "%".into(),
            baseline: Point {
                value: 58.0,
                on: chrono::NaiveDate::from_ymd_opt(2024, 3, 1).expect("a date"),
            },
            target: Point {
                value: 75.0,
                on: chrono::NaiveDate::from_ymd_opt(2028, 12, 31).expect("a date"),
            },
        };
        let safe = store
            .add_indicator(programme, IndicatorOf::Goal(goal), &safe, &lead)
            .await?;
        let reading = NewReading {
            measured_on: day(11, 15),
            value: 64.0,
            source: ReadingSource::Survey,
            link: "https://www.ungdata.no/".into(),
            note: "Ungdata-undersøkelsen 2025, Halden".into(),
        };
        store.add_reading(programme, safe, &reading, &lead).await?;
    }
    store
        .set_measure_status(measure, MeasureStatus::Done, "", &lead)
        .await?;
    Ok(())
}
