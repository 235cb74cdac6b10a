//! The storage contract of the iteration pipeline: evidence links, prototypes and
//! their versions, test rounds, feedback, decisions, photos and the audit trail.
//! Part of `Store`; the conformance suite runs it on both backends.
use super::actor::Actor;
use super::store_error::StoreResult;
use super::workshop_store::AuthorRef;
use crate::pipeline::model::{
    AuditEntry, Decision, Feedback, FeedbackFields, Outcome, Prototype, PrototypeFields,
    RoundFields, TestRound,
};
use crate::workshop::model::Card;
use uuid::Uuid;

/// An open test round as a workshop's board lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenRound {
    pub id: Uuid,
    pub prototype_title: String,
    pub version: i32,
}

/// Where a new prototype comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Idea(Uuid),
    Theme(Uuid),
}

/// A decision to record on a version.
#[derive(Debug, Clone)]
pub struct NewDecision {
    pub outcome: Outcome,
    pub reason: String,
    pub learning: String,
}

/// A re-encoded photo to store: the image and its thumbnail, both JPEG.
#[derive(Debug, Clone)]
pub struct NewPhoto {
    pub width: u32,
    pub height: u32,
    pub image: Vec<u8>,
    pub thumbnail: Vec<u8>,
    pub uploader: AuthorRef,
}

/// What a photo belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhotoOwner {
    Card(Uuid),
    Prototype(Uuid),
}

/// A stored photo.
#[derive(Debug, Clone)]
pub struct StoredPhoto {
    pub owner: PhotoOwner,
    pub image: Vec<u8>,
    pub thumbnail: Vec<u8>,
}

#[async_trait::async_trait]
pub trait PipelineStore: Send + Sync {
    /// Records that `idea` builds on `insight` (idempotent); `NotFound` for an unknown
    /// card. Audited.
    async fn link_insight(&self, idea: Uuid, insight: Uuid, actor: &Actor) -> StoreResult<()>;
    /// Removes that link (`NotFound` if there was none). Audited.
    async fn unlink_insight(&self, idea: Uuid, insight: Uuid, actor: &Actor) -> StoreResult<()>;
    /// The cards an idea builds on, in posting order.
    async fn insights_of(&self, idea: Uuid) -> StoreResult<Vec<Card>>;
    /// `(idea, insight)` for every insight the given ideas build on, in one read.
    async fn insight_links(&self, ideas: &[Uuid]) -> StoreResult<Vec<(Uuid, Uuid)>>;
    /// A theme's board and name.
    async fn theme(&self, id: Uuid) -> StoreResult<Option<(Uuid, String)>>;
    /// The cards sorted into a theme, in posting order.
    async fn theme_cards(&self, theme: Uuid) -> StoreResult<Vec<Card>>;
    /// `(theme, card)` for every card of the given themes, in one read.
    async fn theme_members(&self, themes: &[Uuid]) -> StoreResult<Vec<(Uuid, Uuid)>>;
    /// The ideas that build on a card.
    async fn ideas_building_on(&self, insight: Uuid) -> StoreResult<Vec<Card>>;

    /// Version 1 of a new prototype of the programme, from an idea card or a theme
    /// (`NotFound` for either unknown). Audited.
    async fn create_prototype(
        &self,
        programme: Uuid,
        origin: Origin,
        fields: &PrototypeFields,
        actor: &Actor,
    ) -> StoreResult<Prototype>;
    async fn prototype(&self, id: Uuid) -> StoreResult<Option<Prototype>>;
    /// The programme's prototypes, newest lineage first, each lineage oldest version first.
    async fn prototypes(&self, programme: Uuid) -> StoreResult<Vec<Prototype>>;
    /// Every version of a lineage, oldest first.
    async fn lineage(&self, lineage: Uuid) -> StoreResult<Vec<Prototype>>;
    /// Every version of the lineages the given prototypes belong to, in one read.
    async fn lineages_of(&self, prototypes: &[Uuid]) -> StoreResult<Vec<Prototype>>;
    /// The lineages a card leads to: as their idea, as an insight an idea of theirs
    /// builds on, or as a card of their theme.
    async fn lineages_of_card(&self, card: Uuid) -> StoreResult<Vec<Uuid>>;

    /// A new open test round of a prototype, through a workshop's join code; `Closed`
    /// when the prototype is already decided, `NotFound` for an unknown one. Audited.
    async fn create_round(
        &self,
        prototype: Uuid,
        workshop: Uuid,
        fields: &RoundFields,
        actor: &Actor,
    ) -> StoreResult<TestRound>;
    async fn round(&self, id: Uuid) -> StoreResult<Option<TestRound>>;
    /// A prototype's rounds, oldest first.
    async fn rounds(&self, prototype: Uuid) -> StoreResult<Vec<TestRound>>;
    /// The rounds of all the given prototypes, oldest first, in one read.
    async fn rounds_of(&self, prototypes: &[Uuid]) -> StoreResult<Vec<TestRound>>;
    /// The open rounds testers of a workshop can give feedback to, with what they test.
    async fn open_rounds_of_workshop(&self, workshop: Uuid) -> StoreResult<Vec<OpenRound>>;
    /// Opens or closes a round (`Closed` when its prototype is decided). Audited.
    async fn set_round_open(&self, id: Uuid, open: bool, actor: &Actor) -> StoreResult<()>;
    /// Stores feedback while the round is open (`Closed` otherwise, nothing stored), from
    /// a participant or, from an interview, a staff user. A participant's feedback
    /// replaces what they gave on that round before: one tester, one answer (and one
    /// rating in the summary); staff may record any number of interviews.
    async fn add_feedback(
        &self,
        round: Uuid,
        from: AuthorRef,
        fields: &FeedbackFields,
    ) -> StoreResult<Feedback>;
    /// A round's feedback, oldest first.
    async fn feedback(&self, round: Uuid) -> StoreResult<Vec<Feedback>>;
    /// The feedback of all the given rounds, in one read.
    async fn feedback_of(&self, rounds: &[Uuid]) -> StoreResult<Vec<Feedback>>;

    /// Records the decision on an open version after at least one round (`Closed` if it
    /// is decided already, `LimitReached` if it was never tested): sets its status,
    /// closes its rounds and, to iterate, creates the next version with the learning
    /// carried over. Audited; all in one transaction.
    async fn decide(
        &self,
        prototype: Uuid,
        decision: &NewDecision,
        actor: &Actor,
    ) -> StoreResult<Decision>;
    async fn decision(&self, prototype: Uuid) -> StoreResult<Option<Decision>>;

    /// Stores a photo. A card keeps one (a new one replaces it) and the change is logged
    /// on its board (the sequence number is returned); a prototype keeps all. With
    /// `hold`, a visible card is held for approval with that note, in the same
    /// transaction (a new photo under pre-moderation); a hidden or held one stays so.
    async fn add_photo(
        &self,
        owner: PhotoOwner,
        photo: NewPhoto,
        hold: Option<&str>,
    ) -> StoreResult<(Uuid, Option<i64>)>;
    async fn photo(&self, id: Uuid) -> StoreResult<Option<StoredPhoto>>;

    /// The audit trail of some subjects, oldest first.
    async fn audit_of(&self, subjects: &[Uuid]) -> StoreResult<Vec<AuditEntry>>;
}
