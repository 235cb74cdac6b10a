//! The countdown every screen shows: the end time is the server's; the browser only
//! counts down to it, corrected by how far its clock is off the server's.
use super::state::LiveBoard;
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn Countdown(live: LiveBoard, server_now_ms: i64) -> impl IntoView {
    let i18n = use_i18n();
    // Starts at the server's clock, so the hydrated page renders what the server did.
    let now = RwSignal::new(server_now_ms);
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        let offset = server_now_ms as f64 - page_arrived_ms();
        let tick = move || now.set((js_sys::Date::now() + offset) as i64);
        tick();
        if let Ok(handle) = set_interval_with_handle(tick, std::time::Duration::from_millis(500)) {
            on_cleanup(move || handle.clear());
        }
    });
    move || {
        live.board.with(|b| b.timer_ends_at).map(|ends| {
            let left = ((ends.timestamp_millis() - now.get()) / 1000).max(0);
            let text = if left == 0 {
                t_string!(i18n, board.time_up).to_string()
            } else {
                format!("{}:{:02}", left / 60, left % 60)
            };
            view! {
                <p class="timer" role="timer">
                    <span class="timer-label">{t!(i18n, board.time_left)}</span>
                    " "
                    <span class="time">{text}</span>
                </p>
            }
        })
    }
}

/// When the page's HTML began to arrive, by the browser's clock: the server read its clock
/// just before sending it, while hydration may come seconds later on a slow phone.
#[cfg(feature = "hydrate")]
fn page_arrived_ms() -> f64 {
    use js_sys::Reflect;
    let field = |on: &wasm_bindgen::JsValue, name: &str| Reflect::get(on, &name.into()).ok();
    field(&window(), "performance")
        .and_then(|p| field(&p, "timing"))
        .and_then(|t| field(&t, "responseStart"))
        .and_then(|v| v.as_f64())
        .filter(|ms| *ms > 0.0)
        .unwrap_or_else(js_sys::Date::now)
}
