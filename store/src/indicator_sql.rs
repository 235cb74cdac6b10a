//! The SQL and rows of indicators and their readings, for `FollowUpStore` on both
//! backends (`follow_up_sql.rs` binds and runs them).
use samskap_domain::follow_up::indicator::{
    Indicator, IndicatorFields, IndicatorOf, Point, Reading,
};
use samskap_domain::store::StoreError;
use uuid::Uuid;

/// Inserts an indicator of the measure (`$3`) or goal (`$4`) if it is programme `$2`'s.
pub(crate) const INSERT_INDICATOR: &str =
    "INSERT INTO indicators (id, programme_id, measure_id, goal_id, name, unit, baseline_value, baseline_on,
       target_value, target_on, created_at)
     SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11
     WHERE EXISTS (SELECT 1 FROM measures WHERE id = $3 AND programme_id = $2)
        OR EXISTS (SELECT 1 FROM goals WHERE id = $4 AND programme_id = $2)";

pub(crate) const DELETE_INDICATOR: &str =
    "DELETE FROM indicators WHERE id = $1 AND programme_id = $2 RETURNING measure_id, goal_id, name";

/// What indicator `$1` of programme `$2` follows (its measure or goal) and its name.
pub(crate) const INDICATOR_OF: &str =
    "SELECT measure_id, goal_id, name FROM indicators WHERE id = $1 AND programme_id = $2";

/// Inserts a reading of indicator `$2` if it is programme `$9`'s.
pub(crate) const INSERT_READING: &str =
    "INSERT INTO indicator_readings (id, indicator_id, measured_on, value, source, link, note, recorded_by, recorded_at)
     SELECT $1, i.id, $3, $4, $5, $6, $7, $8, $10 FROM indicators i WHERE i.id = $2 AND i.programme_id = $9";

/// The condition on `i` of a scope: programme `$1`, measure `$2`, goal `$3`, goals only `$4`.
const SCOPE: &str =
    "i.programme_id = $1 AND ($2 IS NULL OR i.measure_id = $2) AND ($3 IS NULL OR i.goal_id = $3)
       AND (NOT $4 OR i.goal_id IS NOT NULL)";

pub(crate) fn indicators_sql() -> String {
    format!(
        "SELECT i.id, i.measure_id, i.goal_id, i.name, i.unit, i.baseline_value, i.baseline_on, i.target_value,
           i.target_on FROM indicators i WHERE {SCOPE} ORDER BY i.created_at, i.id"
    )
}

pub(crate) fn readings_sql() -> String {
    format!(
        "SELECT r.indicator_id, r.id, r.measured_on, r.value, r.source, r.link, r.note, r.recorded_by, r.recorded_at
         FROM indicator_readings r JOIN indicators i ON i.id = r.indicator_id WHERE {SCOPE}
         ORDER BY r.measured_on, r.recorded_at"
    )
}

/// The subject of an indicator from its two columns.
pub(crate) fn subject(
    measure: Option<Uuid>,
    goal: Option<Uuid>,
) -> Result<IndicatorOf, StoreError> {
    match (measure, goal) {
        (Some(m), None) => Ok(IndicatorOf::Measure(m)),
        (None, Some(g)) => Ok(IndicatorOf::Goal(g)),
        _ => Err(StoreError::Backend(
            "an indicator of neither or both".into(),
        )),
    }
}

/// The audit subject (kind, id) of what an indicator follows.
pub(crate) fn audit_subject(of: IndicatorOf) -> (&'static str, Uuid) {
    match of {
        IndicatorOf::Measure(id) => ("measure", id),
        IndicatorOf::Goal(id) => ("goal", id),
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct IndicatorRow {
    id: Uuid,
    measure_id: Option<Uuid>,
    goal_id: Option<Uuid>,
    name: String,
    unit: String,
    baseline_value: f64,
    baseline_on: chrono::NaiveDate,
    target_value: f64,
    target_on: chrono::NaiveDate,
}

#[derive(sqlx::FromRow)]
pub(crate) struct ReadingRow {
    indicator_id: Uuid,
    id: Uuid,
    measured_on: chrono::NaiveDate,
    value: f64,
    source: String,
    link: String,
    note: String,
    recorded_by: String,
    recorded_at: chrono::DateTime<chrono::Utc>,
}

/// The indicators with their readings picked from those of all of them.
pub(crate) fn assemble(
    rows: Vec<IndicatorRow>,
    readings: Vec<ReadingRow>,
) -> Result<Vec<Indicator>, StoreError> {
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let mut list = Vec::new();
        for x in readings.iter().filter(|x| x.indicator_id == r.id) {
            list.push(Reading {
                id: x.id,
                measured_on: x.measured_on,
                value: x.value,
                source: x.source.parse().map_err(|_| {
                    StoreError::Backend(format!("unknown reading source {:?}", x.source))
                })?,
                link: x.link.clone(),
                note: x.note.clone(),
                recorded_by: x.recorded_by.clone(),
                recorded_at: x.recorded_at,
            });
        }
        out.push(Indicator {
            id: r.id,
            of: subject(r.measure_id, r.goal_id)?,
            fields: IndicatorFields {
                name: r.name,
                unit: r.unit,
                baseline: Point {
                    value: r.baseline_value,
                    on: r.baseline_on,
                },
                target: Point {
                    value: r.target_value,
                    on: r.target_on,
                },
            },
            readings: list,
        });
    }
    Ok(out)
}
