//! Who may follow a measure up: the lead and the core team on every measure, a staff
//! member on the measures they are responsible for; every staff role reads.
use crate::error::AppError;
use crate::server::context::{app, require_member};
use samskap_domain::account::model::User;
use samskap_domain::follow_up::indicator::IndicatorOf;
use samskap_domain::store::actor::Actor;
use samskap_domain::store::{Item, Store};
use std::sync::Arc;
use uuid::Uuid;

/// The signed-in caller who may record on `measure`, with the programme's id.
/// `Forbidden` for a member of its programme who may not, `NotFound` for everyone else.
pub async fn recorder(measure: Uuid) -> Result<(Arc<dyn Store>, Uuid, Actor), AppError> {
    indicator_writer(IndicatorOf::Measure(measure)).await
}

/// The caller who may define and read `of`'s indicators: for a measure as `recorder`,
/// for a programme goal the lead and the core team.
pub async fn indicator_writer(of: IndicatorOf) -> Result<(Arc<dyn Store>, Uuid, Actor), AppError> {
    let item = match of {
        IndicatorOf::Measure(id) => Item::Measure(id),
        IndicatorOf::Goal(id) => Item::Goal(id),
    };
    let (user, programme) = require_member(item).await?;
    allowed(app()?.store, &user, programme, of).await
}

/// `indicator_writer` of what an existing indicator follows.
pub async fn indicator_writer_of(
    indicator: Uuid,
) -> Result<(Arc<dyn Store>, Uuid, Actor), AppError> {
    let (user, programme) = require_member(Item::Indicator(indicator)).await?;
    let store = app()?.store;
    let of = store
        .indicator_of(programme, indicator)
        .await?
        .ok_or(AppError::NotFound)?;
    allowed(store, &user, programme, of).await
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
