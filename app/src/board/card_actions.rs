//! The card's server functions: posting (retry-safe with a client key), editing and
//! deleting one's own card.
use crate::error::AppError;
use leptos::prelude::*;
use samskap_domain::workshop::model::Card;
#[cfg(feature = "ssr")]
use samskap_domain::workshop::model::{CardKind, CardStatus, MAX_CARD};
use uuid::Uuid;

/// Posts a card to a board: by a participant of its workshop or by staff, while the
/// board is open, of a kind the phase allows. At most 10 posts and edits a minute.
/// `client_key` (a UUID the device made for this card) makes a retry safe: a second
/// post with the same key returns the card stored the first time and stores nothing.
#[server(endpoint = "cards/post", output = crate::JsonText)]
pub async fn post_card(
    board_id: Uuid,
    kind: String,
    body: String,
    #[server(default)] focus_area: String,
    #[server(default)] client_key: String,
) -> Result<Card, AppError> {
    use crate::server::context::app;
    use samskap_domain::store::workshop_store::NewCard;
    use samskap_domain::store::StoreError;
    let access = super::access::board_access(board_id).await?;
    access.who.check_takes_part()?;
    let client_key = match client_key.trim() {
        "" => None,
        key => Some(key.parse::<Uuid>().map_err(|_| AppError::BadRequest)?),
    };
    let ctx = app()?;
    if let Some(card) = already_posted(&access, client_key).await? {
        return Ok(card);
    }
    access.check_posting()?;
    let kind = allowed_kind(&access.board, &kind)?;
    let body = card_text(&body)?;
    let focus_area_id = focus_area_of(access.workshop.programme_id, &focus_area).await?;
    if !ctx.posts.allow(&access.author_id()) {
        return Err(AppError::TooManyPosts);
    }
    let (status, note) = super::moderation::status_for_post(
        &body,
        matches!(access.who, super::access::Who::Staff(_)),
        access.workshop.moderation,
    );
    let posted = ctx
        .store
        .post_card(NewCard {
            board_id,
            kind,
            body,
            focus_area_id,
            author: access.author(),
            status,
            moderation_note: note.to_string(),
            client_key,
        })
        .await;
    let (card, seq) = match posted {
        Ok(posted) => posted,
        // The same key raced in from a second request that committed first.
        Err(StoreError::Duplicate) if client_key.is_some() => {
            return already_posted(&access, client_key)
                .await?
                .ok_or(AppError::Internal);
        }
        Err(err) => return Err(AppError::from(err)),
    };
    ctx.metrics.posts.inc();
    crate::server::board_events::publish_card(&ctx.bus, seq, &card, &access.board);
    Ok(card)
}

/// The card stored earlier with this client key, if the caller posted it to this board;
/// `ClientKeyTaken` if someone else's card has the key.
#[cfg(feature = "ssr")]
async fn already_posted(
    access: &super::access::Access,
    client_key: Option<Uuid>,
) -> Result<Option<Card>, AppError> {
    use crate::server::context::app;
    let Some(key) = client_key else {
        return Ok(None);
    };
    match app()?.store.card_by_client_key(key).await? {
        None => Ok(None),
        Some(card) if card.author.id == access.author_id() && card.board_id == access.board.id => {
            Ok(Some(card))
        }
        Some(_) => Err(AppError::ClientKeyTaken),
    }
}

/// Changes the kind and text of one's own card while the board is open.
#[server(endpoint = "cards/edit", output = crate::JsonText)]
pub async fn edit_card(id: Uuid, kind: String, body: String) -> Result<Card, AppError> {
    use crate::server::context::app;
    let access = own_card_access(id).await?;
    let kind = allowed_kind(&access.board, &kind)?;
    let body = card_text(&body)?;
    let ctx = app()?;
    if !ctx.posts.allow(&access.author_id()) {
        return Err(AppError::TooManyPosts);
    }
    // An edit that now matches the word list (or any, under pre-moderation) goes back
    // for approval, in the same write as the text.
    let (status, note) = super::moderation::status_for_post(
        &body,
        matches!(access.who, super::access::Who::Staff(_)),
        access.workshop.moderation,
    );
    let hold = (status != CardStatus::Visible).then_some(note);
    let (card, seq) = ctx.store.edit_card(id, kind, &body, hold).await?;
    crate::server::board_events::publish_card(&ctx.bus, seq, &card, &access.board);
    Ok(card)
}

/// Deletes one's own card while the board is open.
#[server(endpoint = "cards/delete", output = crate::JsonText)]
pub async fn delete_card(id: Uuid) -> Result<(), AppError> {
    use crate::server::context::app;
    let access = own_card_access(id).await?;
    let ctx = app()?;
    let seq = ctx.store.delete_card(id).await?;
    ctx.bus.publish(
        access.board.id,
        crate::server::board_events::removed_delivery(seq, id),
    );
    Ok(())
}

/// The caller's access to the board of their own card, which they may change now.
#[cfg(feature = "ssr")]
async fn own_card_access(id: Uuid) -> Result<super::access::Access, AppError> {
    let (card, access) = super::access::card_access(id).await?;
    if card.author.id != access.author_id() {
        return Err(AppError::NotYourCard);
    }
    access.check_posting()?;
    Ok(access)
}

/// A card kind the board allows now.
#[cfg(feature = "ssr")]
fn allowed_kind(
    board: &samskap_domain::workshop::model::Board,
    kind: &str,
) -> Result<CardKind, AppError> {
    match kind.parse::<CardKind>() {
        Ok(kind) if board.allowed_kinds.contains(&kind) => Ok(kind),
        _ => Err(AppError::KindNotAllowed),
    }
}

/// Card text: not blank, at most `MAX_CARD` characters; kept as typed apart from
/// surrounding whitespace.
#[cfg(feature = "ssr")]
fn card_text(body: &str) -> Result<String, AppError> {
    samskap_domain::validate::required(crate::error::Field::Text, body, MAX_CARD)
}

/// The optional focus area of a card: one of the programme's.
#[cfg(feature = "ssr")]
async fn focus_area_of(programme: Uuid, value: &str) -> Result<Option<Uuid>, AppError> {
    use crate::server::context::app;
    if value.is_empty() {
        return Ok(None);
    }
    let id: Uuid = value.parse().map_err(|_| AppError::BadRequest)?;
    let focus_areas = app()?.store.focus_areas(programme).await?;
    let known = focus_areas.iter().any(|fa| fa.id == id);
    if known {
        Ok(Some(id))
    } else {
        Err(AppError::BadRequest)
    }
}
