//! Sign-out: a one-button form that works with and without JavaScript.
use super::me::use_current_user;
use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;

/// Ends the caller's session and redirects to the login page.
#[server(endpoint = "auth/logout", output = crate::JsonText)]
pub async fn logout() -> Result<(), AppError> {
    crate::server::session::sign_out().await?;
    leptos_axum::redirect("/login");
    Ok(())
}

#[component]
pub fn LogoutButton() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<Logout>::new();
    use_current_user().refetch_after(action);
    view! {
        <ActionForm action attr:class="inline">
            <button type="submit" class="link-button">
                {t!(i18n, nav.logout)}
            </button>
        </ActionForm>
    }
}
