//! The languages Samskap speaks and the picker a participant meets when joining: a
//! plain GET form to `/lang`, preselected with the page's language (the browser's own,
//! until one is picked), that works without JavaScript.
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_router::hooks::use_location;
use leptos_router::location::Url;

/// Every language, by its own name, in the order the picker lists them.
pub fn languages() -> impl Iterator<Item = (Locale, &'static str)> {
    Locale::get_all()
        .iter()
        .map(|l| (*l, td_string!(*l, language_name)))
}

/// The writing direction of a language, as `<html dir>` takes it.
pub fn direction(locale: Locale) -> &'static str {
    match locale {
        Locale::ar => "rtl",
        _ => "ltr",
    }
}

/// This page's path and query, as a `back=` value for `/lang`.
fn here() -> impl Fn() -> String + Copy {
    let location = use_location();
    move || {
        let search = location.search.get();
        if search.is_empty() {
            location.pathname.get()
        } else {
            format!("{}?{}", location.pathname.get(), search)
        }
    }
}

/// [`here`], escaped for a link's query.
pub fn here_escaped() -> impl Fn() -> String + Copy {
    let here = here();
    move || Url::escape(&here())
}

/// The language picker: a select of every language and a button.
#[component]
pub fn LanguagePicker() -> impl IntoView {
    let i18n = use_i18n();
    let back = here();
    let options = move || {
        let current = i18n.get_locale();
        languages()
            .map(|(locale, name)| {
                view! {
                    <option value=locale.as_str() lang=locale.as_str() selected=locale == current>
                        {name}
                    </option>
                }
            })
            .collect_view()
    };
    view! {
        <form method="get" action="/lang" class="language-picker">
            <label for="language-pick">{t!(i18n, nav.pick_language)}</label>
            <select id="language-pick" name="to">
                {options}
            </select>
            <input type="hidden" name="back" value=back />
            <button type="submit">{t!(i18n, nav.use_language)}</button>
        </form>
    }
}
