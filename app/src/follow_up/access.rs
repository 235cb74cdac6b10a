//! Who may follow a measure up: the lead and the core team on every measure, a staff
//! member on the measures they are responsible for; every staff role reads.
use crate::error::AppError;
use crate::server::actor::Actor;
use crate::server::context::{app, require_user};
use crate::server::store::Store;
use std::sync::Arc;
use uuid::Uuid;

/// The signed-in caller who may record on `measure`, with the programme's id.
/// `Forbidden` for anyone else, also when the measure does not exist (so a stranger
/// learns nothing from the answer).
pub async fn recorder(measure: Uuid) -> Result<(Arc<dyn Store>, Uuid, Actor), AppError> {
    let user = require_user().await?;
    let store = app()?.store;
    let programme = store.programme_id().await?.ok_or(AppError::NotFound)?;
    let allowed = user.role.can_plan()
        || (user.role.can_be_responsible()
            && store
                .measure_record(programme, measure)
                .await?
                .responsible
                .is_some_and(|r| r.user_id == user.id));
    if !allowed {
        return Err(AppError::Forbidden);
    }
    Ok((store, programme, crate::pipeline::access::actor_of(&user)))
}
