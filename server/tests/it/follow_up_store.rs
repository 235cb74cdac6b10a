//! Store conformance for following measures up (responsible, spending, progress notes,
//! totals, refusals, the audit trail), run against SQLite and PostgreSQL.
use crate::plan_store::{card, day, empty_snapshot, fields, setup, Setup};
use samskap_app::account::model::Role;
use samskap_app::follow_up::model::FundingSource;
use samskap_app::plan::model::{Adoption, MeasureStatus};
use samskap_app::server::follow_up_store::{NewProgress, NewSpending};
use samskap_app::server::plan_store::{AuditFilter, PlanChange, Promotion};
use samskap_app::server::store::{NewUser, Store, StoreError};
use samskap_app::workshop::model::CardKind;
use uuid::Uuid;

/// A measure of `year` promoted from a new idea (a candidate).
async fn candidate(store: &dyn Store, s: &Setup, year: i32) -> Uuid {
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
async fn adopt(store: &dyn Store, s: &Setup, measure: Uuid, year: i32) {
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

fn spend(spent_on: chrono::NaiveDate, source: FundingSource, amount_nok: i64) -> NewSpending {
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
        .audit_log(&AuditFilter {
            action_prefix: "spending_".into(),
            limit: 50,
            ..Default::default()
        })
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
        .audit_log(&AuditFilter {
            action_prefix: "progress_".into(),
            limit: 50,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(progress.len(), 3);
}

async fn responsible(store: &dyn Store) {
    let s = setup(store).await;
    let measure = candidate(store, &s, 2025).await;
    let user = |email: &str, role| NewUser {
        email: email.into(),
        display_name: format!("Navn {email}"),
        role,
        password_hash: "$argon2id$x".into(),
    };
    // The set-up has no lead, and an account is deactivated only while one stays.
    store
        .create_user(user("lead@test.no", Role::Lead))
        .await
        .unwrap();
    let facilitator = store
        .create_user(user("f@test.no", Role::Facilitator))
        .await
        .unwrap();
    let viewer = store
        .create_user(user("v@test.no", Role::Viewer))
        .await
        .unwrap();
    let gone = store
        .create_user(user("g@test.no", Role::Facilitator))
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
        .audit_log(&AuditFilter {
            action_prefix: "responsible_".into(),
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    let details: Vec<_> = audit.iter().map(|a| a.detail.as_str()).collect();
    assert_eq!(details, ["—", "Navn f@test.no"]);
}

on_both_backends!(
    spending_progress_and_totals_conform => spending_progress_and_totals,
    responsible_conforms => responsible,
);
