//! The reports' export URLs, for every staff role: `/reports/{id}/export.{ext}` (the
//! draft as generated now) and `/reports/{id}/versions/{n}/report.{ext}` (a frozen
//! version exactly as frozen).
use super::routes::{failed, staff_programme};
use super::{render_report, Format};
use crate::http_state::HttpState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use samskap_app::error::AppError;
use samskap_domain::report::model::ReportDocument;
use tower_sessions::Session;
use uuid::Uuid;

pub(super) fn routes() -> Router<HttpState> {
    let mut router = Router::new();
    for format in Format::ALL {
        let ext = format.extension();
        router = router
            .route(
                &format!("/reports/{{id}}/export.{ext}"),
                get(move |state, path, session| draft(state, path, session, format)),
            )
            .route(
                &format!("/reports/{{id}}/versions/{{version}}/report.{ext}"),
                get(move |state, path, session| version(state, path, session, format)),
            );
    }
    router
}

async fn draft(
    State(state): State<HttpState>,
    Path(id): Path<Uuid>,
    session: Session,
    format: Format,
) -> Response {
    let store = state.store.as_ref();
    let programme =
        match staff_programme(store, &session, samskap_domain::store::Item::Report(id)).await {
            Ok(programme) => programme,
            Err(response) => return response,
        };
    let built = async {
        let (report, texts) = samskap_app::report::build::report(store, programme.id, id).await?;
        samskap_app::report::build::draft(store, &programme, &report, &texts).await
    };
    match built.await {
        Ok(document) => file(&document, format),
        Err(AppError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(err) => failed(err),
    }
}

async fn version(
    State(state): State<HttpState>,
    Path((id, n)): Path<(Uuid, u32)>,
    session: Session,
    format: Format,
) -> Response {
    let store = state.store.as_ref();
    let programme =
        match staff_programme(store, &session, samskap_domain::store::Item::Report(id)).await {
            Ok(programme) => programme.id,
            Err(response) => return response,
        };
    match store.report_version(programme, id, n).await {
        Ok(Some(v)) => file(&v.document, format),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(err) => failed(err),
    }
}

fn file(document: &ReportDocument, format: Format) -> Response {
    let version = document
        .frozen
        .as_ref()
        .map(|f| format!("v{}", f.version))
        .unwrap_or_else(|| "utkast".into());
    let name = format!(
        "rapport-{}-{}-{}-{version}.{}",
        document.kind.as_str().replace('_', "-"),
        document.from,
        document.to,
        format.extension()
    );
    super::routes::attachment(render_report(document, format), format, &name)
}
