//! The in-process event bus of live boards: one tokio broadcast channel per board with
//! subscribers, and a count of who is connected. Each event is serialised once.
pub use crate::workshop::model::Presence;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::{broadcast, watch};
use uuid::Uuid;

/// Events a slow subscriber may fall behind by before it must replay from the store.
const CHANNEL_CAPACITY: usize = 1024;

/// One logged board change, ready to send.
#[derive(Debug)]
pub struct Delivery {
    pub seq: i64,
    /// The event as JSON, for staff (and everyone when `for_participants` is none).
    pub full: Arc<str>,
    /// What participants get instead, e.g. a card id only while the board hides others'
    /// cards, or a vote change without its total while totals are hidden.
    pub for_participants: Option<Arc<str>>,
    /// The participant who gets `full` anyway: the card's author.
    pub author: Option<Uuid>,
}

/// Who is watching a board.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    Staff,
    Participant(Uuid),
}

impl Delivery {
    /// The JSON this viewer gets.
    pub fn for_viewer(&self, viewer: Viewer) -> &Arc<str> {
        match (&self.for_participants, viewer) {
            (Some(restricted), Viewer::Participant(me)) if self.author != Some(me) => restricted,
            _ => &self.full,
        }
    }
}

struct Channel {
    events: broadcast::Sender<Arc<Delivery>>,
    presence: watch::Sender<Presence>,
}

#[derive(Clone, Default)]
pub struct EventBus {
    boards: Arc<Mutex<HashMap<Uuid, Channel>>>,
}

/// A live subscription; dropping it counts the viewer out.
pub struct Subscription {
    pub events: broadcast::Receiver<Arc<Delivery>>,
    pub presence: watch::Receiver<Presence>,
    _guard: PresenceGuard,
}

struct PresenceGuard {
    bus: EventBus,
    board: Uuid,
    viewer: Viewer,
}

impl Drop for PresenceGuard {
    fn drop(&mut self) {
        let mut boards = self.bus.boards.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(channel) = boards.get(&self.board) {
            channel
                .presence
                .send_modify(|p| count(p, self.viewer, false));
            if channel.events.receiver_count() == 0 {
                boards.remove(&self.board);
            }
        }
    }
}

fn count(presence: &mut Presence, viewer: Viewer, joining: bool) {
    let n = match viewer {
        Viewer::Staff => &mut presence.staff,
        Viewer::Participant(_) => &mut presence.participants,
    };
    *n = if joining {
        n.saturating_add(1)
    } else {
        n.saturating_sub(1)
    };
}

impl EventBus {
    /// Sends a change to the board's current subscribers (none is fine).
    pub fn publish(&self, board: Uuid, delivery: Delivery) {
        let boards = self.boards.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(channel) = boards.get(&board) {
            let _ = channel.events.send(Arc::new(delivery));
        }
    }

    /// Subscribes to a board's changes from now on, and counts the viewer in.
    pub fn subscribe(&self, board: Uuid, viewer: Viewer) -> Subscription {
        let mut boards = self.boards.lock().unwrap_or_else(|e| e.into_inner());
        let channel = boards.entry(board).or_insert_with(|| Channel {
            events: broadcast::channel(CHANNEL_CAPACITY).0,
            presence: watch::channel(Presence::default()).0,
        });
        channel.presence.send_modify(|p| count(p, viewer, true));
        Subscription {
            events: channel.events.subscribe(),
            presence: channel.presence.subscribe(),
            _guard: PresenceGuard {
                bus: self.clone(),
                board,
                viewer,
            },
        }
    }

    /// Who is connected to a board now.
    pub fn presence(&self, board: Uuid) -> Presence {
        let boards = self.boards.lock().unwrap_or_else(|e| e.into_inner());
        boards
            .get(&board)
            .map(|c| *c.presence.borrow())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn delivery(seq: i64) -> Delivery {
        Delivery {
            seq,
            full: Arc::from("full"),
            for_participants: None,
            author: None,
        }
    }

    #[tokio::test]
    async fn subscribers_get_events_and_are_counted() {
        let bus = EventBus::default();
        let board = Uuid::new_v4();
        bus.publish(board, delivery(1)); // nobody listens: dropped
        let mut phone = bus.subscribe(board, Viewer::Participant(Uuid::new_v4()));
        let staff = bus.subscribe(board, Viewer::Staff);
        assert_eq!(
            bus.presence(board),
            Presence {
                participants: 1,
                staff: 1
            }
        );
        bus.publish(board, delivery(2));
        assert_eq!(phone.events.recv().await.unwrap().seq, 2);
        drop(staff);
        assert_eq!(
            bus.presence(board),
            Presence {
                participants: 1,
                staff: 0
            }
        );
        drop(phone);
        assert!(
            bus.boards.lock().unwrap().is_empty(),
            "idle boards are forgotten"
        );
    }

    #[test]
    fn hidden_cards_reach_only_their_author_and_staff() {
        let author = Uuid::new_v4();
        let d = Delivery {
            seq: 1,
            full: Arc::from("card"),
            for_participants: Some(Arc::from("hidden")),
            author: Some(author),
        };
        assert_eq!(&**d.for_viewer(Viewer::Participant(author)), "card");
        assert_eq!(&**d.for_viewer(Viewer::Staff), "card");
        assert_eq!(
            &**d.for_viewer(Viewer::Participant(Uuid::new_v4())),
            "hidden"
        );
    }
}
