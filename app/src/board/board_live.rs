//! The live part of a board page, and the only island a participant's phone runs on it:
//! the board's state, the forms to post, vote and sort, and the cards, kept current by
//! the event stream. What is around it (title, way back, who takes part) is plain HTML.
use super::card_item::CardItem;
use super::controls::Controls;
use super::post_form::PostForm;
use super::resync::Resync;
use super::state::LiveBoard;
use super::state::{BoardPageData, BoardViewer};
use super::themes::ThemeControls;
use super::timer::Countdown;
use super::votes::VotingStatus;
use crate::error::ErrorAlert;
use crate::i18n::*;
use crate::inclusion::diversity::DiversityPanel;
use crate::pipeline::create::{FormOrigin, NewPrototypeForm};
use crate::ui::staff_only::{staff_view, staff_view_of};
use crate::workshop::detail_page::JoinPanel;
use crate::workshop::labels::phase_name;
use leptos::prelude::*;
use samskap_domain::workshop::model::{CardKind, Theme, WorkshopStatus};
use uuid::Uuid;

/// The board, live once hydrated.
#[island]
pub fn BoardLive(data: BoardPageData, projector: bool, focused: Option<Uuid>) -> impl IntoView {
    crate::ui::island::provide_contexts();
    let i18n = use_i18n();
    let live = LiveBoard::new(&data);
    provide_context(live);
    provide_context(super::votes::VoteActions::new(live));
    provide_context(BoardViewer {
        staff: data.staff,
        can_run: data.can_run,
        can_shape: data.can_shape,
        takes_part: data.takes_part,
        projector,
        focused,
    });
    let board_id = data.board.id;
    let resync = Resync::new(board_id, live, data.seq);
    super::live::follow(board_id, live, resync);
    let me = data.me;
    let themes = live.themes;
    let sorted = Memo::new(move |_| themes.with(|t| !t.is_empty()));
    // A memo, as the board's parts are (`LiveBoard`): every card's tools read it.
    let editable: Signal<bool> = Memo::new(move |_| live.open.get() && !projector).into();
    let kinds: Signal<Vec<CardKind>> = live.kinds.into();
    let prompt = data.board.prompt.clone();
    let hidden_notice = move || {
        let n = live.hidden.with(|h| h.len());
        (n > 0).then(|| {
            view! {
                <p class="notice" role="status">
                    {t_string!(i18n, board.hidden_cards, count = n).to_string()}
                </p>
            }
        })
    };
    let theme_controls = staff_view(
        data.can_run && !projector,
        || view! { <ThemeControls live /> },
    );
    let post_form =
        (!projector && data.takes_part && data.workshop_status != WorkshopStatus::Closed)
            .then(|| view! { <PostForm live focus_areas=data.focus_areas.clone() /> });
    let controls = staff_view(data.can_run && !projector, || view! { <Controls live /> });
    // The projector and the facilitator show how to join (`join` is filled for staff
    // alone; participants may open the projector too).
    let join = data.join.clone().filter(|_| projector || data.can_run);
    let join = staff_view_of(
        join,
        |j| view! { <JoinPanel code=j.code url=j.url qr_svg=j.qr_svg /> },
    );
    // Who takes part changes as people join and post: the panel refetches on both.
    // Staff only (the board's data has it for them alone).
    let diversity = data.diversity.clone().filter(|_| !projector);
    let workshop = data.board.workshop_id;
    let diversity = staff_view_of(diversity, |initial| {
        let changes = Signal::derive(move || {
            live.cards.with(|c| c.len()) + live.presence.with(|p| p.participants as usize)
        });
        view! { <DiversityPanel workshop=Some(workshop) programme=None initial changes /> }
    });
    let rounds = (!projector && !data.rounds.is_empty()).then(|| {
        let links = data
            .rounds
            .iter()
            .map(|(id, title)| {
                view! {
                    <li>
                        <a href=format!("/rounds/{id}") dir="auto">
                            {title.clone()}
                        </a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="test-rounds" aria-labelledby="test-heading">
                <h2 id="test-heading">{t!(i18n, pipeline.test_now)}</h2>
                <ul>{links}</ul>
            </section>
        }
    });
    view! {
        <header class="board-header">
            <p class="workshop-title">{data.workshop_title.clone()}</p>
            <h1 class="prompt" dir="auto">
                {prompt}
            </h1>
            <p class="board-state">
                <span class="phase">{move || phase_name(i18n, live.phase.get())}</span>
                " · "
                <span class="posting">
                    {move || {
                        if live.open.get() {
                            t_string!(i18n, board.open)
                        } else {
                            t_string!(i18n, board.closed)
                        }
                    }}
                </span>
            </p>
            <Countdown live server_now_ms=data.server_now_ms />
            {projector.then(|| view! { <FullScreenButton /> })}
        </header>
        <div class="board-layout">
            <div class="board-side">
                {join} {rounds} {controls} {theme_controls} {post_form} {diversity}
            </div>
            <section
                class="board-cards"
                aria-labelledby="cards-heading"
                data-live=move || live.connection.get()
            >
                <h2 id="cards-heading">{t!(i18n, board.cards)}</h2>
                <NewCardAnnouncer live me />
                <ErrorAlert error=Signal::derive(move || resync.ended.get()) />
                {hidden_notice}
                {(!projector).then(|| view! { <VotingStatus live /> })}
                // Keyed by theme: a theme added, renamed or merged away leaves the other
                // sections' cards (an open fold, a half-typed edit) where they are.
                <For each=move || themes.get() key=|t| t.id let:t>
                    <ThemeSection
                        heading=theme_name(themes, t.id)
                        theme=Some(t.id)
                        sorted
                        me
                        editable
                        kinds
                        projector
                    />
                </For>
                // The cards in no theme: all of them until the first theme, then those
                // under "Unsorted"; one list throughout, so the first theme does not
                // draw every card anew.
                <ThemeSection
                    heading=Signal::derive(move || t_string!(i18n, themes.unsorted).to_string())
                    theme=None
                    sorted
                    me
                    editable
                    kinds
                    projector
                />
            </section>
        </div>
    }
}

/// A theme's name as it is now (it stays in its section when renamed); a memo, so the
/// other themes' changes leave its section alone.
fn theme_name(themes: Memo<Vec<Theme>>, id: Uuid) -> Signal<String> {
    Memo::new(move |_| {
        themes
            .with(|t| t.iter().find(|t| t.id == id).map(|t| t.name.clone()))
            .unwrap_or_default()
    })
    .into()
}

/// A theme's heading and its cards (or, before the board has themes, every card); a drop
/// zone for the facilitator's drag and drop.
#[component]
fn ThemeSection(
    heading: Signal<String>,
    theme: Option<Uuid>,
    /// Whether the board has themes.
    sorted: Memo<bool>,
    me: Uuid,
    editable: Signal<bool>,
    kinds: Signal<Vec<CardKind>>,
    projector: bool,
) -> impl IntoView {
    let viewer = expect_context::<BoardViewer>();
    let (over, dropped) = super::themes::drop_into(theme);
    let droppable = move || viewer.can_run && !projector && sorted.get_untracked();
    let shaping = theme.filter(|_| viewer.can_shape && !projector);
    // The suggested title follows a renamed theme (what was typed stays).
    let make_prototype = staff_view_of(shaping, |id| {
        view! { <NewPrototypeForm origin=FormOrigin::Theme(id) suggested_title=heading /> }
    });
    let title = move || {
        sorted.get().then(|| {
            view! {
                <h3 class="theme-name" dir="auto">
                    {heading}
                </h3>
            }
        })
    };
    view! {
        <section
            class:theme=move || sorted.get()
            on:dragover=move |ev| {
                if droppable() {
                    over(ev)
                }
            }
            on:drop=move |ev| {
                if droppable() {
                    dropped(ev)
                }
            }
        >
            {title}
            {make_prototype}
            <CardList theme sorted me editable kinds projector />
        </section>
    }
}

/// The cards of one theme (or, with no themes, all), as the viewer may see them.
#[component]
fn CardList(
    theme: Option<Uuid>,
    sorted: Memo<bool>,
    me: Uuid,
    editable: Signal<bool>,
    kinds: Signal<Vec<CardKind>>,
    projector: bool,
) -> impl IntoView {
    let live = expect_context::<LiveBoard>();
    let takes_part = expect_context::<BoardViewer>().takes_part;
    // The projector shows only what every participant may see (`is_public` in `each`).
    view! {
        <ol class="cards">
            <For
                each=move || {
                    let sorted = sorted.get();
                    live.cards
                        .with(|cards| {
                            cards
                                .iter()
                                .filter(|c| !projector || c.is_public())
                                .filter(|c| !sorted || c.theme_id == theme)
                                .cloned()
                                .collect::<Vec<_>>()
                        })
                }
                key=|c| (c.id, c.kind, c.status, c.theme_id, c.photo_id, c.body.clone())
                let:card
            >
                <CardItem
                    mine=card.author.id == me
                    card
                    editable
                    kinds
                    voting=!projector && takes_part
                />
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
            view! {
                <button type="button" class="full-screen" on:click=go_full_screen>
                    {t!(i18n, board.full_screen)}
                </button>
            }
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
                let kind = crate::workshop::labels::kind_name(i18n, c.kind);
                t_string!(
                    i18n,
                    board.new_card_announced,
                    text = format!("{kind}: {}", c.body)
                )
                .to_string()
            })
            .unwrap_or_default()
    };
    view! {
        <p class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
            {text}
        </p>
    }
}
