//! Store conformance for following measures up (responsible, spending, progress notes,
//! totals, refusals, the audit trail), run against SQLite and PostgreSQL.
use crate::plan_store::{card, day, empty_snapshot, fields, setup, Setup};
use samskap_domain::account::model::Role;
use samskap_domain::follow_up::indicator::{IndicatorFields, IndicatorOf, Point, ReadingSource};
use samskap_domain::follow_up::model::FundingSource;
use samskap_domain::plan::model::{Adoption, MeasureStatus};
use samskap_domain::store::follow_up_store::{
    IndicatorScope, NewProgress, NewReading, NewSpending,
};
use samskap_domain::store::plan_store::{AuditFilter, PlanChange, Promotion};
use samskap_domain::store::{NewAccount, Store, StoreError};
use samskap_domain::workshop::model::CardKind;
use uuid::Uuid;

/// A measure of `year` promoted from a new idea (a candidate).
pub(crate) async fn candidate(store: &dyn Store, s: &Setup, year: i32) -> Uuid {
    let idea = card(store, s, CardKind::Idea, 0).await;
    let from = Promotion::Idea {
        card: idea,
        justification: "Mange ba om det".into(),
    };
    store
        .promote(
            s.programme,
            &from,
            &fields("Leksekafé", year, Some(s.areas[0])),
            &s.actor,
        )
        .await
        .unwrap()
        .id
}

/// Prioritises `measure` and adopts its year's plan, which adopts it.
pub(crate) async fn adopt(store: &dyn Store, s: &Setup, measure: Uuid, year: i32) {
    store
        .set_measure_status(measure, MeasureStatus::Prioritised, "", &s.actor)
        .await
        .unwrap();
    store
        .change_plan(s.programme, year, &PlanChange::Propose, &s.actor)
        .await
        .unwrap();
    let (_, revision) = store.plan(s.programme, year).await.unwrap();
    let change = PlanChange::Adopt {
        adoption: Adoption {
            adopted_on: day(year, 1, 10),
            adopted_by: "Styringsgruppen".into(),
            sent_on: None,
        },
        revision,
        snapshot: Box::new(empty_snapshot(year, 1)),
    };
    store
        .change_plan(s.programme, year, &change, &s.actor)
        .await
        .unwrap();
}

pub(crate) fn spend(
    spent_on: chrono::NaiveDate,
    source: FundingSource,
    amount_nok: i64,
) -> NewSpending {
    NewSpending {
        spent_on,
        source,
        amount_nok,
        note: "Faktura".into(),
    }
}

async fn spending_progress_and_totals(store: &dyn Store) {
    let s = setup(store).await;
    let measure = candidate(store, &s, 2025).await;
    let entry = spend(day(2025, 3, 1), FundingSource::Grant, 40_000);

    // Nothing is followed up before adoption, and nothing outside the programme.
    assert!(matches!(
        store
            .record_spending(s.programme, measure, &entry, &s.actor)
            .await,
        Err(StoreError::NotAdopted)
    ));
    let note = NewProgress {
        noted_on: day(2025, 3, 2),
        done: "Åpnet kafeen".into(),
        results: "30 kom".into(),
        barriers: String::new(),
        next_steps: "Flere frivillige".into(),
    };
    assert!(matches!(
        store
            .record_progress(s.programme, measure, &note, &s.actor)
            .await,
        Err(StoreError::NotAdopted)
    ));
    adopt(store, &s, measure, 2025).await;
    let elsewhere = Uuid::new_v4();
    assert!(matches!(
        store
            .record_spending(elsewhere, measure, &entry, &s.actor)
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .record_spending(s.programme, Uuid::new_v4(), &entry, &s.actor)
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .record_progress(elsewhere, measure, &note, &s.actor)
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(store
        .measure_record(elsewhere, measure)
        .await
        .unwrap()
        .spending
        .is_empty());

    // Recorded, listed newest first, summed by source.
    let first = store
        .record_spending(s.programme, measure, &entry, &s.actor)
        .await
        .unwrap();
    let later = spend(day(2025, 6, 1), FundingSource::Municipality, 12_500);
    store
        .record_spending(s.programme, measure, &later, &s.actor)
        .await
        .unwrap();
    store
        .record_spending(
            s.programme,
            measure,
            &spend(day(2025, 4, 1), FundingSource::Grant, 2),
            &s.actor,
        )
        .await
        .unwrap();
    store
        .record_progress(s.programme, measure, &note, &s.actor)
        .await
        .unwrap();
    let newer = NewProgress {
        noted_on: day(2025, 9, 1),
        ..note.clone()
    };
    store
        .record_progress(s.programme, measure, &newer, &s.actor)
        .await
        .unwrap();
    let record = store.measure_record(s.programme, measure).await.unwrap();
    let days: Vec<_> = record.spending.iter().map(|e| e.spent_on).collect();
    assert_eq!(days, [day(2025, 6, 1), day(2025, 4, 1), day(2025, 3, 1)]);
    assert_eq!(record.spending[2].note, "Faktura");
    assert_eq!(record.spending[2].recorded_by, s.actor.name);
    assert_eq!(record.spent().grant, 40_002);
    assert_eq!(record.spent().municipality, 12_500);
    assert_eq!(record.progress.len(), 2);
    assert_eq!(record.progress[0].noted_on, day(2025, 9, 1));
    assert_eq!(record.progress[1].next_steps, "Flere frivillige");

    // A second measure with only a note; totals for both in one call.
    let other = candidate(store, &s, 2026).await;
    adopt(store, &s, other, 2026).await;
    store
        .record_progress(s.programme, other, &note, &s.actor)
        .await
        .unwrap();
    let totals = store.follow_up_totals(s.programme).await.unwrap();
    let of = |id| totals.iter().find(|t| t.measure_id == id).unwrap();
    assert_eq!(of(measure).spent.total(), 52_502);
    assert_eq!(of(measure).spent.grant, 40_002);
    assert_eq!(of(measure).last_progress, Some(day(2025, 9, 1)));
    assert_eq!(of(other).spent.total(), 0);
    assert_eq!(of(other).last_progress, Some(day(2025, 3, 2)));
    assert!(store.follow_up_totals(elsewhere).await.unwrap().is_empty());

    // Removing an entry: only the measure's own, in the programme.
    assert!(matches!(
        store
            .remove_spending(s.programme, other, first, &s.actor)
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .remove_spending(elsewhere, measure, first, &s.actor)
            .await,
        Err(StoreError::NotFound)
    ));
    store
        .remove_spending(s.programme, measure, first, &s.actor)
        .await
        .unwrap();
    assert!(matches!(
        store
            .remove_spending(s.programme, measure, first, &s.actor)
            .await,
        Err(StoreError::NotFound)
    ));
    let record = store.measure_record(s.programme, measure).await.unwrap();
    assert_eq!(record.spent().total(), 12_502);

    // A measure dropped before any adoption was never followed up.
    let never = candidate(store, &s, 2027).await;
    store
        .set_measure_status(never, MeasureStatus::Dropped, "Ikke nå", &s.actor)
        .await
        .unwrap();
    assert!(!store.measure(never).await.unwrap().unwrap().stopped);
    assert!(matches!(
        store
            .record_spending(s.programme, never, &entry, &s.actor)
            .await,
        Err(StoreError::NotAdopted)
    ));

    // A stopped measure keeps its record and still takes corrections.
    store
        .set_measure_status(
            measure,
            MeasureStatus::Dropped,
            "Lokalet forsvant",
            &s.actor,
        )
        .await
        .unwrap();
    assert!(store.measure(measure).await.unwrap().unwrap().stopped);
    store
        .record_spending(
            s.programme,
            measure,
            &spend(day(2025, 10, 1), FundingSource::CarriedOver, 1),
            &s.actor,
        )
        .await
        .unwrap();

    // Every change is in the audit trail, with what it said.
    let audit = store
        .audit_log(
            s.programme,
            &AuditFilter {
                action_prefix: "spending_".into(),
                limit: 50,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let details: Vec<_> = audit
        .iter()
        .map(|a| (a.action.as_str(), a.detail.as_str()))
        .collect();
    assert!(
        details.contains(&("spending_removed", "2025-03-01 grant 40000 kr")),
        "{details:?}"
    );
    assert_eq!(
        details
            .iter()
            .filter(|(a, _)| *a == "spending_recorded")
            .count(),
        4
    );
    let progress = store
        .audit_log(
            s.programme,
            &AuditFilter {
                action_prefix: "progress_".into(),
                limit: 50,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(progress.len(), 3);
}

async fn responsible(store: &dyn Store) {
    let s = setup(store).await;
    let measure = candidate(store, &s, 2025).await;
    let user = |email: &str| NewAccount {
        email: email.into(),
        display_name: format!("Navn {email}"),
        password_hash: "$argon2id$x".into(),
        operator: false,
    };
    // The set-up has no lead, and an account is deactivated only while one stays.
    store
        .create_member(s.programme, user("lead@test.no"), Role::Lead)
        .await
        .unwrap();
    let facilitator = store
        .create_member(s.programme, user("f@test.no"), Role::Facilitator)
        .await
        .unwrap();
    let viewer = store
        .create_member(s.programme, user("v@test.no"), Role::Viewer)
        .await
        .unwrap();
    let gone = store
        .create_member(s.programme, user("g@test.no"), Role::Facilitator)
        .await
        .unwrap();
    store.set_active(gone.id, false).await.unwrap();

    assert_eq!(
        store
            .measure_record(s.programme, measure)
            .await
            .unwrap()
            .responsible,
        None
    );
    store
        .set_responsible(s.programme, measure, Some(facilitator.id), &s.actor)
        .await
        .unwrap();
    let record = store.measure_record(s.programme, measure).await.unwrap();
    let r = record.responsible.unwrap();
    assert_eq!(
        (r.user_id, r.name.as_str()),
        (facilitator.id, "Navn f@test.no")
    );
    let totals = store.follow_up_totals(s.programme).await.unwrap();
    assert_eq!(
        totals[0].responsible.as_ref().unwrap().user_id,
        facilitator.id
    );

    // A viewer, an inactive or unknown account, or another programme: refused, unchanged.
    for who in [viewer.id, gone.id, Uuid::new_v4()] {
        assert!(matches!(
            store
                .set_responsible(s.programme, measure, Some(who), &s.actor)
                .await,
            Err(StoreError::NotFound)
        ));
    }
    assert!(matches!(
        store
            .set_responsible(Uuid::new_v4(), measure, None, &s.actor)
            .await,
        Err(StoreError::NotFound)
    ));
    let record = store.measure_record(s.programme, measure).await.unwrap();
    assert_eq!(record.responsible.unwrap().user_id, facilitator.id);

    store
        .set_responsible(s.programme, measure, None, &s.actor)
        .await
        .unwrap();
    assert_eq!(
        store
            .measure_record(s.programme, measure)
            .await
            .unwrap()
            .responsible,
        None
    );
    let audit = store
        .audit_log(
            s.programme,
            &AuditFilter {
                action_prefix: "responsible_".into(),
                limit: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let details: Vec<_> = audit.iter().map(|a| a.detail.as_str()).collect();
    assert_eq!(details, ["—", "Navn f@test.no"]);
}

async fn moves_on_a_revised_plan(store: &dyn Store) {
    let s = setup(store).await;
    let measure = candidate(store, &s, 2025).await;
    adopt(store, &s, measure, 2025).await;
    let (_, frozen) = store.plan(s.programme, 2025).await.unwrap();
    store
        .set_measure_status(measure, MeasureStatus::InProgress, "", &s.actor)
        .await
        .unwrap();
    assert_eq!(
        store.plan(s.programme, 2025).await.unwrap().1,
        frozen,
        "a frozen plan is not revised"
    );
    store
        .change_plan(s.programme, 2025, &PlanChange::Reopen, &s.actor)
        .await
        .unwrap();
    let (_, open) = store.plan(s.programme, 2025).await.unwrap();
    store
        .set_measure_status(measure, MeasureStatus::Dropped, "Ingen lokaler", &s.actor)
        .await
        .unwrap();
    assert_eq!(
        store.plan(s.programme, 2025).await.unwrap().1,
        open + 1,
        "stopping a measure of a plan being revised is a change an adoption must have seen"
    );
    let stopped = store.measure(measure).await.unwrap().unwrap();
    assert!(stopped.stopped);
    // Back to candidate, it is no longer a stopped measure.
    store
        .set_measure_status(measure, MeasureStatus::Candidate, "", &s.actor)
        .await
        .unwrap();
    assert!(!store.measure(measure).await.unwrap().unwrap().stopped);
}

async fn indicators_and_readings(store: &dyn Store) {
    let s = setup(store).await;
    let measure = candidate(store, &s, 2025).await;
    let elsewhere = Uuid::new_v4();
    let fields = |name: &str| IndicatorFields {
        name: name.into(),
        unit: "%".into(),
        baseline: Point {
            value: 58.0,
            on: day(2024, 3, 1),
        },
        target: Point {
            value: 75.5,
            on: day(2028, 12, 31),
        },
    };
    // Only on the programme's measures and goals.
    for of in [
        IndicatorOf::Measure(Uuid::new_v4()),
        IndicatorOf::Goal(Uuid::new_v4()),
    ] {
        assert!(matches!(
            store
                .add_indicator(s.programme, of, &fields("X"), &s.actor)
                .await,
            Err(StoreError::NotFound)
        ));
    }
    assert!(matches!(
        store
            .add_indicator(elsewhere, IndicatorOf::Goal(s.goal), &fields("X"), &s.actor)
            .await,
        Err(StoreError::NotFound)
    ));
    let walks = store
        .add_indicator(
            s.programme,
            IndicatorOf::Measure(measure),
            &fields("Vandringer"),
            &s.actor,
        )
        .await
        .unwrap();
    let safe = store
        .add_indicator(
            s.programme,
            IndicatorOf::Goal(s.goal),
            &fields("Trygge unge"),
            &s.actor,
        )
        .await
        .unwrap();
    assert_eq!(
        store.indicator_of(s.programme, safe).await.unwrap(),
        Some(IndicatorOf::Goal(s.goal))
    );
    assert_eq!(store.indicator_of(elsewhere, safe).await.unwrap(), None);

    let reading = |on, value| NewReading {
        measured_on: on,
        value,
        source: ReadingSource::Survey,
        link: "https://www.ungdata.no/".into(),
        note: "Ungdata".into(),
    };
    assert!(matches!(
        store
            .add_reading(elsewhere, safe, &reading(day(2025, 3, 1), 60.0), &s.actor)
            .await,
        Err(StoreError::NotFound)
    ));
    store
        .add_reading(
            s.programme,
            safe,
            &reading(day(2025, 11, 1), 64.25),
            &s.actor,
        )
        .await
        .unwrap();
    store
        .add_reading(s.programme, safe, &reading(day(2025, 3, 1), 61.0), &s.actor)
        .await
        .unwrap();
    store
        .add_reading(
            s.programme,
            walks,
            &reading(day(2025, 6, 1), 18.0),
            &s.actor,
        )
        .await
        .unwrap();

    let goals = store
        .indicators(s.programme, IndicatorScope::Goals)
        .await
        .unwrap();
    assert_eq!(goals.len(), 1);
    assert_eq!(goals[0].fields, fields("Trygge unge"));
    let values: Vec<f64> = goals[0].readings.iter().map(|r| r.value).collect();
    assert_eq!(values, [61.0, 64.25], "oldest first");
    assert_eq!(goals[0].readings[1].recorded_by, s.actor.name);
    let of_measure = store
        .indicators(
            s.programme,
            IndicatorScope::Of(IndicatorOf::Measure(measure)),
        )
        .await
        .unwrap();
    assert_eq!((of_measure.len(), of_measure[0].readings.len()), (1, 1));
    assert_eq!(
        store
            .indicators(s.programme, IndicatorScope::Programme)
            .await
            .unwrap()
            .len(),
        2
    );
    assert!(store
        .indicators(elsewhere, IndicatorScope::Programme)
        .await
        .unwrap()
        .is_empty());

    // Removing takes the readings with it; another programme's removal changes nothing.
    assert!(matches!(
        store.remove_indicator(elsewhere, safe, &s.actor).await,
        Err(StoreError::NotFound)
    ));
    store
        .remove_indicator(s.programme, safe, &s.actor)
        .await
        .unwrap();
    assert!(store
        .indicators(s.programme, IndicatorScope::Goals)
        .await
        .unwrap()
        .is_empty());
    assert!(matches!(
        store
            .add_reading(s.programme, safe, &reading(day(2025, 3, 1), 1.0), &s.actor)
            .await,
        Err(StoreError::NotFound)
    ));
    let audit = store
        .audit_log(
            s.programme,
            &AuditFilter {
                limit: 50,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let actions: Vec<_> = audit
        .iter()
        .filter(|a| a.subject_id == s.goal)
        .map(|a| a.action.as_str())
        .collect();
    assert_eq!(
        actions,
        [
            "indicator_removed",
            "reading_recorded",
            "reading_recorded",
            "indicator_added"
        ]
    );
}

async fn carry_over(store: &dyn Store) {
    let s = setup(store).await;
    assert!(store.carry_over(s.programme, 2026).await.unwrap().is_none());
    store
        .confirm_carry_over(s.programme, 2026, 18_300, &s.actor)
        .await
        .unwrap();
    // Confirmed again: replaced, not added.
    store
        .confirm_carry_over(s.programme, 2026, 20_000, &s.actor)
        .await
        .unwrap();
    let c = store.carry_over(s.programme, 2026).await.unwrap().unwrap();
    assert_eq!((c.year, c.amount_nok), (2026, 20_000));
    assert_eq!(c.confirmed_by, s.actor.name);
    assert!(store.carry_over(s.programme, 2027).await.unwrap().is_none());
    let elsewhere = Uuid::new_v4();
    assert!(store.carry_over(elsewhere, 2026).await.unwrap().is_none());
    assert!(matches!(
        store.confirm_carry_over(elsewhere, 2026, 1, &s.actor).await,
        Err(StoreError::NotFound)
    ));
    let audit = store
        .audit_log(
            s.programme,
            &AuditFilter {
                action_prefix: "plan_carry_over".into(),
                limit: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let details: Vec<&str> = audit.iter().map(|e| e.detail.as_str()).collect();
    assert_eq!(details, ["2026: 20000 kr", "2026: 18300 kr"]);
}

async fn turnout(store: &dyn Store) {
    let s = setup(store).await;
    let turnout = store.turnout(s.programme).await.unwrap();
    assert_eq!(turnout.len(), 1);
    assert_eq!(turnout[0].workshop_id, s.workshop);
    assert_eq!((turnout[0].participants, turnout[0].young), (2, 1));
    assert_eq!(
        turnout[0].youth_share(),
        None,
        "one young person is too few to show"
    );
    assert!(store.turnout(Uuid::new_v4()).await.unwrap().is_empty());
}

on_both_backends!(
    spending_progress_and_totals_conform => spending_progress_and_totals,
    responsible_conforms => responsible,
    follow_up_moves_on_a_revised_plan_count => moves_on_a_revised_plan,
    indicators_and_readings_conform => indicators_and_readings,
    turnout_conforms => turnout,
    carry_over_conforms => carry_over,
);
