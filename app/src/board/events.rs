//! Board events: how a change becomes what each viewer receives (server), and how a
//! received event changes the page's live state (browser).
use crate::workshop::model::{Board, BoardEvent, Card, Presence};
use leptos::prelude::*;
use uuid::Uuid;

/// The board as the page shows it, kept current by the event stream once hydrated.
#[derive(Clone, Copy)]
pub struct LiveBoard {
    pub board: RwSignal<Board>,
    pub cards: RwSignal<Vec<Card>>,
    /// Cards that exist but are hidden from this viewer (private brainstorming).
    pub hidden: RwSignal<Vec<Uuid>>,
    pub presence: RwSignal<Presence>,
    /// The event stream's state: "connecting", "open" or "reconnecting" (shown to
    /// assistive tech and used by the browser tests to know the page is live).
    pub connection: RwSignal<&'static str>,
}

impl LiveBoard {
    pub fn new(board: Board, cards: Vec<Card>, hidden: Vec<Uuid>, presence: Presence) -> Self {
        Self {
            board: RwSignal::new(board),
            cards: RwSignal::new(cards),
            hidden: RwSignal::new(hidden),
            presence: RwSignal::new(presence),
            connection: RwSignal::new("connecting"),
        }
    }

    /// Inserts or replaces a card (events are idempotent: replays may repeat them).
    pub fn upsert(&self, card: Card) {
        self.hidden.update(|h| h.retain(|id| *id != card.id));
        self.cards
            .update(|cards| match cards.iter_mut().find(|c| c.id == card.id) {
                Some(existing) => *existing = card,
                None => cards.push(card),
            });
    }

    /// Applies an event; false when the page must fetch the board again instead.
    pub fn apply(&self, event: BoardEvent) -> bool {
        match event {
            BoardEvent::Card { card } => self.upsert(card),
            BoardEvent::CardHidden { id } => {
                self.cards.update(|cards| cards.retain(|c| c.id != id));
                self.hidden.update(|h| {
                    if !h.contains(&id) {
                        h.push(id)
                    }
                });
            }
            BoardEvent::CardRemoved { id } => {
                self.cards.update(|cards| cards.retain(|c| c.id != id));
                self.hidden.update(|h| h.retain(|h| *h != id));
            }
            BoardEvent::Board { board } => {
                // Revealing or hiding others' cards changes which cards we may see.
                let visibility_changed =
                    self.board.with_untracked(|b| b.hide_others) != board.hide_others;
                self.board.set(board);
                if visibility_changed {
                    return false;
                }
            }
            BoardEvent::Resync => return false,
        }
        true
    }
}

#[cfg(feature = "ssr")]
pub use deliveries::*;

#[cfg(feature = "ssr")]
mod deliveries {
    use crate::server::bus::{Delivery, EventBus};
    use crate::server::workshop_store::{LogSubject, Replay};
    use crate::workshop::model::{Board, BoardEvent, Card};
    use std::sync::Arc;
    use uuid::Uuid;

    fn json(event: &BoardEvent) -> Arc<str> {
        // Serialising these plain structs cannot fail.
        Arc::from(serde_json::to_string(event).unwrap_or_default())
    }

    /// A posted or edited card; hidden from other participants while the board hides
    /// others' cards.
    pub fn card_delivery(seq: i64, card: &Card, board: &Board) -> Delivery {
        let hidden = board.hide_others.then(|| {
            (
                card.author.id,
                json(&BoardEvent::CardHidden { id: card.id }),
            )
        });
        Delivery {
            seq,
            full: json(&BoardEvent::Card { card: card.clone() }),
            hidden,
        }
    }

    pub fn removed_delivery(seq: i64, id: Uuid) -> Delivery {
        Delivery {
            seq,
            full: json(&BoardEvent::CardRemoved { id }),
            hidden: None,
        }
    }

    pub fn board_delivery(seq: i64, board: &Board) -> Delivery {
        Delivery {
            seq,
            full: json(&BoardEvent::Board {
                board: board.clone(),
            }),
            hidden: None,
        }
    }

    /// The event that tells a client to fetch the board again.
    pub fn resync_json() -> Arc<str> {
        json(&BoardEvent::Resync)
    }

    /// What a reconnecting subscriber missed, rendered from the board as it is now.
    pub fn replay_deliveries(replay: &Replay, board: &Board) -> Vec<Delivery> {
        replay
            .entries
            .iter()
            .map(|entry| match entry.subject {
                LogSubject::Card(id) => match replay.cards.iter().find(|c| c.id == id) {
                    Some(card) => card_delivery(entry.seq, card, board),
                    None => removed_delivery(entry.seq, id),
                },
                LogSubject::CardRemoved(id) => removed_delivery(entry.seq, id),
                LogSubject::Board => board_delivery(entry.seq, board),
            })
            .collect()
    }

    /// Publishes a card change to the board's subscribers.
    pub fn publish_card(bus: &EventBus, seq: i64, card: &Card, board: &Board) {
        bus.publish(board.id, card_delivery(seq, card, board));
    }
}
