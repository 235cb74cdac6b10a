//! The form a participant posts a card with, and its offline outbox.
use super::card_actions::PostCard;
use super::outbox::{new_client_key, Outbox, OutboxList};
use super::state::LiveBoard;
use crate::error::{AppError, ErrorAlert};
use crate::i18n::*;
use crate::ui::refresh::{last_error, reset};
use crate::workshop::labels::kind_name;
use leptos::either::Either;
use leptos::html::Form;
use leptos::prelude::*;
use samskap_domain::programme::model::FocusArea;
use samskap_domain::workshop::model::MAX_CARD;

/// The form a participant (or facilitator) posts with; it follows the board's phase.
/// A post that cannot reach the server waits in the device's outbox (hydrated only).
#[component]
pub fn PostForm(live: LiveBoard, focus_areas: Vec<FocusArea>) -> impl IntoView {
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
    let (kinds, open) = (live.kinds, live.open);
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
            return Either::Left(view! {
                <input type="hidden" name="kind" value=only.as_str() />
                <p class="kind-note">
                    {t!(i18n, board.posting_kind)} " " <strong>{kind_name(i18n, *only)}</strong>
                </p>
            });
        }
        let options = kinds
            .iter()
            .enumerate()
            .map(|(i, k)| {
                let id = format!("post-kind-{}", k.as_str());
                view! {
                    <div class="check">
                        <input
                            type="radio"
                            id=id.clone()
                            name="kind"
                            value=k.as_str()
                            checked=i == 0
                        />
                        <label for=id>{kind_name(i18n, *k)}</label>
                    </div>
                }
            })
            .collect_view();
        Either::Right(view! {
            <fieldset class="kinds">
                <legend>{t!(i18n, board.kind)}</legend>
                {options}
            </fieldset>
        })
    };
    view! {
        <Show
            when=move || open.get()
            fallback=move || {
                view! {
                    <p class="notice" role="status">
                        {t!(i18n, board.closed_notice)}
                    </p>
                }
            }
        >
            <ActionForm
                action
                node_ref=form
                attr:class="form post-form"
                attr:aria-labelledby="post-heading"
            >
                <h2 id="post-heading">{t!(i18n, board.post_heading)}</h2>
                <input type="hidden" name="board_id" value=board_id.to_string() />
                <input type="hidden" name="client_key" value=move || client_key.get() />
                {kind_picker}
                <label for="post-body">{t!(i18n, board.text)}</label>
                <textarea
                    id="post-body"
                    name="body"
                    rows="3"
                    maxlength=MAX_CARD.to_string()
                    aria-describedby="post-body-count"
                    on:input=move |ev| length.set(event_target_value(&ev).chars().count())
                ></textarea>
                <p id="post-body-count" class="hint counter">
                    {move || {
                        t_string!(i18n, board.chars_used, used = length.get(), max = MAX_CARD)
                            .to_string()
                    }}
                </p>
                <label for="post-focus">{t!(i18n, board.focus_area)}</label>
                <select id="post-focus" name="focus_area">
                    <option value="">{t!(i18n, board.no_focus_area)}</option>
                    {focus_options()}
                </select>
                <ErrorAlert error />
                <button type="submit" class="primary">
                    {t!(i18n, board.post)}
                </button>
            </ActionForm>
        </Show>
        <OutboxList outbox />
    }
}
