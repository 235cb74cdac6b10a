//! `/prototypes/{id}`: one version of a prototype: what it is and tests, its photos,
//! the evidence it builds on, its test rounds, the decision and its history.
use super::history::History;
use super::status_badge::StatusBadge;
use crate::error::{AppError, ErrorAlert};
use crate::i18n::*;
use crate::ui::guard::{by_id, Loaded};
use crate::ui::page::PageTitle;
use crate::ui::refresh::{refreshing, Refresh};
use leptos::prelude::*;
use samskap_domain::pipeline::model::{
    PrototypeDossier, PrototypeStatus, RoundSummary, MAX_ROUND_FIELD,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PrototypePageData {
    pub dossier: PrototypeDossier,
    /// Whether the caller may change it (lead, core team, facilitators).
    pub can_shape: bool,
    /// Whether the caller may promote it to a measure (lead, core team).
    pub can_plan: bool,
    /// The measures made from this version.
    pub measures: Vec<samskap_domain::plan::model::Measure>,
    /// Workshops a test round can run in (not closed): id and title.
    pub workshops: Vec<(Uuid, String)>,
    /// Cards of the idea's board the idea could build on, not yet linked.
    pub candidates: Vec<samskap_domain::workshop::model::Card>,
    /// The slug of its programme, for links to the programme's pages.
    pub programme_slug: String,
    /// Its lineage's library entry, if this version is decided and written up.
    pub library: Option<samskap_domain::library::model::LibraryEntry>,
}

/// Everything recorded about a prototype version, for its page and the trace.
#[cfg(feature = "ssr")]
pub async fn dossier(
    store: &dyn samskap_domain::store::Store,
    id: Uuid,
) -> Result<PrototypeDossier, AppError> {
    use samskap_domain::pipeline::model::FeedbackSummary;
    let prototype = store.prototype(id).await?.ok_or(AppError::NotFound)?;
    let versions = store.lineage(prototype.lineage_id).await?;
    let idea = match prototype.idea_id {
        Some(idea) => store.card(idea).await?,
        None => None,
    };
    let insights = match &idea {
        Some(idea) => store.insights_of(idea.id).await?,
        None => Vec::new(),
    };
    let theme_name = match (prototype.theme_id, &idea) {
        (Some(theme), _) => theme_name(store, theme).await?,
        _ => None,
    };
    let mut rounds = Vec::new();
    for round in store.rounds(id).await? {
        let feedback = store.feedback(round.id).await?;
        let workshop_title = store
            .workshop(round.workshop_id)
            .await?
            .map(|w| w.fields.title)
            .unwrap_or_default();
        rounds.push(RoundSummary {
            summary: FeedbackSummary::of(&feedback),
            workshop_title,
            round,
        });
    }
    let decision = store.decision(id).await?;
    let mut subjects: Vec<Uuid> = versions.iter().map(|v| v.id).collect();
    subjects.extend(prototype.idea_id);
    let history = store.audit_of(&subjects).await?;
    Ok(PrototypeDossier {
        prototype,
        versions,
        idea,
        insights,
        theme_name,
        rounds,
        decision,
        history,
    })
}

/// The name of a theme.
#[cfg(feature = "ssr")]
async fn theme_name(
    store: &dyn samskap_domain::store::Store,
    theme: Uuid,
) -> Result<Option<String>, AppError> {
    Ok(store.theme(theme).await?.map(|(_, name)| name))
}

/// A prototype version with its evidence, rounds, decision and history; any staff role.
#[server(endpoint = "prototypes/get", output = crate::JsonText)]
pub async fn get_prototype(id: Uuid) -> Result<PrototypePageData, AppError> {
    use samskap_domain::workshop::model::{CardKind, WorkshopStatus};
    let (store, user, programme) =
        super::access::reader(samskap_domain::store::Item::Prototype(id)).await?;
    let dossier = dossier(store.as_ref(), id).await?;
    let workshops = store
        .workshops(programme)
        .await?
        .into_iter()
        .filter(|w| w.status != WorkshopStatus::Closed)
        .map(|w| (w.id, w.fields.title))
        .collect();
    let candidates = match &dossier.idea {
        Some(idea) => store
            .board_cards(idea.board_id)
            .await?
            .1
            .into_iter()
            .filter(|c| {
                c.id != idea.id
                    && c.kind == CardKind::Insight
                    && c.is_public()
                    && !dossier.insights.iter().any(|i| i.id == c.id)
            })
            .collect(),
        None => Vec::new(),
    };
    let measures = store.measures_from(&[id], &[]).await?;
    let library = if decided(dossier.prototype.status) {
        store
            .library_entry_of(programme, dossier.prototype.lineage_id)
            .await?
    } else {
        None
    };
    Ok(PrototypePageData {
        library,
        programme_slug: crate::server::context::slug_of(programme).await?,
        can_shape: user.role.can_shape_prototypes(),
        can_plan: user.role.can_plan(),
        measures,
        dossier,
        workshops,
        candidates,
    })
}

/// Whether a version's status ends its lineage (proceed or drop), so it goes into the
/// library.
fn decided(status: PrototypeStatus) -> bool {
    matches!(status, PrototypeStatus::Proceed | PrototypeStatus::Dropped)
}

/// Starts a test round of an undecided prototype version in a workshop, whose join
/// code testers use; lead, core team and facilitators.
#[server(endpoint = "rounds/create", output = crate::JsonText)]
pub async fn create_round(
    prototype_id: Uuid,
    workshop_id: Uuid,
    place: String,
    target_group: String,
    starts_at: String,
) -> Result<Uuid, AppError> {
    use crate::error::Field;
    use samskap_domain::validate::required;
    use samskap_domain::workshop::model::WorkshopStatus;
    let (store, actor, programme) =
        super::access::actor(samskap_domain::store::Item::Prototype(prototype_id)).await?;
    let fields = samskap_domain::pipeline::model::RoundFields {
        place: required(Field::Place, &place, MAX_ROUND_FIELD)?,
        target_group: required(Field::TargetGroup, &target_group, MAX_ROUND_FIELD)?,
        starts_at: crate::workshop::form::parse_local_time(&starts_at)?,
    };
    // Testers join with the workshop's code, which a closed workshop no longer takes.
    let workshop = store
        .workshop(workshop_id)
        .await?
        .ok_or(AppError::NotFound)?;
    // A round runs in a workshop of the prototype's own programme.
    if store
        .programme_of(samskap_domain::store::Item::Workshop(workshop_id))
        .await?
        != Some(programme)
    {
        return Err(AppError::NotFound);
    }
    if workshop.status == WorkshopStatus::Closed {
        return Err(AppError::WorkshopNotLive);
    }
    let round = store
        .create_round(prototype_id, workshop_id, &fields, &actor)
        .await?;
    Ok(round.id)
}

#[component]
pub fn PrototypePage() -> impl IntoView {
    let data = by_id(Refresh::provide(), get_prototype);
    view! {
        <main id="main" class="page">
            <Loaded resource=data let:data>
                <PrototypeView data />
            </Loaded>
        </main>
    }
}

#[component]
fn PrototypeView(data: PrototypePageData) -> impl IntoView {
    let i18n = use_i18n();
    provide_context(crate::ui::programme_path::InProgramme(data.programme_slug));
    let d = data.dossier;
    let p = d.prototype.clone();
    let title = format!("{} v{}", p.fields.title, p.version);
    let page_title = title.clone();
    let open = p.status == PrototypeStatus::Open;
    let can_shape = data.can_shape;
    let versions = d
        .versions
        .iter()
        .map(|v| {
            let label = format!("v{}", v.version);
            let current = (v.id == p.id).then_some("page");
            view! {
                <li>
                    <a href=format!("/prototypes/{}", v.id) aria-current=current>
                        {label}
                    </a>
                    " "
                    <StatusBadge status=v.status />
                </li>
            }
        })
        .collect_view();
    let learning = (!p.learning.is_empty()).then(|| {
        let learning = p.learning.clone();
        view! {
            <h2>{t!(i18n, pipeline.learning_carried)}</h2>
            <p class="learning" dir="auto">
                {learning}
            </p>
        }
    });
    let rounds = d.rounds.clone();
    let has_rounds = !rounds.is_empty();
    view! {
        <PageTitle text=move || page_title.clone() />
        <p class="crumbs">
            <a href=crate::ui::programme_path::here(
                "/prototypes",
            )>{t!(i18n, pipeline.all_prototypes)}</a>
        </p>
        <h1 dir="auto">{title}</h1>
        <p>
            <StatusBadge status=p.status />
            " "
            <a href=format!("/trace/prototypes/{}", p.id)>{t!(i18n, pipeline.show_trace)}</a>
        </p>
        <nav aria-label=move || t_string!(i18n, pipeline.versions).to_string()>
            <ol class="versions">{versions}</ol>
        </nav>
        <section class="about" aria-labelledby="what-heading">
            <h2 id="what-heading">{t!(i18n, pipeline.description)}</h2>
            <p dir="auto">{p.fields.description.clone()}</p>
            <h2>{t!(i18n, pipeline.assumption)}</h2>
            <p dir="auto">{p.fields.assumption.clone()}</p>
            {learning}
        </section>
        <super::photos::PrototypePhotos
            prototype_id=p.id
            photos=p.photos.clone()
            can_add=can_shape
        />
        <super::evidence::Evidence
            dossier=d.clone()
            candidates=data.candidates
            can_edit=can_shape
        />
        <section aria-labelledby="rounds-heading">
            <h2 id="rounds-heading">{t!(i18n, pipeline.rounds)}</h2>
            <RoundList rounds />
            {(open && can_shape)
                .then(|| {
                    view! { <NewRoundForm prototype_id=p.id workshops=data.workshops.clone() /> }
                })}
        </section>
        <super::decide::DecisionPanel
            prototype_id=p.id
            decision=d.decision.clone()
            can_decide=open && can_shape && has_rounds
        />
        {(p.status == PrototypeStatus::Proceed)
            .then(|| {
                view! {
                    <MeasureLinks
                        prototype_id=p.id
                        measures=data.measures.clone()
                        can_plan=data.can_plan
                    />
                }
            })}
        {decided(p.status)
            .then(|| {
                view! {
                    <crate::library::write_up::WriteUp
                        kind=samskap_domain::library::model::EntryKind::Prototype
                        source_id=p.id
                        entry=data.library.clone()
                        can_write=data.can_plan
                    />
                }
            })}
        <History entries=d.history.clone() />
    }
}

/// The measure a proceeded version became, or the way to promote it.
#[component]
fn MeasureLinks(
    prototype_id: Uuid,
    measures: Vec<samskap_domain::plan::model::Measure>,
    can_plan: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let promote = (measures.is_empty() && can_plan).then(|| {
        view! {
            <p>
                <a class="button primary" href=format!("/measures/new?prototype={prototype_id}")>
                    {t!(i18n, pipeline.promote_to_measure)}
                </a>
            </p>
        }
    });
    let items = measures
        .into_iter()
        .map(|m| {
            view! {
                <li>
                    <crate::plan::measure_badge::MeasureLink
                        id=m.id
                        title=m.fields.title.clone()
                        status=m.status
                    />
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="measure-heading">
            <h2 id="measure-heading">{t!(i18n, pipeline.measures_of)}</h2>
            <ul>{items}</ul>
            {promote}
        </section>
    }
}

#[component]
fn RoundList(rounds: Vec<RoundSummary>) -> impl IntoView {
    let i18n = use_i18n();
    if rounds.is_empty() {
        return view! { <p>{t!(i18n, pipeline.no_rounds)}</p> }.into_any();
    }
    let items = rounds
        .into_iter()
        .map(|r| {
            let when = r
                .round
                .fields
                .starts_at
                .format("%d.%m.%Y %H:%M")
                .to_string();
            let mean = r
                .summary
                .mean()
                .map(|m| format!("{m:.1}"))
                .unwrap_or_else(|| "–".into());
            let state = if r.round.open {
                t_string!(i18n, pipeline.round_open)
            } else {
                t_string!(i18n, pipeline.round_closed)
            };
            view! {
                <li class="card">
                    <h3>
                        <a href=format!(
                            "/rounds/{}",
                            r.round.id,
                        )>{r.round.fields.place.clone()} " · " {when}</a>
                    </h3>
                    <p>
                        {t!(i18n, pipeline.target_group)} ": " {r.round.fields.target_group.clone()}
                    </p>
                    <p>{r.workshop_title.clone()} " · " {state}</p>
                    <p>
                        {t_string!(i18n, pipeline.feedback_count, count = r.summary.count)
                            .to_string()} " · " {t!(i18n, pipeline.mean_rating)} " " {mean}
                    </p>
                </li>
            }
        })
        .collect_view();
    view! { <ol class="cards">{items}</ol> }.into_any()
}

#[component]
fn NewRoundForm(prototype_id: Uuid, workshops: Vec<(Uuid, String)>) -> impl IntoView {
    let i18n = use_i18n();
    let (action, form, error) = refreshing::<CreateRound>();
    let options = workshops
        .into_iter()
        .map(|(id, title)| view! { <option value=id.to_string()>{title}</option> })
        .collect_view();
    view! {
        <details class="editor">
            <summary>{t!(i18n, pipeline.new_round)}</summary>
            <ActionForm action node_ref=form attr:class="form">
                <input type="hidden" name="prototype_id" value=prototype_id.to_string() />
                <label for="round-workshop">{t!(i18n, pipeline.round_workshop)}</label>
                <p class="hint" id="round-workshop-hint">
                    {t!(i18n, pipeline.round_workshop_hint)}
                </p>
                <select
                    id="round-workshop"
                    name="workshop_id"
                    aria-describedby="round-workshop-hint"
                >
                    {options}
                </select>
                <label for="round-place">{t!(i18n, pipeline.place)}</label>
                <input
                    id="round-place"
                    name="place"
                    required
                    maxlength=MAX_ROUND_FIELD.to_string()
                />
                <label for="round-group">{t!(i18n, pipeline.target_group)}</label>
                <input
                    id="round-group"
                    name="target_group"
                    required
                    maxlength=MAX_ROUND_FIELD.to_string()
                />
                <label for="round-when">{t!(i18n, pipeline.when)}</label>
                <input id="round-when" name="starts_at" type="datetime-local" required />
                <ErrorAlert error />
                <button type="submit" class="primary">
                    {t!(i18n, pipeline.start_round)}
                </button>
            </ActionForm>
        </details>
    }
}
