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

/// The programme a public page names by its slug (`/public/{slug}/…`): anyone may read
/// what it publishes; `NotFound` if there is none.
pub async fn public_programme(store: &dyn Store, slug: &str) -> Result<Uuid, AppError> {
    store
        .programme_by_slug(slug)
        .await?
        .ok_or(AppError::NotFound)
}

/// The programme `id` with its focus areas and goals.
pub async fn programme(store: &dyn Store, id: Uuid) -> Result<Programme, AppError> {
    store.programme(id).await?.ok_or(AppError::NotFound)
}
