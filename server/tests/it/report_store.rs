//! Store conformance for reports (creating, section texts, freezing versions, the
//! ledger and notes they are generated from, another programme's refused, the audit
//! trail), run against SQLite and PostgreSQL.
use crate::follow_up_store::{adopt, candidate, spend};
use crate::plan_store::{day, setup};
use samskap_domain::follow_up::model::FundingSource;
use samskap_domain::report::model::{ReportKind, SectionKey};
use samskap_domain::store::follow_up_store::NewProgress;
use samskap_domain::store::plan_store::AuditFilter;
use samskap_domain::store::report_store::NewReport;
use samskap_domain::store::{Store, StoreError};
use uuid::Uuid;

async fn reports_conform(store: &dyn Store) {
    let s = setup(store).await;
    let programme = store.programme(s.programme).await.unwrap().unwrap();
    let measure = candidate(store, &s, 2025).await;
    adopt(store, &s, measure, 2025).await;
    for (d, source, amount) in [
        (day(2025, 6, 1), FundingSource::Municipality, 12_500),
        (day(2025, 3, 1), FundingSource::Grant, 40_000),
    ] {
        store
            .record_spending(s.programme, measure, &spend(d, source, amount), &s.actor)
            .await
            .unwrap();
    }
    let note = NewProgress {
        noted_on: day(2025, 4, 2),
        done: "Åpnet kafeen".into(),
        results: "30 kom".into(),
        barriers: "Lokalet stenger kl. 20".into(),
        next_steps: String::new(),
    };
    store
        .record_progress(s.programme, measure, &note, &s.actor)
        .await
        .unwrap();

    // The ledger and the notes, by date.
    let ledger = store.spending_ledger(s.programme).await.unwrap();
    assert_eq!(
        ledger.iter().map(|e| e.amount_nok).collect::<Vec<_>>(),
        [40_000, 12_500]
    );
    assert!(store
        .spending_ledger(Uuid::new_v4())
        .await
        .unwrap()
        .is_empty());
    assert_eq!(store.progress_notes(s.programme).await.unwrap().len(), 1);

    let new = NewReport {
        kind: ReportKind::Annual,
        year: 2025,
        from: day(2025, 1, 1),
        to: day(2025, 12, 31),
    };
    let id = store
        .create_report(s.programme, &new, &s.actor)
        .await
        .unwrap();
    let listed = store.reports(s.programme).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(
        (
            listed[0].kind,
            listed[0].from,
            listed[0].to,
            listed[0].versions
        ),
        (ReportKind::Annual, new.from, new.to, 0)
    );
    assert!(store.reports(Uuid::new_v4()).await.unwrap().is_empty());

    // Texts: written, replaced, read back; another programme's report is not found.
    for text in ["Første utkast", "Andre utkast, med č đ ŋ š ŧ ž"] {
        store
            .save_report_text(s.programme, id, SectionKey::Summary, text, &s.actor)
            .await
            .unwrap();
    }
    let (_, texts) = store.report(s.programme, id).await.unwrap().unwrap();
    assert_eq!(
        texts,
        [(
            SectionKey::Summary,
            "Andre utkast, med č đ ŋ š ŧ ž".to_string()
        )]
    );
    let elsewhere = Uuid::new_v4();
    assert!(store.report(elsewhere, id).await.unwrap().is_none());
    assert!(matches!(
        store
            .save_report_text(elsewhere, id, SectionKey::Summary, "x", &s.actor)
            .await,
        Err(StoreError::NotFound)
    ));

    // Freezing: numbered versions, each the document as it was, stamped.
    let (report, texts) = store.report(s.programme, id).await.unwrap().unwrap();
    let draft = samskap_app::report::build::draft(store, &programme, &report, &texts)
        .await
        .unwrap();
    assert_eq!(draft.figures.spent.total(), 52_500);
    store
        .freeze_report(s.programme, id, 1, &draft, &s.actor)
        .await
        .unwrap();
    // A second click, or another planner first: that version is taken; none skipped.
    for taken in [1, 3] {
        assert!(matches!(
            store
                .freeze_report(s.programme, id, taken, &draft, &s.actor)
                .await,
            Err(StoreError::VersionTaken)
        ));
    }
    store
        .save_report_text(
            s.programme,
            id,
            SectionKey::Summary,
            "Etter frysing",
            &s.actor,
        )
        .await
        .unwrap();
    store
        .freeze_report(s.programme, id, 2, &draft, &s.actor)
        .await
        .unwrap();
    assert!(matches!(
        store
            .freeze_report(elsewhere, id, 3, &draft, &s.actor)
            .await,
        Err(StoreError::NotFound)
    ));
    let versions = store.report_versions(s.programme, id).await.unwrap();
    assert_eq!(
        versions.iter().map(|v| v.version).collect::<Vec<_>>(),
        [1, 2]
    );
    assert_eq!(versions[0].frozen_by, s.actor.name);
    let first = store
        .report_version(s.programme, id, 1)
        .await
        .unwrap()
        .unwrap()
        .document;
    assert_eq!(first.frozen.as_ref().unwrap().version, 1);
    assert_eq!(first.frozen.as_ref().unwrap().by, s.actor.name);
    assert_eq!(first.sections[0].text, "Andre utkast, med č đ ŋ š ŧ ž");
    assert_eq!(first.figures, draft.figures);
    assert!(store
        .report_version(s.programme, id, 3)
        .await
        .unwrap()
        .is_none());
    assert!(store
        .report_version(elsewhere, id, 1)
        .await
        .unwrap()
        .is_none());
    assert!(store
        .report_versions(elsewhere, id)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(store.reports(s.programme).await.unwrap()[0].versions, 2);

    // Each change is in the audit trail.
    let audit = store
        .audit_log(
            s.programme,
            &AuditFilter {
                action_prefix: "report_".into(),
                limit: 50,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let mut actions: Vec<&str> = audit.iter().map(|e| e.action.as_str()).collect();
    actions.sort();
    assert_eq!(
        actions,
        [
            "report_created",
            "report_frozen",
            "report_frozen",
            "report_text_saved",
            "report_text_saved",
            "report_text_saved"
        ]
    );
    assert!(audit.iter().all(|e| e.subject_id == id));
}

on_both_backends!(reports_conform_on => reports_conform);
