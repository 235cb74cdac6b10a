//! `/dashboard`: the programme at a glance for the lead, the core team and the steering
//! group: this year's money planned against spent, the measures by status, those that
//! need attention, the goals' indicators and who took part.
use super::year_page::{FollowUpRow, YearFollowUpData};
use crate::error::AppError;
use crate::i18n::*;
use crate::plan::document::nok;
use crate::plan::measure_badge::status_name;
use crate::ui::guard::Loaded;
use crate::ui::page::PageTitle;
use leptos::prelude::*;
use samskap_domain::follow_up::indicator::Indicator;
use samskap_domain::plan::model::MeasureStatus;
use samskap_domain::programme::model::Goal;
use serde::{Deserialize, Serialize};

/// Why a measure is on the attention list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Attention {
    /// No progress note for the flag's number of days.
    NoUpdate,
    /// More spent than planned.
    OverBudget,
    /// Nobody follows it up.
    NoResponsible,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DashboardData {
    pub programme: String,
    /// This programme year, or the latest one followed up while this year's plan is not
    /// adopted yet.
    pub year: YearFollowUpData,
    /// The year's measures of the plan in each status (stopped ones under dropped; those
    /// dropped before adoption are left out), in status order.
    pub by_status: Vec<(MeasureStatus, u32)>,
    pub attention: Vec<(FollowUpRow, Vec<Attention>)>,
    pub goals: Vec<(Goal, Vec<Indicator>)>,
    pub participation: samskap_domain::inclusion::model::DiversityView,
    /// Each workshop's turnout, by date.
    pub turnout: Vec<samskap_domain::inclusion::model::Turnout>,
}

/// The dashboard; any staff role.
#[server(endpoint = "dashboard/get", output = crate::JsonText)]
pub async fn get_dashboard(programme: String) -> Result<DashboardData, AppError> {
    use chrono::Datelike;
    use samskap_domain::store::follow_up_store::IndicatorScope;
    let (store, _, programme) =
        crate::pipeline::access::reader(crate::server::context::programme_named(&programme).await?)
            .await?;
    let programme = crate::plan::access::programme(store.as_ref(), programme).await?;
    let today = crate::ui::time::oslo_today();
    let (first, last) = (programme.fields.start_year, programme.fields.end_year);
    let measures = store.measures(programme.id).await?;
    // This year, or before its plan is adopted the latest year followed up.
    let this_year = today.year().clamp(first, last);
    let year = measures
        .iter()
        .filter(|m| {
            m.fields.year <= this_year
                && samskap_domain::follow_up::model::is_followed_up(m.status, m.stopped)
        })
        .map(|m| m.fields.year)
        .max()
        .unwrap_or(this_year);
    let totals = store.follow_up_totals(programme.id).await?;
    let areas = super::year_page::areas_of(&programme);
    let overview = super::year_page::overview(
        &measures,
        &totals,
        &areas,
        (first, year),
        today,
        samskap_domain::follow_up::model::DEFAULT_STALE_DAYS,
    );
    let by_status = MeasureStatus::ALL
        .iter()
        .map(|s| {
            let n = measures
                .iter()
                .filter(|m| m.fields.year == year && m.status == *s)
                .filter(|m| {
                    m.status.in_plan()
                        || samskap_domain::follow_up::model::is_followed_up(m.status, m.stopped)
                })
                .count();
            (*s, n as u32)
        })
        .collect();
    let attention = overview
        .areas
        .iter()
        .flat_map(|a| a.rows.iter())
        .filter_map(|row| {
            let running = matches!(
                row.status,
                MeasureStatus::Adopted | MeasureStatus::InProgress
            );
            let reasons: Vec<Attention> = [
                (row.needs_update, Attention::NoUpdate),
                (
                    row.spent.total() > row.planned.total(),
                    Attention::OverBudget,
                ),
                (
                    running && row.responsible.is_none(),
                    Attention::NoResponsible,
                ),
            ]
            .into_iter()
            .filter_map(|(on, reason)| on.then_some(reason))
            .collect();
            (!reasons.is_empty()).then(|| (row.clone(), reasons))
        })
        .collect();
    let indicators = store
        .indicators(programme.id, IndicatorScope::Goals)
        .await?;
    let goals = samskap_domain::follow_up::indicator::by_goal(programme.goals.clone(), indicators)
        .into_iter()
        .filter(|(_, list)| !list.is_empty())
        .collect();
    let participation = crate::inclusion::diversity::view_of(programme.id, None).await?;
    let turnout = store.turnout(programme.id).await?;
    Ok(DashboardData {
        programme: programme.fields.name.clone(),
        year: overview,
        by_status,
        attention,
        goals,
        participation,
        turnout,
    })
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = crate::ui::programme_path::use_programme();
    let data = Resource::new(|| (), move |_| get_dashboard(slug.clone()));
    view! {
        <PageTitle text=move || t_string!(i18n, follow.dashboard).to_string() />
        <main id="main" class="page">
            <Loaded resource=data let:data>
                <DashboardView data />
            </Loaded>
        </main>
    }
}

fn attention_name(i18n: leptos_i18n::I18nContext<Locale>, a: Attention, days: i64) -> String {
    match a {
        Attention::NoUpdate => t_string!(i18n, follow.needs_update, days = days).to_string(),
        Attention::OverBudget => t_string!(i18n, follow.over_budget).to_string(),
        Attention::NoResponsible => t_string!(i18n, follow.no_responsible).to_string(),
    }
}

#[component]
fn DashboardView(data: DashboardData) -> impl IntoView {
    let i18n = use_i18n();
    let y = data.year.clone();
    let year = y.year;
    let rows = super::year_page::chart_rows(i18n, &y);
    let statuses = data
        .by_status
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| view! {
            <li>
                <span class=format!("status status-{}", s.as_str())>{status_name(i18n, *s)}</span>
                " "
                {*n}
            </li>
        })
        .collect_view();
    let attention = data
        .attention
        .iter()
        .map(|(row, reasons)| {
            let why = reasons
                .iter()
                .map(|r| attention_name(i18n, *r, y.stale_days))
                .collect::<Vec<_>>()
                .join(" · ");
            view! {
                <li>
                    <a href=format!("/measures/{}", row.measure_id) dir="auto">
                        {row.title.clone()}
                    </a>
                    " — "
                    {why}
                </li>
            }
        })
        .collect_view();
    let no_attention = data
        .attention
        .is_empty()
        .then(|| view! { <p>{t!(i18n, follow.all_well)}</p> });
    let goals = data
        .goals
        .into_iter()
        .map(|(goal, indicators)| {
            let items = indicators
                .into_iter()
                .map(|indicator| {
                    let name = indicator.fields.name.clone();
                    view! {
                        <li>
                            <p dir="auto">
                                <strong>{name}</strong>
                            </p>
                            <super::indicator_chart::IndicatorChart indicator />
                        </li>
                    }
                })
                .collect_view();
            view! {
                <li>
                    <h3 dir="auto">{goal.title.clone()}</h3>
                    <ul class="plain">{items}</ul>
                </li>
            }
        })
        .collect_view();
    let p = data.participation.clone();
    view! {
        <h1>{t!(i18n, follow.dashboard)}</h1>
        <p dir="auto">{data.programme.clone()}</p>
        <section aria-labelledby="dash-money">
            <h2 id="dash-money">{t_string!(i18n, follow.year_title, year = year).to_string()}</h2>
            <p class="to-date">
                {t!(i18n, follow.planned)} " " {nok(y.planned.total())} " · "
                {t!(i18n, follow.spent)} " " {nok(y.spent.total())} " · "
                {t!(i18n, follow.remaining)} " " {nok(y.planned.total() - y.spent.total())}
            </p>
            <super::money_chart::MoneyChart
                rows
                title=t_string!(i18n, follow.by_area).to_string()
                id="dash-money-chart"
            />
            <p>
                <a href=crate::ui::programme_path::here(
                    &format!("/plans/{year}/follow-up"),
                )>{t!(i18n, follow.link)}</a>
            </p>
        </section>
        <section aria-labelledby="dash-status">
            <h2 id="dash-status">{t!(i18n, follow.measures)}</h2>
            <ul class="plain statuses">{statuses}</ul>
        </section>
        <section aria-labelledby="dash-attention">
            <h2 id="dash-attention">{t!(i18n, follow.attention)}</h2>
            {no_attention}
            <ul>{attention}</ul>
        </section>
        <section aria-labelledby="dash-goals">
            <h2 id="dash-goals">{t!(i18n, follow.goals_title)}</h2>
            <ul class="plain">{goals}</ul>
            <p>
                <a href=crate::ui::programme_path::here(
                    "/indicators",
                )>{t!(i18n, follow.goals_link)}</a>
            </p>
        </section>
        <section aria-labelledby="dash-people">
            <h2 id="dash-people">{t!(i18n, follow.who_took_part)}</h2>
            <p>
                {t_string!(
                    i18n, diversity.totals, participants = p.participants.shown(), cards = p.cards.shown()
                )
                    .to_string()}
            </p>
            <p>
                {t_string!(i18n, diversity.youth, count = p.youth_participants.shown()).to_string()}
            </p>
            <crate::inclusion::turnout_chart::TurnoutChart turnout=data.turnout.clone() />
            <p>
                <a href=crate::ui::programme_path::here("")>{t!(i18n, nav.programme)}</a>
            </p>
        </section>
    }
}
