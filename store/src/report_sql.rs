//! `ReportStore`'s SQL as constants and its rows as plain types and functions
//! (`calls/report.rs` binds and runs them on each backend's pool).
use samskap_domain::report::model::{
    Report, ReportDocument, ReportVersion, SectionKey, VersionInfo,
};
use samskap_domain::store::StoreError;
use uuid::Uuid;

pub(crate) const INSERT_REPORT: &str =
    "INSERT INTO reports (id, programme_id, kind, year, period_from, period_to, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";

const REPORT_COLUMNS: &str =
    "SELECT id, kind, year, period_from, period_to, created_by, created_at, versions FROM reports";

pub(crate) fn reports_of_programme() -> String {
    format!("{REPORT_COLUMNS} WHERE programme_id = $1 ORDER BY period_to DESC, created_at DESC")
}

pub(crate) fn report_of_programme() -> String {
    format!("{REPORT_COLUMNS} WHERE id = $1 AND programme_id = $2")
}

pub(crate) const TEXTS_OF_REPORT: &str =
    "SELECT t.section, t.body FROM report_texts t JOIN reports r ON r.id = t.report_id
     WHERE t.report_id = $1 AND r.programme_id = $2";

/// Writes section `$2` of report `$1` if the report is programme `$6`'s.
pub(crate) const UPSERT_TEXT: &str =
    "INSERT INTO report_texts (report_id, section, body, updated_by, updated_at)
     SELECT r.id, $2, $3, $4, $5 FROM reports r WHERE r.id = $1 AND r.programme_id = $6
     ON CONFLICT (report_id, section) DO UPDATE
       SET body = excluded.body, updated_by = excluded.updated_by, updated_at = excluded.updated_at";

/// Claims version `$3` of the report, if it is the next; no row: not the programme's,
/// or taken.
pub(crate) const CLAIM_VERSION: &str =
    "UPDATE reports SET versions = versions + 1 WHERE id = $1 AND programme_id = $2 AND versions + 1 = $3";

pub(crate) const REPORT_EXISTS: &str = "SELECT 1 FROM reports WHERE id = $1 AND programme_id = $2";

pub(crate) const INSERT_VERSION: &str =
    "INSERT INTO report_versions (report_id, version, frozen_at, frozen_by, document) VALUES ($1, $2, $3, $4, $5)";

pub(crate) const VERSIONS_OF_REPORT: &str =
    "SELECT v.version, v.frozen_at, v.frozen_by FROM report_versions v
     JOIN reports r ON r.id = v.report_id
     WHERE v.report_id = $1 AND r.programme_id = $2 ORDER BY v.version";

pub(crate) const ONE_VERSION: &str =
    "SELECT v.version, v.frozen_at, v.frozen_by, v.document FROM report_versions v
     JOIN reports r ON r.id = v.report_id
     WHERE v.report_id = $1 AND r.programme_id = $2 AND v.version = $3";

pub(crate) const LEDGER: &str =
    "SELECT s.id, s.measure_id, s.spent_on, s.source, s.amount_nok, s.note, s.recorded_by, s.recorded_at
     FROM measure_spending s JOIN measures m ON m.id = s.measure_id
     WHERE m.programme_id = $1 ORDER BY s.spent_on, s.recorded_at";

pub(crate) const NOTES: &str =
    "SELECT p.id, p.measure_id, p.noted_on, p.done, p.results, p.barriers, p.next_steps, p.recorded_by, p.recorded_at
     FROM measure_progress p JOIN measures m ON m.id = p.measure_id
     WHERE m.programme_id = $1 ORDER BY p.noted_on, p.recorded_at";

#[derive(sqlx::FromRow)]
pub(crate) struct ReportRow {
    id: Uuid,
    kind: String,
    year: i32,
    period_from: chrono::NaiveDate,
    period_to: chrono::NaiveDate,
    created_by: String,
    created_at: chrono::DateTime<chrono::Utc>,
    versions: i32,
}

impl ReportRow {
    pub(crate) fn into_report(self) -> Result<Report, StoreError> {
        Ok(Report {
            id: self.id,
            kind: self
                .kind
                .parse()
                .map_err(|_| StoreError::Backend(format!("unknown report kind {:?}", self.kind)))?,
            year: self.year,
            from: self.period_from,
            to: self.period_to,
            created_by: self.created_by,
            created_at: self.created_at,
            versions: self.versions.max(0) as u32,
        })
    }
}

/// Section texts as stored; a section this version does not know is left out.
pub(crate) fn texts(rows: Vec<(String, String)>) -> Vec<(SectionKey, String)> {
    rows.into_iter()
        .filter_map(|(key, body)| Some((key.parse().ok()?, body)))
        .collect()
}

#[derive(sqlx::FromRow)]
pub(crate) struct VersionRow {
    version: i32,
    frozen_at: chrono::DateTime<chrono::Utc>,
    frozen_by: String,
    document: String,
}

impl VersionRow {
    pub(crate) fn into_version(self) -> Result<ReportVersion, StoreError> {
        Ok(ReportVersion {
            version: self.version.max(0) as u32,
            frozen_at: self.frozen_at,
            frozen_by: self.frozen_by,
            document: serde_json::from_str(&self.document)
                .map_err(|e| StoreError::Backend(format!("report document: {e}")))?,
        })
    }
}

pub(crate) fn version_info(row: (i32, chrono::DateTime<chrono::Utc>, String)) -> VersionInfo {
    VersionInfo {
        version: row.0.max(0) as u32,
        frozen_at: row.1,
        frozen_by: row.2,
    }
}

/// `document` stamped as version `version`, frozen by `by` at `at`, as JSON.
pub(crate) fn frozen_json(
    document: &ReportDocument,
    version: u32,
    at: chrono::DateTime<chrono::Utc>,
    by: &str,
) -> Result<String, StoreError> {
    let mut document = document.clone();
    document.frozen = Some(samskap_domain::report::model::Frozen {
        version,
        at,
        by: by.to_string(),
    });
    serde_json::to_string(&document).map_err(|e| StoreError::Backend(format!("report: {e}")))
}
