//! A signal, within this instance, that a staff account lost access, so its open event
//! streams check it again at once instead of at their next round.
use tokio::sync::broadcast;
use uuid::Uuid;

/// Changes in flight before a slow stream misses some; one that does checks anyway.
const BACKLOG: usize = 256;

/// Raised with the account's id after it is deactivated, changes its password (a new
/// session epoch) or leaves a programme. Another instance's changes do not reach this
/// one, so open streams also check on their own (`STAFF_RECHECK` in
/// `server/src/stream_limits.rs`).
#[derive(Clone)]
pub struct AccessChanges(broadcast::Sender<Uuid>);

impl Default for AccessChanges {
    fn default() -> Self {
        Self(broadcast::channel(BACKLOG).0)
    }
}

impl AccessChanges {
    /// Wakes the open streams of `account` to check it.
    pub fn notify(&self, account: Uuid) {
        // No receiver (no staff stream open) is not an error.
        let _ = self.0.send(account);
    }

    /// The changes raised from now on. Subscribe before reading the account a stream
    /// is opened for, so a change in between is not missed.
    pub fn subscribe(&self) -> broadcast::Receiver<Uuid> {
        self.0.subscribe()
    }
}
