//! `/boards/{id}` (phones and facilitators), `/boards/{id}/cards/{card}` (the same with
//! one card's tools open) and `/boards/{id}/projector`: the board's data and the page
//! around its live part (`board_live.rs`, the island).
use super::board_live::BoardLive;
use crate::error::AppError;
use crate::programme::model::FocusArea;
use crate::ui::guard::Loaded;
use crate::ui::page::PageTitle;
use crate::workshop::model::{Board, Card, Presence, Theme, WorkshopStatus};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};
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
    pub diversity: Option<crate::inclusion::model::DiversityView>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JoinData {
    pub code: String,
    pub url: String,
    pub qr_svg: String,
}

/// Who is looking at the board page, for the parts of each card that depend on it.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct BoardViewer {
    pub staff: bool,
    pub can_run: bool,
    pub can_shape: bool,
    pub takes_part: bool,
    pub projector: bool,
    /// The card whose tools the page opens (`/boards/{id}/cards/{card}`).
    pub focused: Option<Uuid>,
}

/// A board with its cards, for staff or a participant of its workshop.
#[server(endpoint = "boards/get")]
pub async fn get_board(id: Uuid) -> Result<BoardPageData, AppError> {
    use super::access::{board_access, Who};
    use crate::server::context::{app, internal};
    let access = board_access(id).await?;
    let ctx = app()?;
    let (seq, all_cards) = ctx.store.board_cards(id).await.map_err(internal)?;
    let me = access.author_id();
    let staff = matches!(access.who, Who::Staff(_));
    // Participants see public cards (all, or while the board hides others' cards, only
    // their own) and their own cards under moderation.
    let (cards, hidden): (Vec<Card>, Vec<Card>) = all_cards
        .into_iter()
        .filter(|c| staff || c.is_public() || c.author.id == me)
        .partition(|c| staff || !access.board.hide_others || c.author.id == me);
    let all_focus_areas = ctx.store.focus_areas().await.map_err(internal)?;
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
    let round = access.board.vote_round;
    let totals = if staff || access.board.votes_visible {
        ctx.store.vote_totals(id, round).await.map_err(internal)?
    } else {
        Vec::new()
    };
    let my_votes = ctx.store.my_votes(id, round, me).await.map_err(internal)?;
    let themes = ctx.store.themes(id).await.map_err(internal)?;
    let rounds = ctx
        .store
        .open_rounds_of_workshop(access.workshop.id)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|r| (r.id, format!("{} v{}", r.prototype_title, r.version)))
        .collect();
    let can_shape = matches!(&access.who, Who::Staff(u) if u.role.can_shape_prototypes());
    let diversity = if access.can_run() {
        Some(crate::inclusion::diversity::view_of(Some(access.workshop.id)).await?)
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
        board: access.board,
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

fn uuid_param(name: &'static str) -> impl Fn() -> Option<Uuid> + Copy + Send + Sync + 'static {
    let params = use_params_map();
    move || {
        params
            .with(|p| p.get(name))
            .and_then(|id| id.parse::<Uuid>().ok())
    }
}

#[component]
pub fn BoardPage() -> impl IntoView {
    board_page(false)
}

#[component]
pub fn ProjectorPage() -> impl IntoView {
    board_page(true)
}

fn board_page(projector: bool) -> impl IntoView {
    let id = uuid_param("id");
    let focused = uuid_param("card");
    let data = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_board(id).await,
            None => Err(AppError::NotFound),
        }
    });
    let class = if projector {
        "projector"
    } else {
        "page board-page"
    };
    view! {
        <main id="main" class=class>
            <Loaded resource=data let:data>
                <BoardView data projector focused=focused() />
            </Loaded>
        </main>
    }
}

/// The page around the live board: its title, the way back for staff and, for those who
/// run it, who takes part (as of this render; the page's reload brings it up to date).
#[component]
fn BoardView(mut data: BoardPageData, projector: bool, focused: Option<Uuid>) -> impl IntoView {
    let diversity = data.diversity.take().filter(|_| !projector).map(|initial| {
        view! { <crate::inclusion::diversity::DiversityPanel workshop=Some(data.board.workshop_id) initial /> }
    });
    let back = (data.staff && !projector).then(|| {
        view! { <p><a href=format!("/workshops/{}", data.board.workshop_id)>{data.workshop_title.clone()}</a></p> }
    });
    view! {
        <PageTitle text=data.board.prompt.clone() />
        {back}
        <BoardLive data projector focused>
            {diversity}
        </BoardLive>
    }
}
