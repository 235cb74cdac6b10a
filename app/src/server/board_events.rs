//! Board events on the server: how a change becomes what each viewer of a board
//! receives, and what a reconnecting subscriber missed.
use crate::board::state::count_of;
use crate::server::bus::{Delivery, EventBus};
use samskap_domain::store::workshop_store::{LogSubject, Replay};
use samskap_domain::workshop::model::{Board, BoardEvent, Card, Theme};
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

pub fn themes_delivery(seq: i64, themes: &[Theme]) -> Delivery {
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
                let total = count_of(&replay.vote_totals, card);
                votes_delivery(entry.seq, card, total, board)
            }
        })
        .collect()
}

/// Publishes a card change to the board's subscribers.
pub fn publish_card(bus: &EventBus, seq: i64, card: &Card, board: &Board) {
    bus.publish(board.id, card_delivery(seq, card, board));
}
