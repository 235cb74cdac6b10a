//! `/measures/{id}`: one measure with every template field, the evidence it builds on,
//! its status, its risk table and its history; the lead and the core team edit it.
use super::evidence_facts::EvidenceFacts;
use super::fields::{MeasureFormFields, MeasureInput};
use super::measure_badge::{status_name, MeasureBadge};
use crate::error::{AppError, ErrorAlert};
use crate::i18n::*;
use crate::ui::guard::{by_id, Loaded};
use crate::ui::page::PageTitle;
use crate::ui::refresh::{last_error, refreshing, Refresh};
use leptos::prelude::*;
use samskap_domain::pipeline::model::AuditEntry;
use samskap_domain::plan::model::{
    EvidenceSummary, Measure, MeasureSource, MeasureStatus, PlanStatus,
};
use samskap_domain::programme::model::Programme;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MeasurePageData {
    pub measure: Measure,
    pub programme: Programme,
    pub evidence: EvidenceSummary,
    /// What it was promoted from: a title and the trace page of its evidence chain.
    pub source: Option<(String, String)>,
    /// The status of its year's plan.
    pub plan_status: PlanStatus,
    pub history: Vec<AuditEntry>,
    pub can_plan: bool,
    /// Its library entry, if it is finished and written up.
    pub library: Option<samskap_domain::library::model::LibraryEntry>,
}

/// A measure with its evidence summary and history; any staff role.
#[server(endpoint = "measures/get", output = crate::JsonText)]
pub async fn get_measure(id: Uuid) -> Result<MeasurePageData, AppError> {
    let (store, user, programme) =
        crate::pipeline::access::reader(samskap_domain::store::Item::Measure(id)).await?;
    let programme = super::access::programme(store.as_ref(), programme).await?;
    let measure = store.measure(id).await?.ok_or(AppError::NotFound)?;
    let evidence = super::snapshot::evidence(store.as_ref(), &measure).await?;
    let source = match &measure.source {
        Some(MeasureSource::Prototype { prototype_id }) => {
            store.prototype(*prototype_id).await?.map(|p| {
                (
                    format!("{} v{}", p.fields.title, p.version),
                    format!("/trace/prototypes/{prototype_id}"),
                )
            })
        }
        Some(MeasureSource::Idea { card_id, .. }) => store
            .card(*card_id)
            .await?
            .map(|c| (c.body, format!("/trace/cards/{card_id}"))),
        None => None,
    };
    let (plan, _) = store.plan(programme.id, measure.fields.year).await?;
    let history = store.audit_of(&[id]).await?;
    let library = if finished(measure.status) {
        store.library_entry_of(programme.id, id).await?
    } else {
        None
    };
    Ok(MeasurePageData {
        library,
        measure,
        programme,
        evidence,
        source,
        plan_status: plan.status,
        history,
        can_plan: user.role.can_plan(),
    })
}

/// Replaces a measure's template fields; `PlanFrozen` while its year's plan is adopted.
/// The lead and the core team.
#[server(endpoint = "measures/update", output = crate::JsonText)]
pub async fn update_measure(id: Uuid, fields: MeasureInput) -> Result<(), AppError> {
    let (store, actor, programme) =
        super::access::planner(samskap_domain::store::Item::Measure(id)).await?;
    let programme = super::access::programme(store.as_ref(), programme).await?;
    let fields = fields.parse(&programme)?;
    store.update_measure(id, &fields, &actor).await?;
    Ok(())
}

/// Moves a measure's status: candidate ⇄ prioritised, adopted → in progress → done, or
/// dropped (with a `reason`) and back to candidate. Adoption comes with the plan. The
/// lead and the core team.
#[server(endpoint = "measures/status", output = crate::JsonText)]
pub async fn set_measure_status(
    id: Uuid,
    status: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    use crate::error::Field;
    let (store, actor, _) =
        super::access::planner(samskap_domain::store::Item::Measure(id)).await?;
    let status: MeasureStatus = status.parse().map_err(|_| AppError::BadRequest)?;
    let reason = match status {
        MeasureStatus::Dropped => samskap_domain::validate::required(
            Field::Reason,
            &reason,
            samskap_domain::plan::model::MAX_MEASURE_TEXT,
        )?,
        _ => String::new(),
    };
    store
        .set_measure_status(id, status, &reason, &actor)
        .await?;
    Ok(())
}

#[component]
pub fn MeasurePage() -> impl IntoView {
    let data = by_id(Refresh::provide(), get_measure);
    view! {
        <main id="main" class="page">
            <Loaded resource=data let:data>
                <MeasureView data />
            </Loaded>
        </main>
    }
}

#[component]
fn MeasureView(data: MeasurePageData) -> impl IntoView {
    let i18n = use_i18n();
    let m = data.measure.clone();
    let f = m.fields.clone();
    let title = f.title.clone();
    let page_title = title.clone();
    let editable = data.can_plan && !data.plan_status.is_frozen();
    let plan_href = crate::ui::programme_path::programme_path(
        &data.programme.slug,
        &format!("/plans/{}", f.year),
    );
    let area = data
        .programme
        .focus_areas
        .iter()
        .find(|fa| Some(fa.id) == f.focus_area_id)
        .map(|fa| fa.name.clone())
        .unwrap_or_else(|| t_string!(i18n, plan.no_focus_area).to_string());
    let goals = data
        .programme
        .goals
        .iter()
        .filter(|g| f.goal_ids.contains(&g.id))
        .map(|g| view! { <li>{g.title.clone()}</li> })
        .collect_view();
    let nok = super::document::nok;
    let frozen_note = data.plan_status.is_frozen().then(|| {
        view! {
            <p class="notice" role="note">
                {t!(i18n, plan.frozen_note)}
                " "
                <a href=plan_href.clone()>{t!(i18n, plan.to_plan)}</a>
            </p>
        }
    });
    let dropped = (m.status == MeasureStatus::Dropped).then(|| {
        let reason = m.drop_reason.clone();
        let label = if m.stopped {
            t_string!(i18n, follow.stop_reason)
        } else {
            t_string!(i18n, plan.drop_reason)
        };
        view! {
            <p dir="auto">
                <strong>{label} ": "</strong>
                {reason}
            </p>
        }
    });
    let justification = match &m.source {
        Some(MeasureSource::Idea { justification, .. }) => {
            let j = justification.clone();
            Some(view! {
                <p dir="auto">
                    <strong>{t!(i18n, plan.justification)} ": "</strong>
                    {j}
                </p>
            })
        }
        _ => None,
    };
    let source = data.source.clone().map(|(title, href)| {
        view! {
            <p>
                {t!(i18n, plan.promoted_from)} " " <a href=href dir="auto">
                    {title}
                </a>
            </p>
        }
    });
    let text = |s: String| {
        view! {
            <dd dir="auto" class="prewrap">
                {s}
            </dd>
        }
    };
    view! {
        <PageTitle text=move || page_title.clone() />
        <p class="crumbs">
            <a href=plan_href
                .clone()>{t_string!(i18n, plan.plan_of_year, year = f.year).to_string()}</a>
        </p>
        <h1 dir="auto">{title}</h1>
        <p>
            <MeasureBadge status=m.status />
        </p>
        {frozen_note}
        {dropped}
        <section aria-labelledby="measure-facts">
            <h2 id="measure-facts">{t!(i18n, plan.template_fields)}</h2>
            <dl class="fields">
                <dt>{t!(i18n, plan.what)}</dt>
                {text(f.what.clone())}
                <dt>{t!(i18n, plan.expected_result)}</dt>
                {text(f.expected_result.clone())}
                <dt>{t!(i18n, plan.time_frame)}</dt>
                <dd>
                    {f.starts_on.format("%d.%m.%Y").to_string()} " – "
                    {f.ends_on.format("%d.%m.%Y").to_string()}
                </dd>
                <dt>{t!(i18n, plan.year)}</dt>
                <dd>{f.year}</dd>
                <dt>{t!(i18n, plan.focus_area)}</dt>
                <dd>{area}</dd>
                <dt>{t!(i18n, plan.goals)}</dt>
                <dd>
                    <ul>{goals}</ul>
                </dd>
                <dt>{t!(i18n, plan.contribution)}</dt>
                {text(f.contribution.clone())}
                <dt>{t!(i18n, plan.partners)}</dt>
                {text(f.partners.clone())}
                <dt>{t!(i18n, plan.owner)}</dt>
                {text(f.owner.clone())}
                <dt>{t!(i18n, plan.indicators)}</dt>
                {text(f.indicators.clone())}
            </dl>
            <table class="budget">
                <caption>{t!(i18n, plan.cost_estimate)}</caption>
                <tbody>
                    <tr>
                        <th scope="row">{t!(i18n, plan.grant)}</th>
                        <td class="num">{nok(f.funding.grant)}</td>
                    </tr>
                    <tr>
                        <th scope="row">{t!(i18n, plan.municipality)}</th>
                        <td class="num">{nok(f.funding.municipality)}</td>
                    </tr>
                    <tr>
                        <th scope="row">{t!(i18n, plan.other_grants)}</th>
                        <td class="num">{nok(f.funding.other_grants)}</td>
                    </tr>
                    <tr>
                        <th scope="row">{t!(i18n, plan.carried_over)}</th>
                        <td class="num">{nok(f.funding.carried_over)}</td>
                    </tr>
                    <tr class="total">
                        <th scope="row">{t!(i18n, plan.total)}</th>
                        <td class="num">{nok(f.funding.total())}</td>
                    </tr>
                </tbody>
            </table>
        </section>
        <section aria-labelledby="measure-evidence">
            <h2 id="measure-evidence">{t!(i18n, plan.evidence)}</h2>
            {source}
            {justification}
            <EvidenceFacts evidence=data.evidence.clone() />
        </section>
        <super::risks::RiskTable measure_id=m.id risks=m.risks.clone() editable />
        {data.can_plan.then(|| view! { <StatusForms id=m.id status=m.status /> })}
        <crate::follow_up::measure_section::MeasureFollowUp measure_id=m.id />
        {editable
            .then(|| {
                view! {
                    <EditForm id=m.id value=MeasureInput::of(&f) programme=data.programme.clone() />
                }
            })}
        {finished(m.status)
            .then(|| {
                view! {
                    <crate::library::write_up::WriteUp
                        kind=samskap_domain::library::model::EntryKind::Measure
                        source_id=m.id
                        entry=data.library.clone()
                        can_write=data.can_plan
                    />
                }
            })}
        <crate::pipeline::history::History entries=data.history.clone() />
    }
}

/// Whether a measure is done or dropped, so it goes into the library.
fn finished(status: MeasureStatus) -> bool {
    matches!(status, MeasureStatus::Done | MeasureStatus::Dropped)
}

/// One button per status the measure may move to; dropping asks for the reason.
#[component]
fn StatusForms(id: Uuid, status: MeasureStatus) -> impl IntoView {
    let i18n = use_i18n();
    let (action, form, error) = refreshing::<SetMeasureStatus>();
    let moves = MeasureStatus::ALL
        .iter()
        .copied()
        .filter(|next| status.can_become(*next) && *next != MeasureStatus::Dropped)
        .map(|next| {
            view! {
                <ActionForm action attr:class="inline">
                    <input type="hidden" name="id" value=id.to_string() />
                    <input type="hidden" name="status" value=next.as_str() />
                    <button type="submit">
                        {t!(i18n, plan.set_status)} " " {status_name(i18n, next)}
                    </button>
                </ActionForm>
            }
        })
        .collect_view();
    // Dropping a measure under way stops it: it stays in its adopted plan.
    let (drop_label, reason_label) = if status.stops() {
        (
            t_string!(i18n, follow.stop_measure),
            t_string!(i18n, follow.stop_reason),
        )
    } else {
        (
            t_string!(i18n, plan.drop_measure),
            t_string!(i18n, plan.drop_reason),
        )
    };
    let drop = status.can_become(MeasureStatus::Dropped).then(|| {
        view! {
            <details class="editor">
                <summary>{drop_label}</summary>
                <ActionForm action node_ref=form attr:class="form">
                    <input type="hidden" name="id" value=id.to_string() />
                    <input type="hidden" name="status" value="dropped" />
                    <label for="drop-reason">{reason_label}</label>
                    <textarea id="drop-reason" name="reason" rows="2" required></textarea>
                    <button type="submit">{drop_label}</button>
                </ActionForm>
            </details>
        }
    });
    view! {
        <section aria-labelledby="status-heading">
            <h2 id="status-heading">{t!(i18n, plan.status)}</h2>
            <div class="actions">{moves}</div>
            {drop}
            <ErrorAlert error />
        </section>
    }
}

#[component]
fn EditForm(id: Uuid, value: MeasureInput, programme: Programme) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<UpdateMeasure>::new();
    let refresh = expect_context::<Refresh>();
    crate::ui::refresh::on_success(action, move || refresh.0.update(|n| *n += 1));
    let error = Signal::derive(move || last_error(action));
    view! {
        <details class="editor">
            <summary>{t!(i18n, plan.edit_measure)}</summary>
            <ActionForm action attr:class="form measure-form">
                <input type="hidden" name="id" value=id.to_string() />
                <MeasureFormFields value programme prefix="edit" />
                <ErrorAlert error />
                <button type="submit" class="primary">
                    {t!(i18n, plan.save)}
                </button>
            </ActionForm>
        </details>
    }
}
