//! The retention job: at start and then every hour, the participants of workshops that
//! closed longer ago than the programme's retention period lose their nickname and
//! token (their cards stay, anonymous). Running it twice changes nothing the second time.
use samskap_domain::store::Store;
use std::sync::Arc;
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// How often the job looks for expired participants.
const EVERY: Duration = Duration::from_secs(3600);

/// Runs the job until `shutdown`.
pub async fn run(store: Arc<dyn Store>, shutdown: CancellationToken) {
    let mut every = tokio::time::interval(EVERY);
    loop {
        tokio::select! {
            _ = every.tick() => erase_now(store.as_ref()).await,
            () = shutdown.cancelled() => return,
        }
    }
}

/// One pass; a failure is logged and retried on the next tick.
async fn erase_now(store: &dyn Store) {
    match store.erase_expired_participants(chrono::Utc::now()).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(participants = n, "retention: erased nicknames and tokens"),
        Err(err) => tracing::error!(%err, "retention job failed"),
    }
}
