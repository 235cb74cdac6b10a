//! `/reports/{id}`: a report's draft generated from today's records, section by section
//! with the municipality's own text under each (editable by the lead and the core
//! team), its frozen versions, and the downloads of the draft and of each version.
use super::list_page::{kind_name, period};
use crate::error::{AppError, ErrorAlert};
use crate::i18n::*;
use crate::ui::guard::Loaded;
use crate::ui::page::PageTitle;
use crate::ui::refresh::last_error;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use samskap_domain::report::model::{
    Cell, Report, ReportDocument, Section, SectionKey, Table, VersionInfo, MAX_SECTION_TEXT,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportData {
    pub report: Report,
    pub draft: ReportDocument,
    pub versions: Vec<VersionInfo>,
    pub can_edit: bool,
    /// The slug of its programme, for links to the programme's pages.
    pub programme_slug: String,
}

/// A report with its draft and versions; any staff role. `NotFound` for another
/// programme's or none.
#[server(endpoint = "reports/get", output = crate::JsonText)]
pub async fn get_report(id: Uuid) -> Result<ReportData, AppError> {
    let (store, user, programme) =
        crate::pipeline::access::reader(samskap_domain::store::Item::Report(id)).await?;
    let programme = crate::plan::access::programme(store.as_ref(), programme).await?;
    let (report, texts) = super::build::report(store.as_ref(), programme.id, id).await?;
    let draft = super::build::draft(store.as_ref(), &programme, &report, &texts).await?;
    let versions = store.report_versions(programme.id, id).await?;
    Ok(ReportData {
        report,
        draft,
        versions,
        can_edit: user.role.can_plan(),
        programme_slug: programme.slug,
    })
}

/// Saves the text of one section of a report; the lead and the core team. An empty
/// text clears it. `BadRequest` for a section the report's kind does not have.
#[server(endpoint = "reports/text", output = crate::JsonText)]
pub async fn save_report_text(
    report_id: Uuid,
    section: String,
    #[server(default)] text: String,
) -> Result<(), AppError> {
    use crate::error::Field;
    let (store, actor, programme) =
        crate::plan::access::planner(samskap_domain::store::Item::Report(report_id)).await?;
    let (report, _) = super::build::report(store.as_ref(), programme, report_id).await?;
    let section: SectionKey = section.trim().parse().map_err(|_| AppError::BadRequest)?;
    if !report.kind.sections().contains(&section) {
        return Err(AppError::BadRequest);
    }
    let text = samskap_domain::validate::optional(Field::Text, &text, MAX_SECTION_TEXT)?;
    store
        .save_report_text(programme, report_id, section, &text, &actor)
        .await?;
    Ok(())
}

/// Freezes the report as it is generated now, with its texts, as version `version`,
/// which must be its next (`ReportVersionTaken` for a second click or another planner
/// first); the lead and the core team. Returns the version.
#[server(endpoint = "reports/freeze", output = crate::JsonText)]
pub async fn freeze_report(report_id: Uuid, version: String) -> Result<u32, AppError> {
    let (store, actor, programme) =
        crate::plan::access::planner(samskap_domain::store::Item::Report(report_id)).await?;
    let programme = crate::plan::access::programme(store.as_ref(), programme).await?;
    let version: u32 = match version.trim().parse() {
        Ok(v) if v >= 1 => v,
        _ => return Err(AppError::BadRequest),
    };
    let (report, texts) = super::build::report(store.as_ref(), programme.id, report_id).await?;
    let draft = super::build::draft(store.as_ref(), &programme, &report, &texts).await?;
    store
        .freeze_report(programme.id, report_id, version, &draft, &actor)
        .await?;
    Ok(version)
}

#[component]
pub fn ReportPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || params.with(|p| p.get("id")),
        |id| async move {
            match id.and_then(|id| id.parse::<Uuid>().ok()) {
                Some(id) => get_report(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <main id="main" class="page report-page">
            <Loaded resource=data let:data>
                <ReportView data />
            </Loaded>
        </main>
    }
}

#[component]
fn ReportView(data: ReportData) -> impl IntoView {
    let i18n = use_i18n();
    provide_context(crate::ui::programme_path::InProgramme(
        data.programme_slug.clone(),
    ));
    let report = data.report.clone();
    let id = report.id;
    let heading = format!("{} {}", kind_name(i18n, report.kind), report.year);
    let page_title = heading.clone();
    let formats = ["docx", "pdf", "csv", "json"];
    let downloads = move |base: String| {
        formats
            .iter()
            .map(|ext| {
                view! {
                    " "
                    <a href=format!("{base}.{ext}") download>
                        {ext.to_uppercase()}
                    </a>
                }
            })
            .collect_view()
    };
    let versions = data
        .versions
        .iter()
        .map(|v| {
            let at = crate::ui::time::oslo(v.frozen_at);
            let line = t_string!(i18n, report.version_line, version = v.version, at = at, by = v.frozen_by.clone()).to_string();
            view! { <li>{line} ":" {downloads(format!("/reports/{id}/versions/{}/report", v.version))}</li> }
        })
        .collect_view();
    let no_versions = data
        .versions
        .is_empty()
        .then(|| view! { <p>{t!(i18n, report.no_versions)}</p> });
    let next = data.versions.len() as u32 + 1;
    let freeze = data
        .can_edit
        .then(|| view! { <FreezeForm report_id=id next /> });
    let by_area = data.draft.figures.by_area.clone();
    let sections = data
        .draft
        .sections
        .into_iter()
        .map(|s| {
            let chart = (s.key == SectionKey::Money).then(|| money_chart(&by_area));
            view! { <SectionView report_id=id section=s can_edit=data.can_edit chart /> }
        })
        .collect_view();
    view! {
        <PageTitle text=move || page_title.clone() />
        <p class="crumbs">
            <a href=crate::ui::programme_path::here("/reports")>{t!(i18n, report.title)}</a>
        </p>
        <h1>{heading}</h1>
        <p>
            {t!(i18n, report.period)} ": " {period(&report)} " · "
            {t_string!(i18n, report.created, by = report.created_by.clone()).to_string()}
        </p>
        <section aria-labelledby="versions-heading">
            <h2 id="versions-heading">{t!(i18n, report.versions)}</h2>
            {no_versions}
            <ul class="versions">{versions}</ul>
            {freeze}
        </section>
        <section aria-labelledby="draft-heading" class="report-draft" lang="nb">
            <h2 id="draft-heading">{data.draft.title.clone()}</h2>
            <p class="hint" lang=move || i18n.get_locale().as_str()>
                {t!(i18n, report.draft)}
                ". "
                {t!(i18n, report.language_note)}
                " "
                {t!(i18n, report.download_draft)}
                ":"
                {downloads(format!("/reports/{id}/export"))}
            </p>
            {sections}
        </section>
    }
}

#[component]
fn FreezeForm(report_id: Uuid, next: u32) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<FreezeReport>::new();
    let error = Signal::derive(move || last_error(action));
    view! {
        <ActionForm action attr:class="form inline">
            <input type="hidden" name="report_id" value=report_id.to_string() />
            <input type="hidden" name="version" value=next.to_string() />
            <p class="hint">{t!(i18n, report.freeze_hint)}</p>
            <ErrorAlert error />
            <button type="submit">
                {t_string!(i18n, report.freeze, version = next).to_string()}
            </button>
        </ActionForm>
    }
}

/// The money section's chart rows: planned against spent per focus area.
fn money_chart(
    areas: &[samskap_domain::report::model::AreaFigures],
) -> Vec<crate::follow_up::money_chart::Row> {
    areas
        .iter()
        .map(|a| crate::follow_up::money_chart::Row {
            name: crate::plan::nb::focus_area(&a.name).to_string(),
            planned: a.planned.total(),
            spent: a.spent.total(),
        })
        .collect()
}

#[component]
fn SectionView(
    report_id: Uuid,
    section: Section,
    can_edit: bool,
    chart: Option<Vec<crate::follow_up::money_chart::Row>>,
) -> impl IntoView {
    let key = section.key;
    let heading_id = format!("section-{}", key.as_str());
    let labelled_by = heading_id.clone();
    let paragraphs = section
        .paragraphs
        .into_iter()
        .map(|p| view! { <p dir="auto">{p}</p> })
        .collect_view();
    let tables = section
        .tables
        .into_iter()
        .map(|t| view! { <TableView table=t /> })
        .collect_view();
    let own = if can_edit {
        view! { <SectionTextForm report_id key text=section.text heading_id=heading_id.clone() /> }
            .into_any()
    } else {
        (!section.text.is_empty())
            .then(|| {
                view! {
                    <p class="prewrap own-text" dir="auto">
                        {section.text}
                    </p>
                }
            })
            .into_any()
    };
    view! {
        <section aria-labelledby=labelled_by class="report-section">
            <h3 id=heading_id>{section.heading}</h3>
            {paragraphs}
            {tables}
            {chart
                .map(|rows| {
                    view! {
                        <crate::follow_up::money_chart::MoneyChart
                            rows
                            title="Planlagt og brukt etter innsatsområde"
                            id="report-money-chart"
                        />
                    }
                })}
            {own}
        </section>
    }
}

#[component]
fn TableView(table: Table) -> impl IntoView {
    let head = table
        .columns
        .into_iter()
        .map(|c| view! { <th scope="col">{c}</th> })
        .collect_view();
    let rows = table
        .rows
        .into_iter()
        .map(|r| {
            let cells = r
                .cells
                .into_iter()
                .enumerate()
                .map(|(i, c)| {
                    let num = matches!(c, Cell::Nok(_));
                    let text = c.printed('\u{a0}');
                    if i == 0 {
                        view! {
                            <th scope="row" dir="auto" class="prewrap">
                                {text}
                            </th>
                        }
                        .into_any()
                    } else {
                        view! {
                            <td class=if num { "num" } else { "prewrap" } dir="auto">
                                {text}
                            </td>
                        }
                        .into_any()
                    }
                })
                .collect_view();
            view! { <tr class=if r.total { "total" } else { "" }>{cells}</tr> }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="budget">
                <caption>{table.caption}</caption>
                <thead>
                    <tr>{head}</tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

#[component]
fn SectionTextForm(
    report_id: Uuid,
    key: SectionKey,
    text: String,
    /// The section's heading, which describes the text box and its button.
    heading_id: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SaveReportText>::new();
    let error = Signal::derive(move || last_error(action));
    let id = format!("text-{}", key.as_str());
    view! {
        <ActionForm action attr:class="form report-text">
            <input type="hidden" name="report_id" value=report_id.to_string() />
            <input type="hidden" name="section" value=key.as_str() />
            <label for=id.clone() lang=move || i18n.get_locale().as_str()>
                {t!(i18n, report.your_text)}
            </label>
            <textarea
                id=id
                name="text"
                rows="4"
                maxlength=MAX_SECTION_TEXT.to_string()
                dir="auto"
                aria-describedby=heading_id.clone()
            >
                {text}
            </textarea>
            <ErrorAlert error />
            <button
                type="submit"
                lang=move || i18n.get_locale().as_str()
                aria-describedby=heading_id
            >
                {t!(i18n, report.save)}
            </button>
        </ActionForm>
    }
}
