//! Who is calling about a board: a staff user (any role reads; a workshop's
//! facilitators and the lead run it) or a participant of the board's own workshop.
use crate::error::AppError;
use crate::server::bus::Viewer;
use crate::server::context::{app, staff_of};
use samskap_domain::account::model::User;
use samskap_domain::store::workshop_store::AuthorRef;
use samskap_domain::store::Item;
use samskap_domain::workshop::model::{Board, Card, Participant, Workshop, WorkshopStatus};
use uuid::Uuid;

pub enum Who {
    Staff(User),
    Participant(Participant),
}

impl Who {
    /// Posting, voting and feedback: `Forbidden` for the read-only staff role.
    pub fn check_takes_part(&self) -> Result<(), AppError> {
        match self {
            Who::Staff(user) if !user.role.takes_part() => Err(AppError::Forbidden),
            _ => Ok(()),
        }
    }

    /// What this caller's cards and feedback carry as their author.
    pub fn author(&self) -> AuthorRef {
        match self {
            Who::Staff(u) => AuthorRef::User(u.id),
            Who::Participant(p) => AuthorRef::Participant(p.id),
        }
    }
}

/// A board, its workshop and the caller.
pub struct Access {
    pub board: Board,
    pub workshop: Workshop,
    pub who: Who,
}

impl Access {
    pub fn viewer(&self) -> Viewer {
        match &self.who {
            Who::Staff(_) => Viewer::Staff,
            Who::Participant(p) => Viewer::Participant(p.id),
        }
    }

    /// The id cards of this caller carry as their author.
    pub fn author_id(&self) -> Uuid {
        match &self.who {
            Who::Staff(u) => u.id,
            Who::Participant(p) => p.id,
        }
    }

    pub fn author(&self) -> AuthorRef {
        self.who.author()
    }

    /// Whether the caller runs this board (a facilitator of its workshop, or the lead).
    pub fn can_run(&self) -> bool {
        matches!(&self.who, Who::Staff(u) if self.workshop.can_run(u))
    }

    /// Cards can be posted, edited and deleted: the board is open and the workshop is
    /// live (staff may also prepare cards before it starts).
    pub fn check_posting(&self) -> Result<(), AppError> {
        let workshop_ok = match self.workshop.status {
            WorkshopStatus::Live => true,
            WorkshopStatus::Planned => matches!(self.who, Who::Staff(_)),
            WorkshopStatus::Closed => false,
        };
        if !workshop_ok {
            return Err(AppError::WorkshopNotLive);
        }
        if !self.board.open {
            return Err(AppError::BoardClosed);
        }
        Ok(())
    }
}

/// The board and the caller, or `NotJoined` for someone who is neither staff nor a
/// participant of this board's workshop.
pub async fn board_access(board: Uuid) -> Result<Access, AppError> {
    let store = app()?.store;
    let board = store.board(board).await?.ok_or(AppError::NotFound)?;
    let workshop = store
        .workshop(board.workshop_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let who = if let Some(user) = staff_of(Item::Workshop(workshop.id)).await? {
        Who::Staff(user)
    } else if let Some(p) = crate::join::participant::current_participant(workshop.id).await? {
        Who::Participant(p)
    } else {
        return Err(AppError::NotJoined);
    };
    Ok(Access {
        board,
        workshop,
        who,
    })
}

/// A card and the caller's access to its board.
pub async fn card_access(card: Uuid) -> Result<(Card, Access), AppError> {
    let card = app()?.store.card(card).await?.ok_or(AppError::NotFound)?;
    let access = board_access(card.board_id).await?;
    Ok((card, access))
}

/// Like `card_access`, for a caller who must run the board (`Forbidden` otherwise).
pub async fn card_run_access(card: Uuid) -> Result<(Card, Access), AppError> {
    let (card, access) = card_access(card).await?;
    Ok((card, must_run(access)?))
}

/// Like `board_access`, for a caller who must run the board (`Forbidden` otherwise).
pub async fn run_access(board: Uuid) -> Result<Access, AppError> {
    must_run(board_access(board).await?)
}

fn must_run(access: Access) -> Result<Access, AppError> {
    match access.who {
        Who::Participant(_) => Err(AppError::Forbidden),
        Who::Staff(_) if !access.can_run() => Err(AppError::Forbidden),
        Who::Staff(_) => Ok(access),
    }
}
