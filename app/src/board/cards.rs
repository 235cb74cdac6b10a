//! Cards: posting, editing and deleting one's own, and how cards are shown.
use super::events::LiveBoard;
use crate::error::{AppError, ErrorAlert};
use crate::i18n::*;
use crate::pipeline::photos::{CardPhotoForm, PhotoLink};
use crate::programme::model::FocusArea;
use crate::ui::refresh::{last_error, on_success, reset};
use crate::ui::text::textarea_text;
use crate::workshop::model::{Card, CardKind, CardStatus, MAX_CARD};
use leptos::html::Form;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use uuid::Uuid;

/// Posts a card to a board: by a participant of its workshop or by staff, while the
/// board is open, of a kind the phase allows. At most 10 posts and edits a minute.
/// `client_key` (a UUID the device made for this card) makes a retry safe: a second
/// post with the same key returns the card stored the first time and stores nothing.
#[server(endpoint = "cards/post")]
pub async fn post_card(
    board_id: Uuid,
    kind: String,
    body: String,
    #[server(default)] focus_area: String,
    #[server(default)] client_key: String,
) -> Result<Card, AppError> {
    use crate::server::context::{app, internal};
    use crate::server::store::StoreError;
    use crate::server::workshop_store::NewCard;
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
    let focus_area_id = focus_area_of(&focus_area).await?;
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
        Err(err) => return Err(internal(err)),
    };
    ctx.metrics.posts.inc();
    super::events::publish_card(&ctx.bus, seq, &card, &access.board);
    Ok(card)
}

/// The card stored earlier with this client key, if the caller posted it to this board;
/// `ClientKeyTaken` if someone else's card has the key.
#[cfg(feature = "ssr")]
async fn already_posted(
    access: &super::access::Access,
    client_key: Option<Uuid>,
) -> Result<Option<Card>, AppError> {
    use crate::server::context::{app, internal};
    let Some(key) = client_key else {
        return Ok(None);
    };
    match app()?
        .store
        .card_by_client_key(key)
        .await
        .map_err(internal)?
    {
        None => Ok(None),
        Some(card) if card.author.id == access.author_id() && card.board_id == access.board.id => {
            Ok(Some(card))
        }
        Some(_) => Err(AppError::ClientKeyTaken),
    }
}

/// Changes the kind and text of one's own card while the board is open.
#[server(endpoint = "cards/edit")]
pub async fn edit_card(id: Uuid, kind: String, body: String) -> Result<Card, AppError> {
    use crate::server::context::{app, internal};
    let access = own_card_access(id).await?;
    let kind = allowed_kind(&access.board, &kind)?;
    let body = card_text(&body)?;
    let ctx = app()?;
    if !ctx.posts.allow(&access.author_id()) {
        return Err(AppError::TooManyPosts);
    }
    let (mut card, mut seq) = ctx
        .store
        .edit_card(id, kind, &body)
        .await
        .map_err(internal)?;
    // An edit that now matches the word list goes back for approval.
    let (status, note) = super::moderation::status_for_post(
        &body,
        matches!(access.who, super::access::Who::Staff(_)),
        access.workshop.moderation,
    );
    if status != CardStatus::Visible && card.status == CardStatus::Visible {
        (card, seq) = ctx
            .store
            .set_card_status(id, status, note)
            .await
            .map_err(internal)?;
    }
    super::events::publish_card(&ctx.bus, seq, &card, &access.board);
    Ok(card)
}

/// Deletes one's own card while the board is open.
#[server(endpoint = "cards/delete")]
pub async fn delete_card(id: Uuid) -> Result<(), AppError> {
    use crate::server::context::{app, internal};
    let access = own_card_access(id).await?;
    let ctx = app()?;
    let seq = ctx.store.delete_card(id).await.map_err(internal)?;
    ctx.bus
        .publish(access.board.id, super::events::removed_delivery(seq, id));
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
fn allowed_kind(board: &crate::workshop::model::Board, kind: &str) -> Result<CardKind, AppError> {
    match kind.parse::<CardKind>() {
        Ok(kind) if board.allowed_kinds.contains(&kind) => Ok(kind),
        _ => Err(AppError::KindNotAllowed),
    }
}

/// Card text: not blank, at most `MAX_CARD` characters; kept as typed apart from
/// surrounding whitespace.
#[cfg(feature = "ssr")]
fn card_text(body: &str) -> Result<String, AppError> {
    crate::validate::required(crate::error::Field::Text, body, MAX_CARD)
}

/// The optional focus area of a card: one of the programme's.
#[cfg(feature = "ssr")]
async fn focus_area_of(value: &str) -> Result<Option<Uuid>, AppError> {
    use crate::server::context::{app, internal};
    if value.is_empty() {
        return Ok(None);
    }
    let id: Uuid = value.parse().map_err(|_| AppError::BadRequest)?;
    let focus_areas = app()?.store.focus_areas().await.map_err(internal)?;
    let known = focus_areas.iter().any(|fa| fa.id == id);
    if known {
        Ok(Some(id))
    } else {
        Err(AppError::BadRequest)
    }
}

/// The form a participant (or facilitator) posts with; it follows the board's phase.
/// A post that cannot reach the server waits in the device's outbox (hydrated only).
#[component]
pub fn PostForm(live: LiveBoard, focus_areas: Vec<FocusArea>) -> impl IntoView {
    use crate::inclusion::offline::{new_client_key, Outbox, OutboxList};
    let i18n = use_i18n();
    let action = ServerAction::<PostCard>::new();
    let form = NodeRef::<Form>::new();
    let length = RwSignal::new(0usize);
    let client_key = RwSignal::new(new_client_key());
    let outbox = Outbox::new(live);
    // The input of the run in flight: kept for the outbox if it cannot be delivered.
    let sent = StoredValue::new(None::<PostCard>);
    Effect::new(move |_| {
        if let Some(input) = action.input().get() {
            sent.set_value(Some(input));
        }
    });
    let next_card = move || {
        reset(form);
        length.set(0);
        client_key.set(new_client_key());
    };
    Effect::new(move |_| match action.value().get() {
        Some(Ok(card)) => {
            live.upsert(card);
            next_card();
        }
        Some(Err(AppError::Transport(_))) => {
            if let Some(post) = sent.get_value() {
                outbox.hold(post);
                next_card();
            }
        }
        _ => {}
    });
    // A transport failure is not the user's to fix: the card waits in the outbox.
    let error =
        Signal::derive(move || last_error(action).filter(|e| !matches!(e, AppError::Transport(_))));
    let board_id = live.board.with_untracked(|b| b.id);
    let kinds = Memo::new(move |_| live.board.with(|b| b.allowed_kinds.clone()));
    let open = Memo::new(move |_| live.board.with(|b| b.open));
    let focus_areas = StoredValue::new(focus_areas);
    let focus_options = move || {
        focus_areas.with_value(|fas| {
            fas.iter()
                .map(|fa| view! { <option value=fa.id.to_string()>{fa.name.clone()}</option> })
                .collect_view()
        })
    };
    let kind_picker = move || {
        let kinds = kinds.get();
        if let [only] = kinds.as_slice() {
            return view! {
                <input type="hidden" name="kind" value=only.as_str() />
                <p class="kind-note">{t!(i18n, board.posting_kind)} " " <strong>{kind_name(i18n, *only)}</strong></p>
            }
            .into_any();
        }
        let options = kinds
            .iter()
            .enumerate()
            .map(|(i, k)| {
                let id = format!("post-kind-{}", k.as_str());
                view! {
                    <div class="check">
                        <input type="radio" id=id.clone() name="kind" value=k.as_str() checked=i == 0 />
                        <label for=id>{kind_name(i18n, *k)}</label>
                    </div>
                }
            })
            .collect_view();
        view! {
            <fieldset class="kinds">
                <legend>{t!(i18n, board.kind)}</legend>
                {options}
            </fieldset>
        }
        .into_any()
    };
    view! {
        <Show when=move || open.get() fallback=move || view! { <p class="notice" role="status">{t!(i18n, board.closed_notice)}</p> }>
            <ActionForm action node_ref=form attr:class="form post-form" attr:aria-labelledby="post-heading">
                <h2 id="post-heading">{t!(i18n, board.post_heading)}</h2>
                <input type="hidden" name="board_id" value=board_id.to_string() />
                <input type="hidden" name="client_key" value=move || client_key.get() />
                {kind_picker}
                <label for="post-body">{t!(i18n, board.text)}</label>
                <textarea id="post-body" name="body" rows="3" maxlength=MAX_CARD.to_string()
                    aria-describedby="post-body-count"
                    on:input=move |ev| length.set(event_target_value(&ev).chars().count())></textarea>
                <p id="post-body-count" class="hint counter">
                    {move || t_string!(i18n, board.chars_used, used = length.get(), max = MAX_CARD).to_string()}
                </p>
                <label for="post-focus">{t!(i18n, board.focus_area)}</label>
                <select id="post-focus" name="focus_area">
                    <option value="">{t!(i18n, board.no_focus_area)}</option>
                    {focus_options()}
                </select>
                <ErrorAlert error />
                <button type="submit" class="primary">{t!(i18n, board.post)}</button>
            </ActionForm>
        </Show>
        <OutboxList outbox />
    }
}

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
    let viewer = expect_context::<super::page::BoardViewer>();
    let badge = (card.status != CardStatus::Visible)
        .then(|| view! { <super::moderation::StatusBadge card=card.clone() /> });
    // Approving a held card is the facilitator's everyday move: it stays on the card;
    // the other tools are folded.
    let moderation = (viewer.can_run && !viewer.projector && card.status != CardStatus::Visible)
        .then(|| view! { <super::moderation::ModerationControls card=card.clone() /> });
    let sorting = viewer.can_run && !viewer.projector;
    let id = card.id;
    let tools = super::card_tools::card_tools(&card, mine, editable, kinds, viewer);
    let report = (!viewer.staff && !mine && !viewer.projector && !card.author.staff)
        .then(|| view! { <super::moderation::ReportButton card_id=card.id /> });
    // A participant keeps a receipt to follow what becomes of their card.
    let receipt = (mine && !viewer.staff && !viewer.projector).then(|| {
        view! { <a class="receipt-link" href=format!("/receipt/cards/{}", card.id)>{t!(i18n, receipt.follow_card)}</a> }
    });
    let photo = card.photo_id.map(|id| {
        view! { <PhotoLink id alt=t_string!(i18n, board.card_photo) /> }
    });
    let class = format!("card board-card kind-{}", card.kind.as_str());
    let card_id = card.id.to_string();
    let kind = kind_name(i18n, card.kind);
    let body = card.body.clone();
    view! {
        <li class=class data-card-id=card_id draggable=sorting.then_some("true") on:dragstart=super::themes::drag_start(id)>
            <p class="card-kind">{kind}</p>
            <p class="card-body" dir="auto">{body}</p>
            {photo}
            <p class="card-author"><bdi>{author}</bdi> {staff_badge} {mine_label}</p>
            {badge}
            <super::votes::VoteBox card=card.clone() interactive=voting />
            {report}
            {moderation}
            {tools}
            {receipt}
        </li>
    }
}

/// The author's own card: change its kind and text, delete it, attach a photo.
#[component]
pub(super) fn CardEditor(card: Card, kinds: Vec<CardKind>) -> impl IntoView {
    let i18n = use_i18n();
    let edit = ServerAction::<EditCard>::new();
    let delete = ServerAction::<DeleteCard>::new();
    let error = Signal::derive(move || last_error(edit).or_else(|| last_error(delete)));
    let live = expect_context::<LiveBoard>();
    Effect::new(move |_| {
        if let Some(Ok(card)) = edit.value().get() {
            live.upsert(card);
        }
    });
    let removed = card.id;
    on_success(delete, move || {
        live.cards.update(|cards| cards.retain(|c| c.id != removed));
    });
    let id = card.id.to_string();
    let delete_id = id.clone();
    let body_id = format!("edit-body-{id}");
    let kind_id = format!("edit-kind-{id}");
    let options = kinds
        .iter()
        .map(|k| view! { <option value=k.as_str() selected=*k == card.kind>{kind_name(i18n, *k)}</option> })
        .collect_view();
    let card_id = card.id;
    let photo_form = move || {
        live.board
            .with(|b| b.phase.allows_photos())
            .then(|| view! { <CardPhotoForm card_id /> })
    };
    view! {
        <div class="editor">
            <ActionForm action=edit attr:class="form">
                <input type="hidden" name="id" value=id.clone() />
                <label for=kind_id.clone()>{t!(i18n, board.kind)}</label>
                <select id=kind_id name="kind">{options}</select>
                <label for=body_id.clone()>{t!(i18n, board.text)}</label>
                <textarea id=body_id name="body" rows="3" maxlength=MAX_CARD.to_string() inner_html=textarea_text(&card.body)></textarea>
                <button type="submit">{t!(i18n, board.save)}</button>
            </ActionForm>
            <ActionForm action=delete attr:class="inline">
                <input type="hidden" name="id" value=delete_id />
                <button type="submit" class="danger">{t!(i18n, board.delete)}</button>
            </ActionForm>
            <ErrorAlert error />
            {photo_form}
        </div>
    }
}

/// The translated name of a card kind.
pub fn kind_name(i18n: I18nContext<Locale>, kind: CardKind) -> &'static str {
    match kind {
        CardKind::Insight => t_string!(i18n, kinds.insight),
        CardKind::Idea => t_string!(i18n, kinds.idea),
        CardKind::Prototype => t_string!(i18n, kinds.prototype),
        CardKind::Feedback => t_string!(i18n, kinds.feedback),
    }
}
