//! The storage contract of the action plan: measures with their goals and risks, the
//! plan of each programme year, its frozen versions, and the audit log. Part of `Store`;
//! the conformance suite runs it on both backends.
use super::actor::Actor;
use super::store_error::StoreResult;
use crate::pipeline::model::AuditEntry;
use crate::plan::model::{
    Adoption, Measure, MeasureFields, MeasureStatus, Plan, PlanSnapshot, PlanVersion,
};
use chrono::NaiveDate;
use uuid::Uuid;

/// What a measure is promoted from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Promotion {
    /// A prototype version decided *proceed*.
    Prototype(Uuid),
    /// An idea card, with the core team's written reason for skipping the tests.
    Idea { card: Uuid, justification: String },
}

/// One participant behind a card or a round answer (`source`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Contribution {
    pub source: Uuid,
    pub participant: Uuid,
    /// An age band under 20, or the youth role.
    pub young: bool,
    /// What they said of themselves, if anything.
    pub age_band: Option<crate::workshop::model::AgeBand>,
    pub role: Option<crate::workshop::model::ParticipantRole>,
}

/// A new row of a measure's risk table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRisk {
    pub risk: String,
    pub probability: crate::plan::model::RiskLevel,
    pub consequence: crate::plan::model::RiskLevel,
    pub mitigation: String,
}

/// A move of a plan year's status.
#[derive(Debug, Clone, PartialEq)]
pub enum PlanChange {
    /// Draft → proposed (core team).
    Propose,
    /// Proposed → draft.
    Withdraw,
    /// Proposed → adopted: freezes `snapshot` as the current version, if the year's
    /// measures are still at `revision` (`Stale` otherwise), and marks its prioritised
    /// measures adopted.
    Adopt {
        adoption: Adoption,
        revision: i64,
        snapshot: Box<PlanSnapshot>,
    },
    /// Adopted → sent to the ministry on a date.
    Send(NaiveDate),
    /// Adopted or sent → draft of the next version.
    Reopen,
}

/// Which audit entries to list, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// Actions starting with this (e.g. `measure_`); empty for all.
    pub action_prefix: String,
    /// The actor's name contains this (any case); empty for all.
    pub actor: String,
    pub from: Option<NaiveDate>,
    /// Inclusive.
    pub to: Option<NaiveDate>,
    /// Entries older than this instant (for paging); `None` for the newest.
    pub before: Option<chrono::DateTime<chrono::Utc>>,
    pub limit: u32,
}

#[async_trait::async_trait]
pub trait PlanStore: Send + Sync {
    /// A new candidate measure ranked last in its year and focus area. `NotFound` for an
    /// unknown prototype or idea, `Closed` for a prototype not decided *proceed*,
    /// `Duplicate` when that version is a measure already, `Frozen` when the year's plan
    /// is adopted. Audited.
    async fn promote(
        &self,
        programme: Uuid,
        from: &Promotion,
        fields: &MeasureFields,
        actor: &Actor,
    ) -> StoreResult<Measure>;
    async fn measure(&self, id: Uuid) -> StoreResult<Option<Measure>>;
    /// Every measure of the programme, by year, then focus area order, then rank.
    async fn measures(&self, programme: Uuid) -> StoreResult<Vec<Measure>>;
    /// The measures promoted from any version of a prototype lineage or from a card.
    async fn measures_from(&self, prototypes: &[Uuid], cards: &[Uuid])
        -> StoreResult<Vec<Measure>>;
    /// Replaces a measure's fields; moving it to another year or focus area ranks it last
    /// there. `Frozen` when its year (old or new) is adopted. Audited.
    async fn update_measure(
        &self,
        id: Uuid,
        fields: &MeasureFields,
        actor: &Actor,
    ) -> StoreResult<Measure>;
    /// Moves a measure's status when `MeasureStatus::can_become` allows it (`Closed`
    /// otherwise); `reason` is kept when dropping. `Frozen` when its year is adopted,
    /// except for follow-up moves (`MeasureStatus::is_follow_up`: starting, finishing or stopping an adopted measure). Audited.
    async fn set_measure_status(
        &self,
        id: Uuid,
        status: MeasureStatus,
        reason: &str,
        actor: &Actor,
    ) -> StoreResult<Measure>;
    /// Swaps a measure with its neighbour above (`up`) or below within its year and focus
    /// area; nothing happens at the edge. `Frozen` when its year is adopted. Audited.
    async fn move_measure(&self, id: Uuid, up: bool, actor: &Actor) -> StoreResult<()>;
    /// Adds a row to a measure's risk table. `Frozen` when its year is adopted. Audited.
    async fn add_risk(&self, measure: Uuid, risk: &NewRisk, actor: &Actor) -> StoreResult<Uuid>;
    /// Removes a row (`NotFound` if it is not the measure's). `Frozen` as above. Audited.
    async fn remove_risk(&self, measure: Uuid, risk: Uuid, actor: &Actor) -> StoreResult<()>;

    /// A year's plan; a year nobody has touched is a draft of version 1 at revision 0.
    async fn plan(&self, programme: Uuid, year: i32) -> StoreResult<(Plan, i64)>;
    /// Moves a year's status (`Closed` when the move does not fit the current status).
    /// Audited; all in one transaction.
    async fn change_plan(
        &self,
        programme: Uuid,
        year: i32,
        change: &PlanChange,
        actor: &Actor,
    ) -> StoreResult<Plan>;
    /// A year's frozen versions, oldest first.
    async fn plan_versions(&self, programme: Uuid, year: i32) -> StoreResult<Vec<PlanVersion>>;
    /// Who posted one of `cards` or answered one of `rounds`, in one read: the card or
    /// round, then the participant, and whether they said they are young.
    async fn contributions(
        &self,
        cards: &[Uuid],
        rounds: &[Uuid],
    ) -> StoreResult<Vec<Contribution>>;

    /// `programme`'s audit log, newest first.
    async fn audit_log(
        &self,
        programme: Uuid,
        filter: &AuditFilter,
    ) -> StoreResult<Vec<AuditEntry>>;

    /// A card's receipt code: the one it has, or `code` stored as its new one.
    /// `Duplicate` when `code` belongs to another card (draw another).
    async fn receipt(&self, card: Uuid, code: &str) -> StoreResult<String>;
    /// The card a receipt code is for.
    async fn card_of_receipt(&self, code: &str) -> StoreResult<Option<Uuid>>;
}
