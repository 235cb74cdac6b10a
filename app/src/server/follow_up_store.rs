//! The storage contract of following measures up: the responsible staff member, spending
//! entries and progress notes, and their totals. Part of `Store`; every call names the
//! programme, and the measure is checked against it in the statement that uses it.
use super::actor::Actor;
use super::store_error::StoreResult;
use crate::follow_up::model::{FundingSource, MeasureRecord, MeasureTotals};
use chrono::NaiveDate;
use uuid::Uuid;

/// A spending entry to record (already checked: amount above zero, date not ahead).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSpending {
    pub spent_on: NaiveDate,
    pub source: FundingSource,
    pub amount_nok: i64,
    pub note: String,
}

/// A progress note to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewProgress {
    pub noted_on: NaiveDate,
    pub done: String,
    pub results: String,
    pub barriers: String,
    pub next_steps: String,
}

#[async_trait::async_trait]
pub trait FollowUpStore: Send + Sync {
    /// Records what was spent. `NotFound` for a measure outside `programme`,
    /// `NotAdopted` for a candidate or prioritised one. Audited.
    async fn record_spending(
        &self,
        programme: Uuid,
        measure: Uuid,
        entry: &NewSpending,
        actor: &Actor,
    ) -> StoreResult<Uuid>;
    /// Removes an entry (to correct it). `NotFound` unless it is the measure's and the
    /// measure is the programme's. Audited with what it said.
    async fn remove_spending(
        &self,
        programme: Uuid,
        measure: Uuid,
        entry: Uuid,
        actor: &Actor,
    ) -> StoreResult<()>;
    /// Records a progress note; refusals as for spending. Audited.
    async fn record_progress(
        &self,
        programme: Uuid,
        measure: Uuid,
        note: &NewProgress,
        actor: &Actor,
    ) -> StoreResult<Uuid>;
    /// Makes an active staff member who is not a viewer responsible for the measure, or
    /// nobody (`None`). `NotFound` for a measure outside `programme` or a user who cannot
    /// be. Audited.
    async fn set_responsible(
        &self,
        programme: Uuid,
        measure: Uuid,
        user: Option<Uuid>,
        actor: &Actor,
    ) -> StoreResult<()>;
    /// The measure's responsible, spending and notes, newest first; empty for a measure
    /// outside `programme`.
    async fn measure_record(&self, programme: Uuid, measure: Uuid) -> StoreResult<MeasureRecord>;
    /// Totals for every measure of the programme that has a record or a responsible, in
    /// three reads whatever the number of measures.
    async fn follow_up_totals(&self, programme: Uuid) -> StoreResult<Vec<MeasureTotals>>;
}
