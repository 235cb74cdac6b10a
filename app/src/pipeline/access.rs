//! Who may change the pipeline: the lead, the core team and facilitators (recorded by
//! name in the audit trail); viewers read; participants only give feedback. Each is
//! checked in the programme of what the call names.
use crate::error::AppError;
use crate::server::context::{app, require_member, require_role};
use samskap_domain::account::model::{Role, User};
use samskap_domain::store::actor::Actor;
use samskap_domain::store::{Item, Store};
use std::sync::Arc;
use uuid::Uuid;

/// The signed-in staff member who may change the pipeline in `item`'s programme, as an
/// audit actor, with that programme's id.
pub async fn actor(item: Item) -> Result<(Arc<dyn Store>, Actor, Uuid), AppError> {
    let (user, programme) = require_role(item, Role::can_shape_prototypes).await?;
    Ok((app()?.store, actor_of(&user), programme))
}

pub fn actor_of(user: &User) -> Actor {
    Actor {
        id: user.id,
        name: user.display_name.clone(),
    }
}

/// Any signed-in member of `item`'s programme (pipeline pages are readable by every
/// role), with that programme's id.
pub async fn reader(item: Item) -> Result<(Arc<dyn Store>, User, Uuid), AppError> {
    let (user, programme) = require_member(item).await?;
    Ok((app()?.store, user, programme))
}

/// A uuid from a form field, or `BadRequest`.
pub fn uuid_field(value: &str) -> Result<Uuid, AppError> {
    value.trim().parse().map_err(|_| AppError::BadRequest)
}
