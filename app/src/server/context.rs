//! What every server function can reach: the store, the login throttle, the caller.
use super::session;
use super::store::{Store, StoreError};
use super::throttle::LoginThrottle;
use crate::account::model::{Role, User};
use crate::error::AppError;
use leptos::prelude::*;
use std::sync::Arc;

/// Shared server state, provided to every render and server function.
#[derive(Clone)]
pub struct AppContext {
    pub store: Arc<dyn Store>,
    pub throttle: LoginThrottle,
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
    let Some((id, epoch)) = session::signed_in().await? else {
        return Ok(None);
    };
    let user = app()?.store.user(id).await.map_err(internal)?;
    Ok(user.filter(|u| u.active && u.session_epoch == epoch))
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

/// Logs a store failure and hides it from the client.
pub fn internal(err: StoreError) -> AppError {
    match err {
        StoreError::NotFound => AppError::NotFound,
        StoreError::EmailTaken => AppError::EmailTaken,
        StoreError::LastLead => AppError::LastLead,
        StoreError::Backend(detail) => {
            tracing::error!(%detail, "store call failed");
            AppError::Internal
        }
    }
}

/// The HTTP status that fits an error (applied to API responses by the server).
pub fn status_of(err: &AppError) -> http::StatusCode {
    use http::StatusCode as S;
    match err {
        AppError::Unauthenticated | AppError::InvalidCredentials => S::UNAUTHORIZED,
        AppError::Forbidden => S::FORBIDDEN,
        AppError::NotFound => S::NOT_FOUND,
        AppError::TooManyAttempts => S::TOO_MANY_REQUESTS,
        AppError::BadRequest => S::BAD_REQUEST,
        AppError::Internal | AppError::Transport(_) => S::INTERNAL_SERVER_ERROR,
        _ => S::UNPROCESSABLE_ENTITY,
    }
}
