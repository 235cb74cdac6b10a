//! Who may change the pipeline: the lead, the core team and facilitators (recorded by
//! name in the audit trail); viewers read; participants only give feedback.
use crate::error::AppError;
use crate::server::context::{app, require_role, require_user};
use samskap_domain::account::model::User;
use samskap_domain::store::actor::Actor;
use samskap_domain::store::Store;
use std::sync::Arc;
use uuid::Uuid;

/// The signed-in staff user who may change the pipeline, as an audit actor.
pub async fn actor() -> Result<(Arc<dyn Store>, Actor), AppError> {
    let user = require_role(samskap_domain::account::model::Role::can_shape_prototypes).await?;
    Ok((app()?.store, actor_of(&user)))
}

pub fn actor_of(user: &User) -> Actor {
    Actor {
        id: user.id,
        name: user.display_name.clone(),
    }
}

/// Any signed-in staff user (pipeline pages are readable by every role).
pub async fn reader() -> Result<(Arc<dyn Store>, User), AppError> {
    let user = require_user().await?;
    Ok((app()?.store, user))
}

/// The installation's programme id.
pub async fn programme_id(store: &dyn Store) -> Result<Uuid, AppError> {
    store.programme_id().await?.ok_or(AppError::NotFound)
}

/// A uuid from a form field, or `BadRequest`.
pub fn uuid_field(value: &str) -> Result<Uuid, AppError> {
    value.trim().parse().map_err(|_| AppError::BadRequest)
}
