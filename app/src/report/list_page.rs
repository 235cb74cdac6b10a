//! `/reports`: the programme's reports, newest period first, and (for the lead and the
//! core team) the form that creates one for a kind, a year and a period.
use crate::error::{AppError, ErrorAlert};
use crate::i18n::*;
use crate::ui::guard::Loaded;
use crate::ui::page::PageTitle;
use crate::ui::refresh::last_error;
use leptos::prelude::*;
use samskap_domain::report::model::{Report, ReportKind};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportsData {
    pub reports: Vec<Report>,
    pub can_edit: bool,
    pub first_year: i32,
    pub last_year: i32,
    /// This year, within the programme's years.
    pub this_year: i32,
}

/// The reports; any staff role.
#[server(endpoint = "reports/list", output = crate::JsonText)]
pub async fn get_reports(programme: String) -> Result<ReportsData, AppError> {
    use chrono::Datelike;
    let (store, user, programme) =
        crate::pipeline::access::reader(crate::server::context::programme_named(&programme).await?)
            .await?;
    let programme = crate::plan::access::programme(store.as_ref(), programme).await?;
    let (first_year, last_year) = (programme.fields.start_year, programme.fields.end_year);
    Ok(ReportsData {
        reports: store.reports(programme.id).await?,
        can_edit: user.role.can_plan(),
        first_year,
        last_year,
        this_year: crate::ui::time::oslo_today()
            .year()
            .clamp(first_year, last_year),
    })
}

/// Creates a report and opens it; the lead and the core team. Empty dates take the
/// kind's usual period (`ReportKind::default_period`); given dates must lie in `year`,
/// which must be one of the programme's.
#[server(endpoint = "reports/create", output = crate::JsonText)]
pub async fn create_report(
    programme: String,
    kind: String,
    year: String,
    #[server(default)] from: String,
    #[server(default)] to: String,
) -> Result<Uuid, AppError> {
    use crate::error::Field;
    use chrono::Datelike;
    use samskap_domain::store::report_store::NewReport;
    let (store, actor, programme) =
        crate::plan::access::planner(crate::server::context::programme_named(&programme).await?)
            .await?;
    let programme = crate::plan::access::programme(store.as_ref(), programme).await?;
    let kind: ReportKind = kind.trim().parse().map_err(|_| AppError::BadRequest)?;
    let years = i64::from(programme.fields.start_year)..=i64::from(programme.fields.end_year);
    let year = samskap_domain::validate::number(Field::Year, &year, years)? as i32;
    let since = store
        .reports(programme.id)
        .await?
        .into_iter()
        .filter(|r| r.kind == ReportKind::Status)
        .map(|r| r.to)
        .max()
        .and_then(|d| d.succ_opt());
    let (mut start, mut end) = kind.default_period(year, since, crate::ui::time::oslo_today());
    if !from.trim().is_empty() {
        start = crate::plan::fields::date(Field::Date, &from)?;
    }
    if !to.trim().is_empty() {
        end = crate::plan::fields::date(Field::EndsOn, &to)?;
    }
    if start.year() != year {
        return Err(AppError::OutOfRange(Field::Date));
    }
    if end.year() != year {
        return Err(AppError::OutOfRange(Field::EndsOn));
    }
    if end < start {
        return Err(AppError::PeriodReversed);
    }
    let report = NewReport {
        kind,
        year,
        from: start,
        to: end,
    };
    let id = store.create_report(programme.id, &report, &actor).await?;
    leptos_axum::redirect(&format!("/reports/{id}"));
    Ok(id)
}

/// A kind's name in the interface language.
pub fn kind_name(i18n: leptos_i18n::I18nContext<Locale>, kind: ReportKind) -> String {
    match kind {
        ReportKind::Status => t_string!(i18n, report.kind_status),
        ReportKind::HalfYear => t_string!(i18n, report.kind_half_year),
        ReportKind::Annual => t_string!(i18n, report.kind_annual),
    }
    .to_string()
}

/// "01.01.2025–31.12.2025".
pub fn period(report: &Report) -> String {
    format!(
        "{}–{}",
        report.from.format("%d.%m.%Y"),
        report.to.format("%d.%m.%Y")
    )
}

#[component]
pub fn ReportsPage() -> impl IntoView {
    let slug = crate::ui::programme_path::use_programme();
    let data = Resource::new(|| (), move |_| get_reports(slug.clone()));
    view! {
        <main id="main" class="page">
            <Loaded resource=data let:data>
                <ReportsView data />
            </Loaded>
        </main>
    }
}

#[component]
fn ReportsView(data: ReportsData) -> impl IntoView {
    let i18n = use_i18n();
    let rows = data
        .reports
        .iter()
        .map(|r| {
            let versions = if r.versions == 0 {
                t_string!(i18n, report.no_versions).to_string()
            } else {
                r.versions.to_string()
            };
            view! {
                <tr>
                    <td>
                        <a href=format!(
                            "/reports/{}",
                            r.id,
                        )>{kind_name(i18n, r.kind)} " " {r.year}</a>
                    </td>
                    <td>{period(r)}</td>
                    <td>{versions}</td>
                    <td>{r.created_by.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    let list = if data.reports.is_empty() {
        view! { <p>{t!(i18n, report.none)}</p> }.into_any()
    } else {
        view! {
            <div class="table-scroll">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, report.kind)}</th>
                            <th scope="col">{t!(i18n, report.period)}</th>
                            <th scope="col">{t!(i18n, report.versions)}</th>
                            <th scope="col">{t!(i18n, report.created_by)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let form = data
        .can_edit
        .then(|| view! { <NewReportForm data=data.clone() /> });
    view! {
        <PageTitle text=move || t_string!(i18n, report.title).to_string() />
        <h1>{t!(i18n, report.title)}</h1>
        <p>{t!(i18n, report.intro)}</p>
        {form}
        {list}
    }
}

#[component]
fn NewReportForm(data: ReportsData) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<CreateReport>::new();
    let error = Signal::derive(move || last_error(action));
    let kinds = ReportKind::ALL
        .iter()
        .map(|k| view! { <option value=k.as_str()>{kind_name(i18n, *k)}</option> })
        .collect_view();
    let years = (data.first_year..=data.last_year)
        .map(|y| {
            view! {
                <option value=y.to_string() selected=y == data.this_year>
                    {y}
                </option>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="new-report-heading" class="card">
            <h2 id="new-report-heading">{t!(i18n, report.new)}</h2>
            <ActionForm action attr:class="form">
                <crate::ui::programme_path::ProgrammeField />
                <label for="report-kind">{t!(i18n, report.kind)}</label>
                <select id="report-kind" name="kind">
                    {kinds}
                </select>
                <label for="report-year">{t!(i18n, report.year)}</label>
                <select id="report-year" name="year">
                    {years}
                </select>
                <p class="hint" id="report-period-hint">
                    {t!(i18n, report.period_hint)}
                </p>
                <label for="report-from">{t!(i18n, report.from)}</label>
                <input
                    id="report-from"
                    type="date"
                    name="from"
                    aria-describedby="report-period-hint"
                />
                <label for="report-to">{t!(i18n, report.to)}</label>
                <input id="report-to" type="date" name="to" aria-describedby="report-period-hint" />
                <ErrorAlert error />
                <button type="submit">{t!(i18n, report.create)}</button>
            </ActionForm>
        </section>
    }
}
