//! Loads what a report is generated from (six reads, whatever its size) and builds its
//! draft document; used by the report page, its exports and freezing.
use super::figures::Sources;
use crate::error::AppError;
use samskap_domain::programme::model::Programme;
use samskap_domain::report::model::{Report, ReportDocument, SectionKey};
use samskap_domain::store::follow_up_store::IndicatorScope;
use samskap_domain::store::plan_store::AuditFilter;
use samskap_domain::store::Store;
use uuid::Uuid;

/// The most status moves read for a report's period (newest first); beyond them the
/// oldest are left out and the report says so.
pub const MAX_STATUS_MOVES: u32 = 5000;

/// The report's draft: generated from today's records, with its sections' `texts`.
pub async fn draft(
    store: &dyn Store,
    programme: &Programme,
    report: &Report,
    texts: &[(SectionKey, String)],
) -> Result<ReportDocument, AppError> {
    let id = programme.id;
    let measures = store.measures(id).await?;
    let ledger = store.spending_ledger(id).await?;
    let notes = store.progress_notes(id).await?;
    let indicators = store.indicators(id, IndicatorScope::Programme).await?;
    let turnout = store.turnout(id).await?;
    let filter = AuditFilter {
        action_prefix: "measure_status".into(),
        // A day either side: the filter's days are UTC, the report's Norwegian.
        from: report.from.pred_opt(),
        to: report.to.succ_opt(),
        limit: MAX_STATUS_MOVES,
        ..Default::default()
    };
    let ours: std::collections::HashSet<Uuid> = measures.iter().map(|m| m.id).collect();
    let moves = store.audit_log(id, &filter).await?;
    let moves_cut = moves.len() >= MAX_STATUS_MOVES as usize;
    let mut status_moves: Vec<_> = moves
        .into_iter()
        .filter(|e| ours.contains(&e.subject_id))
        .collect();
    status_moves.reverse();
    let src = Sources {
        programme,
        measures: &measures,
        ledger: &ledger,
        notes: &notes,
        indicators: &indicators,
        turnout: &turnout,
        status_moves: &status_moves,
        moves_cut,
        today: crate::ui::time::oslo_today(),
    };
    Ok(super::sections::document(report, &src, texts))
}

/// The programme's report `id` with its texts, or `NotFound`.
pub async fn report(
    store: &dyn Store,
    programme: Uuid,
    id: Uuid,
) -> Result<(Report, Vec<(SectionKey, String)>), AppError> {
    store.report(programme, id).await?.ok_or(AppError::NotFound)
}
