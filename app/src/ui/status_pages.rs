//! The 404, 403 and error pages.
use super::page::{set_http_status, PageTitle};
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    set_http_status(404);
    view! {
        <PageTitle text=move || t_string!(i18n, status.not_found_title).to_string() />
        <main id="main" class="page narrow">
            <h1>{t!(i18n, status.not_found_title)}</h1>
            <p>{t!(i18n, status.not_found_text)}</p>
            <p>
                <a href="/">{t!(i18n, status.to_front_page)}</a>
            </p>
        </main>
    }
}

#[component]
pub fn Forbidden() -> impl IntoView {
    let i18n = use_i18n();
    set_http_status(403);
    view! {
        <PageTitle text=move || t_string!(i18n, status.forbidden_title).to_string() />
        <h1>{t!(i18n, status.forbidden_title)}</h1>
        <p>{t!(i18n, status.forbidden_text)}</p>
    }
}

/// Shown when loading a page failed for another reason than access.
#[component]
pub fn LoadError(message: String) -> impl IntoView {
    let i18n = use_i18n();
    set_http_status(500);
    view! {
        <PageTitle text=move || t_string!(i18n, status.error_title).to_string() />
        <h1>{t!(i18n, status.error_title)}</h1>
        <p role="alert">{message}</p>
    }
}

/// Shown on a board page to someone who has not joined its workshop.
#[component]
pub fn NotJoined() -> impl IntoView {
    let i18n = use_i18n();
    set_http_status(401);
    view! {
        <PageTitle text=move || t_string!(i18n, status.not_joined_title).to_string() />
        <h1>{t!(i18n, status.not_joined_title)}</h1>
        <p>{t!(i18n, status.not_joined_text)}</p>
        <p>
            <a class="button primary" href="/join">
                {t!(i18n, status.to_join)}
            </a>
        </p>
    }
}

/// The 404 message inside a page that has its own `<main>`.
#[component]
pub fn NotFoundContent() -> impl IntoView {
    let i18n = use_i18n();
    set_http_status(404);
    view! {
        <PageTitle text=move || t_string!(i18n, status.not_found_title).to_string() />
        <h1>{t!(i18n, status.not_found_title)}</h1>
        <p>{t!(i18n, status.not_found_text)}</p>
    }
}
