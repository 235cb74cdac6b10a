//! Spending entries, progress notes and the totals the follow-up pages are made from.
use crate::plan::model::{Funding, MeasureStatus};
use crate::workshop::model::named_enum;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Longest accepted note or progress text, in characters.
pub const MAX_FOLLOW_UP_TEXT: usize = 4000;
/// Days without a progress note after which a running measure is flagged, unless the
/// page is asked for another number.
pub const DEFAULT_STALE_DAYS: i64 = 60;
/// The most days one may ask the flag to wait.
pub const MAX_STALE_DAYS: i64 = 730;

named_enum!(
    /// Where money comes from: the plan template's budget columns.
    FundingSource {
        Grant = "grant",
        Municipality = "municipality",
        OtherGrants = "other_grants",
        CarriedOver = "carried_over",
    }
);

impl FundingSource {
    /// This source's column of `funding`.
    pub fn of(self, funding: &Funding) -> i64 {
        match self {
            FundingSource::Grant => funding.grant,
            FundingSource::Municipality => funding.municipality,
            FundingSource::OtherGrants => funding.other_grants,
            FundingSource::CarriedOver => funding.carried_over,
        }
    }

    /// Adds `amount` to this source's column of `funding`.
    pub fn add_to(self, funding: &mut Funding, amount: i64) {
        match self {
            FundingSource::Grant => funding.grant += amount,
            FundingSource::Municipality => funding.municipality += amount,
            FundingSource::OtherGrants => funding.other_grants += amount,
            FundingSource::CarriedOver => funding.carried_over += amount,
        }
    }
}

/// What was spent on a measure on one day from one source, in whole kroner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Spending {
    pub id: Uuid,
    pub measure_id: Uuid,
    pub spent_on: NaiveDate,
    pub source: FundingSource,
    /// Above zero: a correction removes the entry (audited) and records a new one.
    pub amount_nok: i64,
    pub note: String,
    /// The staff member who recorded it.
    pub recorded_by: String,
    pub recorded_at: DateTime<Utc>,
}

/// A dated account of where a measure stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressNote {
    pub id: Uuid,
    pub measure_id: Uuid,
    pub noted_on: NaiveDate,
    /// What was done since the last note.
    pub done: String,
    pub results: String,
    /// Structural barriers met (the ministry asks for them in the annual report).
    pub barriers: String,
    pub next_steps: String,
    pub recorded_by: String,
    pub recorded_at: DateTime<Utc>,
}

/// The staff member responsible for following a measure up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Responsible {
    pub user_id: Uuid,
    pub name: String,
}

/// Everything recorded on one measure, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeasureRecord {
    pub responsible: Option<Responsible>,
    pub spending: Vec<Spending>,
    pub progress: Vec<ProgressNote>,
}

impl MeasureRecord {
    /// Spent so far, by source.
    pub fn spent(&self) -> Funding {
        let mut spent = Funding::default();
        for entry in &self.spending {
            entry.source.add_to(&mut spent, entry.amount_nok);
        }
        spent
    }
}

/// One measure's follow-up in brief, as the store sums it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeasureTotals {
    pub measure_id: Uuid,
    pub spent: Funding,
    /// The date of its newest progress note.
    pub last_progress: Option<NaiveDate>,
    pub responsible: Option<Responsible>,
}

/// Whether a measure that is running has gone `stale_days` without a progress note: an
/// adopted or running measure whose time frame has begun, with no note or only older ones.
pub fn needs_update(
    status: MeasureStatus,
    starts_on: NaiveDate,
    last_progress: Option<NaiveDate>,
    today: NaiveDate,
    stale_days: i64,
) -> bool {
    let running = matches!(status, MeasureStatus::Adopted | MeasureStatus::InProgress);
    let since = last_progress.unwrap_or(starts_on).max(starts_on);
    running && starts_on <= today && (today - since).num_days() >= stale_days
}

/// Whether money and progress may be recorded on a measure: from the plan's adoption
/// on, including a measure done or stopped afterwards (`stopped`: dropped after it was
/// adopted), but not one dropped before.
pub fn is_followed_up(status: MeasureStatus, stopped: bool) -> bool {
    use MeasureStatus as S;
    matches!(status, S::Adopted | S::InProgress | S::Done) || (status == S::Dropped && stopped)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_running_measure_without_a_recent_note_needs_an_update() {
        let today = day("2025-06-30");
        let run = MeasureStatus::InProgress;
        assert!(needs_update(run, day("2025-01-01"), None, today, 60));
        assert!(needs_update(
            run,
            day("2025-01-01"),
            Some(day("2025-05-01")),
            today,
            60
        ));
        assert!(!needs_update(
            run,
            day("2025-01-01"),
            Some(day("2025-05-02")),
            today,
            60
        ));
        // Not begun yet, or begun less than the limit ago without a note.
        assert!(!needs_update(run, day("2025-08-01"), None, today, 60));
        assert!(!needs_update(run, day("2025-06-01"), None, today, 60));
        // Done and dropped measures are not flagged.
        assert!(!needs_update(
            MeasureStatus::Done,
            day("2025-01-01"),
            None,
            today,
            60
        ));
        assert!(!needs_update(
            MeasureStatus::Dropped,
            day("2025-01-01"),
            None,
            today,
            60
        ));
        assert!(needs_update(
            MeasureStatus::Adopted,
            day("2025-01-01"),
            None,
            today,
            60
        ));
    }

    #[test]
    fn spent_sums_each_source() {
        let entry = |source, amount_nok| Spending {
            id: Uuid::nil(),
            measure_id: Uuid::nil(),
            spent_on: day("2025-03-01"),
            source,
            amount_nok,
            note: String::new(),
            recorded_by: String::new(),
            recorded_at: Utc::now(),
        };
        let record = MeasureRecord {
            responsible: None,
            spending: vec![
                entry(FundingSource::Grant, 100),
                entry(FundingSource::Grant, 50),
                entry(FundingSource::CarriedOver, 7),
            ],
            progress: vec![],
        };
        let spent = record.spent();
        assert_eq!(
            (spent.grant, spent.carried_over, spent.total()),
            (150, 7, 157)
        );
    }
}
