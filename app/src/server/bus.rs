//! The event bus of live boards: one tokio broadcast channel per board with local
//! subscribers, and who is connected (here, plus what other instances report). Each
//! event is serialised once per instance.
pub use samskap_domain::workshop::model::Presence;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime};
use tokio::sync::{broadcast, mpsc, watch};
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
    /// When the change was committed, for the post→delivery latency; none for replays.
    pub posted: Option<SystemTime>,
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
    /// Viewers connected to this instance.
    local: Presence,
    /// Everyone connected, here and on other instances.
    presence: watch::Sender<Presence>,
}

/// What another instance last said about a board.
struct Remote {
    presence: Presence,
    at: Instant,
}

#[derive(Default)]
struct Inner {
    boards: HashMap<Uuid, Channel>,
    /// Per board, per other instance.
    remote: HashMap<Uuid, HashMap<String, Remote>>,
    /// Where changes of local presence go, when other instances must hear of them.
    relay: Option<mpsc::UnboundedSender<(Uuid, Presence)>>,
    closed: bool,
}

impl Inner {
    fn total(&self, board: Uuid, local: Presence) -> Presence {
        self.remote
            .get(&board)
            .into_iter()
            .flat_map(|r| r.values())
            .fold(local, |sum, r| Presence {
                participants: sum.participants.saturating_add(r.presence.participants),
                staff: sum.staff.saturating_add(r.presence.staff),
            })
    }

    /// Recounts a board after its local or remote presence changed.
    fn changed(&self, board: Uuid, local_changed: bool) {
        let Some(channel) = self.boards.get(&board) else {
            return;
        };
        let total = self.total(board, channel.local);
        channel
            .presence
            .send_if_modified(|p| std::mem::replace(p, total) != total);
        if local_changed {
            if let Some(relay) = &self.relay {
                let _ = relay.send((board, channel.local));
            }
        }
    }
}

#[derive(Clone, Default)]
pub struct EventBus {
    inner: Arc<Mutex<Inner>>,
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
        let mut inner = self.bus.lock();
        let Some(channel) = inner.boards.get_mut(&self.board) else {
            return;
        };
        count(&mut channel.local, self.viewer, false);
        let idle = channel.events.receiver_count() == 0;
        inner.changed(self.board, true);
        if idle {
            inner.boards.remove(&self.board);
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
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Sends a change to the board's subscribers on this instance (none is fine),
    /// stamped with the time now unless it carries its own.
    pub fn publish(&self, board: Uuid, mut delivery: Delivery) {
        delivery.posted.get_or_insert_with(SystemTime::now);
        let inner = self.lock();
        if let Some(channel) = inner.boards.get(&board) {
            let _ = channel.events.send(Arc::new(delivery));
        }
    }

    /// Subscribes to a board's changes from now on, and counts the viewer in.
    pub fn subscribe(&self, board: Uuid, viewer: Viewer) -> Subscription {
        let mut inner = self.lock();
        let closed = inner.closed;
        let channel = inner.boards.entry(board).or_insert_with(|| Channel {
            events: broadcast::channel(CHANNEL_CAPACITY).0,
            local: Presence::default(),
            presence: watch::channel(Presence::default()).0,
        });
        count(&mut channel.local, viewer, true);
        let subscription = Subscription {
            events: channel.events.subscribe(),
            presence: channel.presence.subscribe(),
            _guard: PresenceGuard {
                bus: self.clone(),
                board,
                viewer,
            },
        };
        if closed {
            // Shutting down: the subscription ends at once, and nobody hears of it.
            inner.boards.remove(&board);
        } else {
            inner.changed(board, true);
        }
        subscription
    }

    /// Who is connected to a board now, on every instance.
    pub fn presence(&self, board: Uuid) -> Presence {
        let inner = self.lock();
        let local = inner
            .boards
            .get(&board)
            .map(|c| c.local)
            .unwrap_or_default();
        inner.total(board, local)
    }

    /// Whether anyone on this instance follows the board (or test round).
    pub fn has_subscribers(&self, board: Uuid) -> bool {
        self.lock().boards.contains_key(&board)
    }

    /// Subscribers connected to this instance, over all boards and rounds.
    pub fn local_subscribers(&self) -> u64 {
        self.lock()
            .boards
            .values()
            .map(|c| c.events.receiver_count() as u64)
            .sum()
    }

    /// Each board with local viewers, and how many: what this instance tells the others.
    pub fn local_presence(&self) -> Vec<(Uuid, Presence)> {
        self.lock()
            .boards
            .iter()
            .map(|(id, c)| (*id, c.local))
            .collect()
    }

    /// From now on, changes of local presence are also sent here (to other instances).
    pub fn relay_presence(&self) -> mpsc::UnboundedReceiver<(Uuid, Presence)> {
        let (tx, rx) = mpsc::unbounded_channel();
        self.lock().relay = Some(tx);
        rx
    }

    /// What another instance reports about one of its boards.
    pub fn set_remote_presence(&self, board: Uuid, instance: &str, presence: Presence) {
        let mut inner = self.lock();
        let remote = inner.remote.entry(board).or_default();
        if presence == Presence::default() {
            remote.remove(instance);
        } else {
            remote.insert(
                instance.to_string(),
                Remote {
                    presence,
                    at: Instant::now(),
                },
            );
        }
        if remote.is_empty() {
            inner.remote.remove(&board);
        }
        inner.changed(board, false);
    }

    /// Forgets what instances that have gone quiet for `max_age` reported.
    pub fn forget_stale_presence(&self, max_age: Duration) {
        let mut inner = self.lock();
        let mut touched = Vec::new();
        inner.remote.retain(|board, remote| {
            let before = remote.len();
            remote.retain(|_, r| r.at.elapsed() < max_age);
            if remote.len() != before {
                touched.push(*board);
            }
            !remote.is_empty()
        });
        for board in touched {
            inner.changed(board, false);
        }
    }

    /// Ends every subscription, now and later: the server is shutting down, and its
    /// clients should reconnect elsewhere instead of holding the shutdown up.
    pub fn close(&self) {
        let mut inner = self.lock();
        inner.closed = true;
        inner.boards.clear();
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
            posted: None,
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
        assert!(!bus.has_subscribers(board), "idle boards are forgotten");
    }

    #[test]
    fn hidden_cards_reach_only_their_author_and_staff() {
        let author = Uuid::new_v4();
        let d = Delivery {
            seq: 1,
            full: Arc::from("card"),
            for_participants: Some(Arc::from("hidden")),
            author: Some(author),
            posted: None,
        };
        assert_eq!(&**d.for_viewer(Viewer::Participant(author)), "card");
        assert_eq!(&**d.for_viewer(Viewer::Staff), "card");
        assert_eq!(
            &**d.for_viewer(Viewer::Participant(Uuid::new_v4())),
            "hidden"
        );
    }

    #[tokio::test]
    async fn other_instances_presence_adds_up_until_it_goes_stale() {
        let bus = EventBus::default();
        let board = Uuid::new_v4();
        let mut relayed = bus.relay_presence();
        let staff = bus.subscribe(board, Viewer::Staff);
        assert_eq!(
            relayed.recv().await.unwrap().1.staff,
            1,
            "local changes are relayed"
        );
        let two = Presence {
            participants: 2,
            staff: 0,
        };
        bus.set_remote_presence(board, "b", two);
        assert_eq!(
            *staff.presence.borrow(),
            Presence {
                participants: 2,
                staff: 1
            }
        );
        assert_eq!(bus.presence(board).participants, 2);
        bus.forget_stale_presence(Duration::from_secs(60));
        assert_eq!(bus.presence(board).participants, 2, "still fresh");
        bus.forget_stale_presence(Duration::ZERO);
        assert_eq!(
            *staff.presence.borrow(),
            Presence {
                participants: 0,
                staff: 1
            }
        );
    }

    #[tokio::test]
    async fn closing_ends_every_subscription() {
        let bus = EventBus::default();
        let board = Uuid::new_v4();
        let mut before = bus.subscribe(board, Viewer::Staff);
        bus.close();
        let mut after = bus.subscribe(board, Viewer::Staff);
        for sub in [&mut before, &mut after] {
            assert!(matches!(
                sub.events.recv().await,
                Err(broadcast::error::RecvError::Closed)
            ));
        }
    }
}
