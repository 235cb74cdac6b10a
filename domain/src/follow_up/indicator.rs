//! Indicators: what a measure or a programme goal is followed by (name, unit, baseline
//! and target), their dated readings with a source, and how typed figures are read.
use crate::error::{AppError, Field};
use crate::workshop::model::named_enum;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Longest accepted indicator name, in characters.
pub const MAX_INDICATOR_NAME: usize = 200;
/// Longest accepted unit (`%`, `besøk per uke`), in characters.
pub const MAX_UNIT: usize = 40;
/// Longest accepted source link, in characters.
pub const MAX_LINK: usize = 500;
/// Largest accepted magnitude of a figure.
pub const MAX_VALUE: f64 = 1e12;

named_enum!(
    /// Where a reading comes from: official statistics, a survey, or Samskap's own
    /// workshops (with a link to the workshop).
    ReadingSource { Statistics = "statistics", Survey = "survey", Workshop = "workshop" }
);

/// What an indicator follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum IndicatorOf {
    Measure(Uuid),
    Goal(Uuid),
}

/// A figure on a day: a baseline or a target.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Point {
    pub value: f64,
    pub on: NaiveDate,
}

/// An indicator as defined; `target.on` is not before `baseline.on`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorFields {
    pub name: String,
    pub unit: String,
    pub baseline: Point,
    pub target: Point,
}

/// One reading of an indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reading {
    pub id: Uuid,
    pub measured_on: NaiveDate,
    pub value: f64,
    pub source: ReadingSource,
    /// A web address, or a path in Samskap for a workshop; may be empty.
    pub link: String,
    pub note: String,
    pub recorded_by: String,
    pub recorded_at: DateTime<Utc>,
}

/// An indicator with its readings, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    pub id: Uuid,
    pub of: IndicatorOf,
    pub fields: IndicatorFields,
    pub readings: Vec<Reading>,
}

impl Indicator {
    /// The newest reading, if any.
    pub fn latest(&self) -> Option<&Reading> {
        self.readings.last()
    }

    /// How far the newest reading has come from the baseline towards the target, as a
    /// share (0 at the baseline, 1 at the target; below 0 when it went the other way).
    /// `None` without a reading or when baseline and target are equal.
    pub fn progress(&self) -> Option<f64> {
        let span = self.fields.target.value - self.fields.baseline.value;
        let latest = self.latest()?;
        (span != 0.0).then(|| (latest.value - self.fields.baseline.value) / span)
    }
}

/// Each goal with its indicators (from `indicators`, the programme goals'), in the goals'
/// order.
pub fn by_goal(
    goals: Vec<crate::programme::model::Goal>,
    mut indicators: Vec<Indicator>,
) -> Vec<(crate::programme::model::Goal, Vec<Indicator>)> {
    goals
        .into_iter()
        .map(|g| {
            let (mine, rest) = indicators
                .drain(..)
                .partition(|i| i.of == IndicatorOf::Goal(g.id));
            indicators = rest;
            (g, mine)
        })
        .collect()
}

/// A figure as people type it: spaces between thousands, a decimal comma or point.
pub fn parse_value(field: Field, text: &str) -> Result<f64, AppError> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .map(|c| match c {
            ',' => '.',
            '−' => '-',
            c => c,
        })
        .collect();
    if cleaned.is_empty() {
        return Err(AppError::Empty(field));
    }
    let value: f64 = cleaned.parse().map_err(|_| AppError::NotANumber(field))?;
    if !value.is_finite() || value.abs() > MAX_VALUE {
        return Err(AppError::OutOfRange(field));
    }
    Ok(value)
}

/// A figure for people: whole numbers grouped, others with up to two decimals, with the
/// language's decimal mark.
pub fn format_value(value: f64, decimal: char) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    if rounded.fract() == 0.0 {
        return crate::programme::model::format_nok(rounded as i64, '\u{a0}');
    }
    let text = format!("{rounded:.2}");
    let text = text.trim_end_matches('0');
    text.replace('.', &decimal.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_read_as_people_type_them() {
        assert_eq!(parse_value(Field::Value, "64,5"), Ok(64.5));
        assert_eq!(parse_value(Field::Value, " 1 200 "), Ok(1200.0));
        assert_eq!(parse_value(Field::Value, "−3"), Ok(-3.0));
        assert_eq!(
            parse_value(Field::Value, ""),
            Err(AppError::Empty(Field::Value))
        );
        assert_eq!(
            parse_value(Field::Value, "mange"),
            Err(AppError::NotANumber(Field::Value))
        );
        assert_eq!(
            parse_value(Field::Value, "inf"),
            Err(AppError::OutOfRange(Field::Value))
        );
        assert_eq!(
            parse_value(Field::Value, "NaN"),
            Err(AppError::OutOfRange(Field::Value))
        );
        assert_eq!(
            parse_value(Field::Value, "2e12"),
            Err(AppError::OutOfRange(Field::Value))
        );
    }

    #[test]
    fn figures_are_written_for_people() {
        assert_eq!(format_value(64.5, ','), "64,5");
        assert_eq!(format_value(1200.0, ','), "1\u{a0}200");
        assert_eq!(format_value(0.125, '.'), "0.13");
    }

    #[test]
    fn progress_runs_from_baseline_to_target() {
        let reading = |value| Reading {
            id: Uuid::nil(),
            measured_on: NaiveDate::MIN,
            value,
            source: ReadingSource::Survey,
            link: String::new(),
            note: String::new(),
            recorded_by: String::new(),
            recorded_at: DateTime::<Utc>::MIN_UTC,
        };
        let mut indicator = Indicator {
            id: Uuid::nil(),
            of: IndicatorOf::Goal(Uuid::nil()),
            fields: IndicatorFields {
                name: "Trygge unge".into(),
                unit: "%".into(),
                baseline: Point {
                    value: 58.0,
                    on: NaiveDate::MIN,
                },
                target: Point {
                    value: 70.0,
                    on: NaiveDate::MAX,
                },
            },
            readings: vec![],
        };
        assert_eq!(indicator.progress(), None);
        indicator.readings.push(reading(64.0));
        assert_eq!(indicator.progress(), Some(0.5));
        indicator.readings.push(reading(55.0));
        assert_eq!(indicator.progress(), Some(-0.25));
    }
}
