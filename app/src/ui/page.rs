//! Page-level helpers: the document title and the HTTP status of a full-page load.
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;

/// Sets the document title to "<text> · Samskap".
#[component]
pub fn PageTitle(#[prop(into)] text: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    // The title's text is read once more while the router swaps pages, after the old
    // page's signals are gone: then the app's name alone is right.
    view! {
        <Title text=move || match text.try_get() {
            Some(text) => format!("{} · {}", text, t_string!(i18n, app.name)),
            None => t_string!(i18n, app.name).to_string(),
        } />
    }
}

/// Sets the HTTP status of the response when the page is rendered on the server.
pub fn set_http_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(options), Ok(status)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(code),
    ) {
        options.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}
