//! What every server function can reach: the store, the login throttle, the caller.
use super::bus::EventBus;
use super::session;
use super::throttle::{FailureLimit, LoginThrottle, RateLimit};
use crate::error::AppError;
use leptos::prelude::*;
use samskap_domain::account::model::{Account, Membership, Role, User};
use samskap_domain::store::{Item, Store};
use std::sync::Arc;
use uuid::Uuid;

/// Shared server state, provided to every render and server function.
#[derive(Clone)]
pub struct AppContext {
    pub store: Arc<dyn Store>,
    pub throttle: LoginThrottle,
    /// Wrong join and receipt codes per client network.
    pub code_failures: FailureLimit<std::net::IpAddr>,
    /// Join codes each network found lately (they pass while it is refused).
    pub found_codes: super::found_codes::FoundCodes,
    /// New participants per client network.
    pub joins: RateLimit<std::net::IpAddr>,
    pub posts: RateLimit<uuid::Uuid>,
    /// Votes, reports and receipt requests per author.
    pub taps: RateLimit<uuid::Uuid>,
    pub searches: RateLimit<super::throttle::Searcher>,
    pub feed_fetches: RateLimit<uuid::Uuid>,
    pub bus: EventBus,
    /// Staff access changed in this instance: open staff streams check theirs.
    pub access_changes: super::access_changes::AccessChanges,
    /// Pixels being decoded at once, over all photo uploads.
    pub decodes: super::photo::DecodeBudget,
    /// Uploads being read or processed at once.
    pub uploads: super::photo::UploadSlots,
    /// How long a photo's bytes may take to arrive once it holds an upload slot.
    pub upload_deadline: std::time::Duration,
    pub metrics: Arc<super::metrics::Metrics>,
    /// Reverse proxies whose `X-Forwarded-For` names the real client.
    pub trusted_proxies: Arc<[std::net::IpAddr]>,
    /// Whether cookies we set ourselves (participant tokens) carry `Secure`.
    pub secure_cookies: bool,
    pub passwords: super::password::PasswordWork,
    /// Fetches other installations' library feeds; none: subscribing is refused.
    pub feeds: Option<Arc<dyn super::feeds::FeedFetcher>>,
}

impl AppContext {
    pub fn new(
        store: Arc<dyn Store>,
        secure_cookies: bool,
        metrics: Arc<super::metrics::Metrics>,
    ) -> Self {
        Self {
            store,
            metrics,
            trusted_proxies: Arc::new([]),
            secure_cookies,
            throttle: LoginThrottle::default(),
            code_failures: super::throttle::code_failures(),
            found_codes: Default::default(),
            joins: super::throttle::joins(),
            posts: super::throttle::posts(),
            taps: super::throttle::taps(),
            searches: super::throttle::searches(),
            feed_fetches: super::throttle::feed_fetches(),
            bus: EventBus::default(),
            access_changes: Default::default(),
            decodes: super::photo::DecodeBudget::default(),
            uploads: super::photo::UploadSlots::default(),
            upload_deadline: super::photo::UPLOAD_DEADLINE,
            passwords: super::password::PasswordWork::default(),
            feeds: None,
        }
    }

    /// Keeps the throttles' memory bounded (call about once a minute).
    pub fn forget_idle(&self) {
        self.throttle.forget_idle();
        self.code_failures.forget_idle();
        self.found_codes.forget_idle();
        self.joins.forget_idle();
        self.posts.forget_idle();
        self.taps.forget_idle();
        self.searches.forget_idle();
        self.feed_fetches.forget_idle();
    }
}

/// The request's application context.
pub fn app() -> Result<AppContext, AppError> {
    use_context::<AppContext>().ok_or_else(|| {
        tracing::error!("AppContext missing from the request context");
        AppError::Internal
    })
}

/// The signed-in, active staff account, if any.
pub async fn current_account() -> Result<Option<Account>, AppError> {
    let session = session::session().await?;
    account_of_session(app()?.store.as_ref(), &session).await
}

/// The signed-in caller as a staff member of `item`'s programme, or `None` when not
/// signed in or not a member there (then they are just a visitor, who may have joined
/// as a participant with a code like anyone).
pub async fn staff_of(item: Item) -> Result<Option<User>, AppError> {
    let Some(account) = current_account().await? else {
        return Ok(None);
    };
    let member = member_or_none(app()?.store.as_ref(), &account, item).await?;
    Ok(member.map(|(user, _)| user))
}

/// The active staff account signed in under this session, if any (also for plain axum
/// handlers, which have no Leptos context).
pub async fn account_of_session(
    store: &dyn Store,
    session: &tower_sessions::Session,
) -> Result<Option<Account>, AppError> {
    let Some((id, epoch)) = session::signed_in_to(session).await? else {
        return Ok(None);
    };
    let account = store.account(id).await?;
    let account = account.filter(|a| a.accepts_session(epoch));
    if account.is_some() {
        session::keep_alive(session).await?;
    }
    Ok(account)
}

/// `account` as a member of the programme `item` belongs to, with that programme's id.
/// `NotFound` when there is no such thing or `account` is not a member of its programme:
/// someone from another programme learns nothing, not even that it exists.
pub async fn member_of(
    store: &dyn Store,
    account: &Account,
    item: Item,
) -> Result<(User, Uuid), AppError> {
    let programme = store.programme_of(item).await?.ok_or(AppError::NotFound)?;
    let user = store
        .member(programme, account.id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((user, programme))
}

/// Whether `account` is a member of `item`'s programme (false when there is no such
/// thing either), for the plain axum handlers: event streams, photos, exports.
pub async fn is_member(store: &dyn Store, account: &Account, item: Item) -> Result<bool, AppError> {
    Ok(member_or_none(store, account, item).await?.is_some())
}

/// `member_of`, with `None` where it would be `NotFound`.
async fn member_or_none(
    store: &dyn Store,
    account: &Account,
    item: Item,
) -> Result<Option<(User, Uuid)>, AppError> {
    match member_of(store, account, item).await {
        Ok(member) => Ok(Some(member)),
        Err(AppError::NotFound) => Ok(None),
        Err(other) => Err(other),
    }
}

/// The caller's network address, for throttling: the peer's, or behind a trusted
/// reverse proxy the one it forwarded for.
pub async fn client_address() -> Option<std::net::IpAddr> {
    let peer = leptos_axum::extract::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .await
        .ok()?
        .0
        .ip()
        .to_canonical();
    let trusted = app().ok()?.trusted_proxies;
    if !trusted.contains(&peer) {
        return Some(peer);
    }
    let headers = leptos_axum::extract::<http::HeaderMap>().await.ok()?;
    Some(forwarded_client(peer, &headers, &trusted))
}

/// The right-most address of `X-Forwarded-For` that is not one of our proxies (the ones
/// left of it could be made up by the client); the peer when there is none.
pub fn forwarded_client(
    peer: std::net::IpAddr,
    headers: &http::HeaderMap,
    trusted: &[std::net::IpAddr],
) -> std::net::IpAddr {
    headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .map(|a| a.trim().parse::<std::net::IpAddr>())
        .take_while(Result::is_ok)
        .flatten()
        .map(|a| a.to_canonical())
        .find(|a| !trusted.contains(a))
        .unwrap_or(peer)
}

/// The signed-in account, or `Unauthenticated`.
pub async fn require_account() -> Result<Account, AppError> {
    current_account().await?.ok_or(AppError::Unauthenticated)
}

/// The signed-in caller as a member of `item`'s programme, and that programme's id:
/// `Unauthenticated` without a session, `NotFound` as `member_of` says.
pub async fn require_member(item: Item) -> Result<(User, Uuid), AppError> {
    let account = require_account().await?;
    member_of(app()?.store.as_ref(), &account, item).await
}

/// `require_member`, and `Forbidden` unless the caller's role there passes `allowed`.
pub async fn require_role(item: Item, allowed: fn(Role) -> bool) -> Result<(User, Uuid), AppError> {
    let (user, programme) = require_member(item).await?;
    if allowed(user.role) {
        Ok((user, programme))
    } else {
        Err(AppError::Forbidden)
    }
}

/// The programme a URL names by its slug (`/p/{slug}/…`), as the item a call about a
/// whole programme (its lists, plans and settings) is checked in: `NotFound` if there
/// is none (and, through `require_member`, for a caller who is not a member of it).
pub async fn programme_named(slug: &str) -> Result<Item, AppError> {
    let id = app()?.store.programme_by_slug(slug).await?;
    id.map(Item::Programme).ok_or(AppError::NotFound)
}

/// The slug of the programme `id`, for links from a page about one of its things.
pub async fn slug_of(id: Uuid) -> Result<String, AppError> {
    app()?.store.slug_of(id).await?.ok_or(AppError::NotFound)
}

/// Name of the cookie that remembers the programme a staff member last worked in.
pub const PROGRAMME_COOKIE: &str = "samskap_programme";

/// The programme a staff member works in among their `memberships`: the first of
/// `wanted` (the URL's slug, then the programme cookie's) they are a member of, else
/// their oldest; `None` in no programme.
pub fn choose(memberships: &[Membership], wanted: &[Option<&str>]) -> Option<Membership> {
    wanted
        .iter()
        .flatten()
        .find_map(|slug| memberships.iter().find(|m| m.programme_slug == *slug))
        .or(memberships.first())
        .cloned()
}

/// The HTTP status that fits an error (applied to API responses by the server).
pub fn status_of(err: &AppError) -> http::StatusCode {
    use http::StatusCode as S;
    match err {
        AppError::Unauthenticated | AppError::InvalidCredentials | AppError::NotJoined => {
            S::UNAUTHORIZED
        }
        AppError::Forbidden | AppError::NotYourCard => S::FORBIDDEN,
        AppError::NotFound | AppError::JoinCodeInvalid | AppError::ReceiptUnknown => S::NOT_FOUND,
        AppError::TooManyAttempts
        | AppError::TooManyPosts
        | AppError::TooManyRequests
        | AppError::Busy
        | AppError::TooManyStreams => S::TOO_MANY_REQUESTS,
        AppError::RequestTooLarge(_) => S::PAYLOAD_TOO_LARGE,
        AppError::BoardClosed
        | AppError::WorkshopNotLive
        | AppError::VotingClosed
        | AppError::RoundClosed
        | AppError::AlreadyDecided
        | AppError::PlanFrozen
        | AppError::PlanChanged
        | AppError::ReportVersionTaken
        | AppError::YearNotOver
        | AppError::AlreadyPromoted
        | AppError::WrongPlanStatus
        | AppError::NotProceeded
        | AppError::StatusNotAllowed
        | AppError::NotFinished
        | AppError::AlreadySubscribed
        | AppError::NotAdopted
        | AppError::ClientKeyTaken
        | AppError::WorkshopFull => S::CONFLICT,
        AppError::PhotoTooLarge(_) => S::PAYLOAD_TOO_LARGE,
        AppError::BadRequest | AppError::UploadTooSlow(_) => S::BAD_REQUEST,
        AppError::Internal | AppError::Transport(_) => S::INTERNAL_SERVER_ERROR,
        _ => S::UNPROCESSABLE_ENTITY,
    }
}

#[cfg(test)]
mod tests {
    use super::forwarded_client;
    use std::net::IpAddr;

    fn headers(values: &[&str]) -> http::HeaderMap {
        let mut map = http::HeaderMap::new();
        for v in values {
            map.append("x-forwarded-for", v.parse().unwrap());
        }
        map
    }

    #[test]
    fn the_client_is_the_last_address_our_proxies_did_not_add() {
        let proxy: IpAddr = "127.0.0.1".parse().unwrap();
        let edge: IpAddr = "10.0.0.2".parse().unwrap();
        let trusted = [proxy, edge];
        let phone: IpAddr = "84.210.1.2".parse().unwrap();
        let forwarded = |values: &[&str]| forwarded_client(proxy, &headers(values), &trusted);
        assert_eq!(forwarded(&["84.210.1.2"]), phone);
        // A made-up address on the left is ignored; our edge proxy on the right skipped.
        assert_eq!(forwarded(&["6.6.6.6, 84.210.1.2, 10.0.0.2"]), phone);
        assert_eq!(forwarded(&["6.6.6.6", "84.210.1.2"]), phone);
        assert_eq!(forwarded(&[]), proxy, "no header: the proxy itself");
        assert_eq!(forwarded(&["not-an-address"]), proxy);
    }
}
