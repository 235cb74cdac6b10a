//! The team's decision on a tested version: iterate (a next version carries the
//! learning), proceed (eligible to become a measure) or drop (a recorded outcome).
use crate::error::{AppError, ErrorAlert};
use crate::i18n::*;
use crate::ui::refresh::refreshing;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use samskap_domain::pipeline::model::{Decision, Outcome, MAX_PIPELINE_TEXT};
use uuid::Uuid;

/// Records the decision on a tested, undecided version. A reason is always required;
/// the learning too when iterating or dropping. Iterating goes on to the new version.
/// Lead, core team and facilitators.
#[server(endpoint = "prototypes/decide", output = crate::JsonText)]
pub async fn decide(
    prototype_id: Uuid,
    outcome: String,
    reason: String,
    #[server(default)] learning: String,
) -> Result<Decision, AppError> {
    use crate::error::Field;
    use samskap_domain::store::pipeline_store::NewDecision;
    use samskap_domain::validate::{optional, required};
    let (store, actor, _) =
        super::access::actor(samskap_domain::store::Item::Prototype(prototype_id)).await?;
    let outcome: Outcome = outcome.parse().map_err(|_| AppError::BadRequest)?;
    let reason = required(Field::Reason, &reason, MAX_PIPELINE_TEXT)?;
    let learning = match outcome {
        Outcome::Proceed => optional(Field::Learning, &learning, MAX_PIPELINE_TEXT)?,
        Outcome::Iterate | Outcome::Drop => {
            required(Field::Learning, &learning, MAX_PIPELINE_TEXT)?
        }
    };
    let decision = store
        .decide(
            prototype_id,
            &NewDecision {
                outcome,
                reason,
                learning,
            },
            &actor,
        )
        .await?;
    if let Some(next) = decision.next_prototype_id {
        leptos_axum::redirect(&format!("/prototypes/{next}"));
    }
    Ok(decision)
}

/// The recorded decision, or the form that records it.
#[component]
pub fn DecisionPanel(
    prototype_id: Uuid,
    decision: Option<Decision>,
    can_decide: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let body = match decision {
        Some(d) => view! { <DecisionFacts decision=d /> }.into_any(),
        None if can_decide => view! { <DecisionForm prototype_id /> }.into_any(),
        None => view! { <p>{t!(i18n, pipeline.no_decision)}</p> }.into_any(),
    };
    view! {
        <section aria-labelledby="decision-heading" class="decision">
            <h2 id="decision-heading">{t!(i18n, pipeline.decision)}</h2>
            {body}
        </section>
    }
}

#[component]
fn DecisionFacts(decision: Decision) -> impl IntoView {
    let i18n = use_i18n();
    let next = decision.next_prototype_id.map(|next| {
        view! {
            <p>
                <a href=format!("/prototypes/{next}")>{t!(i18n, pipeline.to_next_version)}</a>
            </p>
        }
    });
    let learning = (!decision.learning.is_empty()).then(|| {
        let learning = decision.learning.clone();
        view! {
            <dt>{t!(i18n, pipeline.learning)}</dt>
            <dd dir="auto">{learning}</dd>
        }
    });
    view! {
        <p class=format!("outcome outcome-{}", decision.outcome.as_str())>
            <strong>{outcome_name(i18n, decision.outcome)}</strong>
        </p>
        <dl>
            <dt>{t!(i18n, pipeline.reason)}</dt>
            <dd dir="auto">{decision.reason.clone()}</dd>
            {learning}
            <dt>{t!(i18n, pipeline.decided_by)}</dt>
            <dd>{decision.decided_by.clone()} ", " {crate::ui::time::oslo(decision.decided_at)}</dd>
        </dl>
        {next}
    }
}

#[component]
fn DecisionForm(prototype_id: Uuid) -> impl IntoView {
    let i18n = use_i18n();
    let (action, form, error) = refreshing::<Decide>();
    let choices = Outcome::ALL
        .iter()
        .map(|o| {
            let id = format!("outcome-{}", o.as_str());
            view! {
                <div class="check">
                    <input type="radio" id=id.clone() name="outcome" value=o.as_str() required />
                    <label for=id>{outcome_name(i18n, *o)} " – " {outcome_hint(i18n, *o)}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <ActionForm action node_ref=form attr:class="form">
            <input type="hidden" name="prototype_id" value=prototype_id.to_string() />
            <fieldset>
                <legend>{t!(i18n, pipeline.outcome)}</legend>
                {choices}
            </fieldset>
            <label for="decision-reason">{t!(i18n, pipeline.reason)}</label>
            <textarea
                id="decision-reason"
                name="reason"
                rows="3"
                required
                maxlength=MAX_PIPELINE_TEXT.to_string()
            ></textarea>
            <label for="decision-learning">{t!(i18n, pipeline.learning)}</label>
            <p class="hint" id="decision-learning-hint">
                {t!(i18n, pipeline.learning_hint)}
            </p>
            <textarea
                id="decision-learning"
                name="learning"
                rows="3"
                maxlength=MAX_PIPELINE_TEXT.to_string()
                aria-describedby="decision-learning-hint"
            ></textarea>
            <ErrorAlert error />
            <button type="submit" class="primary">
                {t!(i18n, pipeline.record_decision)}
            </button>
        </ActionForm>
    }
}

/// The translated name of an outcome.
pub fn outcome_name(i18n: I18nContext<Locale>, outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Iterate => t_string!(i18n, pipeline.outcome_iterate),
        Outcome::Proceed => t_string!(i18n, pipeline.outcome_proceed),
        Outcome::Drop => t_string!(i18n, pipeline.outcome_drop),
    }
}

fn outcome_hint(i18n: I18nContext<Locale>, outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Iterate => t_string!(i18n, pipeline.outcome_iterate_hint),
        Outcome::Proceed => t_string!(i18n, pipeline.outcome_proceed_hint),
        Outcome::Drop => t_string!(i18n, pipeline.outcome_drop_hint),
    }
}
