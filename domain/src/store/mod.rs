//! The storage contract (feature `store`): what the app asks of a database, with the
//! refusals each call can give. `samskap-store` implements it for SQLite and
//! PostgreSQL; one conformance suite (server/tests/it/store_conformance.rs) runs both.
pub mod actor;
pub mod follow_up_store;
pub mod inclusion_store;
pub mod pipeline_store;
pub mod plan_store;
pub mod report_store;
pub mod store_error;
pub mod workshop_store;

use crate::account::model::{Role, User};
use crate::programme::model::{FocusArea, Goal, Programme, ProgrammeFields};
use uuid::Uuid;

pub use store_error::{StoreError, StoreResult};

/// A staff account to create; `email` is already normalised, `password_hash` is a PHC string.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub password_hash: String,
}

#[async_trait::async_trait]
pub trait Store:
    workshop_store::WorkshopStore
    + pipeline_store::PipelineStore
    + plan_store::PlanStore
    + inclusion_store::InclusionStore
    + follow_up_store::FollowUpStore
    + report_store::ReportStore
    + Send
    + Sync
    + 'static
{
    /// A cheap round trip to the database, for `/healthz`.
    async fn health(&self) -> StoreResult<()>;

    async fn create_user(&self, user: NewUser) -> StoreResult<User>;
    async fn user(&self, id: Uuid) -> StoreResult<Option<User>>;
    /// The user with this (normalised) email and their password hash.
    async fn user_with_hash(&self, email: &str) -> StoreResult<Option<(User, String)>>;
    async fn users(&self) -> StoreResult<Vec<User>>;
    /// `LastLead` (nothing changed) if no active lead would be left.
    async fn set_role(&self, id: Uuid, role: Role) -> StoreResult<()>;
    /// Also bumps the session epoch, ending the user's sessions. `LastLead` (nothing
    /// changed) if no active lead would be left.
    async fn set_active(&self, id: Uuid, active: bool) -> StoreResult<()>;
    /// Also bumps the session epoch, ending the user's sessions.
    async fn set_password_hash(&self, id: Uuid, password_hash: &str) -> StoreResult<()>;

    /// The id of the installation's programme (the oldest one).
    async fn programme_id(&self) -> StoreResult<Option<Uuid>>;
    /// The installation's programme (the oldest one), with its focus areas and goals.
    async fn programme(&self) -> StoreResult<Option<Programme>>;
    /// The focus areas of the installation's programme, in order, in one read.
    async fn focus_areas(&self) -> StoreResult<Vec<FocusArea>>;
    /// Updates the programme, or creates it when there is none; returns its id.
    async fn save_programme(&self, fields: ProgrammeFields) -> StoreResult<Uuid>;
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
