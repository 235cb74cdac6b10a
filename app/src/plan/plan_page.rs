//! `/plans` and `/plans/{year}`: a year's measures ranked per focus area, the plan's
//! budget against the frame, its status steps, what changed since the last adopted
//! version, its versions and its exports.
use super::diff::PlanDiff;
use super::document::{plan_status_name, ActivityList, BudgetTable, DiffView};
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::guard::Loaded;
use crate::ui::page::PageTitle;
use crate::ui::refresh::{last_error, on_success, Refresh};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use samskap_domain::plan::model::{Adoption, Measure, Plan, PlanSnapshot, PlanStatus};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PlanPageData {
    pub plan: Plan,
    /// The revision the page shows; an adoption must name it.
    pub revision: i64,
    pub snapshot: PlanSnapshot,
    /// The programme's years with their plan status.
    pub years: Vec<(i32, PlanStatus)>,
    /// Focus areas in order (`None` last) with the year's measures in rank order, dropped
    /// ones left out.
    pub ranking: Vec<(String, Vec<Measure>)>,
    pub dropped: Vec<Measure>,
    /// The frozen versions, oldest first.
    pub versions: Vec<(u32, Adoption)>,
    /// Changes since the last frozen version, when the plan is being revised.
    pub diff: Option<PlanDiff>,
    pub can_plan: bool,
    pub can_adopt: bool,
    /// The server's date, to prefill the adoption and sending dates.
    pub today: chrono::NaiveDate,
}

/// A year's plan as it stands, for its page; any staff role. `NotFound` for a year
/// outside the programme.
#[server(endpoint = "plans/get", output = crate::JsonText)]
pub async fn get_plan(programme: String, year: i32) -> Result<PlanPageData, AppError> {
    use samskap_domain::plan::model::MeasureStatus;
    let (store, user, programme) =
        crate::pipeline::access::reader(crate::server::context::programme_named(&programme).await?)
            .await?;
    let programme = super::access::programme(store.as_ref(), programme).await?;
    if !(programme.fields.start_year..=programme.fields.end_year).contains(&year) {
        return Err(AppError::NotFound);
    }
    let (snapshot, revision) = super::snapshot::build(store.as_ref(), &programme, year).await?;
    let plan = Plan {
        year,
        status: snapshot.status,
        version: snapshot.version,
    };
    let years = plan_years(store.as_ref(), &programme).await?;
    let measures: Vec<Measure> = store
        .measures(programme.id)
        .await?
        .into_iter()
        .filter(|m| m.fields.year == year)
        .collect();
    let areas = programme
        .focus_areas
        .iter()
        .map(|fa| (Some(fa.id), fa.name.clone()));
    let ranking = areas
        .chain([(None, String::new())])
        .map(|(id, name)| {
            let ranked = measures
                .iter()
                .filter(|m| m.fields.focus_area_id == id && m.status != MeasureStatus::Dropped)
                .cloned()
                .collect::<Vec<_>>();
            (name, ranked)
        })
        .filter(|(_, ranked)| !ranked.is_empty())
        .collect();
    let dropped = measures
        .iter()
        .filter(|m| m.status == MeasureStatus::Dropped)
        .cloned()
        .collect();
    let frozen = store.plan_versions(programme.id, year).await?;
    let diff = match frozen.last() {
        Some(last) if !plan.status.is_frozen() => {
            Some(super::diff::diff(&last.snapshot, &snapshot))
        }
        _ => None,
    };
    Ok(PlanPageData {
        plan,
        revision,
        snapshot,
        years,
        ranking,
        dropped,
        versions: frozen
            .into_iter()
            .map(|v| (v.version, v.adoption))
            .collect(),
        diff,
        can_plan: user.role.can_plan(),
        can_adopt: user.role.can_adopt(),
        today: chrono::Local::now().date_naive(),
    })
}

/// Moves a measure one place `up` or `down` among its year's measures of the same
/// focus area; the lead and the core team.
#[server(endpoint = "measures/move", output = crate::JsonText)]
pub async fn move_measure(id: Uuid, direction: String) -> Result<(), AppError> {
    let (store, actor, _) =
        super::access::planner(samskap_domain::store::Item::Measure(id)).await?;
    let up = match direction.as_str() {
        "up" => true,
        "down" => false,
        _ => return Err(AppError::BadRequest),
    };
    store
        .move_measure(id, up, &actor)
        .await
        .map_err(AppError::from)
}

/// The programme's years with the status of each plan; any staff role.
#[server(endpoint = "plans/list", output = crate::JsonText)]
pub async fn list_plans(programme: String) -> Result<Vec<(i32, PlanStatus)>, AppError> {
    let (store, _, programme) =
        crate::pipeline::access::reader(crate::server::context::programme_named(&programme).await?)
            .await?;
    let programme = super::access::programme(store.as_ref(), programme).await?;
    plan_years(store.as_ref(), &programme).await
}

#[cfg(feature = "ssr")]
async fn plan_years(
    store: &dyn samskap_domain::store::Store,
    programme: &samskap_domain::programme::model::Programme,
) -> Result<Vec<(i32, PlanStatus)>, AppError> {
    let mut years = Vec::new();
    for y in programme.fields.start_year..=programme.fields.end_year {
        years.push((y, store.plan(programme.id, y).await?.0.status));
    }
    Ok(years)
}

#[component]
pub fn PlansPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = crate::ui::programme_path::use_programme();
    let data = Resource::new(|| (), move |_| list_plans(slug.clone()));
    view! {
        <PageTitle text=move || t_string!(i18n, plan.plans).to_string() />
        <main id="main" class="page">
            <h1>{t!(i18n, plan.plans)}</h1>
            <p>{t!(i18n, plan.plans_intro)}</p>
            <Loaded resource=data let:years>
                <ul class="cards">
                    {years
                        .into_iter()
                        .map(|(y, status)| {
                            view! {
                                <li class="card">
                                    <h2>
                                        <a href=crate::ui::programme_path::here(
                                            &format!("/plans/{y}"),
                                        )>
                                            {t_string!(i18n, plan.plan_of_year, year = y).to_string()}
                                        </a>
                                    </h2>
                                    <p>{plan_status_name(i18n, status)}</p>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </Loaded>
        </main>
    }
}

#[component]
pub fn PlanPage() -> impl IntoView {
    let params = use_params_map();
    let refresh = Refresh::provide();
    let data = Resource::new(
        move || {
            (
                params.with(|p| (p.get("programme").unwrap_or_default(), p.get("year"))),
                refresh.track(),
            )
        },
        |((programme, year), _)| async move {
            match year.and_then(|y| y.parse::<i32>().ok()) {
                Some(year) => get_plan(programme, year).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <main id="main" class="page">
            <Loaded resource=data let:data>
                <PlanView data />
            </Loaded>
        </main>
    }
}

#[component]
fn PlanView(data: PlanPageData) -> impl IntoView {
    let i18n = use_i18n();
    let year = data.plan.year;
    let title = t_string!(i18n, plan.plan_of_year, year = year).to_string();
    let page_title = title.clone();
    let years = data
        .years
        .iter()
        .map(|(y, status)| {
            let current = (*y == year).then_some("page");
            view! {
                <li>
                    <a
                        href=crate::ui::programme_path::here(&format!("/plans/{y}"))
                        aria-current=current
                    >
                        {*y}
                    </a>
                    " "
                    <span class="hint">{plan_status_name(i18n, *status)}</span>
                </li>
            }
        })
        .collect_view();
    let editable = data.can_plan && !data.plan.status.is_frozen();
    let ranking = data
        .ranking
        .iter()
        .map(|(area, measures)| {
            let heading = if area.is_empty() { t_string!(i18n, plan.no_focus_area).to_string() } else { area.clone() };
            let count = measures.len();
            let items = measures
                .iter()
                .enumerate()
                .map(|(i, m)| view! { <RankedMeasure m=m.clone() first=i == 0 last=i + 1 == count editable /> })
                .collect_view();
            view! {
                <h3>{heading}</h3>
                <ol class="ranking">{items}</ol>
            }
        })
        .collect_view();
    let dropped = (!data.dropped.is_empty()).then(|| {
        let items = data
            .dropped
            .iter()
            .map(|m| {
                view! {
                    <li>
                        <a href=format!("/measures/{}", m.id) dir="auto">
                            {m.fields.title.clone()}
                        </a>
                        ": "
                        <span dir="auto">{m.drop_reason.clone()}</span>
                    </li>
                }
            })
            .collect_view();
        view! {
            <details>
                <summary>{t!(i18n, plan.dropped_measures)}</summary>
                <ul>{items}</ul>
            </details>
        }
    });
    let versions = data
        .versions
        .iter()
        .map(|(v, a)| {
            let sent = a.sent_on.map(|d| {
                format!(
                    ", {} {}",
                    t_string!(i18n, plan.sent_on),
                    d.format("%d.%m.%Y")
                )
            });
            view! {
                <li>
                    <a href=crate::ui::programme_path::here(
                        &format!("/plans/{year}/versions/{v}"),
                    )>{t_string!(i18n, plan.version_n, n = *v).to_string()}</a>
                    ": "
                    {a.adopted_by.clone()}
                    " "
                    {a.adopted_on.format("%d.%m.%Y").to_string()}
                    {sent}
                </li>
            }
        })
        .collect_view();
    let diff = data.diff.clone().map(|d| {
        view! {
            <section aria-labelledby="diff-heading">
                <h2 id="diff-heading">
                    {t_string!(i18n, plan.changes_since, n = d.from_version).to_string()}
                </h2>
                <DiffView diff=d />
            </section>
        }
    });
    let has_measures = data
        .snapshot
        .sections
        .iter()
        .any(|s| !s.measures.is_empty());
    view! {
        <PageTitle text=move || page_title.clone() />
        <nav aria-label=move || t_string!(i18n, plan.years).to_string()>
            <ol class="versions">{years}</ol>
        </nav>
        <h1>{title}</h1>
        <p>
            <span class=format!(
                "status status-{}",
                data.plan.status.as_str(),
            )>{plan_status_name(i18n, data.plan.status)}</span>
            " · "
            {t_string!(i18n, plan.version_n, n = data.plan.version).to_string()}
            {(!data.versions.is_empty())
                .then(|| {
                    view! {
                        " · "
                        <a href=crate::ui::programme_path::here(
                            &format!("/plans/{year}/follow-up"),
                        )>{t!(i18n, follow.link)}</a>
                    }
                })}
        </p>
        <super::plan_status::PlanSteps
            plan=data.plan.clone()
            revision=data.revision
            can_plan=data.can_plan
            can_adopt=data.can_adopt
            has_measures
            today=data.today
        />
        <section aria-labelledby="budget-heading">
            <h2 id="budget-heading">{t!(i18n, plan.budget)}</h2>
            <BudgetTable snapshot=data.snapshot.clone() />
        </section>
        <section aria-labelledby="ranking-heading">
            <h2 id="ranking-heading">{t!(i18n, plan.ranking)}</h2>
            <p>{t!(i18n, plan.ranking_intro)}</p>
            {if data.ranking.is_empty() {
                Some(view! { <p>{t!(i18n, plan.no_measures)}</p> })
            } else {
                None
            }}
            {ranking}
            {dropped}
        </section>
        {diff}
        <section aria-labelledby="document-heading">
            <h2 id="document-heading">{t!(i18n, plan.activity_list)}</h2>
            <ActivityList snapshot=data.snapshot.clone() />
        </section>
        <section aria-labelledby="versions-heading">
            <h2 id="versions-heading">{t!(i18n, plan.versions)}</h2>
            {if data.versions.is_empty() {
                Some(view! { <p>{t!(i18n, plan.no_versions)}</p> })
            } else {
                None
            }}
            <ol>{versions}</ol>
        </section>
        <section aria-labelledby="export-heading">
            <h2 id="export-heading">{t!(i18n, plan.export)}</h2>
            <ul class="exports">
                <li>
                    <a
                        href=crate::ui::programme_path::here(&format!("/plans/{year}/export.docx"))
                        download
                    >
                        {t!(i18n, plan.export_docx)}
                    </a>
                </li>
                <li>
                    <a
                        href=crate::ui::programme_path::here(&format!("/plans/{year}/export.pdf"))
                        download
                    >
                        {t!(i18n, plan.export_pdf)}
                    </a>
                </li>
                <li>
                    <a
                        href=crate::ui::programme_path::here(&format!("/plans/{year}/export.csv"))
                        download
                    >
                        {t!(i18n, plan.export_csv)}
                    </a>
                </li>
                <li>
                    <a
                        href=crate::ui::programme_path::here(&format!("/plans/{year}/export.json"))
                        download
                    >
                        {t!(i18n, plan.export_json)}
                    </a>
                </li>
            </ul>
            {(!data.versions.is_empty())
                .then(|| {
                    view! {
                        <p>
                            <a href=format!(
                                "/public/{}/plans/{year}",
                                crate::ui::programme_path::use_programme(),
                            )>{t!(i18n, plan.public_page)}</a>
                        </p>
                    }
                })}
        </section>
    }
}

/// A measure in the ranking, with buttons to move it.
#[component]
fn RankedMeasure(m: Measure, first: bool, last: bool, editable: bool) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<MoveMeasure>::new();
    let refresh = expect_context::<Refresh>();
    on_success(action, move || refresh.0.update(|n| *n += 1));
    let error = Signal::derive(move || last_error(action));
    let title = m.fields.title.clone();
    let button = move |direction: &'static str, disabled: bool| {
        let label = if direction == "up" {
            t_string!(i18n, plan.move_up, title = title.clone()).to_string()
        } else {
            t_string!(i18n, plan.move_down, title = title.clone()).to_string()
        };
        let glyph = if direction == "up" { "↑" } else { "↓" };
        view! {
            <ActionForm action attr:class="inline">
                <input type="hidden" name="id" value=m.id.to_string() />
                <input type="hidden" name="direction" value=direction />
                <button
                    type="submit"
                    class="icon"
                    aria-label=label.clone()
                    title=label
                    disabled=disabled
                >
                    {glyph}
                </button>
            </ActionForm>
        }
    };
    let controls = editable.then(
        || view! { <span class="rank-controls">{button("up", first)}{button("down", last)}</span> },
    );
    view! {
        <li>
            <super::measure_badge::MeasureLink
                id=m.id
                title=m.fields.title.clone()
                status=m.status
            />
            " "
            <span class="hint">{super::document::nok(m.fields.funding.total())}</span>
            {controls}
            <crate::error::ErrorAlert error />
        </li>
    }
}
