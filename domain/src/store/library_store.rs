//! The storage contract of the learning library: saving a programme's write-ups, and
//! searching and publishing the shared ones. Part of `Store`.
use super::actor::Actor;
use super::store_error::StoreResult;
use crate::library::model::{EntryFacts, LibraryEntry, LibraryFacets, LibraryQuery};
use crate::library::subscription::{FeedProblem, Subscription};
use uuid::Uuid;

#[async_trait::async_trait]
pub trait LibraryStore: Send + Sync {
    /// Writes up `source` (a prototype lineage or a measure of `programme`): creates its
    /// one entry, or replaces the facts, summary and sharing of the one it has, in one
    /// statement that checks the entry is `programme`'s (`NotFound` otherwise), with
    /// the search index in the same transaction. Audited. Returns the entry's id.
    async fn save_library_entry(
        &self,
        programme: Uuid,
        source: Uuid,
        facts: &EntryFacts,
        summary: &str,
        shared: bool,
        actor: &Actor,
    ) -> StoreResult<Uuid>;
    /// The programme's entries, shared or not, newest first.
    async fn library_entries(&self, programme: Uuid) -> StoreResult<Vec<LibraryEntry>>;
    /// The entry of `source` if it has one in `programme`.
    async fn library_entry_of(
        &self,
        programme: Uuid,
        source: Uuid,
    ) -> StoreResult<Option<LibraryEntry>>;
    /// The shared entries of every programme that match `query`: best match first when
    /// it has words, else newest first; at most `SEARCH_LIMIT`.
    async fn search_library(&self, query: &LibraryQuery) -> StoreResult<Vec<LibraryEntry>>;
    /// What the search filters can be set to, among the shared entries.
    async fn library_facets(&self) -> StoreResult<LibraryFacets>;
    /// Every shared entry, oldest first, for the open feed.
    async fn shared_entries(&self) -> StoreResult<Vec<LibraryEntry>>;

    /// The programme's subscriptions to other installations' feeds, oldest first.
    async fn subscriptions(&self, programme: Uuid) -> StoreResult<Vec<Subscription>>;
    /// Subscribes `programme` to the feed at `url` with the entries just fetched from
    /// it (each with its `origin`), in one transaction. `Duplicate` if it is subscribed
    /// to that address already, `TooManyFeeds` if it has `MAX_FEEDS_PER_PROGRAMME`
    /// (counted one subscription at a time), `NotFound` without the programme. Audited.
    /// Returns the subscription's id.
    async fn subscribe(
        &self,
        programme: Uuid,
        url: &str,
        entries: &[LibraryEntry],
        actor: &Actor,
    ) -> StoreResult<Uuid>;
    /// A fetch of `programme`'s feed `feed`: one that succeeded replaces its entries
    /// whole; one that failed is recorded and the entries stay. `NotFound` unless the
    /// feed is the programme's.
    async fn record_fetch(
        &self,
        programme: Uuid,
        feed: Uuid,
        fetched: Result<&[LibraryEntry], FeedProblem>,
    ) -> StoreResult<()>;
    /// Ends `programme`'s subscription `feed` and drops its entries. `NotFound` unless
    /// the feed is the programme's. Audited.
    async fn unsubscribe(&self, programme: Uuid, feed: Uuid, actor: &Actor) -> StoreResult<()>;
    /// Every subscription of the installation (programme, feed, address), for the
    /// scheduled fetches.
    async fn all_subscriptions(&self) -> StoreResult<Vec<(Uuid, Uuid, String)>>;
}
