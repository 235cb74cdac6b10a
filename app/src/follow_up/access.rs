//! Who may follow a measure up: the lead and the core team on every measure, a staff
//! member on the measures they are responsible for; every staff role reads.
use crate::error::AppError;
use crate::server::context::{app, require_user};
use samskap_domain::account::model::User;
use samskap_domain::follow_up::indicator::IndicatorOf;
use samskap_domain::store::actor::Actor;
use samskap_domain::store::Store;
use std::sync::Arc;
use uuid::Uuid;

/// The signed-in caller who may record on `measure`, with the programme's id.
/// `Forbidden` for anyone else, also when the measure does not exist (so a stranger
/// learns nothing from the answer).
pub async fn recorder(measure: Uuid) -> Result<(Arc<dyn Store>, Uuid, Actor), AppError> {
    indicator_writer(IndicatorOf::Measure(measure)).await
}

/// The caller who may define and read `of`'s indicators: for a measure as `recorder`,
/// for a programme goal the lead and the core team.
pub async fn indicator_writer(of: IndicatorOf) -> Result<(Arc<dyn Store>, Uuid, Actor), AppError> {
    let (store, user, programme) = caller().await?;
    allowed(store, &user, programme, of).await
}

/// `indicator_writer` of what an existing indicator follows. `Forbidden` for a staff
/// member who may not, also when there is no such indicator.
pub async fn indicator_writer_of(
    indicator: Uuid,
) -> Result<(Arc<dyn Store>, Uuid, Actor), AppError> {
    let (store, user, programme) = caller().await?;
    match store.indicator_of(programme, indicator).await? {
        Some(of) => allowed(store, &user, programme, of).await,
        // Unknown: refused the same way as somebody else's, but planners learn it is gone.
        None if user.role.can_plan() => Err(AppError::NotFound),
        None => Err(AppError::Forbidden),
    }
}

/// The signed-in staff user, the store and the programme, read once per call.
async fn caller() -> Result<(Arc<dyn Store>, User, Uuid), AppError> {
    let user = require_user().await?;
    let store = app()?.store;
    let programme = store.programme_id().await?.ok_or(AppError::NotFound)?;
    Ok((store, user, programme))
}

/// The store, programme and audit actor if `user` may write on `of`, else `Forbidden`.
async fn allowed(
    store: Arc<dyn Store>,
    user: &User,
    programme: Uuid,
    of: IndicatorOf,
) -> Result<(Arc<dyn Store>, Uuid, Actor), AppError> {
    let may = user.role.can_plan()
        || match of {
            IndicatorOf::Measure(measure) => {
                user.role.can_be_responsible()
                    && store
                        .measure_record(programme, measure)
                        .await?
                        .responsible
                        .is_some_and(|r| r.user_id == user.id)
            }
            IndicatorOf::Goal(_) => false,
        };
    if !may {
        return Err(AppError::Forbidden);
    }
    Ok((store, programme, crate::pipeline::access::actor_of(user)))
}
