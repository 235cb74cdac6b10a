//! Following a board's event stream in the browser (`/events/boards/{id}`). The browser
//! reconnects by itself and sends `Last-Event-ID`; after a resync the stream is reopened
//! from the fetched sequence number.
use super::state::LiveBoard;
use uuid::Uuid;

/// Subscribes the hydrated page to the board's events after sequence number `after`,
/// again whenever `after` changes, and not at all while it is `None`; `resync` is called
/// when the page must fetch the board again.
#[cfg(feature = "hydrate")]
pub fn follow(
    board: Uuid,
    after: leptos::prelude::Signal<Option<i64>>,
    live: LiveBoard,
    resync: impl Fn() + Clone + 'static,
) {
    use crate::workshop::model::{BoardEvent, Presence};
    use leptos::prelude::*;
    use send_wrapper::SendWrapper;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use web_sys::{EventSource, MessageEvent};

    Effect::new(move |_| {
        let Some(after) = after.get() else {
            live.connection.set("closed");
            return;
        };
        live.connection.set("connecting");
        let Ok(source) = EventSource::new(&format!("/events/boards/{board}?after={after}")) else {
            return;
        };
        let resync = resync.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
            let Some(text) = ev.data().as_string() else {
                return;
            };
            let applied = serde_json::from_str::<BoardEvent>(&text).is_ok_and(|e| live.apply(e));
            if !applied {
                resync();
            }
        });
        source.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        let on_open = Closure::<dyn FnMut()>::new(move || live.connection.set("open"));
        source.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        let on_error = Closure::<dyn FnMut()>::new(move || live.connection.set("reconnecting"));
        source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let on_presence = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
            if let Some(p) = ev
                .data()
                .as_string()
                .and_then(|t| serde_json::from_str::<Presence>(&t).ok())
            {
                live.presence.set(p);
            }
        });
        let _ = source
            .add_event_listener_with_callback("presence", on_presence.as_ref().unchecked_ref());
        // The closures live as long as the subscription; both end with the page.
        let held = SendWrapper::new((source, on_message, on_presence, on_open, on_error));
        on_cleanup(move || held.0.close());
    });
}

/// Without hydration there is no stream: forms reload the page.
#[cfg(not(feature = "hydrate"))]
pub fn follow(
    _board: Uuid,
    _after: leptos::prelude::Signal<Option<i64>>,
    _live: LiveBoard,
    _resync: impl Fn() + Clone + 'static,
) {
}
