//! `/trace/cards/{id}` and `/trace/prototypes/{id}`: the evidence chain through a card
//! or a prototype, back to its insights and forward to tests, decisions and outcomes,
//! as a picture and as a list. Staff only; works without JavaScript.
use super::status_badge::StatusBadge;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::guard::{by_id, Loaded};
use crate::ui::page::PageTitle;
use crate::ui::refresh::Refresh;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use samskap_domain::pipeline::trace_model::VersionTrace;
use samskap_domain::pipeline::trace_model::{Chain, Trace};
use uuid::Uuid;

/// The trace with the measures its chains became and, for the lead and the core team,
/// the ideas that could be promoted directly.
#[cfg(feature = "ssr")]
async fn with_outcomes(
    store: &dyn samskap_domain::store::Store,
    programme: Uuid,
    subject: String,
    chains: Vec<Chain>,
    can_plan: bool,
) -> Result<Trace, AppError> {
    let versions: Vec<Uuid> = chains
        .iter()
        .flat_map(|c| c.versions.iter().map(|v| v.prototype.id))
        .collect();
    let ideas: Vec<Uuid> = chains
        .iter()
        .filter_map(|c| c.idea.as_ref().map(|i| i.id))
        .collect();
    let measures = store.measures_from(&versions, &ideas).await?;
    let promoted = |id: Uuid| {
        measures.iter().any(|m| {
            matches!(&m.source, Some(samskap_domain::plan::model::MeasureSource::Idea { card_id, .. }) if *card_id == id)
        })
    };
    let promotable = chains
        .iter()
        .filter(|c| can_plan && c.versions.is_empty())
        .filter_map(|c| c.idea.as_ref())
        .filter(|i| i.kind == samskap_domain::workshop::model::CardKind::Idea && !promoted(i.id))
        .map(|i| (i.id, i.body.clone()))
        .collect();
    Ok(Trace {
        subject,
        chains,
        measures,
        promotable,
        programme_slug: crate::server::context::slug_of(programme).await?,
    })
}

/// The chain of a prototype lineage.
#[cfg(feature = "ssr")]
async fn lineage_chain(
    store: &dyn samskap_domain::store::Store,
    lineage: Uuid,
) -> Result<Chain, AppError> {
    let mut versions = Vec::new();
    let mut first = None;
    for prototype in store.lineage(lineage).await? {
        let dossier = super::prototype_page::dossier(store, prototype.id).await?;
        if first.is_none() {
            first = Some(dossier.clone());
        }
        versions.push(VersionTrace {
            prototype,
            rounds: dossier.rounds,
            decision: dossier.decision,
        });
    }
    let first = first.ok_or(AppError::NotFound)?;
    // A prototype made from a theme builds on the theme's cards.
    let insights = match (&first.idea, first.prototype.theme_id) {
        (None, Some(theme)) => store.theme_cards(theme).await?,
        _ => first.insights,
    };
    Ok(Chain {
        key: format!("c{}", lineage.simple()),
        insights,
        idea: first.idea,
        theme: first.theme_name,
        versions,
    })
}

/// The chains through a card; any staff role.
#[server(endpoint = "trace/card", output = crate::JsonText)]
pub async fn trace_card(id: Uuid) -> Result<Trace, AppError> {
    use samskap_domain::workshop::model::CardKind;
    let (store, user, programme) =
        super::access::reader(samskap_domain::store::Item::Card(id)).await?;
    let card = store.card(id).await?.ok_or(AppError::NotFound)?;
    let mut chains = Vec::new();
    for lineage in store.lineages_of_card(id).await? {
        chains.push(lineage_chain(store.as_ref(), lineage).await?);
    }
    let mut ideas = store.ideas_building_on(id).await?;
    if matches!(card.kind, CardKind::Idea | CardKind::Prototype) {
        ideas.push(card.clone());
    }
    // Ideas not yet made into a prototype still show what they build on.
    for idea in ideas {
        if chains
            .iter()
            .any(|c| c.idea.as_ref().is_some_and(|i| i.id == idea.id))
        {
            continue;
        }
        let insights = store.insights_of(idea.id).await?;
        chains.push(Chain {
            key: format!("i{}", idea.id.simple()),
            insights,
            idea: Some(idea),
            theme: None,
            versions: Vec::new(),
        });
    }
    if chains.is_empty() {
        chains.push(Chain {
            key: format!("k{}", card.id.simple()),
            insights: vec![card.clone()],
            idea: None,
            theme: None,
            versions: Vec::new(),
        });
    }
    with_outcomes(
        store.as_ref(),
        programme,
        card.body,
        chains,
        user.role.can_plan(),
    )
    .await
}

/// The chain of a prototype's lineage; any staff role.
#[server(endpoint = "trace/prototype", output = crate::JsonText)]
pub async fn trace_prototype(id: Uuid) -> Result<Trace, AppError> {
    let (store, user, programme) =
        super::access::reader(samskap_domain::store::Item::Prototype(id)).await?;
    let prototype = store.prototype(id).await?.ok_or(AppError::NotFound)?;
    let chain = lineage_chain(store.as_ref(), prototype.lineage_id).await?;
    with_outcomes(
        store.as_ref(),
        programme,
        prototype.fields.title,
        vec![chain],
        user.role.can_plan(),
    )
    .await
}

#[component]
pub fn CardTracePage() -> impl IntoView {
    trace_page(true)
}

#[component]
pub fn PrototypeTracePage() -> impl IntoView {
    trace_page(false)
}

fn trace_page(of_card: bool) -> impl IntoView {
    let data = by_id(Refresh::provide(), move |id| async move {
        if of_card {
            trace_card(id).await
        } else {
            trace_prototype(id).await
        }
    });
    view! {
        <main id="main" class="page trace-page">
            <Loaded resource=data let:trace>
                <TraceView trace />
            </Loaded>
        </main>
    }
}

#[component]
fn TraceView(trace: Trace) -> impl IntoView {
    let i18n = use_i18n();
    provide_context(crate::ui::programme_path::InProgramme(
        trace.programme_slug.clone(),
    ));
    let words = super::trace_svg::Words {
        title: t_string!(i18n, pipeline.trace_title).to_string(),
        insight: t_string!(i18n, pipeline.insight).to_string(),
        idea: t_string!(i18n, pipeline.idea).to_string(),
        theme: t_string!(i18n, pipeline.theme).to_string(),
        feedback: t_string!(i18n, pipeline.feedback_short).to_string(),
        outcomes: [
            t_string!(i18n, pipeline.outcome_iterate).to_string(),
            t_string!(i18n, pipeline.outcome_proceed).to_string(),
            t_string!(i18n, pipeline.outcome_drop).to_string(),
        ],
        undecided: t_string!(i18n, pipeline.status_open).to_string(),
    };
    let subject = trace.subject.clone();
    let chains = trace
        .chains
        .into_iter()
        .map(|chain| {
            let svg = super::trace_svg::chain_svg(&chain, &words);
            view! {
                <section class="chain">
                    <div class="trace-picture" inner_html=svg></div>
                    <ChainList chain />
                </section>
            }
        })
        .collect_view();
    view! {
        <PageTitle text=move || t_string!(i18n, pipeline.trace_title).to_string() />
        <p class="crumbs">
            <a href=crate::ui::programme_path::here(
                "/prototypes",
            )>{t!(i18n, pipeline.all_prototypes)}</a>
        </p>
        <h1>{t!(i18n, pipeline.trace_title)}</h1>
        <p class="subject" dir="auto">
            {subject}
        </p>
        {chains}
        <Outcomes measures=trace.measures promotable=trace.promotable />
    }
}

/// The measures the chains became, and links to promote ideas directly.
#[component]
fn Outcomes(
    measures: Vec<samskap_domain::plan::model::Measure>,
    promotable: Vec<(Uuid, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let measures = measures
        .into_iter()
        .map(|m| {
            view! {
                <li>
                    <crate::plan::measure_badge::MeasureLink
                        id=m.id
                        title=m.fields.title.clone()
                        status=m.status
                    />
                    " · "
                    <a href=crate::ui::programme_path::here(
                        &format!("/plans/{}", m.fields.year),
                    )>{t_string!(i18n, plan.plan_of_year, year = m.fields.year).to_string()}</a>
                </li>
            }
        })
        .collect_view();
    let promotable = promotable
        .into_iter()
        .map(|(id, body)| {
            view! {
                <li>
                    <a href=format!(
                        "/measures/new?idea={id}",
                    )>{t!(i18n, pipeline.promote_to_measure)}</a>
                    ": "
                    <span dir="auto">{body}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="measures-heading">
            <h2 id="measures-heading">{t!(i18n, pipeline.measures_of)}</h2>
            <ul>{measures}{promotable}</ul>
        </section>
    }
}

/// The chain as a list: the same facts as the picture, with links.
#[component]
fn ChainList(chain: Chain) -> impl IntoView {
    let i18n = use_i18n();
    let insights = chain
        .insights
        .iter()
        .map(|c| {
            let body = c.body.clone();
            view! {
                <li>
                    <a href=format!("/trace/cards/{}", c.id) dir="auto">
                        {body}
                    </a>
                </li>
            }
        })
        .collect_view();
    let origin = match (&chain.idea, &chain.theme) {
        (Some(idea), _) => {
            let body = idea.body.clone();
            Some(
                view! {
                    <li>
                        <strong>{t!(i18n, pipeline.idea)}</strong>
                        ": "
                        <a href=format!("/boards/{}", idea.board_id) dir="auto">
                            {body}
                        </a>
                    </li>
                }
                .into_any(),
            )
        }
        (None, Some(theme)) => {
            let theme = theme.clone();
            Some(
                view! {
                    <li>
                        <strong>{t!(i18n, pipeline.theme)}</strong>
                        ": "
                        <span dir="auto">{theme}</span>
                    </li>
                }
                .into_any(),
            )
        }
        _ => None,
    };
    let versions = chain
        .versions
        .into_iter()
        .map(|v| {
            let p = v.prototype;
            let rounds = v
                .rounds
                .into_iter()
                .map(|r| {
                    let mean = r
                        .summary
                        .mean()
                        .map(|m| format!("{m:.1}"))
                        .unwrap_or_else(|| "–".into());
                    view! {
                        <li>
                            <a href=format!(
                                "/rounds/{}",
                                r.round.id,
                            )>{r.round.fields.place.clone()}</a>
                            " · "
                            {r.round.fields.target_group.clone()}
                            " · "
                            {t_string!(i18n, pipeline.feedback_count, count = r.summary.count)
                                .to_string()}
                            " · "
                            {t!(i18n, pipeline.mean_rating)}
                            " "
                            {mean}
                        </li>
                    }
                })
                .collect_view();
            let decision = v.decision.map(|d| {
                let name = super::decide::outcome_name(i18n, d.outcome);
                view! {
                    <p class=format!("outcome outcome-{}", d.outcome.as_str())>
                        <strong>{name}</strong>
                        ": "
                        <span dir="auto">{d.reason}</span>
                    </p>
                }
            });
            view! {
                <li>
                    <a href=format!(
                        "/prototypes/{}",
                        p.id,
                    )>{format!("v{} {}", p.version, p.fields.title)}</a>
                    " "
                    <StatusBadge status=p.status />
                    <ul>{rounds}</ul>
                    {decision}
                </li>
            }
        })
        .collect_view();
    view! {
        <ol class="chain-list">
            {(!chain.insights.is_empty())
                .then(|| {
                    view! {
                        <li>
                            <strong>{t!(i18n, pipeline.insights)}</strong>
                            <ul>{insights}</ul>
                        </li>
                    }
                })} {origin} <li>
                <strong>{t!(i18n, pipeline.versions)}</strong>
                <ol>{versions}</ol>
            </li>
        </ol>
    }
}
