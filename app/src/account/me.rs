//! Who is signed in, and in which programme: the shell builds the navigation from it.
use crate::error::AppError;
use leptos::prelude::*;
use samskap_domain::account::model::{Membership, User};
use serde::{Deserialize, Serialize};

/// The signed-in staff member as the navigation needs them.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Me {
    /// With the role in `here` (a viewer's when in no programme).
    #[serde(flatten)]
    pub user: User,
    /// The programme the navigation links into: the one the URL names if the caller is a
    /// member there, else the one they last worked in, else their oldest.
    pub here: Option<Membership>,
    /// Every programme the caller is a member of, oldest first (the picker's choices).
    pub memberships: Vec<Membership>,
    /// Whether they may add programmes to the installation.
    pub operator: bool,
}

/// The signed-in staff member, or `None`; `programme` is the slug the page's URL names.
#[server(endpoint = "auth/me")]
pub async fn current_user(programme: Option<String>) -> Result<Option<Me>, AppError> {
    use crate::server::context::{app, choose, current_account, PROGRAMME_COOKIE};
    use samskap_domain::account::model::Role;
    let Some(account) = current_account().await? else {
        return Ok(None);
    };
    let headers = leptos_axum::extract::<http::HeaderMap>()
        .await
        .map_err(|_| AppError::Internal)?;
    let remembered = crate::server::cookies::value_of(&headers, PROGRAMME_COOKIE);
    let memberships = app()?.store.memberships(account.id).await?;
    let here = choose(&memberships, &[programme.as_deref(), remembered]);
    Ok(Some(Me {
        user: User {
            role: here.as_ref().map_or(Role::Viewer, |m| m.role),
            id: account.id,
            email: account.email,
            display_name: account.display_name,
            active: account.active,
            session_epoch: account.session_epoch,
        },
        here,
        memberships,
        operator: account.operator,
    }))
}

/// The current user resource, shared by the shell and the pages below it.
#[derive(Clone, Copy)]
pub struct UserResource(pub Resource<Result<Option<Me>, AppError>>);

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
