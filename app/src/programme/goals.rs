//! Goals (mål): list items, the lead's add/edit/delete forms with focus-area links,
//! and their server functions.
use super::item_editor::{ItemEditor, ItemText};
use crate::error::{AppError, ErrorAlert};
use crate::i18n::*;
use crate::ui::programme_path::ProgrammeField;
use crate::ui::refresh::refreshing;
use leptos::prelude::*;
use samskap_domain::programme::model::{FocusArea, Goal};
use uuid::Uuid;

/// Adds a goal linked to the given focus areas (lead only). Checkboxes post as
/// `focus_areas[0]=…&focus_areas[3]=…`.
#[server(endpoint = "programme/goals/add", output = crate::JsonText)]
pub async fn add_goal(
    programme: String,
    title: String,
    #[server(default)] description: String,
    #[server(default)] focus_areas: Vec<Uuid>,
) -> Result<(), AppError> {
    let (store, programme) = super::focus_areas::editor(&programme).await?;
    let (title, description) =
        super::focus_areas::checked(crate::error::Field::Title, &title, &description)?;
    store
        .add_goal(programme, &title, &description, &focus_areas)
        .await?;
    Ok(())
}

/// Changes a goal's text and its focus-area links (lead only).
#[server(endpoint = "programme/goals/update", output = crate::JsonText)]
pub async fn update_goal(
    programme: String,
    id: Uuid,
    title: String,
    #[server(default)] description: String,
    #[server(default)] focus_areas: Vec<Uuid>,
) -> Result<(), AppError> {
    let (store, programme) = super::focus_areas::editor(&programme).await?;
    let (title, description) =
        super::focus_areas::checked(crate::error::Field::Title, &title, &description)?;
    Ok(store
        .update_goal(programme, id, &title, &description, &focus_areas)
        .await?)
}

/// Deletes a goal (lead only).
#[server(endpoint = "programme/goals/delete", output = crate::JsonText)]
pub async fn delete_goal(programme: String, id: Uuid) -> Result<(), AppError> {
    let (store, programme) = super::focus_areas::editor(&programme).await?;
    Ok(store.delete_goal(programme, id).await?)
}

#[component]
pub fn GoalItem(
    goal: Goal,
    focus_area_names: Vec<String>,
    all_focus_areas: Vec<FocusArea>,
    can_edit: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let links = (!focus_area_names.is_empty()).then(|| {
        let list = focus_area_names.join(", ");
        view! { <p class="links">{t!(i18n, programme.serves_focus_areas)} " " {list}</p> }
    });
    let description =
        (!goal.description.is_empty()).then(|| view! { <p>{goal.description.clone()}</p> });
    view! {
        <li class="card">
            <h3>{goal.title.clone()}</h3>
            {description}
            {links}
            {can_edit.then(|| view! { <GoalEditor goal=goal.clone() all_focus_areas /> })}
        </li>
    }
}

#[component]
fn GoalEditor(goal: Goal, all_focus_areas: Vec<FocusArea>) -> impl IntoView {
    let i18n = use_i18n();
    let (id, checked) = (goal.id, goal.focus_area_ids);
    let (update, delete) = (
        ServerAction::<UpdateGoal>::new(),
        ServerAction::<DeleteGoal>::new(),
    );
    let text = ItemText {
        field: "title",
        label: t_string!(i18n, programme.title).to_string(),
        value: goal.title,
        description: goal.description,
    };
    view! {
        <ItemEditor
            update
            delete
            id
            id_prefix="goal"
            text
            delete_label=t_string!(i18n, programme.delete_goal).to_string()
        >
            <FocusAreaChoices prefix=format!("goal-{id}") all=all_focus_areas checked />
        </ItemEditor>
    }
}

/// One checkbox per focus area, in a fieldset.
#[component]
fn FocusAreaChoices(prefix: String, all: Vec<FocusArea>, checked: Vec<Uuid>) -> impl IntoView {
    let i18n = use_i18n();
    let boxes = all
        .into_iter()
        .enumerate()
        .map(|(i, fa)| {
            let id = format!("{prefix}-fa-{i}");
            view! {
                <div class="check">
                    <input
                        type="checkbox"
                        id=id.clone()
                        name=format!("focus_areas[{i}]")
                        value=fa.id.to_string()
                        checked=checked.contains(&fa.id)
                    />
                    <label for=id>{fa.name}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset>
            <legend>{t!(i18n, programme.serves_focus_areas)}</legend>
            {boxes}
        </fieldset>
    }
}

#[component]
pub fn AddGoalForm(focus_areas: Vec<FocusArea>) -> impl IntoView {
    let i18n = use_i18n();
    let (action, form, error) = refreshing::<AddGoal>();
    view! {
        <ActionForm
            action
            node_ref=form
            attr:class="form add"
            attr:aria-labelledby="add-goal-heading"
        >
            <h3 id="add-goal-heading">{t!(i18n, programme.new_goal)}</h3>
            <ProgrammeField />
            <label for="add-goal-title">{t!(i18n, programme.title)}</label>
            <input id="add-goal-title" name="title" aria-required="true" />
            <label for="add-goal-desc">{t!(i18n, programme.description)}</label>
            <textarea id="add-goal-desc" name="description" rows="3"></textarea>
            <FocusAreaChoices prefix="add-goal".to_string() all=focus_areas checked=vec![] />
            <ErrorAlert error />
            <button type="submit" class="primary">
                {t!(i18n, programme.add_goal)}
            </button>
        </ActionForm>
    }
}
