//! Row types shared by both backends (sqlx derives decoding for each).
use chrono::{DateTime, NaiveDateTime, Utc};
use samskap_domain::account::model::{Account, Role, User};
use samskap_domain::store::workshop_store::{LogSubject, Logged};
use samskap_domain::store::StoreError;
use samskap_domain::workshop::model::{
    Author, Board, Card, CardKind, Moderation, Participant, Workshop, WorkshopFields,
};
use uuid::Uuid;

#[derive(sqlx::FromRow)]
pub struct UserRow {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub active: bool,
    pub session_epoch: i64,
}

impl UserRow {
    pub fn into_user(self) -> Result<User, StoreError> {
        let role: Role = self.role.parse().map_err(|_| {
            StoreError::Backend(format!("unknown role {:?} in memberships table", self.role))
        })?;
        Ok(User {
            id: self.id,
            email: self.email,
            display_name: self.display_name,
            role,
            active: self.active,
            session_epoch: self.session_epoch,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct AccountRow {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub active: bool,
    pub operator: bool,
    pub password_hash: String,
    pub session_epoch: i64,
}

impl AccountRow {
    pub fn into_account(self) -> Account {
        Account {
            id: self.id,
            email: self.email,
            display_name: self.display_name,
            active: self.active,
            operator: self.operator,
            session_epoch: self.session_epoch,
        }
    }
}

#[derive(sqlx::FromRow)]
pub struct MembershipRow {
    pub programme: Uuid,
    pub programme_slug: String,
    pub programme_name: String,
    pub role: String,
}

#[derive(sqlx::FromRow)]
pub struct ProgrammeRow {
    pub id: Uuid,
    pub slug: String,
    pub name: String,
    pub area: String,
    pub start_year: i32,
    pub end_year: i32,
    pub yearly_budget_nok: i64,
}

#[derive(sqlx::FromRow)]
pub struct TextRow {
    pub id: Uuid,
    pub name: String,
    pub description: String,
}

#[derive(sqlx::FromRow)]
pub struct LinkRow {
    pub goal_id: Uuid,
    pub focus_area_id: Uuid,
}

/// Turns a stored name back into its enum, or reports a corrupt row.
pub(super) fn parse<T: std::str::FromStr>(what: &str, value: &str) -> Result<T, StoreError> {
    value
        .parse()
        .map_err(|_| StoreError::Backend(format!("unknown {what} {value:?} in the database")))
}

#[derive(sqlx::FromRow)]
pub struct WorkshopRow {
    pub id: Uuid,
    pub programme_id: Uuid,
    pub title: String,
    pub place: String,
    pub starts_at: NaiveDateTime,
    pub status: String,
    pub join_code: String,
    pub report_threshold: i32,
    pub premoderation: bool,
    pub participant_cap: Option<i32>,
}

impl WorkshopRow {
    /// The workshop with its links and boards (the caller picks those of this workshop).
    pub fn into_workshop(
        self,
        links: &[PairRow],
        facilitators: &[PairRow],
        boards: &[Board],
    ) -> Result<Workshop, StoreError> {
        let of_this = |rows: &[PairRow]| {
            rows.iter()
                .filter(|r| r.owner == self.id)
                .map(|r| r.other)
                .collect()
        };
        Ok(Workshop {
            id: self.id,
            programme_id: self.programme_id,
            status: parse("workshop status", &self.status)?,
            join_code: self.join_code,
            moderation: Moderation {
                report_threshold: self.report_threshold.max(1) as u32,
                premoderation: self.premoderation,
                participant_cap: self.participant_cap.map(|c| c.max(1) as u32),
            },
            boards: boards
                .iter()
                .filter(|b| b.workshop_id == self.id)
                .cloned()
                .collect(),
            fields: WorkshopFields {
                title: self.title,
                place: self.place,
                starts_at: self.starts_at,
                focus_area_ids: of_this(links),
                facilitator_ids: of_this(facilitators),
            },
        })
    }
}

/// A link between two rows, e.g. a workshop (`owner`) and a focus area (`other`).
#[derive(sqlx::FromRow)]
pub struct PairRow {
    pub owner: Uuid,
    pub other: Uuid,
}

#[derive(sqlx::FromRow)]
pub struct BoardRow {
    pub id: Uuid,
    pub workshop_id: Uuid,
    pub prompt: String,
    pub phase: String,
    pub posting_open: bool,
    pub allowed_kinds: String,
    pub hide_others: bool,
    pub timer_ends_at: Option<DateTime<Utc>>,
    pub vote_budget: Option<i32>,
    pub votes_visible: bool,
    pub vote_round: i64,
}

impl BoardRow {
    pub fn into_board(self) -> Result<Board, StoreError> {
        Ok(Board {
            id: self.id,
            workshop_id: self.workshop_id,
            prompt: self.prompt,
            phase: parse("phase", &self.phase)?,
            open: self.posting_open,
            allowed_kinds: self
                .allowed_kinds
                .split(',')
                .filter(|k| !k.is_empty())
                .map(|k| parse("card kind", k))
                .collect::<Result<_, _>>()?,
            hide_others: self.hide_others,
            timer_ends_at: self.timer_ends_at,
            vote_budget: self.vote_budget.map(|b| b.max(0) as u32),
            votes_visible: self.votes_visible,
            vote_round: self.vote_round,
        })
    }
}

/// The stored form of a board's allowed card kinds.
pub fn kinds_text(kinds: &[CardKind]) -> String {
    kinds
        .iter()
        .map(|k| k.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

#[derive(sqlx::FromRow)]
pub struct CardRow {
    pub id: Uuid,
    pub board_id: Uuid,
    pub kind: String,
    pub body: String,
    pub focus_area_id: Option<Uuid>,
    pub participant_id: Option<Uuid>,
    pub user_id: Option<Uuid>,
    pub author_name: String,
    pub created_at: DateTime<Utc>,
    pub status: String,
    pub moderation_note: String,
    pub theme_id: Option<Uuid>,
    pub photo_id: Option<Uuid>,
}

impl CardRow {
    pub fn into_card(self) -> Result<Card, StoreError> {
        // A card whose author was erased keeps a stable, anonymous author id: its own.
        let (author_id, staff) = match (self.participant_id, self.user_id) {
            (Some(p), _) => (p, false),
            (None, Some(u)) => (u, true),
            (None, None) => (self.id, false),
        };
        Ok(Card {
            id: self.id,
            board_id: self.board_id,
            kind: parse("card kind", &self.kind)?,
            body: self.body,
            focus_area_id: self.focus_area_id,
            author: Author {
                id: author_id,
                name: self.author_name,
                staff,
            },
            created_at: self.created_at,
            status: parse("card status", &self.status)?,
            moderation_note: self.moderation_note,
            theme_id: self.theme_id,
            photo_id: self.photo_id,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct ParticipantRow {
    pub id: Uuid,
    pub workshop_id: Uuid,
    pub nickname: String,
    pub age_band: Option<String>,
    pub role: Option<String>,
}

impl ParticipantRow {
    pub fn into_participant(self) -> Result<Participant, StoreError> {
        Ok(Participant {
            id: self.id,
            workshop_id: self.workshop_id,
            nickname: self.nickname,
            age_band: self
                .age_band
                .as_deref()
                .map(|a| parse("age band", a))
                .transpose()?,
            role: self
                .role
                .as_deref()
                .map(|r| parse("participant role", r))
                .transpose()?,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct EventRow {
    pub seq: i64,
    pub subject: String,
    pub card_id: Option<Uuid>,
}

impl EventRow {
    pub fn into_logged(self) -> Result<Logged, StoreError> {
        let card = || {
            self.card_id
                .ok_or_else(|| StoreError::Backend("card event without a card".into()))
        };
        let subject = match self.subject.as_str() {
            "card" => LogSubject::Card(card()?),
            "card_removed" => LogSubject::CardRemoved(card()?),
            "board" => LogSubject::Board,
            "votes" => LogSubject::Votes(card()?),
            "themes" => LogSubject::Themes,
            other => return Err(StoreError::Backend(format!("unknown event {other:?}"))),
        };
        Ok(Logged {
            seq: self.seq,
            subject,
        })
    }
}

/// The current time to the microsecond, the precision both backends keep, so that what
/// a store call returns equals what a later read gives.
pub fn now() -> DateTime<Utc> {
    use chrono::SubsecRound;
    Utc::now().trunc_subsecs(6)
}
