//! The parts of an island only staff use, left out of the participant's bundle.
//!
//! The server sends everyone who is not signed in the participant's bundle (built with
//! `hydrate` alone) and staff the full one (`hydrate` + `staff`). Both hydrate the same
//! server-rendered HTML, so a staff-only part must render nothing for a participant on
//! the server too: the participant's bundle then finds the same empty place there.
use leptos::prelude::*;

/// `view()` where `show` holds. In the participant's bundle it is never built: `show`
/// is false on every page a participant gets (the server decides both).
#[cfg(feature = "staff")]
pub fn staff_view<V: IntoView>(show: bool, view: impl FnOnce() -> V) -> Option<V> {
    show.then(view)
}

/// `view()` where `show` holds. In the participant's bundle it is never built: `show`
/// is false on every page a participant gets (the server decides both).
#[cfg(not(feature = "staff"))]
pub fn staff_view<V: IntoView>(show: bool, _view: impl FnOnce() -> V) -> Option<()> {
    if show {
        leptos::logging::error!("a staff view on a page sent with the participant's bundle");
    }
    None
}

/// `view(value)` where there is a value: a part made from data that only staff are
/// sent. In the participant's bundle it is never built (as `staff_view`).
#[cfg(feature = "staff")]
pub fn staff_view_of<T, V: IntoView>(value: Option<T>, view: impl FnOnce(T) -> V) -> Option<V> {
    value.map(view)
}

/// `view(value)` where there is a value: a part made from data that only staff are
/// sent. In the participant's bundle it is never built (as `staff_view`).
#[cfg(not(feature = "staff"))]
pub fn staff_view_of<T, V: IntoView>(value: Option<T>, _view: impl FnOnce(T) -> V) -> Option<()> {
    staff_view(value.is_some(), || ())
}
