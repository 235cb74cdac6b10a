//! Reports, their notes and frozen versions (`ReportStore`).
use super::audit::audit;
use crate::follow_up_sql::{ProgressRow, SpendingRow};
use crate::report_sql::*;
use crate::rows::now;
use samskap_domain::follow_up::model::{ProgressNote, Spending};
use samskap_domain::report::model::*;
use samskap_domain::store::actor::Actor;
use samskap_domain::store::report_store::*;
use samskap_domain::store::{StoreError, StoreResult};
use uuid::Uuid;

#[async_trait::async_trait]
impl ReportStore for super::StoreImpl {
    async fn create_report(
        &self,
        programme: Uuid,
        report: &NewReport,
        actor: &Actor,
    ) -> StoreResult<Uuid> {
        let mut tx = self.begin_write().await?;
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
        audit(&mut tx, actor, "report_created", "report", id, detail).await?;
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
        let mut tx = self.begin_write().await?;
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
        audit(
            &mut tx,
            actor,
            "report_text_saved",
            "report",
            report,
            detail,
        )
        .await?;
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
        let mut tx = self.begin_write().await?;
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
        audit(&mut tx, actor, "report_frozen", "report", report, detail).await?;
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
