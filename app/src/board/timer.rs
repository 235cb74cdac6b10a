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
        let offset = server_now_ms as f64 - js_sys::Date::now();
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
                    <span class="timer-label">{t!(i18n, board.time_left)}</span> " "
                    <span class="time">{text}</span>
                </p>
            }
        })
    }
}
