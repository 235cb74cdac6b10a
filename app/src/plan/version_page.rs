//! `/p/{programme}/plans/{year}/versions/{n}` (staff) and `/public/{programme}/plans/{year}` (anyone): a frozen
//! version of a year's plan exactly as adopted, with what changed from the version before.
use super::diff::PlanDiff;
use super::document::{ActivityList, BudgetTable, DiffView};
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::guard::Loaded;
use crate::ui::page::PageTitle;
use crate::ui::programme_path::{programme_path, use_programme};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use samskap_domain::plan::model::PlanVersion;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VersionPageData {
    pub version: PlanVersion,
    /// Changes from the version before, if there is one.
    pub diff: Option<PlanDiff>,
}

/// A year's frozen versions; `NotFound` outside the programme.
#[cfg(feature = "ssr")]
async fn frozen(
    store: &dyn samskap_domain::store::Store,
    programme: uuid::Uuid,
    year: i32,
) -> Result<Vec<PlanVersion>, AppError> {
    store
        .plan_versions(programme, year)
        .await
        .map_err(AppError::from)
}

#[cfg(feature = "ssr")]
fn page_of(versions: Vec<PlanVersion>, n: Option<u32>) -> Result<VersionPageData, AppError> {
    let index = match n {
        Some(n) => versions.iter().position(|v| v.version == n),
        None => versions.len().checked_sub(1),
    }
    .ok_or(AppError::NotFound)?;
    let diff = index
        .checked_sub(1)
        .map(|before| super::diff::diff(&versions[before].snapshot, &versions[index].snapshot));
    Ok(VersionPageData {
        version: versions[index].clone(),
        diff,
    })
}

/// A frozen version of a year's plan; any staff role.
#[server(endpoint = "plans/version", output = crate::JsonText)]
pub async fn get_plan_version(
    programme: String,
    year: i32,
    version: u32,
) -> Result<VersionPageData, AppError> {
    let item = crate::server::context::programme_named(&programme).await?;
    let (store, _, programme) = crate::pipeline::access::reader(item).await?;
    page_of(
        frozen(store.as_ref(), programme, year).await?,
        Some(version),
    )
}

/// The latest adopted version of a year's plan, for everyone (no sign-in): open data.
/// `NotFound` until a version is adopted.
#[server(endpoint = "public/plans/get", output = crate::JsonText)]
pub async fn get_public_plan(programme: String, year: i32) -> Result<VersionPageData, AppError> {
    let store = crate::server::context::app()?.store;
    let programme = super::access::public_programme(store.as_ref(), &programme).await?;
    page_of(frozen(store.as_ref(), programme, year).await?, None)
}

#[component]
pub fn PlanVersionPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || params.with(|p| (p.get("programme"), p.get("year"), p.get("version"))),
        |(programme, year, version)| async move {
            match (
                programme,
                year.and_then(|y| y.parse().ok()),
                version.and_then(|v| v.parse().ok()),
            ) {
                (Some(programme), Some(year), Some(version)) => {
                    get_plan_version(programme, year, version).await
                }
                _ => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <main id="main" class="page">
            <Loaded resource=data let:data>
                <VersionView data public=false />
            </Loaded>
        </main>
    }
}

#[component]
pub fn PublicPlanPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || params.with(|p| (p.get("programme"), p.get("year"))),
        |(programme, year)| async move {
            match (programme, year.and_then(|y| y.parse().ok())) {
                (Some(programme), Some(year)) => get_public_plan(programme, year).await,
                _ => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <main id="main" class="page">
            <Loaded resource=data let:data>
                <VersionView data public=true />
            </Loaded>
        </main>
    }
}

#[component]
fn VersionView(data: VersionPageData, public: bool) -> impl IntoView {
    let i18n = use_i18n();
    let v = data.version;
    let s = v.snapshot.clone();
    let title = format!(
        "{} – {}",
        t_string!(i18n, plan.plan_of_year, year = s.year),
        s.programme
    );
    let page_title = title.clone();
    let year = s.year;
    let sent = v.adoption.sent_on.map(|d| {
        view! { <p>{t!(i18n, plan.sent_on)} " " {d.format("%d.%m.%Y").to_string()}</p> }
    });
    let slug = use_programme();
    let (base, crumbs) = if public {
        (format!("/public/{slug}/plans/{year}/plan"), None)
    } else {
        (
            programme_path(&slug, &format!("/plans/{year}/versions/{}/plan", v.version)),
            Some(view! {
                <p class="crumbs">
                    <a href=programme_path(
                        &slug,
                        &format!("/plans/{year}"),
                    )>{t_string!(i18n, plan.plan_of_year, year = year).to_string()}</a>
                </p>
            }),
        )
    };
    let diff = data.diff.map(|d| {
        view! {
            <section aria-labelledby="diff-heading">
                <h2 id="diff-heading">
                    {t_string!(i18n, plan.changes_since, n = d.from_version).to_string()}
                </h2>
                <DiffView diff=d />
            </section>
        }
    });
    view! {
        <PageTitle text=move || page_title.clone() />
        {crumbs}
        <h1>{title}</h1>
        <p>
            {t_string!(i18n, plan.version_n, n = v.version).to_string()} " · "
            {t!(i18n, plan.adopted_by)} " " {v.adoption.adopted_by.clone()} " "
            {v.adoption.adopted_on.format("%d.%m.%Y").to_string()}
        </p>
        {sent}
        <section aria-labelledby="budget-heading">
            <h2 id="budget-heading">{t!(i18n, plan.budget)}</h2>
            <BudgetTable snapshot=s.clone() />
        </section>
        {diff}
        <section aria-labelledby="document-heading">
            <h2 id="document-heading">{t!(i18n, plan.activity_list)}</h2>
            <ActivityList snapshot=s />
        </section>
        <section aria-labelledby="export-heading">
            <h2 id="export-heading">{t!(i18n, plan.export)}</h2>
            <ul class="exports">
                <li>
                    <a href=format!("{base}.docx") download>
                        {t!(i18n, plan.export_docx)}
                    </a>
                </li>
                <li>
                    <a href=format!("{base}.pdf") download>
                        {t!(i18n, plan.export_pdf)}
                    </a>
                </li>
                <li>
                    <a href=format!("{base}.csv") download>
                        {t!(i18n, plan.export_csv)}
                    </a>
                </li>
                <li>
                    <a href=format!("{base}.json") download>
                        {t!(i18n, plan.export_json)}
                    </a>
                </li>
            </ul>
        </section>
    }
}
