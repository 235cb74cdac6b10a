//! `boards/get`: a board as the caller may see it, for its page and a live resync.
use super::state::BoardPageData;
use crate::error::AppError;
use leptos::prelude::*;
use uuid::Uuid;

/// A board with its cards, for staff or a participant of its workshop.
#[server(endpoint = "boards/get", output = crate::JsonText)]
pub async fn get_board(id: Uuid) -> Result<BoardPageData, AppError> {
    use super::access::{board_access, Who};
    use super::state::JoinData;
    use crate::server::context::app;
    use samskap_domain::programme::model::FocusArea;
    use samskap_domain::workshop::model::Card;
    let access = board_access(id).await?;
    let ctx = app()?;
    let (seq, all_cards) = ctx.store.board_cards(id).await?;
    // The board as of `seq` or later: read before it, a change between the two reads
    // would be older than the stream the page resumes after `seq`, and never arrive.
    let board = ctx.store.board(id).await?.ok_or(AppError::NotFound)?;
    let me = access.author_id();
    let staff = matches!(access.who, Who::Staff(_));
    // Participants see public cards (all, or while the board hides others' cards, only
    // their own) and their own cards under moderation.
    let (cards, hidden): (Vec<Card>, Vec<Card>) = all_cards
        .into_iter()
        .filter(|c| staff || c.is_public() || c.author.id == me)
        .partition(|c| staff || !board.hide_others || c.author.id == me);
    let all_focus_areas = ctx.store.focus_areas(access.workshop.programme_id).await?;
    let of_workshop: Vec<FocusArea> = all_focus_areas
        .iter()
        .filter(|fa| access.workshop.fields.focus_area_ids.contains(&fa.id))
        .cloned()
        .collect();
    let focus_areas = if of_workshop.is_empty() {
        all_focus_areas
    } else {
        of_workshop
    };
    let join = if staff {
        let url = crate::workshop::qr::join_url(&access.workshop.join_code).await?;
        Some(JoinData {
            code: access.workshop.join_code.clone(),
            qr_svg: crate::workshop::qr::svg(&url)?,
            url,
        })
    } else {
        None
    };
    let round = board.vote_round;
    let totals = if staff || board.votes_visible {
        ctx.store.vote_totals(id, round).await?
    } else {
        Vec::new()
    };
    let my_votes = ctx.store.my_votes(id, round, me).await?;
    let themes = ctx.store.themes(id).await?;
    let rounds = ctx
        .store
        .open_rounds_of_workshop(access.workshop.id)
        .await?
        .into_iter()
        .map(|r| (r.id, format!("{} v{}", r.prototype_title, r.version)))
        .collect();
    let can_shape = matches!(&access.who, Who::Staff(u) if u.role.can_shape_prototypes());
    let diversity = if access.can_run() {
        Some(
            crate::inclusion::diversity::view_of(
                access.workshop.programme_id,
                Some(access.workshop.id),
            )
            .await?,
        )
    } else {
        None
    };
    Ok(BoardPageData {
        diversity,
        can_shape,
        rounds,
        themes,
        totals,
        my_votes,
        can_run: access.can_run(),
        takes_part: access.who.check_takes_part().is_ok(),
        presence: ctx.bus.presence(id),
        workshop_title: access.workshop.fields.title.clone(),
        workshop_status: access.workshop.status,
        board,
        cards,
        hidden: hidden.into_iter().map(|c| c.id).collect(),
        seq,
        me,
        staff,
        server_now_ms: chrono::Utc::now().timestamp_millis(),
        focus_areas,
        join,
    })
}
