//! `/workshops/{id}/evaluation.csv`: every card of a workshop for the programme's
//! evaluation, authors only as pseudonyms (P1, P2, … in order of their first card;
//! staff as "staff"), with the self-described age band and role. No nickname, no id.
use super::csv_safe::SafeCsv;
use crate::http_state::HttpState;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use samskap_app::error::AppError;
use samskap_app::server::context::{account_of_session, member_of};
use samskap_domain::inclusion::model::EvaluationCard;
use samskap_domain::store::Item;
use std::collections::HashMap;
use tower_sessions::Session;
use uuid::Uuid;

const COLUMNS: [&str; 11] = [
    "author",
    "age_band",
    "role",
    "board",
    "kind",
    "status",
    "text",
    "theme",
    "focus_area",
    "votes",
    "posted_at",
];

/// Staff who run workshops, and evaluators, may export (not the steering group).
pub(super) async fn evaluation_csv(
    State(state): State<HttpState>,
    Path(id): Path<Uuid>,
    session: Session,
) -> Response {
    let store = state.store.as_ref();
    let account = match account_of_session(store, &session).await {
        Ok(Some(account)) => account,
        Ok(None) => return StatusCode::UNAUTHORIZED.into_response(),
        Err(err) => return failed(err),
    };
    // Members of the workshop's programme; to anyone else there is no such workshop.
    match member_of(store, &account, Item::Workshop(id)).await {
        Ok((user, _)) if user.role.can_export_evaluation() => {}
        Ok(_) => return StatusCode::FORBIDDEN.into_response(),
        Err(AppError::NotFound) => return StatusCode::NOT_FOUND.into_response(),
        Err(err) => return failed(err),
    }
    let workshop = match store.workshop(id).await {
        Ok(Some(w)) => w,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(err) => return failed(err),
    };
    let cards = match store.evaluation_cards(id).await {
        Ok(cards) => cards,
        Err(err) => return failed(err),
    };
    match csv_of(&cards) {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!(
                        "attachment; filename=\"evaluering-{}.csv\"",
                        workshop.fields.starts_at.format("%Y-%m-%d")
                    ),
                ),
                (header::CACHE_CONTROL, "no-store".to_string()),
            ],
            bytes,
        )
            .into_response(),
        Err(err) => failed(err),
    }
}

/// The CSV of `cards`, pseudonymised.
pub fn csv_of(cards: &[EvaluationCard]) -> Result<Vec<u8>, String> {
    let mut pseudonyms: HashMap<Uuid, usize> = HashMap::new();
    let mut out = SafeCsv::default();
    out.row(COLUMNS)?;
    for card in cards {
        let author = match card.participant_id {
            Some(p) => {
                let next = pseudonyms.len() + 1;
                format!("P{}", pseudonyms.entry(p).or_insert(next))
            }
            None if card.by_staff => "staff".to_string(),
            None => String::new(),
        };
        out.row([
            author,
            card.age_band.map(|a| a.as_str()).unwrap_or_default().into(),
            card.role.map(|r| r.as_str()).unwrap_or_default().into(),
            card.board.clone(),
            card.kind.clone(),
            card.status.clone(),
            card.body.clone(),
            card.theme.clone(),
            card.focus_area.clone(),
            card.votes.to_string(),
            card.posted_at
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        ])?;
    }
    out.finish()
}

fn failed(err: impl std::fmt::Display) -> Response {
    tracing::error!(%err, "exporting the evaluation failed");
    StatusCode::INTERNAL_SERVER_ERROR.into_response()
}
