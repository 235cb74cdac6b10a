//! Who is signed in: used by the shell to build the navigation for the role.
use crate::error::AppError;
use leptos::prelude::*;
use samskap_domain::account::model::User;

/// The signed-in staff user, or `None`.
#[server(endpoint = "auth/me")]
pub async fn current_user() -> Result<Option<User>, AppError> {
    crate::server::context::current_user().await
}

/// The current user resource, shared by the shell and the pages below it.
#[derive(Clone, Copy)]
pub struct UserResource(pub Resource<Result<Option<User>, AppError>>);

impl UserResource {
    /// Reloads the user after each successful run of `action` (sign-in, sign-out).
    pub fn refetch_after<S>(self, action: ServerAction<S>)
    where
        S: leptos::server_fn::ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
        S::Output: Send + Sync + 'static,
    {
        crate::ui::refresh::on_success(action, move || self.0.refetch());
    }
}

/// The user loaded by the shell, from context.
pub fn use_current_user() -> UserResource {
    expect_context::<UserResource>()
}
