//! Making a prototype from an idea card or a theme: the form on the board page.
use crate::error::{AppError, ErrorAlert};
use crate::i18n::*;
use crate::ui::refresh::last_error;
use leptos::prelude::*;
use samskap_domain::pipeline::model::MAX_PROTOTYPE_TITLE;
use uuid::Uuid;

/// Creates version 1 of a prototype from an idea card (`idea`) or a theme (`theme`),
/// then goes to its page; lead, core team and facilitators.
#[server(endpoint = "prototypes/create", output = crate::JsonText)]
pub async fn create_prototype(
    #[server(default)] idea: String,
    #[server(default)] theme: String,
    title: String,
    description: String,
    assumption: String,
) -> Result<Uuid, AppError> {
    use super::access::{actor, uuid_field};
    use samskap_domain::store::pipeline_store::Origin;
    use samskap_domain::store::Item;
    use samskap_domain::workshop::model::CardKind;
    let fields = checked_fields(&title, &description, &assumption)?;
    let (item, origin) = match (idea.trim(), theme.trim()) {
        (idea, "") if !idea.is_empty() => {
            let id = uuid_field(idea)?;
            (Item::Card(id), Origin::Idea(id))
        }
        ("", theme) if !theme.is_empty() => {
            let id = uuid_field(theme)?;
            (Item::Theme(id), Origin::Theme(id))
        }
        _ => return Err(AppError::BadRequest),
    };
    let (store, actor, programme) = actor(item).await?;
    if let Origin::Idea(id) = origin {
        let card = store.card(id).await?;
        match card {
            Some(c) if matches!(c.kind, CardKind::Idea | CardKind::Prototype) => {}
            Some(_) => return Err(AppError::KindNotAllowed),
            None => return Err(AppError::NotFound),
        }
    }
    let prototype = store
        .create_prototype(programme, origin, &fields, &actor)
        .await?;
    leptos_axum::redirect(&format!("/prototypes/{}", prototype.id));
    Ok(prototype.id)
}

/// The prototype fields, trimmed and within their limits.
#[cfg(feature = "ssr")]
pub fn checked_fields(
    title: &str,
    description: &str,
    assumption: &str,
) -> Result<samskap_domain::pipeline::model::PrototypeFields, AppError> {
    use crate::error::Field;
    use samskap_domain::pipeline::model::MAX_PIPELINE_TEXT;
    use samskap_domain::validate::required;
    Ok(samskap_domain::pipeline::model::PrototypeFields {
        title: required(Field::Title, title, MAX_PROTOTYPE_TITLE)?,
        description: required(Field::Description, description, MAX_PIPELINE_TEXT)?,
        assumption: required(Field::Assumption, assumption, MAX_PIPELINE_TEXT)?,
    })
}

/// Where a new prototype comes from, for the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormOrigin {
    Idea(Uuid),
    Theme(Uuid),
}

/// A folded form that makes a prototype from an idea card or a theme.
#[component]
pub fn NewPrototypeForm(
    origin: FormOrigin,
    /// The title field's default: a change replaces it unless something was typed there.
    #[prop(into)]
    suggested_title: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<CreatePrototype>::new();
    let error = Signal::derive(move || last_error(action));
    let (name, value, key) = match origin {
        FormOrigin::Idea(id) => ("idea", id.to_string(), id),
        FormOrigin::Theme(id) => ("theme", id.to_string(), id),
    };
    let id = move |field: &str| format!("proto-{field}-{key}");
    let title =
        move || suggested_title.with(|t| t.chars().take(MAX_PROTOTYPE_TITLE).collect::<String>());
    view! {
        <details class="editor new-prototype">
            <summary>{t!(i18n, pipeline.make_prototype)}</summary>
            <ActionForm action attr:class="form">
                <input type="hidden" name=name value=value />
                <label for=id("title")>{t!(i18n, pipeline.title)}</label>
                <input
                    id=id("title")
                    name="title"
                    required
                    maxlength=MAX_PROTOTYPE_TITLE.to_string()
                    value=title
                />
                <label for=id("description")>{t!(i18n, pipeline.description)}</label>
                <p class="hint" id=id("description-hint")>
                    {t!(i18n, pipeline.description_hint)}
                </p>
                <textarea
                    id=id("description")
                    name="description"
                    rows="3"
                    required
                    aria-describedby=id("description-hint")
                ></textarea>
                <label for=id("assumption")>{t!(i18n, pipeline.assumption)}</label>
                <p class="hint" id=id("assumption-hint")>
                    {t!(i18n, pipeline.assumption_hint)}
                </p>
                <textarea
                    id=id("assumption")
                    name="assumption"
                    rows="2"
                    required
                    aria-describedby=id("assumption-hint")
                ></textarea>
                <ErrorAlert error />
                <button type="submit" class="primary">
                    {t!(i18n, pipeline.create)}
                </button>
            </ActionForm>
        </details>
    }
}
