//! Subscriptions to other installations' library feeds, on the programme's library
//! page: the lead adds a feed by its address (fetched at once; a feed that is down,
//! slow, malformed or too large is refused and nothing is kept), fetches it again on
//! demand, or removes it. The server also fetches every feed on a schedule.
use super::labels::problem_text;
use crate::error::{AppError, ErrorAlert};
use crate::i18n::*;
use crate::ui::programme_path::ProgrammeField;
use crate::ui::refresh::refreshing;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use samskap_domain::library::subscription::FeedProblem;
use samskap_domain::library::subscription::{Subscription, MAX_FEED_URL};
use uuid::Uuid;

/// Fetches `programme`'s feed `feed` at `url` and records what came of it: the entries
/// replaced, or the problem noted and the entries kept (server only).
#[cfg(feature = "ssr")]
pub async fn refresh(
    store: &dyn samskap_domain::store::Store,
    fetcher: &dyn crate::server::feeds::FeedFetcher,
    programme: Uuid,
    feed: Uuid,
    url: &str,
) -> Result<Result<usize, FeedProblem>, AppError> {
    match fetcher.fetch(url).await {
        Ok(fetched) => {
            let entries = remote_entries(&fetched, url);
            store
                .record_fetch(programme, feed, Ok(entries.as_slice()))
                .await?;
            Ok(Ok(entries.len()))
        }
        Err(problem) => {
            store.record_fetch(programme, feed, Err(problem)).await?;
            Ok(Err(problem))
        }
    }
}

#[cfg(feature = "ssr")]
fn remote_entries(
    feed: &samskap_domain::library::feed::Feed,
    url: &str,
) -> Vec<samskap_domain::library::model::LibraryEntry> {
    use samskap_domain::library::subscription::{origin_of, remote_entry};
    let origin = origin_of(url);
    feed.entries
        .iter()
        .map(|e| remote_entry(e, &origin))
        .collect()
}

/// The lead of `programme`, the store and the fetcher.
#[cfg(feature = "ssr")]
async fn lead_of(
    programme: &str,
) -> Result<
    (
        std::sync::Arc<dyn samskap_domain::store::Store>,
        samskap_domain::store::actor::Actor,
        Uuid,
        Option<std::sync::Arc<dyn crate::server::feeds::FeedFetcher>>,
    ),
    AppError,
> {
    use crate::server::context::{app, programme_named, require_role};
    use samskap_domain::account::model::Role;
    let (user, id) =
        require_role(programme_named(programme).await?, Role::can_edit_programme).await?;
    let app = app()?;
    Ok((
        app.store,
        crate::pipeline::access::actor_of(&user),
        id,
        app.feeds,
    ))
}

/// Counts a fetch asked for by programme `programme`'s lead (`TooManyRequests` past
/// `FEED_FETCHES_PER_MINUTE`): each makes this server read up to 5 MiB from elsewhere.
#[cfg(feature = "ssr")]
fn count_fetch(programme: Uuid) -> Result<(), AppError> {
    if crate::server::context::app()?
        .feed_fetches
        .allow(&programme)
    {
        Ok(())
    } else {
        Err(AppError::TooManyRequests)
    }
}

/// Subscribes the programme to the feed at `url`, fetched at once: a feed that cannot
/// be read is refused (`FeedRefused`) and nothing is kept. The lead.
#[server(endpoint = "library/feeds/add", output = crate::JsonText)]
pub async fn add_feed(programme: String, url: String) -> Result<Uuid, AppError> {
    use samskap_domain::library::subscription::MAX_FEEDS_PER_PROGRAMME;
    use samskap_domain::store::StoreError;
    let (store, actor, id, fetcher) = lead_of(&programme).await?;
    let url = url.trim().to_string();
    // No user name, backslash or space: each makes the host a reader sees differ from
    // the one fetched (and from the origin shown beside the entries).
    let odd = |c: char| c == '@' || c == '\\' || c.is_whitespace();
    if url.chars().count() > MAX_FEED_URL || url.chars().any(odd) {
        return Err(AppError::FeedRefused(FeedProblem::InvalidAddress));
    }
    let subscriptions = store.subscriptions(id).await?;
    if subscriptions.iter().any(|s| s.url == url) {
        return Err(AppError::AlreadySubscribed);
    }
    if subscriptions.len() >= MAX_FEEDS_PER_PROGRAMME {
        return Err(AppError::TooManyFeeds(MAX_FEEDS_PER_PROGRAMME));
    }
    count_fetch(id)?;
    let fetcher = fetcher.ok_or(AppError::FeedRefused(FeedProblem::Unreachable))?;
    let feed = fetcher.fetch(&url).await.map_err(AppError::FeedRefused)?;
    let entries = remote_entries(&feed, &url);
    match store.subscribe(id, &url, &entries, &actor).await {
        Err(StoreError::Duplicate) => Err(AppError::AlreadySubscribed),
        other => Ok(other?),
    }
}

/// Fetches a subscribed feed now; its problem, if any, is kept and answered
/// (`FeedRefused`), and the entries fetched before stay. The lead.
#[server(endpoint = "library/feeds/fetch", output = crate::JsonText)]
pub async fn fetch_feed(programme: String, feed_id: Uuid) -> Result<u32, AppError> {
    let (store, _, id, fetcher) = lead_of(&programme).await?;
    let subscription = store
        .subscriptions(id)
        .await?
        .into_iter()
        .find(|s| s.id == feed_id)
        .ok_or(AppError::NotFound)?;
    count_fetch(id)?;
    let fetcher = fetcher.ok_or(AppError::FeedRefused(FeedProblem::Unreachable))?;
    match refresh(
        store.as_ref(),
        fetcher.as_ref(),
        id,
        feed_id,
        &subscription.url,
    )
    .await?
    {
        Ok(count) => Ok(count as u32),
        Err(problem) => Err(AppError::FeedRefused(problem)),
    }
}

/// Ends a subscription; its entries leave the library. The lead.
#[server(endpoint = "library/feeds/remove", output = crate::JsonText)]
pub async fn remove_feed(programme: String, feed_id: Uuid) -> Result<(), AppError> {
    let (store, actor, id, _) = lead_of(&programme).await?;
    Ok(store.unsubscribe(id, feed_id, &actor).await?)
}

/// The programme's subscriptions, and for the lead the forms that manage them.
#[component]
pub fn Subscriptions(subscriptions: Vec<Subscription>, can_manage: bool) -> impl IntoView {
    let i18n = use_i18n();
    let rows = subscriptions
        .into_iter()
        .map(|s| view! { <SubscriptionItem subscription=s can_manage /> })
        .collect_view();
    view! {
        <section aria-labelledby="feeds-heading">
            <h2 id="feeds-heading">{t!(i18n, library.feeds)}</h2>
            <p>{t!(i18n, library.feeds_intro)}</p>
            <ul class="feeds">{rows}</ul>
            {can_manage.then(|| view! { <AddFeedForm /> })}
        </section>
    }
}

#[component]
fn SubscriptionItem(subscription: Subscription, can_manage: bool) -> impl IntoView {
    let i18n = use_i18n();
    let (fetch, fetch_form, fetch_error) = refreshing::<FetchFeed>();
    let (remove, remove_form, remove_error) = refreshing::<RemoveFeed>();
    let error = Signal::derive(move || fetch_error.get().or_else(|| remove_error.get()));
    let s = subscription;
    let fetched = match s.fetched_at {
        Some(at) => t_string!(
            i18n,
            library.feed_fetched,
            count = s.entries,
            at = crate::ui::time::oslo(at)
        )
        .to_string(),
        None => String::new(),
    };
    let problem = s.problem.map(|p| {
        view! { <p class="alert">{t!(i18n, library.feed_last_try)} " " {problem_text(i18n, p)}</p> }
    });
    let id = s.id.to_string();
    let also = id.clone();
    let controls = can_manage.then(|| {
        view! {
            <ActionForm action=fetch node_ref=fetch_form attr:class="inline">
                <ProgrammeField />
                <input type="hidden" name="feed_id" value=also />
                <button type="submit">{t!(i18n, library.feed_fetch)}</button>
            </ActionForm>
            <ActionForm action=remove node_ref=remove_form attr:class="inline">
                <ProgrammeField />
                <input type="hidden" name="feed_id" value=id />
                <button type="submit" class="link">
                    {t!(i18n, library.feed_remove)}
                </button>
            </ActionForm>
            <ErrorAlert error />
        }
    });
    view! {
        <li>
            <code>{s.url.clone()}</code>
            <p>{fetched}</p>
            {problem}
            {controls}
        </li>
    }
}

#[component]
fn AddFeedForm() -> impl IntoView {
    let i18n = use_i18n();
    let (action, form, error) = refreshing::<AddFeed>();
    view! {
        <ActionForm action node_ref=form attr:class="form">
            <ProgrammeField />
            <label for="feed-url">{t!(i18n, library.feed_address)}</label>
            <input
                type="url"
                id="feed-url"
                name="url"
                required
                maxlength=MAX_FEED_URL
                placeholder="https://…/public/library/feed.json"
            />
            <ErrorAlert error />
            <button type="submit">{t!(i18n, library.feed_add)}</button>
        </ActionForm>
    }
}
