//! `/boards/{id}` (phones and facilitators), `/boards/{id}/cards/{card}` (the same with
//! one card's tools open) and `/boards/{id}/projector`: the page around the board's
//! live part (`board_live.rs`, the island).
use super::board_live::BoardLive;
use super::get_board::get_board;
use super::state::BoardPageData;
use crate::error::AppError;
use crate::ui::guard::Loaded;
use crate::ui::page::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

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

/// The page around the live board: its title and the way back for staff.
#[component]
fn BoardView(data: BoardPageData, projector: bool, focused: Option<Uuid>) -> impl IntoView {
    let back = (data.staff && !projector).then(|| {
        view! {
            <p>
                <a href=format!(
                    "/workshops/{}",
                    data.board.workshop_id,
                )>{data.workshop_title.clone()}</a>
            </p>
        }
    });
    view! {
        <PageTitle text=data.board.prompt.clone() />
        {back}
        <BoardLive data projector focused />
    }
}
