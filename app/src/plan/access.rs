//! Who may change the plan: the lead and the core team promote, rank and propose; only
//! the lead records adoption and sending. Every staff role reads. Each is checked in
//! the programme of what the call names.
use crate::error::AppError;
use crate::server::context::{app, require_role};
use samskap_domain::account::model::Role;
use samskap_domain::programme::model::Programme;
use samskap_domain::store::actor::Actor;
use samskap_domain::store::{Item, Store};
use std::sync::Arc;
use uuid::Uuid;

/// The store, the caller as an audit actor, and the programme their role was checked in.
pub type Caller = (Arc<dyn Store>, Actor, Uuid);

/// The signed-in lead or core team member of `item`'s programme, as an audit actor, with
/// that programme's id.
pub async fn planner(item: Item) -> Result<Caller, AppError> {
    let (user, programme) = require_role(item, Role::can_plan).await?;
    Ok((
        app()?.store,
        crate::pipeline::access::actor_of(&user),
        programme,
    ))
}

/// The signed-in lead of `item`'s programme, as an audit actor, with its id.
pub async fn adopter(item: Item) -> Result<Caller, AppError> {
    let (user, programme) = require_role(item, Role::can_adopt).await?;
    Ok((
        app()?.store,
        crate::pipeline::access::actor_of(&user),
        programme,
    ))
}

/// The programme the public pages show: the installation's first. Public pages will
/// name their programme in the URL when an installation can hold several (issue 19);
/// this is the one seam that picks it until then.
pub async fn public_programme(store: &dyn Store) -> Result<Uuid, AppError> {
    let first = store.programmes().await?.into_iter().next();
    first.map(|p| p.id).ok_or(AppError::NotFound)
}

/// The programme `id` with its focus areas and goals.
pub async fn programme(store: &dyn Store, id: Uuid) -> Result<Programme, AppError> {
    store.programme(id).await?.ok_or(AppError::NotFound)
}
