//! `/plans/{year}/follow-up`: the year's money planned against spent by funding source
//! and focus area (and the programme's to date), and every followed-up measure with its
//! responsible, its spending, its last update and a flag when it needs one.
use super::budget_table::{BudgetBySource, MoneyCells, MoneyHead};
use crate::error::AppError;
use crate::i18n::*;
use crate::plan::document::nok;
use crate::plan::measure_badge::MeasureBadge;
use crate::ui::guard::Loaded;
use crate::ui::page::PageTitle;
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use samskap_domain::follow_up::model::{
    is_followed_up, needs_update, MeasureTotals, MAX_STALE_DAYS,
};
use samskap_domain::plan::model::{Funding, Measure, MeasureStatus};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// One measure's line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FollowUpRow {
    pub measure_id: Uuid,
    pub title: String,
    pub status: MeasureStatus,
    pub responsible: Option<String>,
    pub planned: Funding,
    pub spent: Funding,
    pub last_progress: Option<NaiveDate>,
    pub needs_update: bool,
}

/// A focus area's measures and sums (`name` empty: without a focus area).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AreaFollowUp {
    pub name: String,
    pub rows: Vec<FollowUpRow>,
    pub planned: Funding,
    pub spent: Funding,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YearFollowUpData {
    pub year: i32,
    pub first_year: i32,
    pub areas: Vec<AreaFollowUp>,
    pub planned: Funding,
    pub spent: Funding,
    /// From the programme's first year to this one.
    pub planned_to_date: Funding,
    pub spent_to_date: Funding,
    pub stale_days: i64,
    pub today: NaiveDate,
    /// The year's unspent grant and its carry-over into the next (not on the dashboard).
    pub carry: Option<samskap_domain::follow_up::carry_over::CarryOffer>,
}

/// A year's follow-up; any staff role. `NotFound` for a year outside the programme,
/// `OutOfRange` for `stale_days` outside 1–730.
#[server(endpoint = "plans/follow-up", output = crate::JsonText)]
pub async fn get_year_follow_up(
    programme: String,
    year: i32,
    #[server(default)] stale_days: String,
) -> Result<YearFollowUpData, AppError> {
    let (store, user, programme) =
        crate::pipeline::access::reader(crate::server::context::programme_named(&programme).await?)
            .await?;
    let programme = crate::plan::access::programme(store.as_ref(), programme).await?;
    if !(programme.fields.start_year..=programme.fields.end_year).contains(&year) {
        return Err(AppError::NotFound);
    }
    let stale_days = match stale_days.trim() {
        "" => samskap_domain::follow_up::model::DEFAULT_STALE_DAYS,
        days => samskap_domain::validate::number(
            crate::error::Field::StaleDays,
            days,
            1..=MAX_STALE_DAYS,
        )?,
    };
    let measures = store.measures(programme.id).await?;
    let totals = store.follow_up_totals(programme.id).await?;
    let areas = areas_of(&programme);
    let mut data = overview(
        &measures,
        &totals,
        &areas,
        (programme.fields.start_year, year),
        crate::ui::time::oslo_today(),
        stale_days,
    );
    let can_confirm = user.role.can_adopt();
    data.carry =
        super::carry_over::offer(store.as_ref(), &programme, year, &measures, can_confirm).await?;
    Ok(data)
}

/// The programme's focus areas (id, name) in order, then "none" (`None`, empty name).
pub fn areas_of(
    programme: &samskap_domain::programme::model::Programme,
) -> Vec<(Option<Uuid>, String)> {
    programme
        .focus_areas
        .iter()
        .map(|fa| (Some(fa.id), fa.name.clone()))
        .chain([(None, String::new())])
        .collect()
}

/// The page's figures from the programme's measures and their totals: every measure
/// followed up (adopted, running, done, or stopped after adoption).
pub fn overview(
    measures: &[Measure],
    totals: &[MeasureTotals],
    areas: &[(Option<Uuid>, String)],
    (first_year, year): (i32, i32),
    today: NaiveDate,
    stale_days: i64,
) -> YearFollowUpData {
    let total_of = |id: Uuid| totals.iter().find(|t| t.measure_id == id);
    let followed = |m: &&Measure| is_followed_up(m.status, m.stopped);
    let mut data = YearFollowUpData {
        year,
        first_year,
        areas: Vec::new(),
        planned: Funding::default(),
        spent: Funding::default(),
        planned_to_date: Funding::default(),
        spent_to_date: Funding::default(),
        stale_days,
        today,
        carry: None,
    };
    for m in measures.iter().filter(followed) {
        if (first_year..=year).contains(&m.fields.year) {
            data.planned_to_date.add(&m.fields.funding);
            if let Some(t) = total_of(m.id) {
                data.spent_to_date.add(&t.spent);
            }
        }
    }
    for (area, name) in areas {
        let rows: Vec<FollowUpRow> = measures
            .iter()
            .filter(followed)
            .filter(|m| m.fields.year == year && m.fields.focus_area_id == *area)
            .map(|m| {
                let t = total_of(m.id).cloned().unwrap_or_default();
                FollowUpRow {
                    measure_id: m.id,
                    title: m.fields.title.clone(),
                    status: m.status,
                    responsible: t.responsible.map(|r| r.name),
                    planned: m.fields.funding,
                    spent: t.spent,
                    last_progress: t.last_progress,
                    needs_update: needs_update(
                        m.status,
                        m.fields.starts_on,
                        t.last_progress,
                        today,
                        stale_days,
                    ),
                }
            })
            .collect();
        if rows.is_empty() {
            continue;
        }
        let mut area = AreaFollowUp {
            name: name.clone(),
            rows,
            planned: Funding::default(),
            spent: Funding::default(),
        };
        for row in &area.rows {
            area.planned.add(&row.planned);
            area.spent.add(&row.spent);
        }
        data.planned.add(&area.planned);
        data.spent.add(&area.spent);
        data.areas.push(area);
    }
    data
}

#[component]
pub fn YearFollowUpPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            (
                params.with(|p| (p.get("programme").unwrap_or_default(), p.get("year"))),
                query.with(|q| q.get("stale_days").unwrap_or_default()),
            )
        },
        |((programme, year), stale_days)| async move {
            match year.and_then(|y| y.parse::<i32>().ok()) {
                Some(year) => get_year_follow_up(programme, year, stale_days).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <main id="main" class="page">
            <Loaded resource=data let:data>
                <YearFollowUpView data />
            </Loaded>
        </main>
    }
}

#[component]
fn YearFollowUpView(data: YearFollowUpData) -> impl IntoView {
    let i18n = use_i18n();
    let year = data.year;
    let title = t_string!(i18n, follow.year_title, year = year).to_string();
    let page_title = title.clone();
    let flagged = data
        .areas
        .iter()
        .flat_map(|a| a.rows.iter())
        .filter(|r| r.needs_update)
        .count();
    let areas = data
        .areas
        .iter()
        .map(|a| {
            let name = area_name(i18n, a);
            view! {
                <tr>
                    <th scope="row" dir="auto">
                        {name}
                    </th>
                    <MoneyCells planned=a.planned.total() spent=a.spent.total() />
                </tr>
            }
        })
        .collect_view();
    let area_rows = chart_rows(i18n, &data);
    let measures = data
        .areas
        .iter()
        .map(|a| {
            let name = area_name(i18n, a);
            let rows = a
                .rows
                .iter()
                .map(|r| measure_row(i18n, r, data.stale_days))
                .collect_view();
            view! {
                <tbody>
                    <tr class="group">
                        <th scope="rowgroup" colspan="7" dir="auto">
                            {name}
                        </th>
                    </tr>
                    {rows}
                </tbody>
            }
        })
        .collect_view();
    let empty = data
        .areas
        .is_empty()
        .then(|| view! { <p>{t!(i18n, follow.nothing_adopted)}</p> });
    view! {
        <PageTitle text=move || page_title.clone() />
        <p class="crumbs">
            <a href=crate::ui::programme_path::here(
                &format!("/plans/{year}"),
            )>{t_string!(i18n, plan.plan_of_year, year = year).to_string()}</a>
        </p>
        <h1>{title}</h1>
        <p>{t!(i18n, follow.year_intro)}</p>
        {(flagged > 0)
            .then(|| {
                view! {
                    <p class="notice" role="note">
                        {t_string!(i18n, follow.flagged, count = flagged, days = data.stale_days)
                            .to_string()}
                    </p>
                }
            })}
        <form method="get" class="inline filters">
            <label for="stale-days">{t!(i18n, follow.stale_days)}</label>
            " "
            <input
                id="stale-days"
                name="stale_days"
                type="number"
                min="1"
                max=MAX_STALE_DAYS.to_string()
                value=data.stale_days.to_string()
            />
            " "
            <button type="submit">{t!(i18n, follow.show)}</button>
        </form>
        {empty}
        <section aria-labelledby="money-heading">
            <h2 id="money-heading">{t!(i18n, follow.money)}</h2>
            <BudgetBySource
                caption=t_string!(i18n, follow.by_source).to_string()
                planned=data.planned
                spent=data.spent
            />
            <super::money_chart::MoneyChart
                rows=area_rows
                title=t_string!(i18n, follow.by_area).to_string()
                id="money-by-area"
            />
            <table class="budget">
                <caption>{t!(i18n, follow.by_area)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, plan.focus_area)}</th>
                        <MoneyHead />
                    </tr>
                </thead>
                <tbody>{areas}</tbody>
            </table>
            <p class="to-date">
                {t_string!(i18n, follow.to_date, from = data.first_year, year = year).to_string()}
                ": " {t!(i18n, follow.planned)} " " {nok(data.planned_to_date.total())} ", "
                {t!(i18n, follow.spent)} " " {nok(data.spent_to_date.total())}
            </p>
        </section>
        {data.carry.clone().map(|offer| view! { <super::carry_over::CarryOverSection offer /> })}
        <section aria-labelledby="measures-heading">
            <h2 id="measures-heading">{t!(i18n, follow.measures)}</h2>
            <div class="table-scroll">
                <table class="follow-up-table">
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, plan.title)}</th>
                            <th scope="col">{t!(i18n, plan.status)}</th>
                            <th scope="col">{t!(i18n, follow.responsible)}</th>
                            <MoneyHead />
                            <th scope="col">{t!(i18n, follow.last_update)}</th>
                        </tr>
                    </thead>
                    {measures}
                </table>
            </div>
        </section>
    }
}

/// A focus area's name, or "without a focus area".
fn area_name(i18n: leptos_i18n::I18nContext<Locale>, area: &AreaFollowUp) -> String {
    if area.name.is_empty() {
        t_string!(i18n, plan.no_focus_area).to_string()
    } else {
        area.name.clone()
    }
}

/// The year's focus areas as rows of the planned-against-spent chart.
pub fn chart_rows(
    i18n: leptos_i18n::I18nContext<Locale>,
    data: &YearFollowUpData,
) -> Vec<super::money_chart::Row> {
    data.areas
        .iter()
        .map(|a| super::money_chart::Row {
            name: area_name(i18n, a),
            planned: a.planned.total(),
            spent: a.spent.total(),
        })
        .collect()
}

fn measure_row(
    i18n: leptos_i18n::I18nContext<Locale>,
    r: &FollowUpRow,
    stale_days: i64,
) -> impl IntoView {
    let last = r
        .last_progress
        .map(|d| d.format("%d.%m.%Y").to_string())
        .unwrap_or_else(|| t_string!(i18n, follow.never).to_string());
    let flag = r.needs_update.then(|| {
        view! {
            " "
            <span class="status status-stale">
                {t_string!(i18n, follow.needs_update, days = stale_days).to_string()}
            </span>
        }
    });
    view! {
        <tr>
            <td dir="auto">
                <a href=format!("/measures/{}", r.measure_id)>{r.title.clone()}</a>
            </td>
            <td>
                <MeasureBadge status=r.status />
            </td>
            <td>
                {r
                    .responsible
                    .clone()
                    .unwrap_or_else(|| t_string!(i18n, follow.nobody).to_string())}
            </td>
            <MoneyCells planned=r.planned.total() spent=r.spent.total() />
            <td>{last}{flag}</td>
        </tr>
    }
}
