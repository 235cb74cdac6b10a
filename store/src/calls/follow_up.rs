//! Spending, progress notes, indicators and the carry-over (`FollowUpStore`).
use super::audit::audit;
use crate::follow_up_sql::*;
use crate::indicator_sql::*;
use crate::rows::now;
use samskap_domain::follow_up::indicator::*;
use samskap_domain::follow_up::model::*;
use samskap_domain::store::actor::Actor;
use samskap_domain::store::follow_up_store::*;
use samskap_domain::store::{StoreError, StoreResult};
use uuid::Uuid;

#[async_trait::async_trait]
impl FollowUpStore for super::StoreImpl {
    async fn record_spending(
        &self,
        programme: Uuid,
        measure: Uuid,
        entry: &NewSpending,
        actor: &Actor,
    ) -> StoreResult<Uuid> {
        let mut tx = self.begin_write().await?;
        claim_followed(&mut tx, measure, programme).await?;
        let id = Uuid::new_v4();
        sqlx::query(INSERT_SPENDING)
            .bind(id)
            .bind(measure)
            .bind(entry.spent_on)
            .bind(entry.source.as_str())
            .bind(entry.amount_nok)
            .bind(&entry.note)
            .bind(&actor.name)
            .bind(now())
            .bind(programme)
            .execute(&mut *tx)
            .await?;
        let detail = spending_detail(entry.spent_on, entry.source, entry.amount_nok);
        audit(
            &mut tx,
            actor,
            "spending_recorded",
            "measure",
            measure,
            detail,
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn remove_spending(
        &self,
        programme: Uuid,
        measure: Uuid,
        entry: Uuid,
        actor: &Actor,
    ) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        let removed: Option<(chrono::NaiveDate, String, i64)> = sqlx::query_as(DELETE_SPENDING)
            .bind(entry)
            .bind(measure)
            .bind(programme)
            .fetch_optional(&mut *tx)
            .await?;
        let (day, source_name, amount) = removed.ok_or(StoreError::NotFound)?;
        let detail = spending_detail(day, source(&source_name)?, amount);
        audit(
            &mut tx,
            actor,
            "spending_removed",
            "measure",
            measure,
            detail,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn record_progress(
        &self,
        programme: Uuid,
        measure: Uuid,
        note: &NewProgress,
        actor: &Actor,
    ) -> StoreResult<Uuid> {
        let mut tx = self.begin_write().await?;
        claim_followed(&mut tx, measure, programme).await?;
        let id = Uuid::new_v4();
        sqlx::query(INSERT_PROGRESS)
            .bind(id)
            .bind(measure)
            .bind(note.noted_on)
            .bind(&note.done)
            .bind(&note.results)
            .bind(&note.barriers)
            .bind(&note.next_steps)
            .bind(&actor.name)
            .bind(now())
            .bind(programme)
            .execute(&mut *tx)
            .await?;
        audit(
            &mut tx,
            actor,
            "progress_recorded",
            "measure",
            measure,
            note.noted_on.to_string(),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn set_responsible(
        &self,
        programme: Uuid,
        measure: Uuid,
        user: Option<Uuid>,
        actor: &Actor,
    ) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        let set = sqlx::query(SET_RESPONSIBLE)
            .bind(user)
            .bind(measure)
            .bind(programme)
            .execute(&mut *tx)
            .await?;
        if set.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        let name: Option<String> = match user {
            Some(user) => {
                sqlx::query_scalar(USER_NAME)
                    .bind(user)
                    .fetch_optional(&mut *tx)
                    .await?
            }
            None => None,
        };
        audit(
            &mut tx,
            actor,
            "responsible_set",
            "measure",
            measure,
            name.unwrap_or_else(|| "—".into()),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn measure_record(&self, programme: Uuid, measure: Uuid) -> StoreResult<MeasureRecord> {
        let responsible: Option<(Uuid, Uuid, String)> = sqlx::query_as(RESPONSIBLES)
            .bind(programme)
            .bind(Some(measure))
            .fetch_optional(&self.pool)
            .await?;
        let spending = sqlx::query_as::<_, SpendingRow>(SPENDING_OF_MEASURE)
            .bind(measure)
            .bind(programme)
            .fetch_all(&self.pool)
            .await?
            .into_iter()
            .map(SpendingRow::into_spending)
            .collect::<Result<_, _>>()?;
        let progress = sqlx::query_as::<_, ProgressRow>(PROGRESS_OF_MEASURE)
            .bind(measure)
            .bind(programme)
            .fetch_all(&self.pool)
            .await?
            .into_iter()
            .map(ProgressNote::from)
            .collect();
        Ok(MeasureRecord {
            responsible: responsible.map(|(_, user_id, name)| Responsible { user_id, name }),
            spending,
            progress,
        })
    }

    async fn follow_up_totals(&self, programme: Uuid) -> StoreResult<Vec<MeasureTotals>> {
        let spent = sqlx::query_as(SPENT_BY_SOURCE)
            .bind(programme)
            .fetch_all(&self.pool)
            .await?;
        let last = sqlx::query_as(LAST_PROGRESS)
            .bind(programme)
            .fetch_all(&self.pool)
            .await?;
        let responsibles = sqlx::query_as(RESPONSIBLES)
            .bind(programme)
            .bind(None::<Uuid>)
            .fetch_all(&self.pool)
            .await?;
        merge_totals(spent, last, responsibles)
    }

    async fn add_indicator(
        &self,
        programme: Uuid,
        of: IndicatorOf,
        fields: &IndicatorFields,
        actor: &Actor,
    ) -> StoreResult<Uuid> {
        let (measure, goal) = match of {
            IndicatorOf::Measure(id) => (Some(id), None),
            IndicatorOf::Goal(id) => (None, Some(id)),
        };
        let mut tx = self.begin_write().await?;
        let id = Uuid::new_v4();
        let added = sqlx::query(INSERT_INDICATOR)
            .bind(id)
            .bind(programme)
            .bind(measure)
            .bind(goal)
            .bind(&fields.name)
            .bind(&fields.unit)
            .bind(fields.baseline.value)
            .bind(fields.baseline.on)
            .bind(fields.target.value)
            .bind(fields.target.on)
            .bind(now())
            .execute(&mut *tx)
            .await?;
        if added.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        let (kind, subject_id) = audit_subject(of);
        audit(
            &mut tx,
            actor,
            "indicator_added",
            kind,
            subject_id,
            fields.name.clone(),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn remove_indicator(
        &self,
        programme: Uuid,
        indicator: Uuid,
        actor: &Actor,
    ) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        let removed: Option<(Option<Uuid>, Option<Uuid>, String)> =
            sqlx::query_as(DELETE_INDICATOR)
                .bind(indicator)
                .bind(programme)
                .fetch_optional(&mut *tx)
                .await?;
        let (measure, goal, name) = removed.ok_or(StoreError::NotFound)?;
        let (kind, subject_id) = audit_subject(subject(measure, goal)?);
        audit(&mut tx, actor, "indicator_removed", kind, subject_id, name).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn indicator_of(
        &self,
        programme: Uuid,
        indicator: Uuid,
    ) -> StoreResult<Option<IndicatorOf>> {
        let row: Option<(Option<Uuid>, Option<Uuid>, String)> = sqlx::query_as(INDICATOR_OF)
            .bind(indicator)
            .bind(programme)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|(measure, goal, _)| subject(measure, goal))
            .transpose()
    }

    async fn add_reading(
        &self,
        programme: Uuid,
        indicator: Uuid,
        reading: &NewReading,
        actor: &Actor,
    ) -> StoreResult<Uuid> {
        let mut tx = self.begin_write().await?;
        let row: Option<(Option<Uuid>, Option<Uuid>, String)> = sqlx::query_as(INDICATOR_OF)
            .bind(indicator)
            .bind(programme)
            .fetch_optional(&mut *tx)
            .await?;
        let (measure, goal, name) = row.ok_or(StoreError::NotFound)?;
        let id = Uuid::new_v4();
        let added = sqlx::query(INSERT_READING)
            .bind(id)
            .bind(indicator)
            .bind(reading.measured_on)
            .bind(reading.value)
            .bind(reading.source.as_str())
            .bind(&reading.link)
            .bind(&reading.note)
            .bind(&actor.name)
            .bind(programme)
            .bind(now())
            .execute(&mut *tx)
            .await?;
        if added.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        let (kind, subject_id) = audit_subject(subject(measure, goal)?);
        let detail = format!("{name}: {} ({})", reading.value, reading.measured_on);
        audit(&mut tx, actor, "reading_recorded", kind, subject_id, detail).await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn carry_over(
        &self,
        programme: Uuid,
        year: i32,
    ) -> StoreResult<Option<samskap_domain::follow_up::carry_over::CarryOver>> {
        let row: Option<(i32, i64, String, chrono::DateTime<chrono::Utc>)> =
            sqlx::query_as(CARRY_OVER)
                .bind(programme)
                .bind(year)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(|(year, amount_nok, confirmed_by, confirmed_at)| {
            samskap_domain::follow_up::carry_over::CarryOver {
                year,
                amount_nok,
                confirmed_by,
                confirmed_at,
            }
        }))
    }

    async fn confirm_carry_over(
        &self,
        programme: Uuid,
        year: i32,
        amount: i64,
        actor: &Actor,
    ) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        let saved = sqlx::query(UPSERT_CARRY_OVER)
            .bind(programme)
            .bind(year)
            .bind(amount)
            .bind(&actor.name)
            .bind(now())
            .execute(&mut *tx)
            .await?;
        if saved.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        // The receiving plan, if open, changed: an adoption must have seen it.
        sqlx::query(crate::plan_sql::BUMP_OPEN_PLAN)
            .bind(programme)
            .bind(year)
            .execute(&mut *tx)
            .await?;
        let detail = format!("{year}: {amount} kr");
        audit(
            &mut tx,
            actor,
            "plan_carry_over",
            "programme",
            programme,
            detail,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn indicators(
        &self,
        programme: Uuid,
        scope: IndicatorScope,
    ) -> StoreResult<Vec<Indicator>> {
        let (measure, goal, goals_only) = match scope {
            IndicatorScope::Programme => (None, None, false),
            IndicatorScope::Goals => (None, None, true),
            IndicatorScope::Of(IndicatorOf::Measure(id)) => (Some(id), None, false),
            IndicatorScope::Of(IndicatorOf::Goal(id)) => (None, Some(id), false),
        };
        let rows = sqlx::query_as::<_, IndicatorRow>(&indicators_sql())
            .bind(programme)
            .bind(measure)
            .bind(goal)
            .bind(goals_only)
            .fetch_all(&self.pool)
            .await?;
        let readings = sqlx::query_as::<_, ReadingRow>(&readings_sql())
            .bind(programme)
            .bind(measure)
            .bind(goal)
            .bind(goals_only)
            .fetch_all(&self.pool)
            .await?;
        assemble(rows, readings)
    }
}

/// Claims `measure` of `programme` and refuses it unless it is followed up
/// (`check_followed`).
async fn claim_followed(tx: &mut super::Tx<'_>, measure: Uuid, programme: Uuid) -> StoreResult<()> {
    let claimed: Option<(String, bool)> = sqlx::query_as(CLAIM_MEASURE)
        .bind(measure)
        .bind(programme)
        .fetch_optional(&mut **tx)
        .await?;
    check_followed(claimed)?;
    Ok(())
}
