//! The evidence a prototype builds on: its idea (or theme) and the insights the idea
//! builds on, which the team can link and unlink.
use crate::error::{AppError, ErrorAlert};
use crate::i18n::*;
use crate::ui::refresh::refreshing;
use leptos::prelude::*;
use samskap_domain::pipeline::model::PrototypeDossier;
use samskap_domain::workshop::model::Card;
use uuid::Uuid;

/// Records that an idea builds on an insight; lead, core team and facilitators.
#[server(endpoint = "evidence/link", output = crate::JsonText)]
pub async fn link_insight(idea_id: Uuid, insight_id: Uuid) -> Result<(), AppError> {
    let (store, actor, _) =
        super::access::actor(samskap_domain::store::Item::Card(idea_id)).await?;
    if idea_id == insight_id {
        return Err(AppError::BadRequest);
    }
    store
        .link_insight(idea_id, insight_id, &actor)
        .await
        .map_err(AppError::from)
}

/// Removes that link; lead, core team and facilitators.
#[server(endpoint = "evidence/unlink", output = crate::JsonText)]
pub async fn unlink_insight(idea_id: Uuid, insight_id: Uuid) -> Result<(), AppError> {
    let (store, actor, _) =
        super::access::actor(samskap_domain::store::Item::Card(idea_id)).await?;
    store
        .unlink_insight(idea_id, insight_id, &actor)
        .await
        .map_err(AppError::from)
}

#[component]
pub fn Evidence(dossier: PrototypeDossier, candidates: Vec<Card>, can_edit: bool) -> impl IntoView {
    let i18n = use_i18n();
    let origin = match (&dossier.idea, &dossier.theme_name) {
        (Some(idea), _) => {
            let body = idea.body.clone();
            view! {
                <h3>{t!(i18n, pipeline.idea)}</h3>
                <blockquote class="card-quote" dir="auto">
                    {body}
                </blockquote>
                <p>
                    <a href=format!("/boards/{}", idea.board_id)>{t!(i18n, pipeline.to_board)}</a>
                </p>
            }
            .into_any()
        }
        (None, Some(theme)) => {
            let theme = theme.clone();
            view! {
                <h3>{t!(i18n, pipeline.theme)}</h3>
                <p dir="auto">{theme}</p>
            }
            .into_any()
        }
        (None, None) => view! { <p class="notice">{t!(i18n, pipeline.origin_gone)}</p> }.into_any(),
    };
    let idea_id = dossier.idea.as_ref().map(|i| i.id);
    let insights = dossier
        .insights
        .iter()
        .map(|card| {
            let remove = (can_edit && idea_id.is_some()).then(|| {
                view! { <UnlinkButton idea_id=idea_id.unwrap_or_default() insight_id=card.id /> }
            });
            let body = card.body.clone();
            view! {
                <li>
                    <span dir="auto">{body}</span>
                    {remove}
                </li>
            }
        })
        .collect_view();
    let none = dossier
        .insights
        .is_empty()
        .then(|| view! { <p>{t!(i18n, pipeline.no_insights)}</p> });
    let add = match idea_id {
        Some(idea_id) if can_edit && !candidates.is_empty() => {
            Some(view! { <LinkForm idea_id candidates /> })
        }
        _ => None,
    };
    view! {
        <section aria-labelledby="evidence-heading" class="evidence">
            <h2 id="evidence-heading">{t!(i18n, pipeline.evidence)}</h2>
            {origin}
            {idea_id
                .map(|_| {
                    view! {
                        <h3>{t!(i18n, pipeline.insights)}</h3>
                        {none}
                        <ul class="insights">{insights}</ul>
                        {add}
                    }
                })}
        </section>
    }
}

#[component]
fn LinkForm(idea_id: Uuid, candidates: Vec<Card>) -> impl IntoView {
    let i18n = use_i18n();
    let (action, form, error) = refreshing::<LinkInsight>();
    let options = candidates
        .into_iter()
        .map(|c| {
            let text: String = c.body.chars().take(90).collect();
            view! { <option value=c.id.to_string()>{text}</option> }
        })
        .collect_view();
    view! {
        <ActionForm action node_ref=form attr:class="form inline-form">
            <input type="hidden" name="idea_id" value=idea_id.to_string() />
            <label for="link-insight">{t!(i18n, pipeline.add_insight)}</label>
            <select id="link-insight" name="insight_id">
                {options}
            </select>
            <ErrorAlert error />
            <button type="submit">{t!(i18n, pipeline.link)}</button>
        </ActionForm>
    }
}

#[component]
fn UnlinkButton(idea_id: Uuid, insight_id: Uuid) -> impl IntoView {
    let i18n = use_i18n();
    let (action, form, error) = refreshing::<UnlinkInsight>();
    view! {
        <ActionForm action node_ref=form attr:class="inline">
            <input type="hidden" name="idea_id" value=idea_id.to_string() />
            <input type="hidden" name="insight_id" value=insight_id.to_string() />
            <button type="submit" class="link-button">
                {t!(i18n, pipeline.unlink)}
            </button>
            <ErrorAlert error />
        </ActionForm>
    }
}
