//! `/audit`: the lead's view of the audit trail (every promotion, decision, status and
//! plan change), newest first, filtered by kind of change, person and dates, in pages.
//! The filter is a plain GET form, so it works without JavaScript.
use crate::error::AppError;
use crate::i18n::*;
use crate::pipeline::history::action_name;
use crate::ui::guard::Loaded;
use crate::ui::page::PageTitle;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::hooks::use_query_map;
use samskap_domain::pipeline::model::AuditEntry;

/// Entries per page.
pub const AUDIT_PAGE: u32 = 50;

/// The kinds of change the filter offers, as action prefixes.
const KINDS: [&str; 14] = [
    "measure_",
    "risk_",
    "spending_",
    "progress_",
    "responsible_",
    "indicator_",
    "reading_",
    "plan_",
    "decision_",
    "prototype_",
    "version_",
    "round_",
    "insight_",
    "report_",
];

/// The audit trail, newest first; the lead only. `action` is an action prefix, `actor`
/// part of a name, `from`/`to` dates (inclusive), `before` an RFC 3339 instant to page.
#[server(endpoint = "audit/list", output = crate::JsonText)]
pub async fn list_audit(
    programme: String,
    #[server(default)] action: String,
    #[server(default)] actor: String,
    #[server(default)] from: String,
    #[server(default)] to: String,
    #[server(default)] before: String,
) -> Result<Vec<AuditEntry>, AppError> {
    use crate::error::Field;
    use samskap_domain::store::plan_store::AuditFilter;
    let (_, programme) = crate::server::context::require_role(
        crate::server::context::programme_named(&programme).await?,
        samskap_domain::account::model::Role::can_adopt,
    )
    .await?;
    let store = crate::server::context::app()?.store;
    if !action.is_empty() && !KINDS.contains(&action.as_str()) {
        return Err(AppError::BadRequest);
    }
    let day = |s: &str| match s.trim() {
        "" => Ok(None),
        s => super::fields::date(Field::Date, s).map(Some),
    };
    let before = match before.trim() {
        "" => None,
        s => Some(
            chrono::DateTime::parse_from_rfc3339(s)
                .map_err(|_| AppError::BadRequest)?
                .with_timezone(&chrono::Utc),
        ),
    };
    let filter = AuditFilter {
        action_prefix: action,
        actor: samskap_domain::validate::optional(
            Field::Name,
            &actor,
            samskap_domain::validate::MAX_NAME,
        )?,
        from: day(&from)?,
        to: day(&to)?,
        before,
        limit: AUDIT_PAGE,
    };
    store
        .audit_log(programme, &filter)
        .await
        .map_err(AppError::from)
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let get = move |name: &str| query.with(|q| q.get(name)).unwrap_or_default();
    let slug = crate::ui::programme_path::use_programme();
    let data = Resource::new(
        move || {
            (
                get("action"),
                get("actor"),
                get("from"),
                get("to"),
                get("before"),
            )
        },
        move |(action, actor, from, to, before)| {
            list_audit(slug.clone(), action, actor, from, to, before)
        },
    );
    let kinds = move || {
        let current = get("action");
        KINDS
            .iter()
            .map(|k| {
                view! {
                    <option value=*k selected=current == *k>
                        {kind_name(i18n, k)}
                    </option>
                }
            })
            .collect_view()
    };
    view! {
        <PageTitle text=move || t_string!(i18n, audit.title).to_string() />
        <main id="main" class="page">
            <h1>{t!(i18n, audit.title)}</h1>
            <p>{t!(i18n, audit.intro)}</p>
            <form
                method="get"
                action=crate::ui::programme_path::here("/audit")
                class="form filters"
                role="search"
            >
                <div>
                    <label for="audit-action">{t!(i18n, audit.kind)}</label>
                    <select id="audit-action" name="action">
                        <option value="">{t!(i18n, audit.all)}</option>
                        {kinds}
                    </select>
                </div>
                <div>
                    <label for="audit-actor">{t!(i18n, audit.actor)}</label>
                    <input id="audit-actor" name="actor" value=move || get("actor") />
                </div>
                <div>
                    <label for="audit-from">{t!(i18n, audit.from)}</label>
                    <input id="audit-from" name="from" type="date" value=move || get("from") />
                </div>
                <div>
                    <label for="audit-to">{t!(i18n, audit.to)}</label>
                    <input id="audit-to" name="to" type="date" value=move || get("to") />
                </div>
                <button type="submit" class="primary">
                    {t!(i18n, audit.filter)}
                </button>
            </form>
            <Loaded resource=data let:entries>
                <AuditTable entries query=query.get_untracked() />
            </Loaded>
        </main>
    }
}

#[component]
fn AuditTable(entries: Vec<AuditEntry>, query: leptos_router::params::ParamsMap) -> impl IntoView {
    let i18n = use_i18n();
    if entries.is_empty() {
        return view! { <p>{t!(i18n, audit.none)}</p> }.into_any();
    }
    let older = (entries.len() as u32 == AUDIT_PAGE).then(|| {
        let last = entries
            .last()
            .map(|e| e.at.to_rfc3339())
            .unwrap_or_default();
        let keep = ["action", "actor", "from", "to"]
            .iter()
            .filter_map(|k| {
                query
                    .get(k)
                    .map(|v| format!("{k}={}", leptos_router::location::Url::escape(&v)))
            })
            .chain([format!(
                "before={}",
                leptos_router::location::Url::escape(&last)
            )])
            .collect::<Vec<_>>()
            .join("&");
        view! {
            <p>
                <a href=crate::ui::programme_path::here(
                    &format!("/audit?{keep}"),
                )>{t!(i18n, audit.older)}</a>
            </p>
        }
    });
    let rows = entries
        .into_iter()
        .map(|e| {
            let href = subject_href(&e);
            view! {
                <tr>
                    <td>
                        <time datetime=e.at.to_rfc3339()>{crate::ui::time::oslo(e.at)}</time>
                    </td>
                    <td>{e.actor.clone()}</td>
                    <td>{action_name(i18n, &e.action)}</td>
                    <td>{href.map(|h| view! { <a href=h>{t!(i18n, audit.open)}</a> })}</td>
                    <td dir="auto">{e.detail.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div
            class="table-wrap"
            tabindex="0"
            role="region"
            aria-label=move || t_string!(i18n, audit.title)
        >
            <table class="audit">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, audit.when)}</th>
                        <th scope="col">{t!(i18n, audit.actor)}</th>
                        <th scope="col">{t!(i18n, audit.what)}</th>
                        <th scope="col">{t!(i18n, audit.subject)}</th>
                        <th scope="col">{t!(i18n, audit.detail)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        {older}
    }
    .into_any()
}

/// The page of what an entry is about.
fn subject_href(e: &AuditEntry) -> Option<String> {
    match e.subject_kind.as_str() {
        "measure" => Some(format!("/measures/{}", e.subject_id)),
        "prototype" => Some(format!("/prototypes/{}", e.subject_id)),
        "card" => Some(format!("/trace/cards/{}", e.subject_id)),
        // A plan entry's detail starts with its year.
        "plan" => e
            .detail
            .split_whitespace()
            .next()
            .map(|year| crate::ui::programme_path::here(&format!("/plans/{year}"))),
        _ => None,
    }
}

fn kind_name(i18n: I18nContext<Locale>, prefix: &str) -> &'static str {
    match prefix {
        "measure_" => t_string!(i18n, audit.kind_measure),
        "risk_" => t_string!(i18n, audit.kind_risk),
        "spending_" => t_string!(i18n, audit.kind_spending),
        "progress_" => t_string!(i18n, audit.kind_progress),
        "responsible_" => t_string!(i18n, audit.kind_responsible),
        "indicator_" => t_string!(i18n, audit.kind_indicator),
        "reading_" => t_string!(i18n, audit.kind_reading),
        "plan_" => t_string!(i18n, audit.kind_plan),
        "decision_" => t_string!(i18n, audit.kind_decision),
        "prototype_" => t_string!(i18n, audit.kind_prototype),
        "version_" => t_string!(i18n, audit.kind_version),
        "round_" => t_string!(i18n, audit.kind_round),
        "report_" => t_string!(i18n, audit.kind_report),
        _ => t_string!(i18n, audit.kind_insight),
    }
}
