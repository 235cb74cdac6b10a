//! Focus areas (innsatsområder): list items, the lead's add/rename/delete forms and
//! their server functions.
use super::item_editor::{ItemEditor, ItemText};
use crate::error::{AppError, ErrorAlert};
use crate::i18n::*;
use crate::ui::programme_path::ProgrammeField;
use crate::ui::refresh::refreshing;
use leptos::prelude::*;
use samskap_domain::programme::model::FocusArea;
use uuid::Uuid;

/// Adds a focus area to the programme (lead only).
#[server(endpoint = "programme/focus-areas/add", output = crate::JsonText)]
pub async fn add_focus_area(
    programme: String,
    name: String,
    #[server(default)] description: String,
) -> Result<(), AppError> {
    let (store, programme) = editor(&programme).await?;
    let (name, description) = checked(crate::error::Field::Name, &name, &description)?;
    store.add_focus_area(programme, &name, &description).await?;
    Ok(())
}

/// Renames or re-describes a focus area (lead only).
#[server(endpoint = "programme/focus-areas/update", output = crate::JsonText)]
pub async fn update_focus_area(
    programme: String,
    id: Uuid,
    name: String,
    #[server(default)] description: String,
) -> Result<(), AppError> {
    let (store, programme) = editor(&programme).await?;
    let (name, description) = checked(crate::error::Field::Name, &name, &description)?;
    Ok(store
        .update_focus_area(programme, id, &name, &description)
        .await?)
}

/// Deletes a focus area and its links to goals (lead only).
#[server(endpoint = "programme/focus-areas/delete", output = crate::JsonText)]
pub async fn delete_focus_area(programme: String, id: Uuid) -> Result<(), AppError> {
    let (store, programme) = editor(&programme).await?;
    Ok(store.delete_focus_area(programme, id).await?)
}

/// The store and the programme named `slug`, for its lead (`Forbidden` for other roles).
#[cfg(feature = "ssr")]
pub async fn editor(
    slug: &str,
) -> Result<(std::sync::Arc<dyn samskap_domain::store::Store>, Uuid), AppError> {
    use crate::server::context::{app, programme_named, require_role};
    let (_, programme) = require_role(
        programme_named(slug).await?,
        samskap_domain::account::model::Role::can_edit_programme,
    )
    .await?;
    Ok((app()?.store, programme))
}

#[cfg(feature = "ssr")]
/// A name or title (`field` says which) and a description as typed, validated.
pub fn checked(
    field: crate::error::Field,
    name: &str,
    description: &str,
) -> Result<(String, String), AppError> {
    use crate::error::Field;
    use samskap_domain::validate::{optional, required, MAX_DESCRIPTION, MAX_NAME};
    Ok((
        required(field, name, MAX_NAME)?,
        optional(Field::Description, description, MAX_DESCRIPTION)?,
    ))
}

#[component]
pub fn FocusAreaItem(focus_area: FocusArea, goals: Vec<String>, can_edit: bool) -> impl IntoView {
    let i18n = use_i18n();
    let goals = (!goals.is_empty()).then(|| {
        let list = goals.join(", ");
        view! { <p class="links">{t!(i18n, programme.serves_goals)} " " {list}</p> }
    });
    let description = (!focus_area.description.is_empty())
        .then(|| view! { <p>{focus_area.description.clone()}</p> });
    view! {
        <li class="card">
            <h3>{focus_area.name.clone()}</h3>
            {description}
            {goals}
            {can_edit.then(|| view! { <FocusAreaEditor focus_area=focus_area.clone() /> })}
        </li>
    }
}

#[component]
fn FocusAreaEditor(focus_area: FocusArea) -> impl IntoView {
    let i18n = use_i18n();
    let (update, delete) = (
        ServerAction::<UpdateFocusArea>::new(),
        ServerAction::<DeleteFocusArea>::new(),
    );
    let text = ItemText {
        field: "name",
        label: t_string!(i18n, programme.name).to_string(),
        value: focus_area.name,
        description: focus_area.description,
    };
    view! {
        <ItemEditor
            update
            delete
            id=focus_area.id
            id_prefix="fa"
            text
            delete_label=t_string!(i18n, programme.delete_focus_area).to_string()
        />
    }
}

#[component]
pub fn AddFocusAreaForm() -> impl IntoView {
    let i18n = use_i18n();
    let (action, form, error) = refreshing::<AddFocusArea>();
    view! {
        <ActionForm
            action
            node_ref=form
            attr:class="form add"
            attr:aria-labelledby="add-fa-heading"
        >
            <h3 id="add-fa-heading">{t!(i18n, programme.new_focus_area)}</h3>
            <ProgrammeField />
            <label for="add-fa-name">{t!(i18n, programme.name)}</label>
            <input id="add-fa-name" name="name" aria-required="true" />
            <label for="add-fa-desc">{t!(i18n, programme.description)}</label>
            <textarea id="add-fa-desc" name="description" rows="3"></textarea>
            <ErrorAlert error />
            <button type="submit" class="primary">
                {t!(i18n, programme.add_focus_area)}
            </button>
        </ActionForm>
    }
}
