//! The HTTP application: Leptos pages and server functions, sessions, the staff-page
//! guard, error statuses for the API, board event streams, health and readiness,
//! language switch, compression.
use axum::body::Body;
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{
    generate_route_list, handle_server_fns_with_context, AxumRouteListing, LeptosRoutes,
};
use samskap_app::error::AppError;
use samskap_app::i18n::Locale;
use samskap_app::server::context::{account_of_session, status_of, AppContext};
use samskap_app::server::metrics::Metrics;
use samskap_app::shell::{shell, App};
use samskap_app::ui::bundle::ParticipantBundle;
use samskap_domain::store::Store;
use serde::Deserialize;
use std::sync::{Arc, OnceLock};
use tokio_util::sync::CancellationToken;
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::{time::Duration, SameSite};
use tower_sessions::{Expiry, Session, SessionManagerLayer};

use crate::http_state::HttpState;
use samskap_store::SessionBackend;

/// Paths that need a signed-in staff user; anyone else is sent to the login page.
const STAFF_PREFIXES: [&str; 15] = [
    "/p",
    "/evaluation",
    "/library",
    "/programmes",
    "/dashboard",
    "/programme",
    "/accounts",
    "/account",
    "/workshops",
    "/prototypes",
    "/trace",
    "/measures",
    "/plans",
    "/audit",
    "/reports",
];
/// Name of the cookie leptos_i18n reads the language from.
const LANGUAGE_COOKIE: &str = "i18n_pref_locale";
/// Largest API error body the status mapper reads.
const MAX_ERROR_BODY: usize = 64 * 1024;

/// Everything the router needs.
pub struct HttpConfig {
    pub leptos_options: LeptosOptions,
    pub store: Arc<dyn Store>,
    pub sessions: SessionBackend,
    pub secure_cookies: bool,
    /// With PostgreSQL: live boards shared with the other instances.
    pub fanout: Option<crate::fanout::Fanout>,
    /// Fired when the server starts shutting down: readiness turns 503 and every event
    /// stream ends, so clients reconnect to another instance.
    pub shutdown: CancellationToken,
    /// This instance's metrics; `metrics_router` serves them.
    pub metrics: Arc<Metrics>,
    /// Reverse proxies whose `X-Forwarded-For` is believed (for per-address limits).
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// How many event streams may be open per client, per network and in all.
    pub stream_limits: crate::stream_limits::StreamLimits,
    /// The hashes of the bundle's file names (from `hash.txt`): those files are kept a year.
    pub bundle_hashes: Vec<String>,
    /// The participant's bundle, which pages load for everyone not signed in (`None`:
    /// every page loads the staff's bundle).
    pub participant_bundle: Option<LeptosOptions>,
    /// Fetches other installations' library feeds (`None`: subscribing is refused and
    /// nothing is fetched on a schedule), and how often every feed is fetched.
    pub feeds: Option<Arc<dyn samskap_app::server::feeds::FeedFetcher>>,
    pub feed_interval: std::time::Duration,
    /// How long a photo's bytes may take to arrive once they hold an upload slot.
    pub upload_deadline: std::time::Duration,
    /// Serve the demo's feed of another municipality at `/demo/feed.json`.
    pub demo_feed: bool,
}

impl HttpConfig {
    /// The router's settings for an opened store, with plain cookies.
    pub fn new(leptos_options: LeptosOptions, opened: samskap_store::Opened) -> Self {
        Self {
            store: opened.store,
            sessions: opened.sessions,
            secure_cookies: false,
            fanout: opened.fanout.map(crate::fanout::Fanout::from),
            shutdown: CancellationToken::new(),
            metrics: Arc::default(),
            trusted_proxies: Vec::new(),
            stream_limits: Default::default(),
            bundle_hashes: if leptos_options.hash_files {
                crate::static_files::hashes_beside_exe()
            } else {
                Vec::new()
            },
            participant_bundle: std::env::current_exe()
                .map_err(|e| e.to_string())
                .and_then(|exe| crate::static_files::participant_bundle(&leptos_options, &exe))
                .inspect_err(|why| {
                    if leptos_options.hash_files {
                        tracing::warn!(
                            "no participant's bundle ({why}): every page loads the staff's \
                             bundle, which is larger"
                        );
                    }
                })
                .ok(),
            leptos_options,
            feeds: None,
            feed_interval: crate::feed_schedule::DEFAULT_INTERVAL,
            upload_deadline: samskap_app::server::photo::UPLOAD_DEADLINE,
            demo_feed: false,
        }
    }
}

/// Builds the whole application router.
pub fn router(config: HttpConfig) -> Router {
    let mut context = AppContext::new(
        config.store.clone(),
        config.secure_cookies,
        config.metrics.clone(),
    );
    let trusted_proxies: std::sync::Arc<[std::net::IpAddr]> = config.trusted_proxies.into();
    context.trusted_proxies = trusted_proxies.clone();
    context.upload_deadline = config.upload_deadline;
    tokio::spawn(forget_idle_attempts(
        context.clone(),
        config.shutdown.clone(),
    ));
    tokio::spawn(crate::retention::run(
        config.store.clone(),
        config.shutdown.clone(),
    ));
    if let Some(fetcher) = &config.feeds {
        context.feeds = Some(fetcher.clone());
        tokio::spawn(crate::feed_schedule::run(
            config.store.clone(),
            fetcher.clone(),
            config.feed_interval,
            config.shutdown.clone(),
        ));
    }
    if let Some(fanout) = config.fanout {
        crate::fanout::spawn(context.clone(), fanout, config.shutdown.clone());
    }
    tokio::spawn({
        let (bus, shutdown) = (context.bus.clone(), config.shutdown.clone());
        async move {
            shutdown.cancelled().await;
            bus.close();
        }
    });
    let state = HttpState {
        leptos_options: config.leptos_options.clone(),
        store: config.store,
        context: context.clone(),
        shutdown: config.shutdown,
        stream_limits: config.stream_limits,
    };
    let routes = route_list();
    let sessions = SessionManagerLayer::new(config.sessions)
        .with_name("samskap_session")
        .with_secure(config.secure_cookies)
        .with_same_site(SameSite::Lax)
        .with_http_only(true)
        .with_expiry(Expiry::OnInactivity(Duration::days(
            samskap_domain::account::model::SESSION_DAYS,
        )));
    let server_fn_context = context.clone();
    let server_fns = move |req: Request| {
        let context = server_fn_context.clone();
        async move {
            handle_server_fns_with_context(move || provide_context(context.clone()), req).await
        }
    };
    let router = if config.demo_feed {
        Router::new().route("/demo/feed.json", get(crate::demo_library::feed))
    } else {
        Router::new()
    };
    router
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/lang/{code}", get(set_language))
        .route("/lang", get(pick_language))
        .route("/events/boards/{id}", get(crate::events::board_events))
        .route("/events/rounds/{id}", get(crate::events::round_events))
        .route("/photos/{id}", get(crate::photos::full))
        .route("/photos/{id}/thumb", get(crate::photos::thumbnail))
        .merge(crate::export::routes())
        .merge(crate::programme_paths::routes())
        .merge(crate::static_files::routes(
            &config.leptos_options,
            config.bundle_hashes,
        ))
        .route("/api/{*fn_name}", post(server_fns))
        .leptos_routes_with_context(&state, routes, page_context(context.clone()), {
            let options = config.leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            HttpState,
            _,
        >(page_context(context), shell))
        .layer(middleware::from_fn_with_state(
            PageGuard {
                participant: config.participant_bundle.map(ParticipantBundle),
                store: state.store.clone(),
            },
            pages_by_session,
        ))
        .layer(middleware::from_fn(api_error_status))
        .layer(middleware::from_fn_with_state(
            config.secure_cookies,
            crate::programme_paths::remember,
        ))
        .layer(sessions)
        .layer(middleware::from_fn(crate::limits::limit_bodies))
        .layer(middleware::from_fn_with_state(
            crate::security::Security {
                secure_cookies: config.secure_cookies,
                trusted_proxies: trusted_proxies.clone(),
            },
            crate::security::secure,
        ))
        .layer(middleware::from_fn(crate::static_files::private_by_default))
        .layer(CompressionLayer::new())
        .layer(middleware::from_fn_with_state(
            config.metrics,
            crate::metrics::time_request,
        ))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// The app's routes, listed once per process. Listing runs the app with resource loads
/// suppressed process-wide (leptos_server's `SuppressResourceLoad`): a page on another
/// server in the process whose first resource read fell in that moment waited for ever
/// (leptos issue #4773).
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// What every page render gets: the app's context, and this request's CSP nonce.
fn page_context(context: AppContext) -> impl Fn() + Clone + Send + 'static {
    move || {
        provide_context(context.clone());
        crate::security::provide_page_nonce();
    }
}

/// Keeps the throttles' memory bounded: once a minute they drop idle entries.
async fn forget_idle_attempts(context: AppContext, shutdown: CancellationToken) {
    let mut every_minute = tokio::time::interval(std::time::Duration::from_secs(60));
    loop {
        tokio::select! {
            _ = every_minute.tick() => context.forget_idle(),
            () = shutdown.cancelled() => return,
        }
    }
}

/// 200 when the store answers, 503 otherwise.
async fn healthz(State(state): State<HttpState>) -> Response {
    match state.store.health().await {
        Ok(()) => (StatusCode::OK, "ok").into_response(),
        Err(err) => {
            tracing::error!(%err, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "store unavailable").into_response()
        }
    }
}

/// For load balancers: 200 while this instance takes new work (its store answers and
/// it is not shutting down), 503 otherwise.
async fn readyz(State(state): State<HttpState>) -> Response {
    if state.shutdown.is_cancelled() {
        return (StatusCode::SERVICE_UNAVAILABLE, "shutting down").into_response();
    }
    healthz(State(state)).await
}

#[derive(Deserialize)]
struct Back {
    back: Option<String>,
}

#[derive(Deserialize)]
struct Pick {
    to: String,
    back: Option<String>,
}

/// The language picker's form (`/lang?to=ar&back=…`): the same as `/lang/{code}`.
async fn pick_language(Query(pick): Query<Pick>) -> Response {
    set_language(Path(pick.to), Query(Back { back: pick.back })).await
}

/// Sets the language cookie and returns to the page the user came from. A plain link,
/// so it works without JavaScript.
async fn set_language(Path(code): Path<String>, Query(back): Query<Back>) -> Response {
    use leptos_i18n::Locale as _;
    let Some(locale) = Locale::get_all().iter().find(|l| l.as_str() == code) else {
        return (StatusCode::NOT_FOUND, "unknown language").into_response();
    };
    let target =
        samskap_app::account::login::local_path_or_default(back.back.as_deref().unwrap_or("/"));
    let cookie = format!(
        "{LANGUAGE_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        locale.as_str()
    );
    let mut response = Redirect::to(&target).into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

/// What `pages_by_session` needs: the participant's bundle, if built, and the store
/// to check a staff page's account in.
#[derive(Clone)]
struct PageGuard {
    participant: Option<ParticipantBundle>,
    store: Arc<dyn Store>,
}

/// Sends page requests for staff areas without a signed-in, active account to the login
/// page (deleting a session whose account was deactivated or whose password changed, and
/// renewing a live one), and has every other page that no one signed in asks for load
/// the participant's bundle (requests for anything but HTML never read the session
/// here, and other pages never the account).
async fn pages_by_session(
    State(PageGuard { participant, store }): State<PageGuard>,
    session: Session,
    mut req: Request,
    next: Next,
) -> Response {
    let path = req.uri().path();
    let is_staff_page = STAFF_PREFIXES
        .iter()
        .any(|p| path == *p || path.starts_with(&format!("{p}/")));
    let wants_html = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|accept| accept.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"));
    let participant = participant.filter(|_| wants_html && !is_staff_page);
    if is_staff_page || participant.is_some() {
        // A session that cannot be read counts as signed in for the bundle (the staff's
        // runs every page) but not for the staff pages.
        let session_user = session
            .get::<uuid::Uuid>(samskap_app::server::session::USER_ID)
            .await;
        if let Some(bundle) = participant.filter(|_| matches!(session_user, Ok(None))) {
            req.extensions_mut().insert(bundle);
        }
        // Checked here, before the page streams (its data may load after the headers are
        // out, too late to renew the session or to redirect); `account_of_session` also
        // renews it (`keep_alive`).
        let signed_in = is_staff_page
            && matches!(session_user, Ok(Some(_)))
            && match account_of_session(store.as_ref(), &session).await {
                Ok(Some(_)) => true,
                Ok(None) => {
                    // A dead session: its row goes now, not when it expires. Only the
                    // row: a cookie removal in this answer could land after, and so
                    // remove, the new cookie of a password change made meanwhile.
                    session.delete().await.ok();
                    false
                }
                // The page is served and shows the error itself.
                Err(_) => true,
            };
        if is_staff_page && !signed_in {
            let next_path = req
                .uri()
                .path_and_query()
                .map(|p| p.as_str())
                .unwrap_or("/");
            let escaped = leptos_router::location::Url::escape(next_path);
            return Redirect::to(&format!("/login?next={escaped}")).into_response();
        }
    }
    next.run(req).await
}

/// Server functions answer every error with status 500; this gives API callers the
/// status that fits (401, 403, 404, 422, 429) from the error in the body.
async fn api_error_status(req: Request, next: Next) -> Response {
    let is_api = req.uri().path().starts_with("/api/");
    let response = next.run(req).await;
    if !is_api || response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_ERROR_BODY).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response();
    };
    if let Ok(err) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status = status_of(&err);
    }
    Response::from_parts(parts, Body::from(bytes))
}
