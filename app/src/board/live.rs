//! Following a board's event stream in the browser (`/events/boards/{id}`). The browser
//! reconnects by itself after a dropped connection and sends `Last-Event-ID`; after a
//! resync, or a stream the server refused, it is reopened from the fetched sequence number.
use super::resync::Resync;
use super::state::LiveBoard;
use uuid::Uuid;

/// Subscribes the hydrated page to the board's events after the resync's sequence number,
/// again whenever it is set, and not at all while it is `None`; an event the page cannot
/// apply, or a stream the browser gives up on, starts a resync.
#[cfg(feature = "hydrate")]
pub fn follow(board: Uuid, live: LiveBoard, resync: Resync) {
    use leptos::prelude::*;
    use samskap_domain::workshop::model::{BoardEvent, Presence};
    use send_wrapper::SendWrapper;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use web_sys::{EventSource, MessageEvent};

    let after = resync.stream_from();
    Effect::new(move |_| {
        let Some(after) = after.get() else {
            live.connection.set("closed");
            return;
        };
        live.connection.set("connecting");
        let Ok(source) = EventSource::new(&format!("/events/boards/{board}?after={after}")) else {
            return;
        };
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
            let Some(text) = ev.data().as_string() else {
                return;
            };
            let applied = serde_json::from_str::<BoardEvent>(&text).is_ok_and(|e| live.apply(e));
            if !applied {
                resync.run();
            }
        });
        source.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        let on_open = Closure::<dyn FnMut()>::new(move || {
            resync.stream_opened();
            live.connection.set("open");
        });
        source.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        // A dropped connection leaves the stream CONNECTING (the browser retries); a
        // refusal (401, 404, 429 …) leaves it CLOSED for good.
        let this = source.clone();
        let on_error = Closure::<dyn FnMut()>::new(move || {
            live.connection.set("reconnecting");
            if this.ready_state() == EventSource::CLOSED {
                resync.stream_closed();
            }
        });
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
pub fn follow(_board: Uuid, _live: LiveBoard, _resync: Resync) {}
