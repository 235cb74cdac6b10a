//! Who follows a measure up: the lead or the core team picks a staff member (not a
//! viewer), who may then record the measure's spending and progress.
use crate::error::{AppError, ErrorAlert};
use crate::i18n::*;
use crate::ui::refresh::last_error;
use leptos::prelude::*;
use samskap_domain::follow_up::model::Responsible;
use uuid::Uuid;

/// Makes a staff member responsible for a measure (`user_id` empty: nobody); the lead
/// and the core team. `NotFound` for a viewer, an inactive or unknown account.
#[server(endpoint = "measures/responsible", output = crate::JsonText)]
pub async fn set_responsible(
    measure_id: Uuid,
    #[server(default)] user_id: String,
) -> Result<(), AppError> {
    let (store, actor, programme) =
        crate::plan::access::planner(samskap_domain::store::Item::Measure(measure_id)).await?;
    let user = match user_id.trim() {
        "" => None,
        id => Some(id.parse::<Uuid>().map_err(|_| AppError::BadRequest)?),
    };
    Ok(store
        .set_responsible(programme, measure_id, user, &actor)
        .await?)
}

/// The responsible's name, and for planners the form that changes it.
#[component]
pub fn ResponsibleLine(
    measure_id: Uuid,
    responsible: Option<Responsible>,
    /// Who may be picked (active staff but viewers), when the caller may change it.
    choices: Option<Vec<Responsible>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let current = responsible.as_ref().map(|r| r.user_id);
    let name = responsible
        .map(|r| r.name)
        .unwrap_or_else(|| t_string!(i18n, follow.nobody).to_string());
    let form = choices.map(|choices| {
        let action = ServerAction::<SetResponsible>::new();
        let error = Signal::derive(move || last_error(action));
        let options = choices
            .into_iter()
            .map(|c| {
                let selected = Some(c.user_id) == current;
                view! {
                    <option value=c.user_id.to_string() selected=selected>
                        {c.name}
                    </option>
                }
            })
            .collect_view();
        view! {
            <ActionForm action attr:class="inline">
                <input type="hidden" name="measure_id" value=measure_id.to_string() />
                <label for="responsible-user">{t!(i18n, follow.responsible)}</label>
                " "
                <select id="responsible-user" name="user_id">
                    <option value="" selected=current.is_none()>
                        {t!(i18n, follow.nobody)}
                    </option>
                    {options}
                </select>
                " "
                <button type="submit">{t!(i18n, follow.set_responsible)}</button>
            </ActionForm>
            <ErrorAlert error />
        }
    });
    view! {
        <p>
            <strong>{t!(i18n, follow.responsible)} ": "</strong>
            {name}
        </p>
        {form}
    }
}
