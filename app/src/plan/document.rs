//! A year's plan drawn as the municipality's activity plan: the activity list by focus
//! area, the budget table against the frame, and the evidence behind each measure.
use super::diff::{DiffField, PlanDiff};
use super::evidence_facts::EvidenceFacts;
use super::measure_badge::status_name;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use samskap_domain::plan::model::{Funding, PlanSnapshot};
use samskap_domain::programme::model::format_nok;

/// Whole kroner as shown on the plan's pages: "300 000 kr", never broken across lines.
pub fn nok(n: i64) -> String {
    format!("{} kr", format_nok(n, '\u{a0}'))
}

/// The budget table: one row per measure, the total, and the frame.
#[component]
pub fn BudgetTable(snapshot: PlanSnapshot) -> impl IntoView {
    let i18n = use_i18n();
    let cells = |f: &Funding| {
        view! {
            <td class="num">{nok(f.total())}</td>
            <td class="num">{nok(f.grant)}</td>
            <td class="num">{nok(f.municipality)}</td>
            <td class="num">{nok(f.other_grants)}</td>
            <td class="num">{nok(f.carried_over)}</td>
        }
    };
    let rows = snapshot
        .measures()
        .map(|m| {
            view! {
                <tr>
                    <th scope="row">
                        {m.number.clone()} " " <span dir="auto">{m.title.clone()}</span>
                    </th>
                    {cells(&m.funding)}
                </tr>
            }
        })
        .collect_view();
    let totals = snapshot.totals();
    let warning = snapshot.over_frame().map(|over| {
        view! {
            <p class="warning" role="alert">
                {t_string!(i18n, plan.over_frame, over = nok(over), frame = nok(snapshot.frame_nok))
                    .to_string()}
            </p>
        }
    });
    view! {
        // Focusable so a keyboard can scroll it on a narrow screen (WCAG 2.1.1).
        <div
            class="table-wrap"
            tabindex="0"
            role="region"
            aria-label=t_string!(i18n, plan.budget_caption, year = snapshot.year).to_string()
        >
            <table class="budget">
                <caption>
                    {t_string!(i18n, plan.budget_caption, year = snapshot.year).to_string()}
                </caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, plan.title)}</th>
                        <th scope="col">{t!(i18n, plan.total_cost)}</th>
                        <th scope="col">{t!(i18n, plan.grant)}</th>
                        <th scope="col">{t!(i18n, plan.municipality)}</th>
                        <th scope="col">{t!(i18n, plan.other_grants)}</th>
                        <th scope="col">{t!(i18n, plan.carried_over)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
                <tfoot>
                    <tr class="total">
                        <th scope="row">{t!(i18n, plan.total)}</th>
                        {cells(&totals)}
                    </tr>
                    <tr>
                        <th scope="row">{t!(i18n, plan.frame)}</th>
                        <td class="num">{nok(snapshot.frame_nok)}</td>
                        <td colspan="4"></td>
                    </tr>
                    {(snapshot.carried_in_nok > 0)
                        .then(|| {
                            view! {
                                <tr>
                                    <th scope="row">{t!(i18n, plan.carried_in)}</th>
                                    <td class="num">{nok(snapshot.carried_in_nok)}</td>
                                    <td colspan="4"></td>
                                </tr>
                            }
                        })}
                </tfoot>
            </table>
        </div>
        {warning}
    }
}

/// The activity list: each focus area's measures with the template's columns.
#[component]
pub fn ActivityList(snapshot: PlanSnapshot) -> impl IntoView {
    let i18n = use_i18n();
    if snapshot.sections.is_empty() {
        return view! { <p>{t!(i18n, plan.no_planned_measures)}</p> }.into_any();
    }
    snapshot
        .sections
        .into_iter()
        .map(|section| {
            let heading = if section.focus_area.is_empty() {
                t_string!(i18n, plan.no_focus_area).to_string()
            } else {
                section.focus_area.clone()
            };
            let measures = section
                .measures
                .into_iter()
                .map(|m| {
                    let goals = m.goals.join(", ");
                    let risks = m
                        .risks
                        .iter()
                        .map(|r| {
                            view! {
                                <li dir="auto">
                                    {r.risk.clone()} " ("
                                    {super::risks::level_name(i18n, r.probability)} " / "
                                    {super::risks::level_name(i18n, r.consequence)} "): "
                                    {r.mitigation.clone()}
                                </li>
                            }
                        })
                        .collect_view();
                    view! {
                        <article class="planned" aria-labelledby=format!("m-{}", m.id)>
                            <h4 id=format!(
                                "m-{}",
                                m.id,
                            )>{m.number.clone()} " " <span dir="auto">{m.title.clone()}</span></h4>
                            <p class="meta">
                                {status_name(i18n, m.status)} " · " {m.owner.clone()} " · "
                                {m.starts_on.format("%d.%m.%Y").to_string()} " – "
                                {m.ends_on.format("%d.%m.%Y").to_string()} " · "
                                {nok(m.funding.total())}
                            </p>
                            <dl class="fields">
                                <dt>{t!(i18n, plan.what)}</dt>
                                <dd dir="auto" class="prewrap">
                                    {m.what.clone()}
                                </dd>
                                <dt>{t!(i18n, plan.expected_result)}</dt>
                                <dd dir="auto" class="prewrap">
                                    {m.expected_result.clone()}
                                </dd>
                                <dt>{t!(i18n, plan.partners)}</dt>
                                <dd dir="auto" class="prewrap">
                                    {m.partners.clone()}
                                </dd>
                                <dt>{t!(i18n, plan.contribution)}</dt>
                                <dd dir="auto" class="prewrap">
                                    {m.contribution.clone()}
                                </dd>
                                <dt>{t!(i18n, plan.goals)}</dt>
                                <dd>{goals}</dd>
                                <dt>{t!(i18n, plan.indicators)}</dt>
                                <dd dir="auto" class="prewrap">
                                    {m.indicators.clone()}
                                </dd>
                            </dl>
                            {(!m.risks.is_empty())
                                .then(|| {
                                    view! {
                                        <h5>{t!(i18n, plan.risks)}</h5>
                                        <ul>{risks}</ul>
                                    }
                                })}
                            <h5>{t!(i18n, plan.evidence)}</h5>
                            <EvidenceFacts evidence=m.evidence.clone() />
                        </article>
                    }
                })
                .collect_view();
            view! {
                <section class="plan-section">
                    <h3>{heading}</h3>
                    {measures}
                </section>
            }
        })
        .collect_view()
        .into_any()
}

/// What changed since an earlier version, in words.
#[component]
pub fn DiffView(diff: PlanDiff) -> impl IntoView {
    let i18n = use_i18n();
    if diff.is_empty() {
        return view! { <p>{t!(i18n, plan.no_changes)}</p> }.into_any();
    }
    let line = |number: String, title: String| {
        view! {
            {number}
            " "
            <span dir="auto">{title}</span>
        }
    };
    let added = diff
        .added
        .iter()
        .map(|e| {
            view! {
                <li class="added">
                    {t!(i18n, plan.diff_added)} ": " {line(e.number.clone(), e.title.clone())}
                </li>
            }
        })
        .collect_view();
    let removed = diff
        .removed
        .iter()
        .map(|e| {
            view! {
                <li class="removed">
                    {t!(i18n, plan.diff_removed)} ": " {line(e.number.clone(), e.title.clone())}
                </li>
            }
        })
        .collect_view();
    let changed = diff
        .changed
        .iter()
        .map(|e| {
            let fields = e
                .fields
                .iter()
                .map(|f| diff_field_name(i18n, *f))
                .collect::<Vec<_>>()
                .join(", ");
            view! {
                <li class="changed">
                    {t!(i18n, plan.diff_changed)} ": " {line(e.number.clone(), e.title.clone())}
                    " (" {fields} ")"
                </li>
            }
        })
        .collect_view();
    let totals = (diff.total_before != diff.total_after).then(|| {
        view! {
            <li>
                {t!(i18n, plan.total_cost)} ": " {nok(diff.total_before)} " → "
                {nok(diff.total_after)}
            </li>
        }
    });
    view! { <ul class="diff">{added}{removed}{changed}{totals}</ul> }.into_any()
}

fn diff_field_name(i18n: I18nContext<Locale>, field: DiffField) -> &'static str {
    match field {
        DiffField::Number => t_string!(i18n, plan.diff_number),
        DiffField::Title => t_string!(i18n, plan.title),
        DiffField::What => t_string!(i18n, plan.what),
        DiffField::ExpectedResult => t_string!(i18n, plan.expected_result),
        DiffField::Funding => t_string!(i18n, plan.cost_estimate),
        DiffField::TimeFrame => t_string!(i18n, plan.time_frame),
        DiffField::Partners => t_string!(i18n, plan.partners),
        DiffField::Contribution => t_string!(i18n, plan.contribution),
        DiffField::Owner => t_string!(i18n, plan.owner),
        DiffField::Indicators => t_string!(i18n, plan.indicators),
        DiffField::Goals => t_string!(i18n, plan.goals),
        DiffField::Risks => t_string!(i18n, plan.risks),
        DiffField::Status => t_string!(i18n, plan.status),
    }
}

/// The translated name of a plan status.
pub fn plan_status_name(
    i18n: I18nContext<Locale>,
    status: samskap_domain::plan::model::PlanStatus,
) -> &'static str {
    use samskap_domain::plan::model::PlanStatus as S;
    match status {
        S::Draft => t_string!(i18n, plan.plan_draft),
        S::Proposed => t_string!(i18n, plan.plan_proposed),
        S::Adopted => t_string!(i18n, plan.plan_adopted),
        S::Sent => t_string!(i18n, plan.plan_sent),
    }
}
