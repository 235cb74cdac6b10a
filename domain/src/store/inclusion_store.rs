//! The storage contract of inclusion and privacy: idempotent posting, participation
//! counts for the diversity view, retention of participant identities and the
//! evaluation export. Part of `Store`; the conformance suite runs it on both backends.
use super::store_error::StoreResult;
use crate::inclusion::model::{EvaluationCard, InclusionSettings, Participation, Turnout};
use crate::workshop::model::Card;
use chrono::{DateTime, Utc};
use uuid::Uuid;

#[async_trait::async_trait]
pub trait InclusionStore {
    /// The card posted with this client key, if any (a retried offline post).
    async fn card_by_client_key(&self, key: Uuid) -> StoreResult<Option<Card>>;

    /// Who took part and what they contributed in `programme`: in one of its workshops,
    /// or in all of them (a workshop of another programme counts nothing).
    async fn participation(
        &self,
        programme: Uuid,
        workshop: Option<Uuid>,
    ) -> StoreResult<Participation>;

    /// Each workshop of the programme with how many took part and how many of them are
    /// young, by start, in one read.
    async fn turnout(&self, programme: Uuid) -> StoreResult<Vec<Turnout>>;

    /// The programme's retention period and participation targets.
    async fn inclusion_settings(&self, programme: Uuid) -> StoreResult<InclusionSettings>;
    /// Replaces the programme's retention period and participation targets.
    async fn save_inclusion_settings(
        &self,
        programme: Uuid,
        settings: &InclusionSettings,
    ) -> StoreResult<()>;

    /// Erases the nickname and token of every participant of a workshop that closed
    /// longer ago than its programme's retention period; their cards stay, anonymous.
    /// Returns how many participants were erased now.
    async fn erase_expired_participants(&self, now: DateTime<Utc>) -> StoreResult<u64>;

    /// Every card of the workshop with its author's participant id (never a name), for
    /// the pseudonymised evaluation export.
    async fn evaluation_cards(&self, workshop: Uuid) -> StoreResult<Vec<EvaluationCard>>;
}
