//! How server functions reach another installation's library feed: the server provides
//! its HTTP client (`server/src/feed_client.rs`) through `AppContext::feeds`.
use samskap_domain::library::feed::Feed;
use samskap_domain::library::subscription::FeedProblem;

pub trait FeedFetcher: Send + Sync {
    /// The feed at `url`, checked (`parse_feed`), or why it was refused.
    fn fetch<'a>(
        &'a self,
        url: &'a str,
    ) -> futures::future::BoxFuture<'a, Result<Feed, FeedProblem>>;
}
