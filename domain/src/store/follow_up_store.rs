//! The storage contract of following measures up: the responsible staff member, spending
//! entries and progress notes, and their totals. Part of `Store`; every call names the
//! programme, and the measure is checked against it in the statement that uses it.
use super::actor::Actor;
use super::store_error::StoreResult;
use crate::follow_up::indicator::{Indicator, IndicatorFields, IndicatorOf, ReadingSource};
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

/// A reading to record.
#[derive(Debug, Clone, PartialEq)]
pub struct NewReading {
    pub measured_on: NaiveDate,
    pub value: f64,
    pub source: ReadingSource,
    pub link: String,
    pub note: String,
}

/// Which indicators to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndicatorScope {
    /// Every indicator of the programme.
    Programme,
    /// The programme goals' indicators.
    Goals,
    /// One measure's or one goal's.
    Of(IndicatorOf),
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

    /// Defines an indicator of a measure or a goal. `NotFound` when that is not the
    /// programme's. Audited on the measure or goal.
    async fn add_indicator(
        &self,
        programme: Uuid,
        of: IndicatorOf,
        fields: &IndicatorFields,
        actor: &Actor,
    ) -> StoreResult<Uuid>;
    /// Removes an indicator with its readings. `NotFound` unless it is the programme's.
    /// Audited.
    async fn remove_indicator(
        &self,
        programme: Uuid,
        indicator: Uuid,
        actor: &Actor,
    ) -> StoreResult<()>;
    /// What an indicator of the programme follows; `None` for another's or none.
    async fn indicator_of(
        &self,
        programme: Uuid,
        indicator: Uuid,
    ) -> StoreResult<Option<IndicatorOf>>;
    /// Records a reading. `NotFound` unless the indicator is the programme's. Audited.
    async fn add_reading(
        &self,
        programme: Uuid,
        indicator: Uuid,
        reading: &NewReading,
        actor: &Actor,
    ) -> StoreResult<Uuid>;
    /// What the lead confirmed as carried into plan year `year`, if anything.
    async fn carry_over(
        &self,
        programme: Uuid,
        year: i32,
    ) -> StoreResult<Option<crate::follow_up::carry_over::CarryOver>>;
    /// Records (or replaces) `amount` as carried into plan year `year`. `NotFound` for
    /// an unknown programme. Audited on the programme with the year and amount.
    async fn confirm_carry_over(
        &self,
        programme: Uuid,
        year: i32,
        amount: i64,
        actor: &Actor,
    ) -> StoreResult<()>;
    /// The indicators in `scope`, oldest first, each with its readings by date; two reads.
    async fn indicators(
        &self,
        programme: Uuid,
        scope: IndicatorScope,
    ) -> StoreResult<Vec<Indicator>>;
}
