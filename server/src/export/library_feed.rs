//! `/public/library/feed.json` and `/public/library/feed.csv`: every shared library entry
//! as open data (`samskap-library/1`, NLOD 2.0), for anyone and for other
//! installations that subscribe. CSV cells are spreadsheet-safe (`csv_safe`).
use super::csv_safe::SafeCsv;
use super::Format;
use crate::http_state::HttpState;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use samskap_domain::library::feed::{Feed, CSV_COLUMNS};

/// The feed in `format` (JSON or CSV). Cached briefly: it changes when staff share.
pub(super) async fn feed(State(state): State<HttpState>, format: Format) -> Response {
    let entries = match state.store.shared_entries().await {
        Ok(entries) => entries,
        Err(err) => return super::routes::failed(err),
    };
    let feed = Feed::of(&entries, chrono::Utc::now());
    let body = match format {
        Format::Csv => csv_of(&feed),
        _ => serde_json::to_vec_pretty(&feed).map_err(|e| e.to_string()),
    };
    match body {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, format.content_type()),
                (header::CACHE_CONTROL, "public, max-age=300"),
                (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
            ],
            bytes,
        )
            .into_response(),
        Err(err) => {
            tracing::error!(%err, "writing the library feed failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

fn csv_of(feed: &Feed) -> Result<Vec<u8>, String> {
    let mut csv = SafeCsv::default();
    csv.row(CSV_COLUMNS)?;
    for entry in &feed.entries {
        csv.row(entry.cells())?;
    }
    csv.finish()
}
