//! `/boards/{id}` (phones and facilitators), `/boards/{id}/cards/{card}` (the same with
//! one card's tools open) and `/boards/{id}/projector`: the board with its cards, live
//! once hydrated.
use super::cards::{CardItem, PostForm};
use super::controls::Controls;
use super::events::LiveBoard;
use super::themes::ThemeControls;
use super::timer::Countdown;
use super::votes::VotingStatus;
use crate::error::AppError;
use crate::i18n::*;
use crate::pipeline::create::{FormOrigin, NewPrototypeForm};
use crate::programme::model::FocusArea;
use crate::ui::guard::Loaded;
use crate::ui::page::PageTitle;
use crate::ui::refresh::Refresh;
use crate::workshop::detail_page::{phase_name, JoinPanel};
use crate::workshop::model::{Board, Card, CardKind, Presence, Theme, WorkshopStatus};
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
    let refresh = Refresh::provide();
    let id = uuid_param("id");
    let focused = uuid_param("card");
    let data = Resource::new(
        move || (id(), refresh.track()),
        |(id, _)| async move {
            match id {
                Some(id) => get_board(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let class = if projector {
        "projector"
    } else {
        "page board-page"
    };
    view! {
        <main id="main" class=class>
            <Loaded resource=data let:data>
                <BoardView data refresh projector focused=focused() />
            </Loaded>
        </main>
    }
}

#[component]
fn BoardView(
    data: BoardPageData,
    refresh: Refresh,
    projector: bool,
    focused: Option<Uuid>,
) -> impl IntoView {
    let i18n = use_i18n();
    let live = LiveBoard::new(&data);
    provide_context(live);
    provide_context(BoardViewer {
        staff: data.staff,
        can_run: data.can_run,
        can_shape: data.can_shape,
        takes_part: data.takes_part,
        projector,
        focused,
    });
    super::live::follow(data.board.id, data.seq, live, move || {
        refresh.0.update(|n| *n += 1)
    });
    let me = data.me;
    let editable = Signal::derive(move || live.board.with(|b| b.open) && !projector);
    let kinds = Signal::derive(move || live.board.with(|b| b.allowed_kinds.clone()));
    let prompt = data.board.prompt.clone();
    let hidden_notice = move || {
        let n = live.hidden.with(|h| h.len());
        (n > 0).then(|| view! { <p class="notice" role="status">{t_string!(i18n, board.hidden_cards, count = n).to_string()}</p> })
    };
    let theme_controls = (data.can_run && !projector).then(|| view! { <ThemeControls live /> });
    let post_form =
        (!projector && data.takes_part && data.workshop_status != WorkshopStatus::Closed)
            .then(|| view! { <PostForm live focus_areas=data.focus_areas.clone() /> });
    let controls = (data.can_run && !projector).then(|| view! { <Controls live /> });
    // Who is here, refreshed as cards arrive and people connect.
    let diversity = data.diversity.clone().filter(|_| !projector).map(|initial| {
        let changes = Signal::derive(move || {
            live.cards.with(Vec::len) + live.presence.with(|p| p.participants) as usize
        });
        view! { <crate::inclusion::diversity::DiversityPanel workshop=Some(data.board.workshop_id) initial changes /> }
    });
    let join = data
        .join
        .clone()
        .filter(|_| projector || data.can_run)
        .map(|j| {
            view! { <JoinPanel code=j.code url=j.url qr_svg=j.qr_svg /> }
        });
    let rounds = (!projector && !data.rounds.is_empty()).then(|| {
        let links = data
            .rounds
            .iter()
            .map(|(id, title)| view! { <li><a href=format!("/rounds/{id}") dir="auto">{title.clone()}</a></li> })
            .collect_view();
        view! {
            <section class="test-rounds" aria-labelledby="test-heading">
                <h2 id="test-heading">{t!(i18n, pipeline.test_now)}</h2>
                <ul>{links}</ul>
            </section>
        }
    });
    let back = (data.staff && !projector).then(|| {
        view! { <p><a href=format!("/workshops/{}", data.board.workshop_id)>{data.workshop_title.clone()}</a></p> }
    });
    view! {
        <PageTitle text=prompt.clone() />
        {back}
        <header class="board-header">
            <p class="workshop-title">{data.workshop_title.clone()}</p>
            <h1 class="prompt" dir="auto">{prompt}</h1>
            <p class="board-state">
                <span class="phase">{move || phase_name(i18n, live.board.with(|b| b.phase))}</span>
                " · "
                <span class="posting">{move || if live.board.with(|b| b.open) {
                    t_string!(i18n, board.open)
                } else {
                    t_string!(i18n, board.closed)
                }}</span>
            </p>
            <Countdown live server_now_ms=data.server_now_ms />
            {projector.then(|| view! { <FullScreenButton /> })}
        </header>
        <div class="board-layout">
            <div class="board-side">
                {join}
                {rounds}
                {controls}
                {theme_controls}
                {post_form}
                {diversity}
            </div>
            <section class="board-cards" aria-labelledby="cards-heading" data-live=move || live.connection.get()>
                <h2 id="cards-heading">{t!(i18n, board.cards)}</h2>
                <NewCardAnnouncer live me />
                {hidden_notice}
                {(!projector).then(|| view! { <VotingStatus live /> })}
                {move || {
                    let themes = live.themes.get();
                    if themes.is_empty() {
                        return view! { <CardList theme=None me editable kinds projector /> }.into_any();
                    }
                    let sections = themes
                        .into_iter()
                        .map(|t| {
                            let heading = t.name.clone();
                            view! { <ThemeSection heading theme=Some(t.id) me editable kinds projector /> }
                        })
                        .collect_view();
                    view! {
                        {sections}
                        <ThemeSection heading=t_string!(i18n, themes.unsorted).to_string() theme=None me editable kinds projector />
                    }
                    .into_any()
                }}
            </section>
        </div>
    }
}

/// A theme's heading and its cards; a drop zone for the facilitator's drag and drop.
#[component]
fn ThemeSection(
    heading: String,
    theme: Option<Uuid>,
    me: Uuid,
    editable: Signal<bool>,
    kinds: Signal<Vec<CardKind>>,
    projector: bool,
) -> impl IntoView {
    let viewer = expect_context::<BoardViewer>();
    let (over, dropped) = super::themes::drop_into(theme);
    let droppable = viewer.can_run && !projector;
    let make_prototype = theme.filter(|_| viewer.can_shape && !projector).map(|id| {
        let title = heading.clone();
        view! { <NewPrototypeForm origin=FormOrigin::Theme(id) suggested_title=title /> }
    });
    view! {
        <section class="theme" on:dragover=move |ev| if droppable { over(ev) } on:drop=move |ev| if droppable { dropped(ev) }>
            <h3 class="theme-name" dir="auto">{heading}</h3>
            {make_prototype}
            <CardList theme me editable kinds projector />
        </section>
    }
}

/// The cards of one theme (or, with no themes, all), as the viewer may see them.
#[component]
fn CardList(
    theme: Option<Uuid>,
    me: Uuid,
    editable: Signal<bool>,
    kinds: Signal<Vec<CardKind>>,
    projector: bool,
) -> impl IntoView {
    let live = expect_context::<LiveBoard>();
    let takes_part = expect_context::<BoardViewer>().takes_part;
    let has_themes = move || live.themes.with(|t| !t.is_empty());
    view! {
        <ol class="cards">
            <For
                each=move || {
                    let sorted = has_themes();
                    live.cards.with(|cards| {
                        cards
                            .iter()
                            // The projector shows only what every participant may see.
                            .filter(|c| !projector || c.is_public())
                            .filter(|c| !sorted || c.theme_id == theme)
                            .cloned()
                            .collect::<Vec<_>>()
                    })
                }
                key=|c| (c.id, c.kind, c.status, c.theme_id, c.photo_id, c.body.clone())
                let:card
            >
                <CardItem mine={card.author.id == me} card editable kinds voting={!projector && takes_part} />
            </For>
        </ol>
    }
}

/// Puts the projector view in full screen; shown once hydrated (it needs JavaScript;
/// without it, the browser's own full-screen key does the same).
#[component]
fn FullScreenButton() -> impl IntoView {
    let i18n = use_i18n();
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let go_full_screen = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(root) = document().document_element() {
            let _ = root.request_fullscreen();
        }
    };
    move || {
        hydrated.get().then(|| {
            view! { <button type="button" class="full-screen" on:click=go_full_screen>{t!(i18n, board.full_screen)}</button> }
        })
    }
}

/// Tells screen readers, politely, about each card that arrives from someone else (the
/// list itself is not a live region: its re-renders would be read out whole).
#[component]
fn NewCardAnnouncer(live: LiveBoard, me: Uuid) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || {
        live.arrived
            .get()
            .filter(|c| c.author.id != me)
            .map(|c| {
                let kind = super::cards::kind_name(i18n, c.kind);
                t_string!(
                    i18n,
                    board.new_card_announced,
                    text = format!("{kind}: {}", c.body)
                )
                .to_string()
            })
            .unwrap_or_default()
    };
    view! { <p class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">{text}</p> }
}
