//! The site header: the programme picker, the programme's navigation by role, sign-out
//! and the language switch.
use crate::account::logout::LogoutButton;
use crate::account::me::use_current_user;
use crate::account::me::Me;
use crate::i18n::*;
use crate::ui::programme_path::programme_path;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn SiteHeader() -> impl IntoView {
    let i18n = use_i18n();
    let user = use_current_user();
    let back = crate::ui::language::here_escaped();
    view! {
        <a class="skip-link" href="#main">
            {t!(i18n, nav.skip)}
        </a>
        <header class="site-header">
            <a href="/" class="brand">
                {t!(i18n, app.name)}
            </a>
            <nav aria-label=move || t_string!(i18n, nav.label)>
                <ul class="nav-links">
                    <Transition>
                        {move || {
                            user.0
                                .get()
                                .map(|result| match result {
                                    Ok(Some(me)) => view! { <StaffLinks me /> }.into_any(),
                                    _ => {
                                        view! {
                                            <li>
                                                <a href="/login">{t!(i18n, nav.login)}</a>
                                            </li>
                                        }
                                            .into_any()
                                    }
                                })
                        }}
                    </Transition>
                </ul>
                <LanguageMenu back=back() />
            </nav>
        </header>
    }
}

/// The links of the programme the caller is in (`me.here`), the programme picker when
/// they are in several, and their own account.
#[component]
fn StaffLinks(me: Me) -> impl IntoView {
    let i18n = use_i18n();
    let role = me.user.role;
    let in_programme = me.here.clone().map(|here| {
        let link = move |rest: &str| programme_path(&here.programme_slug, rest);
        let accounts = role.can_manage_accounts().then(|| {
            view! {
                <li>
                    <A href=link("/accounts")>{t!(i18n, nav.accounts)}</A>
                </li>
            }
        });
        // An evaluator's own page, whatever the number of their programmes.
        let compare = (role == samskap_domain::account::model::Role::Evaluator).then(|| {
            view! {
                <li>
                    <A href="/evaluation">{t!(i18n, nav.compare)}</A>
                </li>
            }
        });
        let audit = role.can_adopt().then(|| {
            view! {
                <li>
                    <A href=link("/audit")>{t!(i18n, nav.audit)}</A>
                </li>
            }
        });
        view! {
            <li>
                <A href=link("/dashboard")>{t!(i18n, nav.dashboard)}</A>
            </li>
            <li>
                <A href=link("/workshops")>{t!(i18n, nav.workshops)}</A>
            </li>
            <li>
                <A href=link("/prototypes")>{t!(i18n, nav.prototypes)}</A>
            </li>
            <li>
                <A href=link("/plans")>{t!(i18n, nav.plans)}</A>
            </li>
            <li>
                <A href=link("/reports")>{t!(i18n, nav.reports)}</A>
            </li>
            <li>
                <A href=link("/library")>{t!(i18n, nav.library)}</A>
            </li>
            <li>
                <A href=link("") exact=true>
                    {t!(i18n, nav.programme)}
                </A>
            </li>
            {accounts}
            {audit}
            {compare}
        }
    });
    view! {
        <ProgrammePicker me=me.clone() />
        {in_programme}
        <li class="whoami">
            <A href="/account" exact=true>
                {me.user.display_name}
            </A>
        </li>
        <li>
            <LogoutButton />
        </li>
    }
}

/// Which programme the links are for, and the way to the others: the programme's name
/// folded over a list of the caller's programmes (plain links, so it works without
/// JavaScript) and `/programmes`, where an operator also adds programmes. With one
/// programme and no operator's work, just its name.
#[component]
fn ProgrammePicker(me: Me) -> impl IntoView {
    let i18n = use_i18n();
    let name = me
        .here
        .as_ref()
        .map(|h| h.programme_name.clone())
        .unwrap_or_else(|| t_string!(i18n, nav.no_programme).to_string());
    if me.memberships.len() < 2 && !me.operator {
        return view! {
            <li class="programme-name">
                <span class="visually-hidden">{t!(i18n, nav.programme_is)} " "</span>
                {name}
            </li>
        }
        .into_any();
    }
    let here = me.here.map(|h| h.programme);
    let several = me.memberships.len() > 1;
    let choices = me
        .memberships
        .into_iter()
        .map(|m| {
            let current = (Some(m.programme) == here).then_some("true");
            view! {
                <li>
                    <a href=programme_path(&m.programme_slug, "") aria-current=current>
                        {m.programme_name}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <li class="programme-picker">
            <details class="programmes-menu">
                <summary>
                    <span class="visually-hidden">{t!(i18n, nav.programme_is)} " "</span>
                    {name}
                </summary>
                <ul aria-label=move || {
                    t_string!(i18n, nav.programmes)
                }>
                    {choices}
                    {several
                        .then(|| {
                            view! {
                                <li>
                                    <a href="/evaluation">{t!(i18n, nav.compare)}</a>
                                </li>
                            }
                        })} <li>
                        <a href="/programmes">{t!(i18n, nav.all_programmes)}</a>
                    </li>
                </ul>
            </details>
        </li>
    }
    .into_any()
}

/// Plain links to `/lang/{code}`, which sets the language cookie and comes back to `back`
/// (this page, escaped): they work without JavaScript and re-render everything, page data
/// included. Folded under the current language's name, so a phone's first screen is not
/// spent on them. An island only so that Escape closes the fold.
#[island]
fn LanguageMenu(back: String) -> impl IntoView {
    crate::ui::island::provide_contexts();
    let i18n = use_i18n();
    let links = crate::ui::language::languages()
        .map(|(locale, label)| {
            let current = move || i18n.get_locale() == locale;
            view! {
                <li>
                    <a
                        href=format!("/lang/{}?back={}", locale.as_str(), back)
                        rel="external"
                        hreflang=locale.as_str()
                        lang=locale.as_str()
                        aria-current=move || current().then_some("true")
                    >
                        {label}
                    </a>
                </li>
            }
        })
        .collect_view();
    let current = move || {
        let locale = i18n.get_locale();
        (locale.as_str(), td_string!(locale, language_name))
    };
    let menu = NodeRef::<leptos::html::Details>::new();
    view! {
        <details
            class="languages-menu"
            node_ref=menu
            on:keydown=crate::ui::fold::close_on_escape(menu)
        >
            <summary>
                <span class="visually-hidden">{t!(i18n, nav.languages)} ": "</span>
                <span lang=move || current().0>{move || current().1}</span>
            </summary>
            <ul class="languages" aria-label=move || t_string!(i18n, nav.languages)>
                {links}
            </ul>
        </details>
    }
}
