//! The author's own card: change its kind and text, delete it, attach a photo.
use super::card_actions::{DeleteCard, EditCard};
use super::state::LiveBoard;
use crate::error::ErrorAlert;
use crate::i18n::*;
use crate::pipeline::photos::CardPhotoForm;
use crate::ui::refresh::{answer, latest_error, on_success};
use crate::ui::text::textarea_text;
use crate::workshop::labels::kind_name;
use leptos::prelude::*;
use samskap_domain::workshop::model::{Card, CardKind, MAX_CARD};

#[component]
pub fn CardEditor(card: Card, kinds: Vec<CardKind>) -> impl IntoView {
    let i18n = use_i18n();
    let edit = ServerAction::<EditCard>::new();
    let delete = ServerAction::<DeleteCard>::new();
    let error = latest_error(vec![answer(edit), answer(delete)]);
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
        .map(|k| {
            view! {
                <option value=k.as_str() selected=*k == card.kind>
                    {kind_name(i18n, *k)}
                </option>
            }
        })
        .collect_view();
    let card_id = card.id;
    // A memo: the timer or voting changing the board must not redraw the form (and drop
    // the photo chosen in it).
    let photos = Memo::new(move |_| live.phase.get().allows_photos());
    let photo_form = move || photos.get().then(|| view! { <CardPhotoForm card_id /> });
    view! {
        <div class="editor">
            <ActionForm action=edit attr:class="form">
                <input type="hidden" name="id" value=id.clone() />
                <label for=kind_id.clone()>{t!(i18n, board.kind)}</label>
                <select id=kind_id name="kind">
                    {options}
                </select>
                <label for=body_id.clone()>{t!(i18n, board.text)}</label>
                <textarea
                    id=body_id
                    name="body"
                    rows="3"
                    maxlength=MAX_CARD.to_string()
                    inner_html=textarea_text(&card.body)
                ></textarea>
                <button type="submit">{t!(i18n, board.save)}</button>
            </ActionForm>
            <ActionForm action=delete attr:class="inline">
                <input type="hidden" name="id" value=delete_id />
                <button type="submit" class="danger">
                    {t!(i18n, board.delete)}
                </button>
            </ActionForm>
            <ErrorAlert error />
            {photo_form}
        </div>
    }
}
