//! The site header: main navigation by role, sign-out and the language switch.
use crate::account::logout::LogoutButton;
use crate::account::me::use_current_user;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::components::A;
use samskap_domain::account::model::User;

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
                                    Ok(Some(user)) => view! { <StaffLinks user /> }.into_any(),
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

#[component]
fn StaffLinks(user: User) -> impl IntoView {
    let i18n = use_i18n();
    let accounts = user.role.can_manage_accounts().then(|| {
        view! {
            <li>
                <A href="/accounts">{t!(i18n, nav.accounts)}</A>
            </li>
        }
    });
    let audit = user.role.can_adopt().then(|| {
        view! {
            <li>
                <A href="/audit">{t!(i18n, nav.audit)}</A>
            </li>
        }
    });
    view! {
        <li>
            <A href="/dashboard">{t!(i18n, nav.dashboard)}</A>
        </li>
        <li>
            <A href="/workshops">{t!(i18n, nav.workshops)}</A>
        </li>
        <li>
            <A href="/prototypes">{t!(i18n, nav.prototypes)}</A>
        </li>
        <li>
            <A href="/plans">{t!(i18n, nav.plans)}</A>
        </li>
        <li>
            <A href="/reports">{t!(i18n, nav.reports)}</A>
        </li>
        <li>
            <A href="/programme">{t!(i18n, nav.programme)}</A>
        </li>
        {accounts}
        {audit}
        <li class="whoami">
            <A href="/account" exact=true>
                {user.display_name}
            </A>
        </li>
        <li>
            <LogoutButton />
        </li>
    }
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
