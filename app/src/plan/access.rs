//! Who may change the plan: the lead and the core team promote, rank and propose; only
//! the lead records adoption and sending. Every staff role reads.
use crate::account::model::Role;
use crate::error::AppError;
use crate::programme::model::Programme;
use crate::server::actor::Actor;
use crate::server::context::{app, internal, require_role};
use crate::server::store::Store;
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
    store
        .programme()
        .await
        .map_err(internal)?
        .ok_or(AppError::NotFound)
}

/// A store refusal of a plan change, as the user should read it.
pub fn refusal(err: crate::server::store::StoreError) -> AppError {
    use crate::server::store::StoreError;
    match err {
        StoreError::Closed => AppError::StatusNotAllowed,
        other => internal(other),
    }
}
