//! The board's state: what a page of it shows (`BoardPageData`), who looks at it
//! (`BoardViewer`), and the live state the event stream keeps current (`LiveBoard`).
use leptos::prelude::*;
use samskap_domain::programme::model::FocusArea;
use samskap_domain::workshop::model::{
    Board, BoardEvent, Card, CardKind, Phase, Presence, Theme, WorkshopStatus,
};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use uuid::Uuid;

/// Everything a board page shows, as the caller may see it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BoardPageData {
    pub board: Board,
    pub workshop_title: String,
    pub workshop_status: WorkshopStatus,
    /// Cards the caller may see, in posting order.
    pub cards: Vec<Card>,
    /// Cards hidden from the caller until the facilitator reveals them.
    pub hidden: Vec<Uuid>,
    /// The board's sequence number when read: the stream resumes after it.
    pub seq: i64,
    /// The caller's author id (own cards carry it).
    pub me: Uuid,
    pub staff: bool,
    pub can_run: bool,
    /// Whether the caller may post, vote and give feedback (not the read-only role).
    pub takes_part: bool,
    pub server_now_ms: i64,
    pub focus_areas: Vec<FocusArea>,
    pub presence: Presence,
    /// Dot totals per card this round (empty for participants while totals are hidden).
    pub totals: Vec<(Uuid, u32)>,
    /// The caller's dots per card this round.
    pub my_votes: Vec<(Uuid, u32)>,
    pub themes: Vec<Theme>,
    /// For staff: the join code, link and QR code.
    pub join: Option<JoinData>,
    /// Whether the caller makes prototypes (lead, core team, facilitators).
    pub can_shape: bool,
    /// The workshop's open test rounds: round id and prototype title.
    pub rounds: Vec<(Uuid, String)>,
    /// For those who run the board: who takes part in the workshop (small counts
    /// suppressed); never sent to participants.
    pub diversity: Option<samskap_domain::inclusion::model::DiversityView>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JoinData {
    pub code: String,
    pub url: String,
    pub qr_svg: String,
}

/// Who is looking at the board page, for the parts of each card that depend on it.
#[derive(Debug, Clone, Copy)]
pub struct BoardViewer {
    pub staff: bool,
    pub can_run: bool,
    pub can_shape: bool,
    pub takes_part: bool,
    pub projector: bool,
    /// The card whose tools the page opens (`/boards/{id}/cards/{card}`).
    pub focused: Option<Uuid>,
}

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
    /// The facilitator's themes, in order; written through `apply`, `reset` and
    /// `add_theme`, read through the memo `themes`.
    theme_list: RwSignal<Vec<Theme>>,
    // The parts of the board that forms and cards read, each a memo: a change to the
    // board (the timer, a new round) or a resync that leaves a part as it was must not
    // draw its readers anew (an open form would lose what was typed in it).
    /// The themes, in order.
    pub themes: Memo<Vec<Theme>>,
    /// Whether cards may be posted.
    pub open: Memo<bool>,
    /// The board's phase.
    pub phase: Memo<Phase>,
    /// The kinds of card the phase allows.
    pub kinds: Memo<Vec<CardKind>>,
    /// Whether a voting round is open.
    pub voting: Memo<bool>,
    /// The event stream's state: "connecting", "open" or "reconnecting" (shown to
    /// assistive tech and used by the browser tests to know the page is live).
    pub connection: RwSignal<&'static str>,
    /// The newest card that arrived from someone else, for the screen-reader announcement.
    pub arrived: RwSignal<Option<Card>>,
    /// How many of this viewer's votes the server has answered (a resync compares it).
    pub votes_answered: StoredValue<u32>,
    /// Every card this page has shown, so a card a resync takes away and the replayed
    /// stream brings back is not announced a second time.
    seen: StoredValue<HashSet<Uuid>>,
}

impl LiveBoard {
    /// The live state of a board page, starting from what the server rendered.
    pub fn new(data: &BoardPageData) -> Self {
        let board = RwSignal::new(data.board.clone());
        let theme_list = RwSignal::new(data.themes.clone());
        Self {
            board,
            cards: RwSignal::new(data.cards.clone()),
            hidden: RwSignal::new(data.hidden.clone()),
            presence: RwSignal::new(data.presence),
            totals: RwSignal::new(data.totals.clone()),
            mine: RwSignal::new(data.my_votes.clone()),
            theme_list,
            themes: Memo::new(move |_| theme_list.get()),
            open: Memo::new(move |_| board.with(|b| b.open)),
            phase: Memo::new(move |_| board.with(|b| b.phase)),
            kinds: Memo::new(move |_| board.with(|b| b.allowed_kinds.clone())),
            voting: Memo::new(move |_| board.with(|b| b.vote_budget.is_some())),
            connection: RwSignal::new("connecting"),
            arrived: RwSignal::new(None),
            votes_answered: StoredValue::new(0),
            seen: StoredValue::new(data.cards.iter().map(|c| c.id).collect()),
        }
    }

    /// Takes on a fresh read of the board (after a resync), keeping the stream's state
    /// and, with `keep_mine`, this viewer's dots.
    pub fn reset(&self, data: &BoardPageData, keep_mine: bool) {
        self.board.set(data.board.clone());
        self.seen
            .update_value(|seen| seen.extend(data.cards.iter().map(|c| c.id)));
        self.cards.set(data.cards.clone());
        self.hidden.set(data.hidden.clone());
        self.presence.set(data.presence);
        self.totals.set(data.totals.clone());
        if !keep_mine {
            self.mine.set(data.my_votes.clone());
        }
        self.theme_list.set(data.themes.clone());
    }

    /// Adds a theme this page created (its event may come before or after).
    pub fn add_theme(&self, theme: Theme) {
        self.theme_list.update(|t| {
            if !t.iter().any(|x| x.id == theme.id) {
                t.push(theme)
            }
        });
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
                let new = self.seen.try_update_value(|seen| seen.insert(card.id)) == Some(true);
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
                let (needs_refetch, new_round) = self.board.with_untracked(|b| {
                    (
                        (b.hide_others, b.votes_visible, b.vote_round)
                            != (board.hide_others, board.votes_visible, board.vote_round),
                        b.vote_round != board.vote_round,
                    )
                });
                // This viewer's dots belong to the round that ended.
                if new_round {
                    self.mine.set(Vec::new());
                }
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
                    .theme_list
                    .with_untracked(|old| old.iter().any(|t| !themes.iter().any(|n| n.id == t.id)));
                self.theme_list.set(themes);
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
