//! Who may change the plan: the lead and the core team promote, rank and propose; only
//! the lead records adoption and sending. Every staff role reads.
use crate::error::AppError;
use crate::server::context::{app, require_role};
use samskap_domain::account::model::Role;
use samskap_domain::programme::model::Programme;
use samskap_domain::store::actor::Actor;
use samskap_domain::store::Store;
use std::sync::Arc;

/// The signed-in lead or core team member, as an audit actor.
pub async fn planner() -> Result<(Arc<dyn Store>, Actor), AppError> {
    let user = require_role(Role::can_plan).await?;
    Ok((app()?.store, crate::pipeline::access::actor_of(&user)))
}

/// The signed-in lead, as an audit actor.
pub async fn adopter() -> Result<(Arc<dyn Store>, Actor), AppError> {
    let user = require_role(Role::can_adopt).await?;
    Ok((app()?.store, crate::pipeline::access::actor_of(&user)))
}

/// The installation's programme with its focus areas and goals.
pub async fn programme(store: &dyn Store) -> Result<Programme, AppError> {
    store.programme().await?.ok_or(AppError::NotFound)
}
