//! `GET /photos/{id}` and `/photos/{id}/thumb`: stored photos, to those who may see
//! what they belong to. A card's photo follows the card (staff, or a participant of its
//! workshop while the card is public or theirs); a prototype's photo is for staff and
//! for participants of a workshop that tests it.
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use samskap_app::server::context::{account_of_session, is_member, AppContext};
use samskap_domain::store::pipeline_store::PhotoOwner;
use samskap_domain::store::Item;
use tower_sessions::Session;
use uuid::Uuid;

pub async fn full(
    State(context): State<AppContext>,
    Path(id): Path<Uuid>,
    headers: HeaderMap,
    session: Session,
) -> Response {
    serve(&context, id, &headers, &session, false).await
}

pub async fn thumbnail(
    State(context): State<AppContext>,
    Path(id): Path<Uuid>,
    headers: HeaderMap,
    session: Session,
) -> Response {
    serve(&context, id, &headers, &session, true).await
}

async fn serve(
    context: &AppContext,
    id: Uuid,
    headers: &HeaderMap,
    session: &Session,
    thumb: bool,
) -> Response {
    let photo = match context.store.photo(id).await {
        Ok(Some(photo)) => photo,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(err) => {
            tracing::error!(%err, "loading a photo failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    match may_see(context, photo.owner, headers, session).await {
        Ok(true) => {}
        // Not found rather than forbidden: a photo's existence is not told to strangers.
        Ok(false) => return StatusCode::NOT_FOUND.into_response(),
        Err(()) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
    let bytes = if thumb { photo.thumbnail } else { photo.image };
    (
        [
            (header::CONTENT_TYPE, "image/jpeg"),
            // A photo never changes under its id; only who may see it can.
            (header::CACHE_CONTROL, "private, max-age=86400"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        bytes,
    )
        .into_response()
}

async fn may_see(
    context: &AppContext,
    owner: PhotoOwner,
    headers: &HeaderMap,
    session: &Session,
) -> Result<bool, ()> {
    let store = context.store.as_ref();
    // Staff of the programme the photo belongs to; staff of another programme are
    // visitors here, like anyone.
    if let Some(account) = account_of_session(store, session).await.map_err(|_| ())? {
        let item = match owner {
            PhotoOwner::Card(card) => Item::Card(card),
            PhotoOwner::Prototype(prototype) => Item::Prototype(prototype),
        };
        if is_member(store, &account, item).await.map_err(|_| ())? {
            return Ok(true);
        }
    }
    let participant_of = |workshop: Uuid| async move {
        samskap_app::join::participant::participant_in(store, headers, workshop)
            .await
            .map_err(|_| ())
    };
    match owner {
        PhotoOwner::Card(card) => {
            let Some(card) = store.card(card).await.map_err(|_| ())? else {
                return Ok(false);
            };
            let Some(board) = store.board(card.board_id).await.map_err(|_| ())? else {
                return Ok(false);
            };
            let Some(me) = participant_of(board.workshop_id).await? else {
                return Ok(false);
            };
            let own = card.author.id == me.id;
            Ok(own || (card.is_public() && !board.hide_others))
        }
        PhotoOwner::Prototype(prototype) => {
            for round in store.rounds(prototype).await.map_err(|_| ())? {
                if participant_of(round.workshop_id).await?.is_some() {
                    return Ok(true);
                }
            }
            Ok(false)
        }
    }
}
