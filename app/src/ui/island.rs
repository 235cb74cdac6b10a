//! What an island needs in the browser, where the app's providers never ran: the i18n
//! context and the error of a form sent before the page was live.
use crate::i18n::Locale;
use leptos::prelude::*;
use leptos_i18n::context::{init_i18n_context_with_options, I18nContextOptions};
use leptos_i18n::I18nContext;

/// Called first in every island. On the server the app's own contexts are there and
/// nothing changes. In the browser the language comes from `<html lang>` (the server
/// chose it), and the island never writes the language cookie: only `/lang` sets it,
/// site-wide. A form posted without JavaScript comes back with `?__err=…&__path=…`; its
/// `ServerAction` reads the error from the context, as the server's render did, so the
/// page hydrates with the same error shown.
pub fn provide_contexts() {
    if use_context::<I18nContext<Locale>>().is_none() {
        let options = I18nContextOptions::<Locale>::default().enable_cookie(false);
        provide_context(init_i18n_context_with_options(options));
    }
    #[cfg(feature = "hydrate")]
    if use_context::<leptos::server::ServerActionError>().is_none() {
        if let Some(error) = action_error_in_url() {
            provide_context(error);
        }
    }
}

#[cfg(feature = "hydrate")]
fn action_error_in_url() -> Option<leptos::server::ServerActionError> {
    let search = window().location().search().ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok()?;
    let (err, path) = (params.get("__err")?, params.get("__path")?);
    Some(leptos::server::ServerActionError::new(&path, &err))
}
