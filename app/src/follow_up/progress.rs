//! A measure's progress notes: what was done, the results, the barriers met and the
//! next steps, dated; the newest first.
use crate::error::{AppError, ErrorAlert};
use crate::i18n::*;
use crate::ui::refresh::last_error;
use leptos::prelude::*;
use samskap_domain::follow_up::model::{ProgressNote, MAX_FOLLOW_UP_TEXT};
use uuid::Uuid;

/// Records a progress note on a measure; the lead, the core team and the measure's
/// responsible. Returns the note's id.
#[server(endpoint = "measures/progress/add", output = crate::JsonText)]
pub async fn add_progress(
    measure_id: Uuid,
    noted_on: String,
    done: String,
    #[server(default)] results: String,
    #[server(default)] barriers: String,
    #[server(default)] next_steps: String,
) -> Result<Uuid, AppError> {
    use crate::error::Field;
    use samskap_domain::store::follow_up_store::NewProgress;
    use samskap_domain::validate::{optional, required};
    let (store, programme, actor) = super::access::recorder(measure_id).await?;
    let note = NewProgress {
        noted_on: super::spending::past_date(Field::Date, &noted_on)?,
        done: required(Field::Done, &done, MAX_FOLLOW_UP_TEXT)?,
        results: optional(Field::Results, &results, MAX_FOLLOW_UP_TEXT)?,
        barriers: optional(Field::Barriers, &barriers, MAX_FOLLOW_UP_TEXT)?,
        next_steps: optional(Field::NextSteps, &next_steps, MAX_FOLLOW_UP_TEXT)?,
    };
    Ok(store
        .record_progress(programme, measure_id, &note, &actor)
        .await?)
}

/// The notes, newest first, and (for who may record) the form.
#[component]
pub fn ProgressSection(
    measure_id: Uuid,
    notes: Vec<ProgressNote>,
    can_record: bool,
    today: chrono::NaiveDate,
) -> impl IntoView {
    let i18n = use_i18n();
    let part = move |label: &'static str, text: String| {
        (!text.is_empty()).then(|| {
            view! {
                <dt>{label}</dt>
                <dd dir="auto" class="prewrap">
                    {text}
                </dd>
            }
        })
    };
    let list = notes
        .into_iter()
        .map(|n| {
            view! {
                <li>
                    <p class="meta">
                        <strong>{n.noted_on.format("%d.%m.%Y").to_string()}</strong>
                        " · "
                        {n.recorded_by.clone()}
                    </p>
                    <dl class="fields">
                        {part(t_string!(i18n, follow.done), n.done)}
                        {part(t_string!(i18n, follow.results), n.results)}
                        {part(t_string!(i18n, follow.barriers), n.barriers)}
                        {part(t_string!(i18n, follow.next_steps), n.next_steps)}
                    </dl>
                </li>
            }
        })
        .collect::<Vec<_>>();
    let empty = list
        .is_empty()
        .then(|| view! { <p>{t!(i18n, follow.no_progress)}</p> });
    view! {
        <section aria-labelledby="progress-heading">
            <h3 id="progress-heading">{t!(i18n, follow.progress)}</h3>
            {empty}
            <ol class="notes">{list}</ol>
            {can_record.then(|| view! { <NewProgressForm measure_id today /> })}
        </section>
    }
}

#[component]
fn NewProgressForm(measure_id: Uuid, today: chrono::NaiveDate) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<AddProgress>::new();
    let error = Signal::derive(move || last_error(action));
    let text = move |name: &'static str, label: &'static str, required: bool| {
        let id = format!("progress-{name}");
        view! {
            <label for=id.clone()>{label}</label>
            <textarea
                id=id
                name=name
                rows="3"
                required=required
                maxlength=MAX_FOLLOW_UP_TEXT.to_string()
            ></textarea>
        }
    };
    view! {
        // Open after a refusal, so its message is seen (also after a post without JavaScript).
        <details class="editor" open=move || error.get().is_some()>
            <summary>{t!(i18n, follow.add_progress)}</summary>
            <ActionForm action attr:class="form">
                <input type="hidden" name="measure_id" value=measure_id.to_string() />
                <label for="progress-date">{t!(i18n, follow.date)}</label>
                <input
                    id="progress-date"
                    type="date"
                    name="noted_on"
                    required
                    value=today.to_string()
                    max=today.to_string()
                />
                {text("done", t_string!(i18n, follow.done), true)}
                {text("results", t_string!(i18n, follow.results), false)}
                {text("barriers", t_string!(i18n, follow.barriers), false)}
                {text("next_steps", t_string!(i18n, follow.next_steps), false)}
                <ErrorAlert error />
                <button type="submit">{t!(i18n, follow.add_progress)}</button>
            </ActionForm>
        </details>
    }
}
