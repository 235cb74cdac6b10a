//! `ReportStore` for both backends: the SQL as constants and the rows as plain types
//! and functions here; the macro only binds and runs them for each backend's pool.
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

/// Implements `ReportStore` for `$store` (a struct of the parent module with a concrete
/// sqlx `pool`).
macro_rules! impl_report_store {
    ($store:ident) => {
        mod report_store_impl {
            use super::super::follow_up_sql::{ProgressRow, SpendingRow};
            use super::super::report_sql::*;
            use super::super::rows::now;
            use samskap_domain::follow_up::model::{ProgressNote, Spending};
            use samskap_domain::report::model::*;
            use samskap_domain::store::actor::Actor;
            use samskap_domain::store::report_store::*;
            use samskap_domain::store::{StoreError, StoreResult};
            use uuid::Uuid;

            #[async_trait::async_trait]
            impl ReportStore for super::$store {
                async fn create_report(
                    &self,
                    programme: Uuid,
                    report: &NewReport,
                    actor: &Actor,
                ) -> StoreResult<Uuid> {
                    let mut tx = self.pool.begin().await?;
                    let id = Uuid::new_v4();
                    sqlx::query(INSERT_REPORT)
                        .bind(id)
                        .bind(programme)
                        .bind(report.kind.as_str())
                        .bind(report.year)
                        .bind(report.from)
                        .bind(report.to)
                        .bind(&actor.name)
                        .bind(now())
                        .execute(&mut *tx)
                        .await?;
                    let detail = format!("{} {}–{}", report.kind.as_str(), report.from, report.to);
                    audit!(&mut tx, actor, "report_created", "report", id, detail);
                    tx.commit().await?;
                    Ok(id)
                }

                async fn reports(&self, programme: Uuid) -> StoreResult<Vec<Report>> {
                    sqlx::query_as::<_, ReportRow>(&reports_of_programme())
                        .bind(programme)
                        .fetch_all(&self.pool)
                        .await?
                        .into_iter()
                        .map(ReportRow::into_report)
                        .collect()
                }

                async fn report(
                    &self,
                    programme: Uuid,
                    report: Uuid,
                ) -> StoreResult<Option<(Report, Vec<(SectionKey, String)>)>> {
                    let Some(row) = sqlx::query_as::<_, ReportRow>(&report_of_programme())
                        .bind(report)
                        .bind(programme)
                        .fetch_optional(&self.pool)
                        .await?
                    else {
                        return Ok(None);
                    };
                    let rows: Vec<(String, String)> = sqlx::query_as(TEXTS_OF_REPORT)
                        .bind(report)
                        .bind(programme)
                        .fetch_all(&self.pool)
                        .await?;
                    Ok(Some((row.into_report()?, texts(rows))))
                }

                async fn save_report_text(
                    &self,
                    programme: Uuid,
                    report: Uuid,
                    section: SectionKey,
                    text: &str,
                    actor: &Actor,
                ) -> StoreResult<()> {
                    let mut tx = self.pool.begin().await?;
                    let saved = sqlx::query(UPSERT_TEXT)
                        .bind(report)
                        .bind(section.as_str())
                        .bind(text)
                        .bind(&actor.name)
                        .bind(now())
                        .bind(programme)
                        .execute(&mut *tx)
                        .await?;
                    if saved.rows_affected() == 0 {
                        return Err(StoreError::NotFound);
                    }
                    let detail = format!("{}: {} tegn", section.as_str(), text.chars().count());
                    audit!(
                        &mut tx,
                        actor,
                        "report_text_saved",
                        "report",
                        report,
                        detail
                    );
                    tx.commit().await?;
                    Ok(())
                }

                async fn freeze_report(
                    &self,
                    programme: Uuid,
                    report: Uuid,
                    version: u32,
                    document: &ReportDocument,
                    actor: &Actor,
                ) -> StoreResult<()> {
                    let version = i32::try_from(version).map_err(|_| StoreError::VersionTaken)?;
                    let mut tx = self.pool.begin().await?;
                    let claimed = sqlx::query(CLAIM_VERSION)
                        .bind(report)
                        .bind(programme)
                        .bind(version)
                        .execute(&mut *tx)
                        .await?;
                    if claimed.rows_affected() == 0 {
                        let exists: Option<i32> = sqlx::query_scalar(REPORT_EXISTS)
                            .bind(report)
                            .bind(programme)
                            .fetch_optional(&mut *tx)
                            .await?;
                        return Err(match exists {
                            Some(_) => StoreError::VersionTaken,
                            None => StoreError::NotFound,
                        });
                    }
                    let at = now();
                    let json = frozen_json(document, version as u32, at, &actor.name)?;
                    sqlx::query(INSERT_VERSION)
                        .bind(report)
                        .bind(version)
                        .bind(at)
                        .bind(&actor.name)
                        .bind(json)
                        .execute(&mut *tx)
                        .await?;
                    let detail = format!("versjon {version}");
                    audit!(&mut tx, actor, "report_frozen", "report", report, detail);
                    tx.commit().await?;
                    Ok(())
                }

                async fn report_versions(
                    &self,
                    programme: Uuid,
                    report: Uuid,
                ) -> StoreResult<Vec<VersionInfo>> {
                    let rows: Vec<(i32, chrono::DateTime<chrono::Utc>, String)> =
                        sqlx::query_as(VERSIONS_OF_REPORT)
                            .bind(report)
                            .bind(programme)
                            .fetch_all(&self.pool)
                            .await?;
                    Ok(rows.into_iter().map(version_info).collect())
                }

                async fn report_version(
                    &self,
                    programme: Uuid,
                    report: Uuid,
                    version: u32,
                ) -> StoreResult<Option<ReportVersion>> {
                    let Ok(version) = i32::try_from(version) else {
                        return Ok(None);
                    };
                    sqlx::query_as::<_, VersionRow>(ONE_VERSION)
                        .bind(report)
                        .bind(programme)
                        .bind(version)
                        .fetch_optional(&self.pool)
                        .await?
                        .map(VersionRow::into_version)
                        .transpose()
                }

                async fn spending_ledger(&self, programme: Uuid) -> StoreResult<Vec<Spending>> {
                    sqlx::query_as::<_, SpendingRow>(LEDGER)
                        .bind(programme)
                        .fetch_all(&self.pool)
                        .await?
                        .into_iter()
                        .map(SpendingRow::into_spending)
                        .collect()
                }

                async fn progress_notes(&self, programme: Uuid) -> StoreResult<Vec<ProgressNote>> {
                    Ok(sqlx::query_as::<_, ProgressRow>(NOTES)
                        .bind(programme)
                        .fetch_all(&self.pool)
                        .await?
                        .into_iter()
                        .map(ProgressNote::from)
                        .collect())
                }
            }
        }
    };
}
