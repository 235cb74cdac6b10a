//! A signal, within this instance, that some staff account's access changed, so open
//! staff event streams check theirs again at once instead of at their next round.
use tokio::sync::watch;

/// Raised after an account is deactivated, changes its password (a new session epoch)
/// or leaves a programme. Another instance's changes do not raise it here, so open
/// streams also check on their own (`STAFF_RECHECK` in `server/src/stream_limits.rs`).
#[derive(Clone)]
pub struct AccessChanges(watch::Sender<u64>);

impl Default for AccessChanges {
    fn default() -> Self {
        Self(watch::channel(0).0)
    }
}

impl AccessChanges {
    /// Wakes every open staff stream to check its account.
    pub fn notify(&self) {
        self.0
            .send_modify(|changes| *changes = changes.wrapping_add(1));
    }

    /// A receiver whose `changed()` resolves at the next `notify`.
    pub fn subscribe(&self) -> watch::Receiver<u64> {
        self.0.subscribe()
    }
}
