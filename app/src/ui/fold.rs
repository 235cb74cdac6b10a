//! Folds (`<details>` used as a menu or a tool tray): Escape closes an open one and puts
//! the focus back on its summary, as a keyboard user expects of a menu.
use leptos::html::Details;
use leptos::prelude::*;

/// The `keydown` handler for the fold whose element is `node`.
pub fn close_on_escape(node: NodeRef<Details>) -> impl Fn(leptos::ev::KeyboardEvent) + Copy {
    move |ev| {
        if ev.key() != "Escape" || ev.is_composing() || typing(&ev) {
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

/// Whether the key went to a text field: there Escape belongs to the field (and to the
/// keyboard's own suggestions), and closing the fold would throw away what was typed.
fn typing(ev: &leptos::ev::KeyboardEvent) -> bool {
    use wasm_bindgen::JsCast;
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA"))
}
