//! The staff session: a server-side record (tower-sessions, stored in the database)
//! holding the signed-in user's id.
use crate::error::AppError;
use samskap_domain::account::model::{Account, SESSION_DAYS, SESSION_EXPIRES_AT};
use tower_sessions::Session;
use uuid::Uuid;

/// Session key of the signed-in user's id (also read by the server's staff-page guard).
pub const USER_ID: &str = "user_id";
const EPOCH: &str = "session_epoch";

pub async fn session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>().await.map_err(|e| {
        tracing::error!(error = %e, "session layer missing");
        AppError::Internal
    })
}

fn session_error(e: tower_sessions::session::Error) -> AppError {
    tracing::error!(error = %e, "session store failed");
    AppError::Internal
}

/// The user id and session epoch stored in this session, if signed in.
pub async fn signed_in_to(session: &Session) -> Result<Option<(Uuid, i64)>, AppError> {
    let id = session.get::<Uuid>(USER_ID).await.map_err(session_error)?;
    let epoch = session.get::<i64>(EPOCH).await.map_err(session_error)?;
    Ok(id.zip(epoch))
}

/// Starts a used session's days again when fewer than `SESSION_DAYS - 1` are left, by
/// changing it: tower-sessions saves (which moves its expiry and the cookie's) only a
/// changed session, so one ended seven days after sign-in however much it was used.
/// About one write a day for a session in use (each request already under way when it
/// ran short writes once too).
pub async fn keep_alive(session: &Session) -> Result<(), AppError> {
    let expires_at = session
        .get::<i64>(SESSION_EXPIRES_AT)
        .await
        .map_err(session_error)?;
    let left = expires_at.map(|at| at - chrono::Utc::now().timestamp());
    if left.is_some_and(|left| left < (SESSION_DAYS - 1) * 86_400) {
        session
            .remove_value(SESSION_EXPIRES_AT)
            .await
            .map_err(session_error)?;
    }
    Ok(())
}

/// Starts a signed-in session under a fresh id (so a planted session id is worthless),
/// remembering the user's current session epoch.
pub async fn sign_in(user: &Account) -> Result<(), AppError> {
    let session = session().await?;
    session.cycle_id().await.map_err(session_error)?;
    session
        .insert(USER_ID, user.id)
        .await
        .map_err(session_error)?;
    session
        .insert(EPOCH, user.session_epoch)
        .await
        .map_err(session_error)
}

/// Ends the session and deletes its record.
pub async fn sign_out() -> Result<(), AppError> {
    session().await?.flush().await.map_err(session_error)
}

/// Keeps a value for the caller's next page load only (e.g. a password shown once).
pub async fn set_flash<T: serde::Serialize>(key: &str, value: &T) -> Result<(), AppError> {
    session()
        .await?
        .insert(key, value)
        .await
        .map_err(session_error)
}

/// Takes the value kept by `set_flash`, removing it.
pub async fn take_flash<T: serde::de::DeserializeOwned>(key: &str) -> Result<Option<T>, AppError> {
    session()
        .await?
        .remove::<T>(key)
        .await
        .map_err(session_error)
}
