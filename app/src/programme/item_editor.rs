//! The editor a focus area and a goal share: its name (or title) and description changed
//! in one form, the item deleted in another, folded under "Change".
use crate::error::{AppError, ErrorAlert};
use crate::i18n::*;
use crate::ui::programme_path::ProgrammeField;
use crate::ui::refresh::{after_success, last_error};
use leptos::html::Form;
use leptos::prelude::*;
use leptos::server_fn::{client::Client, codec::PostUrl, request::ClientReq, Http, ServerFn};
use serde::de::DeserializeOwned;
use uuid::Uuid;
use web_sys::FormData;

/// What the text fields say: the item's name (or title), the field it is sent in and its
/// label, and its description.
pub struct ItemText {
    pub field: &'static str,
    pub label: String,
    pub value: String,
    pub description: String,
}

/// One item's editor. `id_prefix` keeps its fields' ids apart from other items' (`fa`,
/// `goal`); `children` are the update form's further fields (a goal's focus areas).
#[component]
pub fn ItemEditor<U, UO, D, DO>(
    update: ServerAction<U>,
    delete: ServerAction<D>,
    id: Uuid,
    id_prefix: &'static str,
    text: ItemText,
    /// The delete button's words ("Delete the goal").
    delete_label: String,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView
where
    U: DeserializeOwned
        + ServerFn<Protocol = Http<PostUrl, UO>, Error = AppError>
        + Clone
        + Send
        + Sync
        + 'static,
    <<U::Client as Client<AppError>>::Request as ClientReq<AppError>>::FormData: From<FormData>,
    U::Output: Send + Sync + 'static,
    U::Client: Client<AppError>,
    D: DeserializeOwned
        + ServerFn<Protocol = Http<PostUrl, DO>, Error = AppError>
        + Clone
        + Send
        + Sync
        + 'static,
    <<D::Client as Client<AppError>>::Request as ClientReq<AppError>>::FormData: From<FormData>,
    D::Output: Send + Sync + 'static,
    D::Client: Client<AppError>,
{
    let i18n = use_i18n();
    let (update_form, delete_form) = (NodeRef::<Form>::new(), NodeRef::<Form>::new());
    after_success(update, update_form);
    after_success(delete, delete_form);
    let error = Signal::derive(move || last_error(update).or_else(|| last_error(delete)));
    let (name_id, desc_id) = (
        format!("{id_prefix}-name-{id}"),
        format!("{id_prefix}-desc-{id}"),
    );
    let name = text.value;
    // Each form's children are a closure of their own, which takes its copy along.
    let (field_value, save_name, delete_name) = (name.clone(), name.clone(), name.clone());
    view! {
        <details class="editor">
            <summary>
                {t!(i18n, programme.change)} <span class="visually-hidden">{name}</span>
            </summary>
            <ActionForm action=update node_ref=update_form attr:class="form">
                <ProgrammeField />
                <input type="hidden" name="id" value=id.to_string() />
                <label for=name_id.clone()>{text.label}</label>
                <input id=name_id name=text.field value=field_value />
                <label for=desc_id.clone()>{t!(i18n, programme.description)}</label>
                <textarea
                    id=desc_id
                    name="description"
                    rows="3"
                    inner_html=crate::ui::text::textarea_text(&text.description)
                ></textarea>
                {children.map(|more| more())}
                <button type="submit">
                    {t!(i18n, programme.save)} <span class="visually-hidden">{save_name}</span>
                </button>
            </ActionForm>
            <ActionForm action=delete node_ref=delete_form attr:class="inline">
                <ProgrammeField />
                <input type="hidden" name="id" value=id.to_string() />
                <button type="submit" class="danger">
                    {delete_label}
                    <span class="visually-hidden">{delete_name}</span>
                </button>
            </ActionForm>
            <ErrorAlert error />
        </details>
    }
}
