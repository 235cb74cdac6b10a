//! The storage contract of workshops, boards, participants, cards and each board's
//! event log. Part of `Store`; the conformance suite runs it on both backends.
use super::store_error::StoreResult;
use crate::workshop::model::{
    AgeBand, Board, Card, CardKind, CardStatus, Moderation, Participant, ParticipantRole, Phase,
    Theme, Workshop, WorkshopFields, WorkshopStatus,
};
use uuid::Uuid;

/// A change to a board's settings, made by `WorkshopStore::change_board` on the board
/// as stored at that moment.
pub type BoardChange = Box<dyn FnOnce(&mut Board) + Send>;

/// Who posts a card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthorRef {
    Participant(Uuid),
    User(Uuid),
}

/// A card to post.
#[derive(Debug, Clone)]
pub struct NewCard {
    pub board_id: Uuid,
    pub kind: CardKind,
    pub body: String,
    pub focus_area_id: Option<Uuid>,
    pub author: AuthorRef,
    /// Visible, or held for approval.
    pub status: CardStatus,
    pub moderation_note: String,
    /// The key the posting device made for this card: a second post with the same key
    /// is refused as `Duplicate` (see `InclusionStore::card_by_client_key`).
    pub client_key: Option<Uuid>,
}

/// A participant joining; only a hash of their cookie token is stored.
#[derive(Debug, Clone)]
pub struct NewParticipant {
    pub workshop_id: Uuid,
    pub token_hash: String,
    pub nickname: String,
    pub age_band: Option<AgeBand>,
    pub role: Option<ParticipantRole>,
}

/// What an entry of a board's event log is about. The log keeps ids only: a replay
/// renders the subject as it is now, so deleted text does not linger in the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogSubject {
    Card(Uuid),
    CardRemoved(Uuid),
    Board,
    /// The dots on a card changed.
    Votes(Uuid),
    /// The board's themes changed.
    Themes,
}

/// One entry of a board's event log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Logged {
    pub seq: i64,
    pub subject: LogSubject,
}

/// What a reconnecting subscriber missed.
#[derive(Debug, Clone, Default)]
pub struct Replay {
    pub entries: Vec<Logged>,
    /// The mentioned cards that still exist.
    pub cards: Vec<Card>,
    /// Current-round dot totals of the cards whose votes changed.
    pub vote_totals: Vec<(Uuid, u32)>,
    /// The board's themes now, when an entry is about them.
    pub themes: Vec<Theme>,
}

/// A dot placed or removed: the log's sequence number, the card's total and the voter's
/// dots on the card and on the board (this round).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VoteChange {
    pub seq: i64,
    pub total: u32,
    pub on_card: u32,
    pub used: u32,
}

#[async_trait::async_trait]
pub trait WorkshopStore: Send + Sync {
    /// `Duplicate` (nothing stored) if the join code is taken; a focus area or
    /// facilitator that does not exist is `NotFound`.
    async fn create_workshop(
        &self,
        programme: Uuid,
        fields: &WorkshopFields,
        join_code: &str,
    ) -> StoreResult<Uuid>;
    /// Replaces a workshop's fields and links (`NotFound` for a focus area of another
    /// programme or an unknown user; nothing changes then).
    async fn update_workshop(
        &self,
        id: Uuid,
        programme: Uuid,
        fields: &WorkshopFields,
    ) -> StoreResult<()>;
    /// The programme's workshops, soonest first, with their boards.
    async fn workshops(&self, programme: Uuid) -> StoreResult<Vec<Workshop>>;
    async fn workshop(&self, id: Uuid) -> StoreResult<Option<Workshop>>;
    async fn workshop_by_code(&self, code: &str) -> StoreResult<Option<Workshop>>;
    async fn set_workshop_status(&self, id: Uuid, status: WorkshopStatus) -> StoreResult<()>;
    async fn set_moderation(&self, id: Uuid, moderation: Moderation) -> StoreResult<()>;

    /// A new board, closed for posting, with the phase's default card kinds.
    async fn create_board(&self, workshop: Uuid, prompt: &str, phase: Phase) -> StoreResult<Board>;
    async fn board(&self, id: Uuid) -> StoreResult<Option<Board>>;
    /// Changes the board's settings (not its id or workshop) by `change`, read and written
    /// in one transaction, so two changes at once both stay; logs it and returns the
    /// sequence number and the board as changed. `NotFound` for no such board.
    async fn change_board(&self, id: Uuid, change: BoardChange) -> StoreResult<(i64, Board)>;

    /// Adds a participant; `LimitReached` (nothing stored) when the workshop has as many
    /// as its participant cap, `NotFound` for no such workshop.
    async fn add_participant(&self, participant: NewParticipant) -> StoreResult<Participant>;
    /// How many participants joined the workshop in all, and since `since`.
    async fn participants_joined(
        &self,
        workshop: Uuid,
        since: chrono::DateTime<chrono::Utc>,
    ) -> StoreResult<(u32, u32)>;
    async fn participant_by_token(
        &self,
        workshop: Uuid,
        token_hash: &str,
    ) -> StoreResult<Option<Participant>>;

    /// Stores and logs a card; returns it with its sequence number.
    async fn post_card(&self, card: NewCard) -> StoreResult<(Card, i64)>;
    async fn card(&self, id: Uuid) -> StoreResult<Option<Card>>;
    /// Changes a card's kind and text and logs it. With `hold`, a visible card is held
    /// for approval with that note in the same write (a hidden or held one stays so).
    async fn edit_card(
        &self,
        id: Uuid,
        kind: CardKind,
        body: &str,
        hold: Option<&str>,
    ) -> StoreResult<(Card, i64)>;
    /// Sets a card's moderation status and note, and logs it. Making it visible clears
    /// its reports, so only reports made after that count.
    async fn set_card_status(
        &self,
        id: Uuid,
        status: CardStatus,
        note: &str,
    ) -> StoreResult<(Card, i64)>;
    /// Records `reporter`'s report of a card (once per reporter). When a new report
    /// brings a visible participant's card to `threshold` it is hidden with `note`, and
    /// the change is logged: returns the report count and, if it was hidden now, the card
    /// and sequence number. Staff cards are never hidden by reports.
    async fn report_card(
        &self,
        id: Uuid,
        reporter: Uuid,
        threshold: u32,
        note: &str,
    ) -> StoreResult<(u32, Option<(Card, i64)>)>;
    /// Deletes a card and logs it; returns the sequence number.
    async fn delete_card(&self, id: Uuid) -> StoreResult<i64>;
    /// The board's last sequence number and its cards in posting order. The number is
    /// read first, so every change after it has a larger one.
    async fn board_cards(&self, board: Uuid) -> StoreResult<(i64, Vec<Card>)>;
    /// Places one of `voter`'s dots on a card of the board in the board's open round;
    /// `LimitReached` (nothing stored) when they have used `budget` dots this round,
    /// `NotFound` for a card of another board.
    async fn place_vote(
        &self,
        board: Uuid,
        card: Uuid,
        voter: Uuid,
        round: i64,
        budget: u32,
    ) -> StoreResult<VoteChange>;
    /// Takes back one of `voter`'s dots on the card (`NotFound` when there is none).
    async fn remove_vote(
        &self,
        board: Uuid,
        card: Uuid,
        voter: Uuid,
        round: i64,
    ) -> StoreResult<VoteChange>;
    /// Dot totals per card in this round.
    async fn vote_totals(&self, board: Uuid, round: i64) -> StoreResult<Vec<(Uuid, u32)>>;
    /// The voter's dots per card in this round.
    async fn my_votes(&self, board: Uuid, round: i64, voter: Uuid)
        -> StoreResult<Vec<(Uuid, u32)>>;

    /// The board's themes in order.
    async fn themes(&self, board: Uuid) -> StoreResult<Vec<Theme>>;
    /// Adds a theme at the end and logs it.
    async fn create_theme(&self, board: Uuid, name: &str) -> StoreResult<(Theme, i64)>;
    /// Renames a theme of `board` and logs it; returns the sequence number. A theme of
    /// another board is `NotFound` and unchanged.
    async fn rename_theme(&self, board: Uuid, id: Uuid, name: &str) -> StoreResult<i64>;
    /// Moves the cards of theme `from` into `into`, deletes `from`, and logs it; returns
    /// the sequence number. Unless both are distinct themes of `board`, it is `NotFound`
    /// and nothing changes.
    async fn merge_themes(&self, board: Uuid, from: Uuid, into: Uuid) -> StoreResult<i64>;
    /// Sorts a card into a theme of its own board (`NotFound` otherwise), or out of any.
    async fn set_card_theme(&self, card: Uuid, theme: Option<Uuid>) -> StoreResult<(Card, i64)>;

    /// The board's last sequence number.
    async fn board_seq(&self, board: Uuid) -> StoreResult<i64>;
    /// Up to `limit` log entries of the board after `after`, in order, with the cards
    /// they mention as those are now.
    async fn replay(&self, board: Uuid, after: i64, limit: i64) -> StoreResult<Replay>;
}
