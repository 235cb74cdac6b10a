//! Demo data for reporting: the 2025 annual report to the ministry, with the
//! municipality's own text in three sections, frozen as version 1 by the demo lead, so
//! the demo shows a programme that has reported on its first year.
use samskap_domain::account::model::User;
use samskap_domain::report::model::{ReportKind, SectionKey};
use samskap_domain::store::actor::Actor;
use samskap_domain::store::report_store::NewReport;
use samskap_domain::store::{Store, StoreError};

const YEAR: i32 = 2025;

/// Creates and freezes the 2025 annual report.
pub async fn seed(store: &dyn Store, programme: uuid::Uuid, lead: &User) -> Result<(), StoreError> {
    let Some(programme) = store.programme(programme).await? else {
        return Ok(());
    };
    let actor = Actor {
        id: lead.id,
        name: lead.display_name.clone(),
    };
    let (from, to) = ReportKind::Annual.default_period(YEAR, None, crate::demo_plan::day(12, 31));
    let report = NewReport {
        kind: ReportKind::Annual,
        year: YEAR,
        from,
        to,
    };
    let id = store.create_report(programme.id, &report, &actor).await?;
    let texts = [
        (
            SectionKey::Summary,
            "Første år med tiltak i sentrum. Natteravnene kom i gang i mars og gikk hver fredag og lørdag ut året.",
        ),
        (
            SectionKey::Learning,
            "Ungdommene vi testet med ville ha voksne til stede, men ikke voksne som passer på. Det ble førende for hvordan natteravnene går.",
        ),
        (
            SectionKey::OrdinaryServices,
            "Natteravnene foreslås videreført med koordinator i Frivilligsentralen fra 2027.",
        ),
    ];
    for (section, text) in texts {
        store
            .save_report_text(programme.id, id, section, text, &actor)
            .await?;
    }
    let (report, texts) = store
        .report(programme.id, id)
        .await?
        .ok_or(StoreError::NotFound)?;
    let document = samskap_app::report::build::draft(store, &programme, &report, &texts)
        .await
        .map_err(|e| StoreError::Backend(format!("demo report: {e}")))?;
    store
        .freeze_report(programme.id, id, 1, &document, &actor)
        .await?;
    Ok(())
}
