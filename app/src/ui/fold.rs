//! Folds (`<details>` used as a menu or a tool tray): Escape closes an open one and puts
//! the focus back on its summary, as a keyboard user expects of a menu.
use leptos::html::Details;
use leptos::prelude::*;

/// The `keydown` handler for the fold whose element is `node`.
pub fn close_on_escape(node: NodeRef<Details>) -> impl Fn(leptos::ev::KeyboardEvent) + Copy {
    move |ev| {
        if ev.key() != "Escape" {
            return;
        }
        let Some(details) = node.get_untracked() else {
            return;
        };
        if !details.open() {
            return;
        }
        // An inner fold handles its own Escape; the outer one stays open.
        ev.stop_propagation();
        details.set_open(false);
        if let Ok(Some(summary)) = details.query_selector("summary") {
            use wasm_bindgen::JsCast;
            if let Ok(summary) = summary.dyn_into::<web_sys::HtmlElement>() {
                let _ = summary.focus();
            }
        }
    }
}
