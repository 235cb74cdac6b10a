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
    /// The programme the navigation links into: the one the page is in (its URL names it,
    /// or the thing it shows belongs to it) if the caller is a member there, else the one
    /// they last worked in, else their oldest.
    pub here: Option<Membership>,
    /// Every programme the caller is a member of, oldest first (the picker's choices).
    pub memberships: Vec<Membership>,
    /// Whether they may add programmes to the installation.
    pub operator: bool,
}

/// The signed-in staff member, or `None`; `page` is the path of the page shown.
#[server(endpoint = "auth/me", output = crate::JsonText)]
pub async fn current_user(page: Option<String>) -> Result<Option<Me>, AppError> {
    use crate::server::context::{app, choose, current_account, PROGRAMME_COOKIE};
    use samskap_domain::account::model::Role;
    let Some(account) = current_account().await? else {
        return Ok(None);
    };
    let headers = leptos_axum::extract::<http::HeaderMap>()
        .await
        .map_err(|_| AppError::Internal)?;
    let remembered = crate::server::cookies::value_of(&headers, PROGRAMME_COOKIE);
    let store = app()?.store;
    let memberships = store.memberships(account.id).await?;
    let page = page.unwrap_or_default();
    let of_page = match crate::ui::programme_path::programme_in(&page) {
        Some(slug) => Some(slug),
        // A page about one thing is in that thing's programme.
        None => match item_of_page(&page) {
            Some(item) => {
                let id = store.programme_of(item).await?;
                memberships
                    .iter()
                    .find(|m| Some(m.programme) == id)
                    .map(|m| m.programme_slug.clone())
            }
            None => None,
        },
    };
    let here = choose(&memberships, &[of_page.as_deref(), remembered]);
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

/// The thing a page about one thing shows (`/measures/{id}` and the like), by its path.
#[cfg(feature = "ssr")]
fn item_of_page(path: &str) -> Option<samskap_domain::store::Item> {
    use samskap_domain::store::Item;
    let mut parts = path.trim_start_matches('/').split('/');
    let (kind, first) = (parts.next()?, parts.next()?);
    let (kind, id) = match kind {
        "trace" => (first, parts.next()?),
        _ => (kind, first),
    };
    let id = uuid::Uuid::parse_str(id).ok()?;
    Some(match kind {
        "workshops" => Item::Workshop(id),
        "boards" => Item::Board(id),
        "prototypes" => Item::Prototype(id),
        "rounds" => Item::Round(id),
        "measures" => Item::Measure(id),
        "reports" => Item::Report(id),
        "cards" => Item::Card(id),
        _ => return None,
    })
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::item_of_page;
    use samskap_domain::store::Item;

    #[test]
    fn pages_about_one_thing_name_it() {
        let id = uuid::Uuid::new_v4();
        assert_eq!(
            item_of_page(&format!("/measures/{id}")),
            Some(Item::Measure(id))
        );
        assert_eq!(
            item_of_page(&format!("/boards/{id}/projector")),
            Some(Item::Board(id))
        );
        assert_eq!(
            item_of_page(&format!("/trace/cards/{id}")),
            Some(Item::Card(id))
        );
        assert_eq!(
            item_of_page(&format!("/trace/prototypes/{id}")),
            Some(Item::Prototype(id))
        );
        assert_eq!(item_of_page("/measures/new"), None);
        assert_eq!(item_of_page("/receipt/cards/x"), None);
        assert_eq!(item_of_page("/"), None);
    }
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
