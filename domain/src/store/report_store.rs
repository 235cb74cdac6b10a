//! The storage contract of reports: each report's kind and period, its sections' free
//! text, its frozen versions, and the whole spending ledger and progress notes it is
//! generated from. Part of `Store`; every call names the programme, and the report is
//! checked against it in the statement that uses it.
use super::actor::Actor;
use super::store_error::StoreResult;
use crate::follow_up::model::{ProgressNote, Spending};
use crate::report::model::{
    Report, ReportDocument, ReportKind, ReportVersion, SectionKey, VersionInfo,
};
use chrono::NaiveDate;
use uuid::Uuid;

/// A report to create (already checked: `from` ≤ `to`, within the programme's years).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReport {
    pub kind: ReportKind,
    pub year: i32,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

#[async_trait::async_trait]
pub trait ReportStore: Send + Sync {
    /// Creates a report with empty sections. Audited.
    async fn create_report(
        &self,
        programme: Uuid,
        report: &NewReport,
        actor: &Actor,
    ) -> StoreResult<Uuid>;
    /// The programme's reports, newest period first.
    async fn reports(&self, programme: Uuid) -> StoreResult<Vec<Report>>;
    /// One report of the programme with its sections' text; `None` for another's.
    async fn report(
        &self,
        programme: Uuid,
        report: Uuid,
    ) -> StoreResult<Option<(Report, Vec<(SectionKey, String)>)>>;
    /// Replaces one section's text. `NotFound` for a report outside `programme`. Audited.
    async fn save_report_text(
        &self,
        programme: Uuid,
        report: Uuid,
        section: SectionKey,
        text: &str,
        actor: &Actor,
    ) -> StoreResult<()>;
    /// Freezes `document` as version `version` of the report, stamped with the version,
    /// the time and `actor`, if that is its next version (`VersionTaken` when another
    /// request froze it first: a second click, say). `NotFound` for a report outside
    /// `programme`. Audited.
    async fn freeze_report(
        &self,
        programme: Uuid,
        report: Uuid,
        version: u32,
        document: &ReportDocument,
        actor: &Actor,
    ) -> StoreResult<()>;
    /// The report's frozen versions, oldest first, without their documents; empty for
    /// another programme's.
    async fn report_versions(&self, programme: Uuid, report: Uuid)
        -> StoreResult<Vec<VersionInfo>>;
    /// One frozen version with its document; `None` for none or another programme's.
    async fn report_version(
        &self,
        programme: Uuid,
        report: Uuid,
        version: u32,
    ) -> StoreResult<Option<ReportVersion>>;
    /// Every spending entry of the programme, by date, in one read.
    async fn spending_ledger(&self, programme: Uuid) -> StoreResult<Vec<Spending>>;
    /// Every progress note of the programme, by date, in one read.
    async fn progress_notes(&self, programme: Uuid) -> StoreResult<Vec<ProgressNote>>;
}
