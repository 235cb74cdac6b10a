//! Board events: how a change becomes what each viewer receives (server), and how a
//! received event changes the page's live state (browser).
use crate::workshop::model::{Board, BoardEvent, Card, Presence, Theme};
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
    /// Dot totals per card, as far as this viewer may see them.
    pub totals: RwSignal<Vec<(Uuid, u32)>>,
    /// This viewer's dots per card in the open round.
    pub mine: RwSignal<Vec<(Uuid, u32)>>,
    /// The facilitator's themes, in order.
    pub themes: RwSignal<Vec<Theme>>,
    /// The event stream's state: "connecting", "open" or "reconnecting" (shown to
    /// assistive tech and used by the browser tests to know the page is live).
    pub connection: RwSignal<&'static str>,
    /// The newest card that arrived from someone else, for the screen-reader announcement.
    pub arrived: RwSignal<Option<Card>>,
}

impl LiveBoard {
    /// The live state of a board page, starting from what the server rendered.
    pub fn new(data: &super::page::BoardPageData) -> Self {
        Self {
            board: RwSignal::new(data.board.clone()),
            cards: RwSignal::new(data.cards.clone()),
            hidden: RwSignal::new(data.hidden.clone()),
            presence: RwSignal::new(data.presence),
            totals: RwSignal::new(data.totals.clone()),
            mine: RwSignal::new(data.my_votes.clone()),
            themes: RwSignal::new(data.themes.clone()),
            connection: RwSignal::new("connecting"),
            arrived: RwSignal::new(None),
        }
    }

    /// Takes on a fresh read of the board (after a resync), keeping the stream's state.
    pub fn reset(&self, data: &super::page::BoardPageData) {
        self.board.set(data.board.clone());
        self.cards.set(data.cards.clone());
        self.hidden.set(data.hidden.clone());
        self.presence.set(data.presence);
        self.totals.set(data.totals.clone());
        self.mine.set(data.my_votes.clone());
        self.themes.set(data.themes.clone());
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
            BoardEvent::Card { card } => {
                let new = self
                    .cards
                    .with_untracked(|cards| cards.iter().all(|c| c.id != card.id));
                if new {
                    self.arrived.set(Some(card.clone()));
                }
                self.upsert(card)
            }
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
                // Revealing or hiding cards or totals, or a new voting round, changes
                // what we may see: fetch the board again.
                let needs_refetch = self.board.with_untracked(|b| {
                    (b.hide_others, b.votes_visible, b.vote_round)
                        != (board.hide_others, board.votes_visible, board.vote_round)
                });
                self.board.set(board);
                if needs_refetch {
                    return false;
                }
            }
            BoardEvent::Votes { card_id, total } => {
                if let Some(total) = total {
                    set_count(self.totals, card_id, total);
                }
            }
            BoardEvent::Themes { themes } => {
                // A theme merged away moved its cards: fetch them again.
                let merged = self
                    .themes
                    .with_untracked(|old| old.iter().any(|t| !themes.iter().any(|n| n.id == t.id)));
                self.themes.set(themes);
                if merged {
                    return false;
                }
            }
            BoardEvent::Resync => return false,
        }
        true
    }
}

/// Sets a card's count in a list of (card, count).
pub fn set_count(counts: RwSignal<Vec<(Uuid, u32)>>, card: Uuid, n: u32) {
    counts.update(|c| match c.iter_mut().find(|(id, _)| *id == card) {
        Some(entry) => entry.1 = n,
        None => c.push((card, n)),
    });
}

/// A card's count in a list of (card, count).
pub fn count_of(counts: &[(Uuid, u32)], card: Uuid) -> u32 {
    counts
        .iter()
        .find(|(id, _)| *id == card)
        .map_or(0, |(_, n)| *n)
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
        Delivery {
            seq,
            full: json(&BoardEvent::Card { card: card.clone() }),
            for_participants: if !card.is_public() {
                Some(json(&BoardEvent::CardRemoved { id: card.id }))
            } else if board.hide_others {
                Some(json(&BoardEvent::CardHidden { id: card.id }))
            } else {
                None
            },
            author: Some(card.author.id),
            posted: None,
        }
    }

    fn plain(seq: i64, event: &BoardEvent) -> Delivery {
        Delivery {
            seq,
            full: json(event),
            for_participants: None,
            author: None,
            posted: None,
        }
    }

    pub fn removed_delivery(seq: i64, id: Uuid) -> Delivery {
        plain(seq, &BoardEvent::CardRemoved { id })
    }

    pub fn board_delivery(seq: i64, board: &Board) -> Delivery {
        plain(
            seq,
            &BoardEvent::Board {
                board: board.clone(),
            },
        )
    }

    /// A card's new dot total; participants get it only while totals are shown.
    pub fn votes_delivery(seq: i64, card_id: Uuid, total: u32, board: &Board) -> Delivery {
        Delivery {
            seq,
            full: json(&BoardEvent::Votes {
                card_id,
                total: Some(total),
            }),
            for_participants: (!board.votes_visible).then(|| {
                json(&BoardEvent::Votes {
                    card_id,
                    total: None,
                })
            }),
            author: None,
            posted: None,
        }
    }

    pub fn themes_delivery(seq: i64, themes: &[crate::workshop::model::Theme]) -> Delivery {
        plain(
            seq,
            &BoardEvent::Themes {
                themes: themes.to_vec(),
            },
        )
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
                LogSubject::Themes => themes_delivery(entry.seq, &replay.themes),
                LogSubject::Votes(card) => {
                    let total = super::count_of(&replay.vote_totals, card);
                    votes_delivery(entry.seq, card, total, board)
                }
            })
            .collect()
    }

    /// Publishes a card change to the board's subscribers.
    pub fn publish_card(bus: &EventBus, seq: i64, card: &Card, board: &Board) {
        bus.publish(board.id, card_delivery(seq, card, board));
    }
}
