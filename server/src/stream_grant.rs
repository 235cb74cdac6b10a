//! What let a staff member open an event stream, checked again while it stays open: a
//! deactivated account, a new session epoch (a changed password) or leaving the
//! programme ends the stream, as it ends every call.
use samskap_app::server::context::{is_member, AppContext};
use samskap_domain::account::model::Account;
use samskap_domain::store::Item;
use std::time::Duration;
use tokio::sync::watch;
use tokio::time::{interval_at, Instant, Interval, MissedTickBehavior};
use uuid::Uuid;

/// A staff member's right to a stream of `item`, as it was when the stream opened.
pub struct StaffGrant {
    account: Uuid,
    epoch: i64,
    item: Item,
    changes: watch::Receiver<u64>,
    every: Interval,
}

impl StaffGrant {
    /// Checked at every access change in this instance, and every `every`.
    pub fn new(context: &AppContext, account: &Account, item: Item, every: Duration) -> Self {
        let mut every = interval_at(Instant::now() + every, every);
        every.set_missed_tick_behavior(MissedTickBehavior::Delay);
        Self {
            account: account.id,
            epoch: account.session_epoch,
            item,
            changes: context.access_changes.subscribe(),
            every,
        }
    }

    /// Resolves when the grant is due a check: some account's access changed in this
    /// instance, or its interval has passed.
    pub async fn due(&mut self) {
        tokio::select! {
            changed = self.changes.changed() => {
                // The sender lives in the context the stream holds; should it ever be
                // gone, the interval alone goes on.
                if changed.is_err() {
                    self.every.tick().await;
                }
            }
            _ = self.every.tick() => {}
        }
    }

    /// Whether the account is still active, on the epoch it opened the stream with, and
    /// a member of the item's programme. A store error counts as no: the client
    /// reconnects and is checked from the start.
    pub async fn holds(&self, context: &AppContext) -> bool {
        let store = context.store.as_ref();
        let account = match store.account(self.account).await {
            Ok(account) => account,
            Err(err) => {
                tracing::error!(%err, "checking an open staff stream's account failed");
                return false;
            }
        };
        let Some(account) = account.filter(|a| a.active && a.session_epoch == self.epoch) else {
            return false;
        };
        is_member(store, &account, self.item)
            .await
            .inspect_err(
                |err| tracing::error!(%err, "checking an open staff stream's membership failed"),
            )
            .unwrap_or(false)
    }
}
