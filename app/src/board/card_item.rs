//! One card as the board shows it, with what the viewer may do with it.
use super::state::BoardViewer;
use crate::i18n::*;
use crate::pipeline::photos::PhotoLink;
use crate::ui::staff_only::staff_view;
use crate::workshop::labels::kind_name;
use leptos::prelude::*;
use samskap_domain::workshop::model::{Card, CardKind, CardStatus};

/// One card; its author may edit or delete it while the board is open.
#[component]
pub fn CardItem(
    card: Card,
    mine: bool,
    editable: Signal<bool>,
    /// Whether the viewer can place dots here (not on the projector).
    voting: bool,
    kinds: Signal<Vec<CardKind>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let author = if card.author.name.is_empty() {
        t_string!(i18n, board.anonymous).to_string()
    } else {
        card.author.name.clone()
    };
    let mine_label = mine.then(|| view! { <span class="mine">{t!(i18n, board.yours)}</span> });
    // Staff names are reserved, and the badge tells a resident who speaks for the team.
    let staff_badge = card
        .author
        .staff
        .then(|| view! { <span class="staff-badge">{t!(i18n, board.staff_badge)}</span> });
    let viewer = expect_context::<BoardViewer>();
    let badge = (card.status != CardStatus::Visible)
        .then(|| view! { <super::moderation::StatusBadge card=card.clone() /> });
    // Approving a held card is the facilitator's everyday move: it stays on the card;
    // the other tools are folded.
    let moderation = staff_view(
        viewer.can_run && !viewer.projector && card.status != CardStatus::Visible,
        || view! { <super::moderation::ModerationControls card=card.clone() /> },
    );
    let sorting = viewer.can_run && !viewer.projector;
    let id = card.id;
    let tools = super::card_tools::card_tools(&card, mine, editable, kinds, viewer);
    let report = (!viewer.staff && !mine && !viewer.projector && !card.author.staff)
        .then(|| view! { <super::moderation::ReportButton card_id=card.id /> });
    // A participant keeps a receipt to follow what becomes of their card.
    let receipt = (mine && !viewer.staff && !viewer.projector).then(|| {
        view! {
            <a class="receipt-link" href=format!("/receipt/cards/{}", card.id)>
                {t!(i18n, receipt.follow_card)}
            </a>
        }
    });
    let photo = card.photo_id.map(|id| {
        view! { <PhotoLink id alt=t_string!(i18n, board.card_photo) /> }
    });
    let class = format!("card board-card kind-{}", card.kind.as_str());
    let card_id = card.id.to_string();
    let kind = kind_name(i18n, card.kind);
    let body = card.body.clone();
    view! {
        <li
            class=class
            data-card-id=card_id
            draggable=sorting.then_some("true")
            on:dragstart=super::themes::drag_start(id)
        >
            <p class="card-kind">{kind}</p>
            <p class="card-body" dir="auto">
                {body}
            </p>
            {photo}
            <p class="card-author">
                <bdi>{author}</bdi>
                {staff_badge}
                {mine_label}
            </p>
            {badge}
            <super::votes::VoteBox card=card.clone() interactive=voting />
            {report}
            {moderation}
            {tools}
            {receipt}
        </li>
    }
}
