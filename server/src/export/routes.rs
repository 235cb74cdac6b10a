//! The export URLs: `/p/{programme}/plans/{year}/export.{ext}` (the plan as it stands;
//! staff), `/p/{programme}/plans/{year}/versions/{n}/plan.{ext}` (a frozen version;
//! staff) and `/public/{programme}/plans/{year}/plan.{ext}` (the latest adopted version;
//! everyone); the reports' in `report_routes`.
use super::{render, Format};
use crate::http_state::HttpState;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use samskap_app::error::AppError;
use samskap_app::server::context::{account_of_session, member_of};
use samskap_domain::plan::model::{PlanSnapshot, PlanVersion};
use samskap_domain::store::Item;
use samskap_domain::store::Store;
use tower_sessions::Session;
use uuid::Uuid;

/// Every export route, for each format.
pub(crate) fn routes() -> Router<HttpState> {
    let mut router = Router::new()
        .route(
            "/workshops/{id}/evaluation.csv",
            get(super::evaluation::evaluation_csv),
        )
        .route(
            "/public/library/feed.json",
            get(|state| super::library_feed::feed(state, Format::Json)),
        )
        .route(
            "/public/library/feed.csv",
            get(|state| super::library_feed::feed(state, Format::Csv)),
        )
        .merge(super::report_routes::routes());
    for format in Format::ALL {
        let ext = format.extension();
        router = router
            .route(
                &format!("/p/{{programme}}/plans/{{year}}/export.{ext}"),
                get(move |state, path, session| live(state, path, session, format)),
            )
            .route(
                &format!("/p/{{programme}}/plans/{{year}}/versions/{{version}}/plan.{ext}"),
                get(move |state, path, session| version(state, path, session, format)),
            )
            .route(
                &format!("/public/{{programme}}/plans/{{year}}/plan.{ext}"),
                get(move |state, path| public(state, path, format)),
            );
    }
    router
}

async fn live(
    State(state): State<HttpState>,
    Path((slug, year)): Path<(String, i32)>,
    session: Session,
    format: Format,
) -> Response {
    let store = state.store.as_ref();
    let programme = match named_for_staff(store, &session, &slug).await {
        Ok(programme) => programme,
        Err(response) => return response,
    };
    if !(programme.fields.start_year..=programme.fields.end_year).contains(&year) {
        return StatusCode::NOT_FOUND.into_response();
    }
    match samskap_app::plan::snapshot::build(store, &programme, year).await {
        Ok((plan, _)) => file(&plan, format),
        Err(err) => failed(err),
    }
}

async fn version(
    State(state): State<HttpState>,
    Path((slug, year, n)): Path<(String, i32, u32)>,
    session: Session,
    format: Format,
) -> Response {
    let programme = match named_for_staff(state.store.as_ref(), &session, &slug).await {
        Ok(programme) => programme.id,
        Err(response) => return response,
    };
    match frozen(state.store.as_ref(), programme, year).await {
        Ok(versions) => match versions.into_iter().find(|v| v.version == n) {
            Some(v) => file(&v.snapshot, format),
            None => StatusCode::NOT_FOUND.into_response(),
        },
        Err(response) => response,
    }
}

async fn public(
    State(state): State<HttpState>,
    Path((slug, year)): Path<(String, i32)>,
    format: Format,
) -> Response {
    let store = state.store.as_ref();
    let programme = match samskap_app::plan::access::public_programme(store, &slug).await {
        Ok(programme) => programme,
        Err(AppError::NotFound) => return StatusCode::NOT_FOUND.into_response(),
        Err(err) => return failed(err),
    };
    match frozen(store, programme, year).await {
        Ok(versions) => match versions.last() {
            Some(v) => file(&v.snapshot, format),
            None => StatusCode::NOT_FOUND.into_response(),
        },
        Err(response) => response,
    }
}

/// The programme named `slug` for a signed-in member of it (`staff_programme`); without
/// a session `401` whatever the slug, so the answer tells no one which slugs exist.
async fn named_for_staff(
    store: &dyn Store,
    session: &Session,
    slug: &str,
) -> Result<samskap_domain::programme::model::Programme, Response> {
    match account_of_session(store, session).await {
        Ok(Some(_)) => {}
        Ok(None) => return Err(StatusCode::UNAUTHORIZED.into_response()),
        Err(err) => return Err(failed(err)),
    }
    match store.programme_by_slug(slug).await {
        Ok(Some(id)) => staff_programme(store, session, Item::Programme(id)).await,
        Ok(None) => Err(StatusCode::NOT_FOUND.into_response()),
        Err(err) => Err(failed(err)),
    }
}

/// The programme of `item` for a signed-in member of it; or the response that refuses
/// the request.
pub(super) async fn staff_programme(
    store: &dyn Store,
    session: &Session,
    item: Item,
) -> Result<samskap_domain::programme::model::Programme, Response> {
    let account = match account_of_session(store, session).await {
        Ok(Some(account)) => account,
        Ok(None) => return Err(StatusCode::UNAUTHORIZED.into_response()),
        Err(err) => return Err(failed(err)),
    };
    let programme = match member_of(store, &account, item).await {
        Ok((_, programme)) => programme,
        Err(AppError::NotFound) => return Err(StatusCode::NOT_FOUND.into_response()),
        Err(err) => return Err(failed(err)),
    };
    match store.programme(programme).await {
        Ok(Some(programme)) => Ok(programme),
        Ok(None) => Err(StatusCode::NOT_FOUND.into_response()),
        Err(err) => Err(failed(err)),
    }
}

async fn frozen(
    store: &dyn Store,
    programme: Uuid,
    year: i32,
) -> Result<Vec<PlanVersion>, Response> {
    store.plan_versions(programme, year).await.map_err(failed)
}

fn file(plan: &PlanSnapshot, format: Format) -> Response {
    let name = format!(
        "handlingsplan-{}-v{}.{}",
        plan.year,
        plan.version,
        format.extension()
    );
    attachment(render(plan, format), format, &name)
}

/// A rendered export as a download named `name`, never kept by a cache; a rendering
/// that failed as `failed`.
pub(super) fn attachment(
    rendered: Result<Vec<u8>, String>,
    format: Format,
    name: &str,
) -> Response {
    match rendered {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, format.content_type().to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{name}\""),
                ),
                (header::CACHE_CONTROL, "no-store".to_string()),
            ],
            bytes,
        )
            .into_response(),
        Err(err) => failed(err),
    }
}

pub(super) fn failed(err: impl std::fmt::Display) -> Response {
    tracing::error!(%err, "exporting the plan failed");
    StatusCode::INTERNAL_SERVER_ERROR.into_response()
}
