//! `FollowUpStore` for both backends: the SQL as constants and the rows as plain types
//! and functions here; the macro only binds and runs them for each backend's pool.
use samskap_domain::follow_up::model::{
    is_followed_up, FundingSource, MeasureTotals, ProgressNote, Responsible, Spending,
};
use samskap_domain::plan::model::MeasureStatus;
use samskap_domain::store::StoreError;
use uuid::Uuid;

/// Claims a measure of the programme for a change (`$1` measure, `$2` programme) and
/// reads its status; no row: not the programme's.
pub(crate) const CLAIM_MEASURE: &str =
    "UPDATE measures SET rank = rank WHERE id = $1 AND programme_id = $2 RETURNING status, stopped";

pub(crate) const INSERT_SPENDING: &str =
    "INSERT INTO measure_spending (id, measure_id, spent_on, source, amount_nok, note, recorded_by, recorded_at)
     SELECT $1, m.id, $3, $4, $5, $6, $7, $8 FROM measures m WHERE m.id = $2 AND m.programme_id = $9";

pub(crate) const DELETE_SPENDING: &str = "DELETE FROM measure_spending WHERE id = $1
       AND measure_id IN (SELECT id FROM measures WHERE id = $2 AND programme_id = $3)
     RETURNING spent_on, source, amount_nok";

pub(crate) const INSERT_PROGRESS: &str =
    "INSERT INTO measure_progress (id, measure_id, noted_on, done, results, barriers, next_steps, recorded_by, recorded_at)
     SELECT $1, m.id, $3, $4, $5, $6, $7, $8, $9 FROM measures m WHERE m.id = $2 AND m.programme_id = $10";

/// Sets (`$1`, null for nobody) the responsible of measure `$2` of programme `$3`; only
/// an active staff member who is not a viewer can be.
pub(crate) const SET_RESPONSIBLE: &str =
    "UPDATE measures SET responsible_id = $1 WHERE id = $2 AND programme_id = $3
       AND ($1 IS NULL OR EXISTS (SELECT 1 FROM users u WHERE u.id = $1 AND u.active AND u.role <> 'viewer'))";

pub(crate) const USER_NAME: &str = "SELECT display_name FROM users WHERE id = $1";

/// Every measure's responsible in the programme `$1` (or of one measure, with `$2`).
pub(crate) const RESPONSIBLES: &str =
    "SELECT m.id, u.id, u.display_name FROM measures m JOIN users u ON u.id = m.responsible_id
     WHERE m.programme_id = $1 AND ($2 IS NULL OR m.id = $2)";

pub(crate) const SPENDING_OF_MEASURE: &str =
    "SELECT s.id, s.measure_id, s.spent_on, s.source, s.amount_nok, s.note, s.recorded_by, s.recorded_at
     FROM measure_spending s JOIN measures m ON m.id = s.measure_id
     WHERE s.measure_id = $1 AND m.programme_id = $2 ORDER BY s.spent_on DESC, s.recorded_at DESC";

pub(crate) const PROGRESS_OF_MEASURE: &str =
    "SELECT p.id, p.measure_id, p.noted_on, p.done, p.results, p.barriers, p.next_steps, p.recorded_by, p.recorded_at
     FROM measure_progress p JOIN measures m ON m.id = p.measure_id
     WHERE p.measure_id = $1 AND m.programme_id = $2 ORDER BY p.noted_on DESC, p.recorded_at DESC";

pub(crate) const SPENT_BY_SOURCE: &str =
    "SELECT s.measure_id, s.source, CAST(SUM(s.amount_nok) AS BIGINT)
     FROM measure_spending s JOIN measures m ON m.id = s.measure_id
     WHERE m.programme_id = $1 GROUP BY s.measure_id, s.source";

pub(crate) const LAST_PROGRESS: &str =
    "SELECT p.measure_id, MAX(p.noted_on) FROM measure_progress p JOIN measures m ON m.id = p.measure_id
     WHERE m.programme_id = $1 GROUP BY p.measure_id";

#[derive(sqlx::FromRow)]
pub(crate) struct SpendingRow {
    id: Uuid,
    measure_id: Uuid,
    spent_on: chrono::NaiveDate,
    source: String,
    amount_nok: i64,
    note: String,
    recorded_by: String,
    recorded_at: chrono::DateTime<chrono::Utc>,
}

impl SpendingRow {
    pub(crate) fn into_spending(self) -> Result<Spending, StoreError> {
        Ok(Spending {
            id: self.id,
            measure_id: self.measure_id,
            spent_on: self.spent_on,
            source: source(&self.source)?,
            amount_nok: self.amount_nok,
            note: self.note,
            recorded_by: self.recorded_by,
            recorded_at: self.recorded_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct ProgressRow {
    id: Uuid,
    measure_id: Uuid,
    noted_on: chrono::NaiveDate,
    done: String,
    results: String,
    barriers: String,
    next_steps: String,
    recorded_by: String,
    recorded_at: chrono::DateTime<chrono::Utc>,
}

impl From<ProgressRow> for ProgressNote {
    fn from(r: ProgressRow) -> Self {
        ProgressNote {
            id: r.id,
            measure_id: r.measure_id,
            noted_on: r.noted_on,
            done: r.done,
            results: r.results,
            barriers: r.barriers,
            next_steps: r.next_steps,
            recorded_by: r.recorded_by,
            recorded_at: r.recorded_at,
        }
    }
}

pub(crate) fn source(s: &str) -> Result<FundingSource, StoreError> {
    s.parse()
        .map_err(|_| StoreError::Backend(format!("unknown funding source {s:?}")))
}

/// One measure's totals from the three reads of `follow_up_totals`, for every measure
/// that appears in any of them.
pub(crate) fn merge_totals(
    spent: Vec<(Uuid, String, i64)>,
    last: Vec<(Uuid, chrono::NaiveDate)>,
    responsibles: Vec<(Uuid, Uuid, String)>,
) -> Result<Vec<MeasureTotals>, StoreError> {
    let mut totals: std::collections::BTreeMap<Uuid, MeasureTotals> = Default::default();
    let blank = |id| MeasureTotals {
        measure_id: id,
        ..Default::default()
    };
    for (id, s, amount) in spent {
        let t = totals.entry(id).or_insert_with(|| blank(id));
        source(&s)?.add_to(&mut t.spent, amount);
    }
    for (id, day) in last {
        totals.entry(id).or_insert_with(|| blank(id)).last_progress = Some(day);
    }
    for (id, user_id, name) in responsibles {
        totals.entry(id).or_insert_with(|| blank(id)).responsible =
            Some(Responsible { user_id, name });
    }
    Ok(totals.into_values().collect())
}

/// What a claimed measure's status and stop (`None`: not the programme's) allow:
/// `NotFound`, `NotAdopted`, or on.
pub(crate) fn check_followed(claimed: Option<(String, bool)>) -> Result<(), StoreError> {
    let (status, stopped) = claimed.ok_or(StoreError::NotFound)?;
    let status: MeasureStatus = status
        .parse()
        .map_err(|_| StoreError::Backend(format!("unknown measure status {status:?}")))?;
    if is_followed_up(status, stopped) {
        Ok(())
    } else {
        Err(StoreError::NotAdopted)
    }
}

/// Claims measure `$measure` of `$programme` in `$tx` and refuses it unless it is
/// followed up (`check_followed`).
macro_rules! claim_followed {
    ($tx:expr, $measure:expr, $programme:expr) => {{
        let claimed: Option<(String, bool)> = sqlx::query_as(CLAIM_MEASURE)
            .bind($measure)
            .bind($programme)
            .fetch_optional(&mut **$tx)
            .await?;
        check_followed(claimed)?;
    }};
}

pub(crate) const CARRY_OVER: &str =
    "SELECT year, amount_nok, confirmed_by, confirmed_at FROM plan_carry_over WHERE programme_id = $1 AND year = $2";

/// Writes what is carried into year `$2` of programme `$1`, if there is that programme.
pub(crate) const UPSERT_CARRY_OVER: &str =
    "INSERT INTO plan_carry_over (programme_id, year, amount_nok, confirmed_by, confirmed_at)
     SELECT p.id, $2, $3, $4, $5 FROM programmes p WHERE p.id = $1
     ON CONFLICT (programme_id, year) DO UPDATE
       SET amount_nok = excluded.amount_nok, confirmed_by = excluded.confirmed_by,
           confirmed_at = excluded.confirmed_at";

/// The audit detail of a spending entry.
pub(crate) fn spending_detail(
    day: chrono::NaiveDate,
    source: FundingSource,
    amount: i64,
) -> String {
    format!("{day} {} {amount} kr", source.as_str())
}

/// Implements `FollowUpStore` for `$store` (a struct of the parent module with a
/// concrete sqlx `pool`).
macro_rules! impl_follow_up_store {
    ($store:ident) => {
        mod follow_up_store_impl {
            use super::super::follow_up_sql::*;
            use super::super::indicator_sql::*;
            use super::super::rows::now;
            use samskap_domain::follow_up::indicator::*;
            use samskap_domain::follow_up::model::*;
            use samskap_domain::store::actor::Actor;
            use samskap_domain::store::follow_up_store::*;
            use samskap_domain::store::{StoreError, StoreResult};
            use uuid::Uuid;

            #[async_trait::async_trait]
            impl FollowUpStore for super::$store {
                async fn record_spending(
                    &self,
                    programme: Uuid,
                    measure: Uuid,
                    entry: &NewSpending,
                    actor: &Actor,
                ) -> StoreResult<Uuid> {
                    let mut tx = self.pool.begin().await?;
                    claim_followed!(&mut tx, measure, programme);
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
                    audit!(
                        &mut tx,
                        actor,
                        "spending_recorded",
                        "measure",
                        measure,
                        detail
                    );
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
                    let mut tx = self.pool.begin().await?;
                    let removed: Option<(chrono::NaiveDate, String, i64)> =
                        sqlx::query_as(DELETE_SPENDING)
                            .bind(entry)
                            .bind(measure)
                            .bind(programme)
                            .fetch_optional(&mut *tx)
                            .await?;
                    let (day, source_name, amount) = removed.ok_or(StoreError::NotFound)?;
                    let detail = spending_detail(day, source(&source_name)?, amount);
                    audit!(
                        &mut tx,
                        actor,
                        "spending_removed",
                        "measure",
                        measure,
                        detail
                    );
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
                    let mut tx = self.pool.begin().await?;
                    claim_followed!(&mut tx, measure, programme);
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
                    audit!(
                        &mut tx,
                        actor,
                        "progress_recorded",
                        "measure",
                        measure,
                        note.noted_on.to_string()
                    );
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
                    let mut tx = self.pool.begin().await?;
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
                    audit!(
                        &mut tx,
                        actor,
                        "responsible_set",
                        "measure",
                        measure,
                        name.unwrap_or_else(|| "—".into())
                    );
                    tx.commit().await?;
                    Ok(())
                }

                async fn measure_record(
                    &self,
                    programme: Uuid,
                    measure: Uuid,
                ) -> StoreResult<MeasureRecord> {
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
                        responsible: responsible
                            .map(|(_, user_id, name)| Responsible { user_id, name }),
                        spending,
                        progress,
                    })
                }

                async fn follow_up_totals(
                    &self,
                    programme: Uuid,
                ) -> StoreResult<Vec<MeasureTotals>> {
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
                    let mut tx = self.pool.begin().await?;
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
                    audit!(
                        &mut tx,
                        actor,
                        "indicator_added",
                        kind,
                        subject_id,
                        fields.name.clone()
                    );
                    tx.commit().await?;
                    Ok(id)
                }

                async fn remove_indicator(
                    &self,
                    programme: Uuid,
                    indicator: Uuid,
                    actor: &Actor,
                ) -> StoreResult<()> {
                    let mut tx = self.pool.begin().await?;
                    let removed: Option<(Option<Uuid>, Option<Uuid>, String)> =
                        sqlx::query_as(DELETE_INDICATOR)
                            .bind(indicator)
                            .bind(programme)
                            .fetch_optional(&mut *tx)
                            .await?;
                    let (measure, goal, name) = removed.ok_or(StoreError::NotFound)?;
                    let (kind, subject_id) = audit_subject(subject(measure, goal)?);
                    audit!(&mut tx, actor, "indicator_removed", kind, subject_id, name);
                    tx.commit().await?;
                    Ok(())
                }

                async fn indicator_of(
                    &self,
                    programme: Uuid,
                    indicator: Uuid,
                ) -> StoreResult<Option<IndicatorOf>> {
                    let row: Option<(Option<Uuid>, Option<Uuid>, String)> =
                        sqlx::query_as(INDICATOR_OF)
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
                    let mut tx = self.pool.begin().await?;
                    let row: Option<(Option<Uuid>, Option<Uuid>, String)> =
                        sqlx::query_as(INDICATOR_OF)
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
                    audit!(&mut tx, actor, "reading_recorded", kind, subject_id, detail);
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
                    let mut tx = self.pool.begin().await?;
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
                    sqlx::query(super::super::plan_sql::BUMP_OPEN_PLAN)
                        .bind(programme)
                        .bind(year)
                        .execute(&mut *tx)
                        .await?;
                    let detail = format!("{year}: {amount} kr");
                    audit!(
                        &mut tx,
                        actor,
                        "plan_carry_over",
                        "programme",
                        programme,
                        detail
                    );
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
        }
    };
}
