//! Paths that name no programme, from before an installation held several: an old
//! bookmark or a printed link to `/plans/2025` lands on the same page of the programme
//! the staff member works in, `/public/plans/2025` on the first programme's. And the
//! cookie that remembers the programme a staff member last opened.
use crate::http_state::HttpState;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use samskap_app::server::context::{account_of_session, choose, PROGRAMME_COOKIE};
use tower_sessions::Session;

/// The old staff paths, each with the programme page it became (`/p/{slug}` + that).
const STAFF: [(&str, &str); 10] = [
    ("/programme", ""),
    ("/programme/edit", "/edit"),
    ("/programme/indicators", "/indicators"),
    ("/dashboard", "/dashboard"),
    ("/accounts", "/accounts"),
    ("/workshops", "/workshops"),
    ("/prototypes", "/prototypes"),
    ("/plans", "/plans"),
    ("/reports", "/reports"),
    ("/audit", "/audit"),
];

/// The redirects from the old paths.
pub(crate) fn routes() -> Router<HttpState> {
    let mut router = Router::new()
        .route("/plans/{*rest}", get(to_programme))
        .route("/public/plans/{*rest}", get(to_public));
    for (old, _) in STAFF {
        router = router.route(old, get(to_programme));
    }
    router
}

/// The same page in the programme the caller works in (the cookie's, else their
/// oldest); `/programmes` when they are in none. (Unsigned callers never get here: the
/// staff paths send them to the login page first.)
async fn to_programme(State(state): State<HttpState>, session: Session, req: Request) -> Response {
    let store = state.store.as_ref();
    let account = match account_of_session(store, &session).await {
        Ok(Some(account)) => account,
        Ok(None) => {
            let here = req.uri().path_and_query().map_or("/", |p| p.as_str());
            let next = leptos_router::location::Url::escape(here);
            return Redirect::to(&format!("/login?next={next}")).into_response();
        }
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let memberships = match store.memberships(account.id).await {
        Ok(memberships) => memberships,
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let remembered = samskap_app::server::cookies::value_of(req.headers(), PROGRAMME_COOKIE);
    let Some(here) = choose(&memberships, &[remembered]) else {
        return Redirect::to("/programmes").into_response();
    };
    let (path, query) = (req.uri().path(), req.uri().query());
    let rest = STAFF
        .iter()
        .find(|(old, _)| *old == path)
        .map(|(_, new)| new.to_string())
        .unwrap_or_else(|| path.to_string());
    let query = query.map(|q| format!("?{q}")).unwrap_or_default();
    let to = format!("/p/{}{rest}{query}", here.programme_slug);
    Redirect::to(&to).into_response()
}

/// The first programme's public page (links printed before there were several).
async fn to_public(State(state): State<HttpState>, req: Request) -> Response {
    let first = match state.store.programmes().await {
        Ok(programmes) => programmes.into_iter().next(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let Some(first) = first else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let rest = req.uri().path().trim_start_matches("/public");
    Redirect::to(&format!("/public/{}{rest}", first.slug)).into_response()
}

/// Remembers the programme of a `/p/{slug}/…` page a staff member opened (for the
/// navigation on pages that name none, and the old paths).
pub(crate) async fn remember(State(secure): State<bool>, req: Request, next: Next) -> Response {
    let slug = samskap_app::ui::programme_path::programme_in(req.uri().path())
        .filter(|s| samskap_domain::validate::slug(s).is_ok());
    let mut response = next.run(req).await;
    if let Some(slug) = slug.filter(|_| response.status().is_success()) {
        let secure = if secure { "; Secure" } else { "" };
        let cookie = format!(
            "{PROGRAMME_COOKIE}={slug}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly{secure}"
        );
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}
