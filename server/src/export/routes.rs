//! The export URLs: `/plans/{year}/export.{ext}` (the plan as it stands; staff),
//! `/plans/{year}/versions/{n}/plan.{ext}` (a frozen version; staff) and
//! `/public/plans/{year}/plan.{ext}` (the latest adopted version; everyone); the
//! reports' in `report_routes`.
use super::{render, Format};
use crate::http_state::HttpState;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use samskap_app::server::context::user_of_session;
use samskap_domain::plan::model::{PlanSnapshot, PlanVersion};
use samskap_domain::store::Store;
use tower_sessions::Session;

/// Every export route, for each format.
pub(crate) fn routes() -> Router<HttpState> {
    let mut router = Router::new()
        .route(
            "/workshops/{id}/evaluation.csv",
            get(super::evaluation::evaluation_csv),
        )
        .merge(super::report_routes::routes());
    for format in Format::ALL {
        let ext = format.extension();
        router = router
            .route(
                &format!("/plans/{{year}}/export.{ext}"),
                get(move |state, path, session| live(state, path, session, format)),
            )
            .route(
                &format!("/plans/{{year}}/versions/{{version}}/plan.{ext}"),
                get(move |state, path, session| version(state, path, session, format)),
            )
            .route(
                &format!("/public/plans/{{year}}/plan.{ext}"),
                get(move |state, path| public(state, path, format)),
            );
    }
    router
}

async fn live(
    State(state): State<HttpState>,
    Path(year): Path<i32>,
    session: Session,
    format: Format,
) -> Response {
    let store = state.store.as_ref();
    let programme = match staff_programme(store, &session).await {
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
    Path((year, n)): Path<(i32, u32)>,
    session: Session,
    format: Format,
) -> Response {
    if let Err(response) = staff(state.store.as_ref(), &session).await {
        return response;
    }
    match frozen(state.store.as_ref(), year).await {
        Ok(versions) => match versions.into_iter().find(|v| v.version == n) {
            Some(v) => file(&v.snapshot, format),
            None => StatusCode::NOT_FOUND.into_response(),
        },
        Err(response) => response,
    }
}

async fn public(State(state): State<HttpState>, Path(year): Path<i32>, format: Format) -> Response {
    match frozen(state.store.as_ref(), year).await {
        Ok(versions) => match versions.last() {
            Some(v) => file(&v.snapshot, format),
            None => StatusCode::NOT_FOUND.into_response(),
        },
        Err(response) => response,
    }
}

/// The programme, for a signed-in staff user; or the response that refuses the request.
pub(super) async fn staff_programme(
    store: &dyn Store,
    session: &Session,
) -> Result<samskap_domain::programme::model::Programme, Response> {
    staff(store, session).await?;
    match store.programme().await {
        Ok(Some(programme)) => Ok(programme),
        Ok(None) => Err(StatusCode::NOT_FOUND.into_response()),
        Err(err) => Err(failed(err)),
    }
}

/// A signed-in staff user, or the response that refuses the request.
async fn staff(store: &dyn Store, session: &Session) -> Result<(), Response> {
    match user_of_session(store, session).await {
        Ok(Some(_)) => Ok(()),
        Ok(None) => Err(StatusCode::UNAUTHORIZED.into_response()),
        Err(err) => Err(failed(err)),
    }
}

async fn frozen(store: &dyn Store, year: i32) -> Result<Vec<PlanVersion>, Response> {
    let programme = match store.programme_id().await {
        Ok(Some(id)) => id,
        Ok(None) => return Err(StatusCode::NOT_FOUND.into_response()),
        Err(err) => return Err(failed(err)),
    };
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
