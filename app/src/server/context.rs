//! What every server function can reach: the store, the login throttle, the caller.
use super::bus::EventBus;
use super::session;
use super::throttle::{FailureLimit, LoginThrottle, RateLimit};
use crate::error::AppError;
use leptos::prelude::*;
use samskap_domain::account::model::{Role, User};
use samskap_domain::store::Store;
use std::sync::Arc;

/// Shared server state, provided to every render and server function.
#[derive(Clone)]
pub struct AppContext {
    pub store: Arc<dyn Store>,
    pub throttle: LoginThrottle,
    /// Wrong join and receipt codes per client network.
    pub code_failures: FailureLimit<std::net::IpAddr>,
    /// New participants per client network.
    pub joins: RateLimit<std::net::IpAddr>,
    pub posts: RateLimit<uuid::Uuid>,
    pub bus: EventBus,
    /// Pixels being decoded at once, over all photo uploads.
    pub decodes: super::photo::DecodeBudget,
    /// Uploads being read or processed at once.
    pub uploads: super::photo::UploadSlots,
    pub metrics: Arc<super::metrics::Metrics>,
    /// Reverse proxies whose `X-Forwarded-For` names the real client.
    pub trusted_proxies: Arc<[std::net::IpAddr]>,
    /// Whether cookies we set ourselves (participant tokens) carry `Secure`.
    pub secure_cookies: bool,
    pub passwords: super::password::PasswordWork,
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
            joins: super::throttle::joins(),
            posts: super::throttle::posts(),
            bus: EventBus::default(),
            decodes: super::photo::DecodeBudget::default(),
            uploads: super::photo::UploadSlots::default(),
            passwords: super::password::PasswordWork::default(),
        }
    }

    /// Keeps the throttles' memory bounded (call about once a minute).
    pub fn forget_idle(&self) {
        self.throttle.forget_idle();
        self.code_failures.forget_idle();
        self.joins.forget_idle();
        self.posts.forget_idle();
    }
}

/// The request's application context.
pub fn app() -> Result<AppContext, AppError> {
    use_context::<AppContext>().ok_or_else(|| {
        tracing::error!("AppContext missing from the request context");
        AppError::Internal
    })
}

/// The signed-in, active staff user, if any.
pub async fn current_user() -> Result<Option<User>, AppError> {
    let session = session::session().await?;
    user_of_session(app()?.store.as_ref(), &session).await
}

/// The active staff user signed in under this session, if any (also for plain axum
/// handlers, which have no Leptos context).
pub async fn user_of_session(
    store: &dyn Store,
    session: &tower_sessions::Session,
) -> Result<Option<User>, AppError> {
    let Some((id, epoch)) = session::signed_in_to(session).await? else {
        return Ok(None);
    };
    let user = store.user(id).await?;
    Ok(user.filter(|u| u.active && u.session_epoch == epoch))
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

/// The signed-in user, or `Unauthenticated`.
pub async fn require_user() -> Result<User, AppError> {
    current_user().await?.ok_or(AppError::Unauthenticated)
}

/// The signed-in user if their role passes `allowed`, else `Forbidden`.
pub async fn require_role(allowed: fn(Role) -> bool) -> Result<User, AppError> {
    let user = require_user().await?;
    if allowed(user.role) {
        Ok(user)
    } else {
        Err(AppError::Forbidden)
    }
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
        | AppError::NotAdopted
        | AppError::ClientKeyTaken
        | AppError::WorkshopFull => S::CONFLICT,
        AppError::PhotoTooLarge(_) => S::PAYLOAD_TOO_LARGE,
        AppError::BadRequest => S::BAD_REQUEST,
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
