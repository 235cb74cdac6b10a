//! What let a staff member open an event stream, checked again while it stays open: a
//! deactivated account, a new session epoch (a changed password) or leaving the
//! programme ends the stream, as it ends every call.
use samskap_app::server::context::{is_member, AppContext};
use samskap_domain::account::model::Account;
use samskap_domain::store::Item;
use std::time::Duration;
use tokio::sync::broadcast::{self, error::RecvError};
use tokio::time::{interval_at, Instant, Interval, MissedTickBehavior};
use uuid::Uuid;

/// Checks in a row that fail on a store error before the stream ends: one error keeps
/// it (a blip must not close every staff stream at once, to reconnect all together).
const ERRORS_TO_END: u32 = 2;

/// A staff member's right to a stream of `item`, as it was when the stream opened.
pub struct StaffGrant {
    account: Uuid,
    epoch: i64,
    item: Item,
    changes: broadcast::Receiver<Uuid>,
    every: Interval,
    errors: u32,
}

impl StaffGrant {
    /// Checked when `changes` names the account and every `every` (the first time after
    /// a random part of it, so streams opened together do not check together).
    /// `changes` must be subscribed before the account was read.
    pub fn new(
        changes: broadcast::Receiver<Uuid>,
        account: &Account,
        item: Item,
        every: Duration,
    ) -> Self {
        let first = every.mul_f64(0.5 + rand::random::<f64>() / 2.0);
        let mut every = interval_at(Instant::now() + first, every);
        every.set_missed_tick_behavior(MissedTickBehavior::Delay);
        Self {
            account: account.id,
            epoch: account.session_epoch,
            item,
            changes,
            every,
            errors: 0,
        }
    }

    /// Resolves when the grant is due a check: its account's access changed in this
    /// instance (or changes were missed), or the interval has passed.
    pub async fn due(&mut self) {
        loop {
            tokio::select! {
                changed = self.changes.recv() => match changed {
                    Ok(account) if account != self.account => continue,
                    Ok(_) | Err(RecvError::Lagged(_)) => return,
                    // The sender lives in the context the stream holds; should it ever
                    // be gone, the interval alone goes on.
                    Err(RecvError::Closed) => {
                        self.every.tick().await;
                        return;
                    }
                },
                _ = self.every.tick() => return,
            }
        }
    }

    /// Whether the account is still active, on the epoch it opened the stream with, and
    /// a member of the item's programme. A store error counts as yes until
    /// `ERRORS_TO_END` come in a row.
    pub async fn holds(&mut self, context: &AppContext) -> bool {
        match self.check(context).await {
            Ok(holds) => {
                self.errors = 0;
                holds
            }
            Err(err) => {
                tracing::error!(%err, "checking an open staff stream's access failed");
                self.errors += 1;
                self.errors < ERRORS_TO_END
            }
        }
    }

    async fn check(&self, context: &AppContext) -> Result<bool, samskap_app::error::AppError> {
        let store = context.store.as_ref();
        let account = store.account(self.account).await?;
        match account.filter(|a| a.accepts_session(self.epoch)) {
            Some(account) => is_member(store, &account, self.item).await,
            None => Ok(false),
        }
    }
}
