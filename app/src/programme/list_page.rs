//! `/programmes`: the programmes one is a member of, to pick one; for an operator also
//! every programme of the installation and the form that adds one with its first lead.
use crate::account::manage::role_name;
use crate::error::{AppError, ErrorAlert};
use crate::i18n::*;
use crate::ui::guard::Loaded;
use crate::ui::page::PageTitle;
use crate::ui::programme_path::programme_path;
use crate::ui::refresh::last_error;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use samskap_domain::account::model::Membership;
use samskap_domain::programme::model::ProgrammeName;
use serde::{Deserialize, Serialize};

/// The caller's programmes, and for an operator the installation's.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProgrammesData {
    pub memberships: Vec<Membership>,
    /// Every programme, for an operator; `None` for everyone else.
    pub all: Option<Vec<ProgrammeName>>,
}

/// The caller's programmes; every programme too for an operator. Any signed-in account.
#[server(endpoint = "programmes/list", output = crate::JsonText)]
pub async fn list_programmes() -> Result<ProgrammesData, AppError> {
    use crate::server::context::{app, require_account};
    let account = require_account().await?;
    let store = app()?.store;
    let all = match account.operator {
        true => Some(store.programmes().await?),
        false => None,
    };
    Ok(ProgrammesData {
        memberships: store.memberships(account.id).await?,
        all,
    })
}

/// Adds a programme led by the active account with `lead` (the caller when empty), with
/// `slug` in its URLs (made from the name when empty); operators only.
#[server(endpoint = "programmes/create", output = crate::JsonText)]
#[allow(clippy::too_many_arguments)]
pub async fn create_programme(
    name: String,
    area: String,
    start_year: String,
    end_year: String,
    yearly_budget_nok: String,
    #[server(default)] slug: String,
    #[server(default)] lead: String,
) -> Result<(), AppError> {
    use crate::server::context::{app, require_account};
    let account = require_account().await?;
    if !account.operator {
        return Err(AppError::Forbidden);
    }
    let fields =
        super::edit_page::checked(&name, &area, &start_year, &end_year, &yearly_budget_nok)?;
    let slug = samskap_domain::validate::slug_or_from_name(&slug, &fields.name)?;
    let store = app()?.store;
    let lead = if lead.trim().is_empty() {
        account.id
    } else {
        let email = samskap_domain::validate::email(&lead)?;
        match store.account_with_hash(&email).await? {
            Some((lead, _)) if lead.active => lead.id,
            _ => return Err(AppError::NoSuchAccount),
        }
    };
    let id = store.create_programme(&slug, fields, Some(lead)).await?;
    tracing::info!(by = %account.id, programme = %id, %slug, "programme created");
    leptos_axum::redirect(&format!("/programmes?created={slug}"));
    Ok(())
}

#[component]
pub fn ProgrammesPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = Resource::new(|| (), |_| list_programmes());
    view! {
        <PageTitle text=move || t_string!(i18n, programmes.title).to_string() />
        <main id="main" class="page narrow">
            <h1>{t!(i18n, programmes.title)}</h1>
            <Loaded resource=data let:data>
                <Yours memberships=data.memberships />
                {data.all.map(|all| view! { <Installation all /> })}
            </Loaded>
        </main>
    }
}

#[component]
fn Yours(memberships: Vec<Membership>) -> impl IntoView {
    let i18n = use_i18n();
    if memberships.is_empty() {
        return view! { <p>{t!(i18n, programmes.none_yours)}</p> }.into_any();
    }
    let items = memberships
        .into_iter()
        .map(|m| {
            view! {
                <li class="card">
                    <h3>
                        <a href=programme_path(&m.programme_slug, "")>{m.programme_name}</a>
                    </h3>
                    <p>{t!(i18n, programmes.role_there)} ": " {role_name(i18n, m.role)}</p>
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="yours-heading">
            <h2 id="yours-heading">{t!(i18n, programmes.yours)}</h2>
            <ul class="cards">{items}</ul>
        </section>
    }
    .into_any()
}

/// The operator's part: every programme, and adding one.
#[component]
fn Installation(all: Vec<ProgrammeName>) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let created = move || {
        query.with(|q| q.get("created").is_some()).then(|| {
            view! {
                <p class="notice" role="status">
                    {t!(i18n, programmes.created)}
                </p>
            }
        })
    };
    let items = all
        .into_iter()
        .map(|p| {
            view! { <li>{p.name} " " <code>{programme_path(&p.slug, "")}</code></li> }
        })
        .collect_view();
    view! {
        <section aria-labelledby="installation-heading">
            <h2 id="installation-heading">{t!(i18n, programmes.installation)}</h2>
            {created}
            <ul>{items}</ul>
            <CreateForm />
        </section>
    }
}

#[component]
fn CreateForm() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<CreateProgramme>::new();
    let error = Signal::derive(move || last_error(action));
    view! {
        <ActionForm action attr:class="form add" attr:aria-labelledby="add-programme-heading">
            <h3 id="add-programme-heading">{t!(i18n, programmes.add)}</h3>
            <p>{t!(i18n, programmes.add_intro)}</p>
            <label for="np-name">{t!(i18n, programme.name)}</label>
            <input id="np-name" name="name" aria-required="true" />
            <label for="np-area">{t!(i18n, programme.area)}</label>
            <input id="np-area" name="area" aria-required="true" />
            <div class="row">
                <div>
                    <label for="np-start">{t!(i18n, programme.start_year)}</label>
                    <input id="np-start" name="start_year" inputmode="numeric" />
                </div>
                <div>
                    <label for="np-end">{t!(i18n, programme.end_year)}</label>
                    <input id="np-end" name="end_year" inputmode="numeric" />
                </div>
            </div>
            <label for="np-budget">{t!(i18n, programme.budget_field)}</label>
            <input id="np-budget" name="yearly_budget_nok" inputmode="numeric" />
            <label for="np-slug">{t!(i18n, programmes.slug)}</label>
            <input id="np-slug" name="slug" aria-describedby="np-slug-hint" />
            <p id="np-slug-hint" class="hint">
                {t!(i18n, programmes.slug_hint)}
            </p>
            <label for="np-lead">{t!(i18n, programmes.lead)}</label>
            <input
                id="np-lead"
                name="lead"
                type="email"
                autocomplete="off"
                aria-describedby="np-lead-hint"
            />
            <p id="np-lead-hint" class="hint">
                {t!(i18n, programmes.lead_hint)}
            </p>
            <ErrorAlert error />
            <button type="submit" class="primary">
                {t!(i18n, programmes.create)}
            </button>
        </ActionForm>
    }
}
