//! What one can do with a card beyond reading and voting — its author's editor and the
//! staff's tools (hide, sort into a theme, trace, make a prototype) — folded and rendered
//! on demand, so a big board stays light. Without JavaScript the fold holds a link to
//! `/boards/{id}/cards/{card}`: the same board with that card's fold open.
use super::card_editor::CardEditor;
use super::moderation::ModerationControls;
use super::state::BoardViewer;
use super::themes::CardThemePicker;
use crate::i18n::*;
use crate::pipeline::create::{FormOrigin, NewPrototypeForm};
use crate::ui::staff_only::staff_view;
use leptos::either::Either;
use leptos::html::Details;
use leptos::prelude::*;
use samskap_domain::workshop::model::{Card, CardKind, CardStatus};

/// What the viewer may do with a card, beyond reading and voting.
#[derive(Clone, Copy)]
struct Rights {
    /// Hide it and sort it into a theme (those who run the board).
    sorting: bool,
    /// Make a prototype from it (an idea or prototype card; the core team).
    shaping: bool,
    /// Follow its trace (staff).
    tracing: bool,
}

/// The fold of one card, while the viewer can do something with it: always for staff;
/// for the author while the board is open.
pub fn card_tools(
    card: &Card,
    mine: bool,
    editable: Signal<bool>,
    kinds: Signal<Vec<CardKind>>,
    viewer: BoardViewer,
) -> impl IntoView {
    let on_screen = !viewer.projector;
    let rights = Rights {
        sorting: viewer.can_run && on_screen,
        shaping: viewer.can_shape
            && on_screen
            && matches!(card.kind, CardKind::Idea | CardKind::Prototype),
        tracing: viewer.staff && on_screen,
    };
    let focused = viewer.focused == Some(card.id);
    let card = card.clone();
    move || {
        let editing = mine && editable.get();
        (editing || rights.tracing).then(|| {
            view! { <CardTools card=card.clone() editing kinds rights focused /> }
        })
    }
}

#[component]
fn CardTools(
    card: Card,
    editing: bool,
    kinds: Signal<Vec<CardKind>>,
    rights: Rights,
    focused: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let node = NodeRef::<Details>::new();
    let open = RwSignal::new(focused);
    // Opened before the page hydrated: show what is in the fold, not the link.
    Effect::new(move |_| {
        if let Some(details) = node.get() {
            open.set(details.open());
        }
    });
    let page = format!("/boards/{}/cards/{}#card-tools", card.board_id, card.id);
    let label = if rights.tracing {
        t_string!(i18n, board.card_tools)
    } else {
        t_string!(i18n, board.change)
    };
    let contents = move || {
        let card = card.clone();
        let editor = editing.then(|| view! { <CardEditor card=card.clone() kinds=kinds.get() /> });
        let theme = staff_view(rights.sorting, || {
            view! { <CardThemePicker card_id=card.id theme_id=card.theme_id /> }
        });
        let hide = staff_view(rights.sorting && card.status == CardStatus::Visible, || {
            view! { <ModerationControls card=card.clone() /> }
        });
        let trace = rights.tracing.then(|| {
            view! {
                <a class="trace-link" href=format!("/trace/cards/{}", card.id)>
                    {t!(i18n, pipeline.trace_card)}
                </a>
            }
        });
        let prototype = staff_view(rights.shaping, || {
            view! { <NewPrototypeForm origin=FormOrigin::Idea(card.id) suggested_title=card.body.clone() /> }
        });
        view! {
            {editor}
            {theme}
            {hide}
            {trace}
            {prototype}
        }
    };
    view! {
        <details
            class="card-tools"
            id=focused.then_some("card-tools")
            open=focused
            node_ref=node
            on:toggle=move |_| open.set(node.get().is_some_and(|d| d.open()))
            on:keydown=crate::ui::fold::close_on_escape(node)
        >
            <summary>{label}</summary>
            {move || {
                if open.get() {
                    Either::Left(contents())
                } else {
                    Either::Right(
                        view! { <a href=page.clone()>{t!(i18n, board.card_tools_link)}</a> },
                    )
                }
            }}
        </details>
    }
}
