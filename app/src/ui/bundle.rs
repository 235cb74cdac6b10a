//! Which wasm bundle a page loads: the participant's, without the staff's code, for
//! everyone not signed in; the staff's for staff (see `staff_only.rs`).
use leptos::prelude::*;

/// The participant's bundle, as hydration options (its own output name and hash file).
/// The server puts it in a page request's extensions when no one is signed in.
#[derive(Clone, Debug)]
pub struct ParticipantBundle(pub LeptosOptions);

/// The options `<HydrationScripts>` loads this page's bundle with: the participant's when
/// the request carries it, else the staff's (`options`), which runs every page.
#[cfg(feature = "ssr")]
pub fn for_this_page(options: LeptosOptions) -> LeptosOptions {
    use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<ParticipantBundle>().cloned())
        .map_or(options, |bundle| bundle.0)
}

/// In the browser there is nothing to choose: the page already chose.
#[cfg(not(feature = "ssr"))]
pub fn for_this_page(options: LeptosOptions) -> LeptosOptions {
    options
}
