//! Workshops, boards, participants and cards as the app and the API see them.
use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Defines a closed set of names stored as text and sent as snake_case strings.
#[macro_export]
macro_rules! named_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl std::str::FromStr for $name {
            type Err = ();

            fn from_str(s: &str) -> Result<Self, ()> {
                $name::ALL.iter().copied().find(|v| v.as_str() == s).ok_or(())
            }
        }
    };
}
pub use crate::named_enum;

named_enum!(
    /// A workshop's life: planned, then live (joinable), then closed (read-only).
    WorkshopStatus { Planned = "planned", Live = "live", Closed = "closed" }
);

named_enum!(
    /// The phases of Halden's design-driven method.
    Phase { Explore = "explore", Understand = "understand", Shape = "shape", Test = "test" }
);

named_enum!(
    /// What a card is in the evidence chain.
    CardKind { Insight = "insight", Idea = "idea", Prototype = "prototype", Feedback = "feedback" }
);

named_enum!(
    /// Whether others see a card: visible, hidden by a facilitator (or by reports), or
    /// held until a facilitator approves it.
    CardStatus { Visible = "visible", Hidden = "hidden", Held = "held" }
);

named_enum!(
    /// A participant's self-described age band (optional; for the diversity view).
    AgeBand { Under16 = "under_16", Age16To19 = "16_19", Age20To34 = "20_34", Age35To66 = "35_66", Over66 = "over_66" }
);

named_enum!(
    /// A participant's self-described role (optional; for the diversity view).
    ParticipantRole {
        Resident = "resident",
        Youth = "youth",
        Staff = "staff",
        Organisation = "organisation",
        Business = "business",
        Other = "other",
    }
);

impl WorkshopStatus {
    /// Planned → live → closed; a closed workshop can be reopened.
    pub fn can_become(self, next: WorkshopStatus) -> bool {
        matches!(
            (self, next),
            (WorkshopStatus::Planned, WorkshopStatus::Live)
                | (WorkshopStatus::Live, WorkshopStatus::Closed)
                | (WorkshopStatus::Closed, WorkshopStatus::Live)
        )
    }
}

impl Card {
    /// Whether a participant other than the author may see it.
    pub fn is_public(&self) -> bool {
        self.status == CardStatus::Visible
    }
}

impl Phase {
    /// The card kinds a phase allows unless the facilitator overrides them.
    pub fn default_kinds(self) -> Vec<CardKind> {
        match self {
            Phase::Explore | Phase::Understand => vec![CardKind::Insight],
            Phase::Shape => vec![CardKind::Idea],
            Phase::Test => vec![CardKind::Prototype, CardKind::Feedback],
        }
    }

    /// Whether participants may attach photos: of places while exploring, of
    /// prototypes while shaping and testing (not while making sense of the insights).
    pub fn allows_photos(self) -> bool {
        self != Phase::Understand
    }
}

/// Longest note on a hidden card, in characters.
pub const MAX_NOTE: usize = 200;
/// Most reports a facilitator can require before a card is hidden.
pub const MAX_REPORT_THRESHOLD: i64 = 50;
/// Longest card text, in characters (shown to the participant as they type).
pub const MAX_CARD: usize = 280;
/// Longest nickname, in characters.
pub const MAX_NICKNAME: usize = 40;
/// Longest board prompt, in characters.
pub const MAX_PROMPT: usize = 300;
/// Most dots per voter a facilitator can hand out in one round.
pub const MAX_DOTS: i64 = 20;
/// Longest timer a facilitator can start, in minutes.
pub const MAX_TIMER_MINUTES: i64 = 180;

/// What a workshop is, as the facilitator types it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkshopFields {
    pub title: String,
    pub place: String,
    /// Local (Norwegian) wall-clock time of the start.
    pub starts_at: NaiveDateTime,
    pub focus_area_ids: Vec<Uuid>,
    pub facilitator_ids: Vec<Uuid>,
}

/// How a workshop moderates posts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moderation {
    /// Reports that hide a card until a facilitator looks at it.
    pub report_threshold: u32,
    /// Every post waits for a facilitator's approval.
    pub premoderation: bool,
    /// Most participants who may join (none: no cap). Those who joined stay.
    pub participant_cap: Option<u32>,
}

/// The largest participant cap a facilitator can set.
pub const MAX_PARTICIPANT_CAP: i64 = 100_000;

impl Default for Moderation {
    fn default() -> Self {
        Self {
            report_threshold: 3,
            premoderation: false,
            participant_cap: None,
        }
    }
}

/// A workshop with its boards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workshop {
    pub id: Uuid,
    pub programme_id: Uuid,
    pub fields: WorkshopFields,
    pub status: WorkshopStatus,
    /// Eight characters from `JOIN_ALPHABET`; valid while the workshop is live.
    pub join_code: String,
    pub boards: Vec<Board>,
    pub moderation: Moderation,
}

impl Workshop {
    /// Whether `user` may run this workshop: its facilitators, and the programme lead.
    /// A facilitator whose role became read-only since no longer runs it.
    pub fn can_run(&self, user: &crate::account::model::User) -> bool {
        user.role == crate::account::model::Role::Lead
            || (user.role.can_create_workshops() && self.fields.facilitator_ids.contains(&user.id))
    }
}

/// A board's settings and live state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Board {
    pub id: Uuid,
    pub workshop_id: Uuid,
    /// "Hvordan kan vi …"
    pub prompt: String,
    pub phase: Phase,
    /// Whether cards can be posted, edited and deleted now.
    pub open: bool,
    pub allowed_kinds: Vec<CardKind>,
    /// Private brainstorming: participants see only their own cards until revealed.
    pub hide_others: bool,
    /// When the facilitator's countdown ends (server clock).
    pub timer_ends_at: Option<DateTime<Utc>>,
    /// Dots per voter in the open voting round; none when no round is open.
    pub vote_budget: Option<u32>,
    /// Whether participants see the vote totals (staff always do).
    pub votes_visible: bool,
    /// The current voting round; a new round starts everyone with a full budget.
    pub vote_round: i64,
}

/// Who wrote a card, as shown to others.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Author {
    /// The participant's or staff user's id; lets a client recognise its own cards.
    pub id: Uuid,
    /// Nickname or staff name; empty for an anonymous participant.
    pub name: String,
    pub staff: bool,
}

/// A card on a board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Card {
    pub id: Uuid,
    pub board_id: Uuid,
    pub kind: CardKind,
    /// As typed; always rendered escaped.
    pub body: String,
    pub focus_area_id: Option<Uuid>,
    pub author: Author,
    pub created_at: DateTime<Utc>,
    pub status: CardStatus,
    /// Why a facilitator hid the card, or why it is held; seen by staff and the author.
    pub moderation_note: String,
    /// The facilitator's theme the card is sorted into.
    pub theme_id: Option<Uuid>,
    /// The card's photo (re-encoded, without metadata), if one is attached.
    pub photo_id: Option<Uuid>,
}

/// A facilitator's cluster of cards on a board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Theme {
    pub id: Uuid,
    pub name: String,
}

/// A pseudonymous participant of one workshop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub id: Uuid,
    pub workshop_id: Uuid,
    pub nickname: String,
    pub age_band: Option<AgeBand>,
    pub role: Option<ParticipantRole>,
}

/// One change on a board, as delivered on its event stream (`/events/boards/{id}`).
/// The SSE `id` of each event is the board's sequence number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", try_from = "EventFields")]
pub enum BoardEvent {
    /// A card was posted or edited: insert or replace it.
    Card { card: Card },
    /// A card exists but is hidden from this viewer (private brainstorming).
    CardHidden { id: Uuid },
    /// A card was deleted (or is no longer visible): remove it.
    CardRemoved { id: Uuid },
    /// The board's settings changed (phase, posting, timer, hide/reveal, voting).
    Board { board: Board },
    /// A card's dot total changed; `total` is none while totals are hidden from the viewer.
    Votes { card_id: Uuid, total: Option<u32> },
    /// The board's themes, in order (after one was added, renamed or merged away).
    Themes { themes: Vec<Theme> },
    /// Too far behind: fetch the board again (`boards/get`).
    Resync,
}

/// A board event as read from the stream: its type and every field any type has. serde's
/// reader of an internally tagged enum buffers each event in a generic form first; this
/// one does not, which keeps about 40 KB of generic code out of the phone's wasm. A field
/// is read as one type whatever the event's type, so a field name keeps its type across
/// all the events (`docs/API.md`): a new event with an `id` that is not a uuid would be
/// refused, and the page would fetch the board again.
#[derive(Deserialize)]
struct EventFields {
    #[serde(rename = "type")]
    kind: EventKind,
    card: Option<Card>,
    id: Option<Uuid>,
    board: Option<Board>,
    card_id: Option<Uuid>,
    total: Option<u32>,
    themes: Option<Vec<Theme>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum EventKind {
    Card,
    CardHidden,
    CardRemoved,
    Board,
    Votes,
    Themes,
    Resync,
}

impl TryFrom<EventFields> for BoardEvent {
    type Error = String;

    fn try_from(e: EventFields) -> Result<Self, String> {
        let missing = |field: &str| format!("a board event without its {field}");
        Ok(match e.kind {
            EventKind::Card => BoardEvent::Card {
                card: e.card.ok_or_else(|| missing("card"))?,
            },
            EventKind::CardHidden => BoardEvent::CardHidden {
                id: e.id.ok_or_else(|| missing("id"))?,
            },
            EventKind::CardRemoved => BoardEvent::CardRemoved {
                id: e.id.ok_or_else(|| missing("id"))?,
            },
            EventKind::Board => BoardEvent::Board {
                board: e.board.ok_or_else(|| missing("board"))?,
            },
            EventKind::Votes => BoardEvent::Votes {
                card_id: e.card_id.ok_or_else(|| missing("card_id"))?,
                total: e.total,
            },
            EventKind::Themes => BoardEvent::Themes {
                themes: e.themes.ok_or_else(|| missing("themes"))?,
            },
            EventKind::Resync => BoardEvent::Resync,
        })
    }
}

/// A voter's dots in the open round, after placing or removing one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyVotes {
    pub card_id: Uuid,
    /// The voter's dots on this card.
    pub on_card: u32,
    /// The voter's dots on the whole board this round.
    pub used: u32,
    /// The card's total, when the voter may see it.
    pub total: Option<u32>,
}

/// How many are connected to a board's event stream (shown to facilitators).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Presence {
    pub participants: u32,
    pub staff: u32,
}

/// Characters of join codes: no 0/O, 1/I/L, so a code read aloud or off a projector is
/// typed right.
pub const JOIN_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
/// Length of a join code (31^8 ≈ 8.5 × 10^11 codes).
pub const JOIN_CODE_LEN: usize = 8;

/// A join code as typed (any case, spaces or dashes) in canonical form, or None if it
/// cannot be one.
pub fn normalise_join_code(typed: &str) -> Option<String> {
    let code: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let valid = code.len() == JOIN_CODE_LEN && code.bytes().all(|b| JOIN_ALPHABET.contains(&b));
    valid.then_some(code)
}

/// A join code shown to people: two groups of four ("ABCD 2345").
pub fn display_join_code(code: &str) -> String {
    if code.len() == JOIN_CODE_LEN {
        format!("{} {}", &code[..4], &code[4..])
    } else {
        code.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for p in Phase::ALL {
            assert_eq!(p.as_str().parse::<Phase>(), Ok(*p));
        }
        for k in CardKind::ALL {
            assert_eq!(k.as_str().parse::<CardKind>(), Ok(*k));
        }
        assert!("vote".parse::<CardKind>().is_err());
    }

    #[test]
    fn join_codes_are_normalised_and_checked() {
        assert_eq!(
            normalise_join_code(" abcd-2345 ").as_deref(),
            Some("ABCD2345")
        );
        assert_eq!(
            normalise_join_code("ABCD 2345").as_deref(),
            Some("ABCD2345")
        );
        assert_eq!(normalise_join_code("ABCD234"), None, "too short");
        assert_eq!(
            normalise_join_code("ABCD2340"),
            None,
            "0 is not in the alphabet"
        );
        assert_eq!(display_join_code("ABCD2345"), "ABCD 2345");
    }

    #[test]
    fn every_board_event_reads_back_as_written() {
        let id = Uuid::new_v4();
        let board = Board {
            id,
            workshop_id: id,
            prompt: "Hva savner du i sentrum?".into(),
            phase: Phase::Shape,
            open: true,
            allowed_kinds: vec![CardKind::Idea],
            hide_others: false,
            timer_ends_at: Some(Utc::now()),
            vote_budget: Some(3),
            votes_visible: false,
            vote_round: 2,
        };
        let card = Card {
            id,
            board_id: id,
            kind: CardKind::Idea,
            body: "Benker ved Tista".into(),
            focus_area_id: None,
            author: Author {
                id,
                name: "Ada".into(),
                staff: false,
            },
            created_at: Utc::now(),
            status: CardStatus::Visible,
            moderation_note: String::new(),
            theme_id: Some(id),
            photo_id: None,
        };
        let events = [
            BoardEvent::Card { card },
            BoardEvent::CardHidden { id },
            BoardEvent::CardRemoved { id },
            BoardEvent::Board { board },
            BoardEvent::Votes {
                card_id: id,
                total: Some(4),
            },
            BoardEvent::Votes {
                card_id: id,
                total: None,
            },
            BoardEvent::Themes {
                themes: vec![Theme {
                    id,
                    name: "Møteplasser".into(),
                }],
            },
            BoardEvent::Resync,
        ];
        for event in events {
            // No wildcard: a new kind of event fails to build here until `EventFields`
            // reads it and the list above has one.
            match &event {
                BoardEvent::Card { .. }
                | BoardEvent::CardHidden { .. }
                | BoardEvent::CardRemoved { .. }
                | BoardEvent::Board { .. }
                | BoardEvent::Votes { .. }
                | BoardEvent::Themes { .. }
                | BoardEvent::Resync => {}
            }
            let text = serde_json::to_string(&event).unwrap();
            assert_eq!(
                serde_json::from_str::<BoardEvent>(&text).unwrap(),
                event,
                "{text}"
            );
        }
        let refused = |text: &str| serde_json::from_str::<BoardEvent>(text).is_err();
        assert!(
            refused(r#"{"type":"card_removed"}"#),
            "a field the type needs"
        );
        assert!(refused(
            r#"{"type":"shout","id":"00000000-0000-0000-0000-000000000000"}"#
        ));
        assert!(
            refused(r#"{"id":"00000000-0000-0000-0000-000000000000"}"#),
            "no type"
        );
    }

    #[test]
    fn phases_allow_their_kinds() {
        assert_eq!(Phase::Explore.default_kinds(), vec![CardKind::Insight]);
        assert_eq!(Phase::Shape.default_kinds(), vec![CardKind::Idea]);
    }
}
