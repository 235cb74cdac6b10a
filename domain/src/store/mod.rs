//! The storage contract (feature `store`): what the app asks of a database, with the
//! refusals each call can give. `samskap-store` implements it for SQLite and
//! PostgreSQL; one conformance suite (server/tests/it/store_conformance.rs) runs both.
pub mod account_store;
pub mod actor;
pub mod follow_up_store;
pub mod inclusion_store;
pub mod library_store;
pub mod pipeline_store;
pub mod plan_store;
pub mod report_store;
pub mod store_error;
pub mod workshop_store;

use crate::programme::model::{FocusArea, Goal, Programme, ProgrammeFields, ProgrammeName};
use uuid::Uuid;

pub use account_store::{Item, NewAccount};
pub use store_error::{StoreError, StoreResult};

#[async_trait::async_trait]
pub trait Store:
    account_store::AccountStore
    + workshop_store::WorkshopStore
    + pipeline_store::PipelineStore
    + plan_store::PlanStore
    + inclusion_store::InclusionStore
    + follow_up_store::FollowUpStore
    + report_store::ReportStore
    + library_store::LibraryStore
    + Send
    + Sync
    + 'static
{
    /// A cheap round trip to the database, for `/healthz`.
    async fn health(&self) -> StoreResult<()>;

    /// Every programme of the installation, oldest first.
    async fn programmes(&self) -> StoreResult<Vec<ProgrammeName>>;
    /// A programme with its focus areas and goals.
    async fn programme(&self, id: Uuid) -> StoreResult<Option<Programme>>;
    /// The id of the programme with this slug.
    async fn programme_by_slug(&self, slug: &str) -> StoreResult<Option<Uuid>>;
    /// The slug of the programme `id`, for links from a page about one of its things.
    async fn slug_of(&self, id: Uuid) -> StoreResult<Option<String>>;
    /// The focus areas of `programme`, in order, in one read.
    async fn focus_areas(&self, programme: Uuid) -> StoreResult<Vec<FocusArea>>;
    /// A new programme named `slug` in URLs, with `lead` (if any) as its lead, in one
    /// transaction. `SlugTaken` if another programme has the slug.
    async fn create_programme(
        &self,
        slug: &str,
        fields: ProgrammeFields,
        lead: Option<Uuid>,
    ) -> StoreResult<Uuid>;
    /// `NotFound` if there is no such programme.
    async fn update_programme(&self, id: Uuid, fields: ProgrammeFields) -> StoreResult<()>;
    async fn add_focus_area(
        &self,
        programme: Uuid,
        name: &str,
        description: &str,
    ) -> StoreResult<FocusArea>;
    /// `NotFound` unless the focus area is `programme`'s.
    async fn update_focus_area(
        &self,
        programme: Uuid,
        id: Uuid,
        name: &str,
        description: &str,
    ) -> StoreResult<()>;
    /// `NotFound` unless the focus area is `programme`'s.
    async fn delete_focus_area(&self, programme: Uuid, id: Uuid) -> StoreResult<()>;
    /// Adds a goal linked to the given focus areas (which must belong to the same programme).
    async fn add_goal(
        &self,
        programme: Uuid,
        title: &str,
        description: &str,
        focus_areas: &[Uuid],
    ) -> StoreResult<Goal>;
    /// `NotFound` unless the goal is `programme`'s.
    async fn update_goal(
        &self,
        programme: Uuid,
        id: Uuid,
        title: &str,
        description: &str,
        focus_areas: &[Uuid],
    ) -> StoreResult<()>;
    /// `NotFound` unless the goal is `programme`'s.
    async fn delete_goal(&self, programme: Uuid, id: Uuid) -> StoreResult<()>;
}
