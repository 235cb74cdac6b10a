//! Fetches every subscribed library feed on a schedule (`--feed-interval-minutes`), one
//! after another; a feed that fails keeps its entries and notes why, for its lead.
use samskap_app::server::feeds::FeedFetcher;
use samskap_domain::store::Store;
use std::sync::Arc;
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// How often, by default, every feed is fetched.
pub const DEFAULT_INTERVAL: Duration = Duration::from_secs(6 * 3600);
/// The first round waits this long after start-up, so a restart does not hit every
/// feed at once with the rest of the start.
const FIRST_AFTER: Duration = Duration::from_secs(30);

pub async fn run(
    store: Arc<dyn Store>,
    fetcher: Arc<dyn FeedFetcher>,
    every: Duration,
    shutdown: CancellationToken,
) {
    let mut ticks = tokio::time::interval_at(tokio::time::Instant::now() + FIRST_AFTER, every);
    loop {
        tokio::select! {
            _ = ticks.tick() => fetch_all(store.as_ref(), fetcher.as_ref()).await,
            () = shutdown.cancelled() => return,
        }
    }
}

/// One round over every subscription; failures are recorded, not raised.
pub async fn fetch_all(store: &dyn Store, fetcher: &dyn FeedFetcher) {
    let subscriptions = match store.all_subscriptions().await {
        Ok(all) => all,
        Err(err) => {
            tracing::error!(%err, "library feeds: cannot list the subscriptions");
            return;
        }
    };
    for (programme, feed, url) in subscriptions {
        match samskap_app::library::feeds::refresh(store, fetcher, programme, feed, &url).await {
            Ok(Ok(entries)) => tracing::info!(%url, entries, "library feed fetched"),
            Ok(Err(problem)) => tracing::warn!(%url, ?problem, "library feed refused"),
            Err(err) => tracing::error!(%url, %err, "library feed: recording the fetch failed"),
        }
    }
}
