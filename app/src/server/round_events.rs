//! Test-round events on the server: a round's live viewers learn that its feedback
//! changed (and fetch the new aggregate).
use crate::server::bus::{Delivery, EventBus};
use std::sync::Arc;
use uuid::Uuid;

/// Tells the round's live viewers that its feedback changed.
pub fn publish_feedback(bus: &EventBus, round: Uuid) {
    bus.publish(
        round,
        Delivery {
            seq: 0,
            full: Arc::from("{}"),
            for_participants: None,
            author: None,
            posted: None,
        },
    );
}
