//! Who may see a test round: staff, or a participant of the round's workshop.
use crate::board::access::Who;
use crate::error::AppError;
use samskap_domain::pipeline::model::TestRound;
use uuid::Uuid;

/// The round and the caller: staff, or a participant of the round's workshop.
pub async fn round_access(round: Uuid) -> Result<(TestRound, Who), AppError> {
    use crate::server::context::{app, staff_of};
    use samskap_domain::store::Item;
    let round = app()?.store.round(round).await?.ok_or(AppError::NotFound)?;
    let who = if let Some(user) = staff_of(Item::Workshop(round.workshop_id)).await? {
        Who::Staff(user)
    } else if let Some(p) = crate::join::participant::current_participant(round.workshop_id).await?
    {
        Who::Participant(p)
    } else {
        return Err(AppError::NotJoined);
    };
    Ok((round, who))
}
