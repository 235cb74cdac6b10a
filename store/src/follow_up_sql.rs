//! `FollowUpStore`'s SQL as constants and its rows as plain types and functions
//! (`calls/follow_up.rs` binds and runs them on each backend's pool).
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
/// an active member of that programme who is not a viewer there can be.
pub(crate) const SET_RESPONSIBLE: &str =
    "UPDATE measures SET responsible_id = $1 WHERE id = $2 AND programme_id = $3
       AND ($1 IS NULL OR EXISTS (SELECT 1 FROM users u JOIN memberships ms ON ms.user_id = u.id
            WHERE u.id = $1 AND u.active AND ms.programme_id = $3 AND ms.role IN ('lead', 'core', 'facilitator')))";

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
