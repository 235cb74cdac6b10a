//! Offline-tolerant posting. When a hydrated phone loses its connection, a card that
//! could not be sent waits in the browser's local storage, is shown as pending, and is
//! sent again when the connection returns (and every 10 s meanwhile). Each card keeps
//! the `client_key` it was first sent with, so however often it is retried the server
//! stores it once.
use super::card_actions::{post_card, PostCard};
use crate::board::state::LiveBoard;
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;
use leptos::either::Either;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// How often waiting cards are retried while the browser thinks it is offline.
#[cfg(feature = "hydrate")]
const RETRY_MS: u64 = 10_000;

/// A card waiting to be sent, or refused by the server with a message.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Pending {
    pub post: PostCard,
    /// Why the server refused it; a refused card is not retried.
    pub refused: Option<String>,
}

/// The board's waiting cards on this device.
#[derive(Clone, Copy)]
pub struct Outbox {
    board_id: Uuid,
    items: RwSignal<Vec<Pending>>,
    live: LiveBoard,
    /// Taken when created: a send settles outside the component's reactive owner.
    i18n: leptos_i18n::I18nContext<Locale>,
}

/// A fresh random (v4) key for the next card: from the OS on the server, from
/// `crypto.getRandomValues` in the browser (unlike `randomUUID`, it works over http).
pub fn new_client_key() -> String {
    #[cfg(feature = "ssr")]
    let bytes: [u8; 16] = rand::random();
    #[cfg(not(feature = "ssr"))]
    let bytes = {
        let mut bytes = [0u8; 16];
        if let Some(crypto) = web_sys::window().and_then(|w| w.crypto().ok()) {
            let _ = crypto.get_random_values_with_u8_array(&mut bytes);
        }
        bytes
    };
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .to_string()
}

impl Outbox {
    /// The outbox of `live`'s board: loads what an earlier page left waiting, and
    /// retries when the browser comes back online.
    pub fn new(live: LiveBoard) -> Outbox {
        let outbox = Outbox {
            board_id: live.board.with_untracked(|b| b.id),
            items: RwSignal::new(Vec::new()),
            live,
            i18n: use_i18n(),
        };
        #[cfg(feature = "hydrate")]
        outbox.start();
        outbox
    }

    /// Keeps `post` to send later.
    pub fn hold(self, post: PostCard) {
        self.items.update(|items| {
            if !items.iter().any(|p| p.post.client_key == post.client_key) {
                items.push(Pending {
                    post,
                    refused: None,
                });
            }
        });
        self.save();
    }

    /// Sends every waiting card once; runs in the browser only.
    pub fn flush(self) {
        let waiting: Vec<PostCard> = self.items.with_untracked(|items| {
            items
                .iter()
                .filter(|p| p.refused.is_none())
                .map(|p| p.post.clone())
                .collect()
        });
        for post in waiting {
            leptos::task::spawn_local(async move {
                let key = post.client_key.clone();
                let result = post_card(
                    post.board_id,
                    post.kind,
                    post.body,
                    post.focus_area,
                    post.client_key,
                )
                .await;
                self.settle(&key, result);
            });
        }
    }

    fn settle(self, key: &str, result: Result<samskap_domain::workshop::model::Card, AppError>) {
        match result {
            Ok(card) => {
                self.items
                    .update(|items| items.retain(|p| p.post.client_key != key));
                self.live.upsert(card);
            }
            Err(AppError::Transport(_)) => return,
            Err(err) => {
                let message = err.message(self.i18n);
                self.items.update(|items| {
                    if let Some(p) = items.iter_mut().find(|p| p.post.client_key == key) {
                        p.refused = Some(message);
                    }
                });
            }
        }
        self.save();
    }

    fn dismiss(self, key: &str) {
        self.items
            .update(|items| items.retain(|p| p.post.client_key != key));
        self.save();
    }

    fn storage_key(self) -> String {
        format!("samskap.outbox.{}", self.board_id)
    }

    #[cfg(feature = "hydrate")]
    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok().flatten()
    }

    fn save(self) {
        #[cfg(feature = "hydrate")]
        if let Some(storage) = Self::storage() {
            let items = self.items.get_untracked();
            let _ = if items.is_empty() {
                storage.remove_item(&self.storage_key())
            } else {
                storage.set_item(
                    &self.storage_key(),
                    &serde_json::to_string(&items).unwrap_or_default(),
                )
            };
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = self.storage_key();
    }

    #[cfg(feature = "hydrate")]
    fn start(self) {
        Effect::new(move |_| {
            let stored = Self::storage()
                .and_then(|s| s.get_item(&self.storage_key()).ok().flatten())
                .and_then(|text| serde_json::from_str::<Vec<Pending>>(&text).ok())
                .unwrap_or_default();
            if !stored.is_empty() {
                self.items.set(stored);
                self.flush();
            }
            let online = window_event_listener_untyped("online", move |_| self.flush());
            let retry = set_interval_with_handle(
                move || {
                    if self
                        .items
                        .with_untracked(|i| i.iter().any(|p| p.refused.is_none()))
                    {
                        self.flush();
                    }
                },
                std::time::Duration::from_millis(RETRY_MS),
            );
            on_cleanup(move || {
                online.remove();
                if let Ok(handle) = retry {
                    handle.clear();
                }
            });
        });
    }
}

/// The waiting and refused cards, under the post form.
#[component]
pub fn OutboxList(outbox: Outbox) -> impl IntoView {
    let i18n = use_i18n();
    let items = move || outbox.items.get();
    view! {
        <Show when=move || !outbox.items.with(Vec::is_empty)>
            <section class="outbox" aria-labelledby="outbox-heading">
                <h2 id="outbox-heading">{t!(i18n, offline.heading)}</h2>
                <ul class="cards">
                    <For
                        each=items
                        key=|p| (p.post.client_key.clone(), p.refused.clone())
                        let:pending
                    >
                        <OutboxItem outbox pending />
                    </For>
                </ul>
            </section>
        </Show>
    }
}

#[component]
fn OutboxItem(outbox: Outbox, pending: Pending) -> impl IntoView {
    let i18n = use_i18n();
    let key = pending.post.client_key.clone();
    let state = match pending.refused {
        None => Either::Left(view! { <p class="pending-state">{t!(i18n, offline.waiting)}</p> }),
        Some(reason) => Either::Right(view! {
            <p class="alert" role="alert">
                {t!(i18n, offline.refused)}
                " "
                {reason}
            </p>
            <button type="button" on:click=move |_| outbox.dismiss(&key)>
                {t!(i18n, offline.dismiss)}
            </button>
        }),
    };
    view! {
        <li class="card board-card pending" data-client-key=pending.post.client_key.clone()>
            <p class="card-body" dir="auto">
                {pending.post.body.clone()}
            </p>
            {state}
        </li>
    }
}
