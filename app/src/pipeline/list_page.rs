//! `/prototypes`: every prototype of the programme, each lineage with its versions
//! and where it stands.
use super::status_badge::StatusBadge;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::guard::Loaded;
use crate::ui::page::PageTitle;
use leptos::prelude::*;
use samskap_domain::pipeline::model::Prototype;

/// The programme's prototypes, newest lineage first; any staff role.
#[server(endpoint = "prototypes/list", output = crate::JsonText)]
pub async fn list_prototypes(programme: String) -> Result<Vec<Prototype>, AppError> {
    let (store, _, programme) =
        super::access::reader(crate::server::context::programme_named(&programme).await?).await?;
    store.prototypes(programme).await.map_err(AppError::from)
}

#[component]
pub fn PrototypesPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = crate::ui::programme_path::use_programme();
    let data = Resource::new(|| (), move |_| list_prototypes(slug.clone()));
    view! {
        <PageTitle text=move || t_string!(i18n, pipeline.prototypes).to_string() />
        <main id="main" class="page">
            <h1>{t!(i18n, pipeline.prototypes)}</h1>
            <p>{t!(i18n, pipeline.prototypes_intro)}</p>
            <Loaded resource=data let:prototypes>
                <Lineages prototypes />
            </Loaded>
        </main>
    }
}

#[component]
fn Lineages(prototypes: Vec<Prototype>) -> impl IntoView {
    let i18n = use_i18n();
    if prototypes.is_empty() {
        return view! { <p>{t!(i18n, pipeline.no_prototypes)}</p> }.into_any();
    }
    // The list comes grouped by lineage, versions in order.
    let mut lineages: Vec<Vec<Prototype>> = Vec::new();
    for p in prototypes {
        match lineages.last_mut() {
            Some(last) if last[0].lineage_id == p.lineage_id => last.push(p),
            _ => lineages.push(vec![p]),
        }
    }
    let items = lineages
        .into_iter()
        .map(|versions| {
            let latest = versions.last().cloned().expect("a lineage has a version");
            let links = versions
                .iter()
                .map(|v| {
                    view! {
                        <a href=format!("/prototypes/{}", v.id)>{format!("v{}", v.version)}</a>
                        " "
                    }
                })
                .collect_view();
            view! {
                <li class="card">
                    <h2>
                        <a href=format!("/prototypes/{}", latest.id) dir="auto">
                            {latest.fields.title.clone()}
                        </a>
                    </h2>
                    <p>
                        <StatusBadge status=latest.status />
                        " "
                        {links}
                    </p>
                    <p dir="auto">{latest.fields.assumption.clone()}</p>
                    <p>
                        <a href=format!(
                            "/trace/prototypes/{}",
                            latest.id,
                        )>{t!(i18n, pipeline.show_trace)}</a>
                    </p>
                </li>
            }
        })
        .collect_view();
    view! { <ol class="cards">{items}</ol> }.into_any()
}
