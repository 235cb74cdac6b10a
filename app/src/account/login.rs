//! Sign-in: the login page and its server function.
use super::me::use_current_user;
use crate::error::{AppError, ErrorAlert};
use crate::i18n::*;
use crate::ui::page::PageTitle;
use crate::ui::refresh::last_error;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Signs a staff user in and redirects to `next` (a local path) or the programme page.
/// A wrong email and a wrong password get the same answer, in the same time. Failures
/// are limited per client network and per email from it; many failures for one email
/// from everywhere slow its attempts down but never refuse them (no lockout).
#[server(endpoint = "auth/login", output = crate::JsonText)]
pub async fn login(
    email: String,
    password: String,
    #[server(default)] next: String,
) -> Result<(), AppError> {
    use crate::server::context::app;
    use crate::server::throttle::{LoginVerdict, LOGIN_SLOWDOWN};
    use crate::server::{login_device, password, session};
    use samskap_domain::validate::MAX_PASSWORD;

    let ctx = app()?;
    let email = email.trim().to_lowercase();
    if email.is_empty() {
        return Err(AppError::Empty(crate::error::Field::Email));
    }
    // Before it becomes a key of the throttle's maps.
    if email.chars().count() > samskap_domain::validate::MAX_NAME {
        return Err(AppError::InvalidCredentials);
    }
    if password.is_empty() {
        return Err(AppError::Empty(crate::error::Field::Password));
    }
    let address = crate::server::context::client_address().await;
    let headers = leptos_axum::extract::<http::HeaderMap>()
        .await
        .map_err(|_| AppError::Internal)?;
    let device = login_device::token_in(&headers)
        .and_then(|token| ctx.throttle.devices.device_of(token, &email));
    let (verdict, attempt) = ctx.throttle.attempt(&email, address, device);
    let known_device = device.is_some();
    match verdict {
        LoginVerdict::Refuse => return Err(AppError::TooManyAttempts),
        LoginVerdict::Slow => tokio::time::sleep(LOGIN_SLOWDOWN).await,
        LoginVerdict::Go => {}
    }
    let found = ctx.store.account_with_hash(&email).await?;
    let (user, hash) = match found {
        Some((user, hash)) if user.active => (Some(user), hash),
        _ => (None, password::dummy_hash().to_string()),
    };
    let password_fits = password.chars().count() <= MAX_PASSWORD;
    let matches = match ctx
        .passwords
        .run(move || password_fits && password::verify(&password, &hash))
        .await
    {
        Ok(matches) => matches,
        Err(busy) => {
            // Not a wrong password: a flood elsewhere must not count against this user.
            ctx.throttle.succeeded(attempt);
            return Err(busy);
        }
    };
    match user {
        Some(user) if matches => {
            ctx.throttle.succeeded(attempt);
            session::sign_in(&user).await?;
            if !known_device {
                let token = ctx.throttle.devices.token_for(&email);
                let cookie =
                    login_device::cookie(&token, ctx.secure_cookies).ok_or(AppError::Internal)?;
                expect_context::<leptos_axum::ResponseOptions>()
                    .append_header(http::header::SET_COOKIE, cookie);
            }
            tracing::info!(user = %user.id, "signed in");
            leptos_axum::redirect(&local_path_or_default(&next));
            Ok(())
        }
        _ => Err(AppError::InvalidCredentials),
    }
}

/// `next` if it is a path on this site, else the programme page (no open redirects).
pub fn local_path_or_default(next: &str) -> String {
    // Browsers drop tabs and newlines inside URLs, so "/\t/evil.example" would become
    // "//evil.example": refuse any control or space character.
    let local = next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.chars().any(|c| c.is_control() || c.is_whitespace());
    if local {
        next.to_string()
    } else {
        "/programme".to_string()
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    // Created here, below the router, so that a failed plain-form post (no JavaScript)
    // finds its error in the URL.
    let action = ServerAction::<Login>::new();
    use_current_user().refetch_after(action);
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    let error = Signal::derive(move || last_error(action));
    view! {
        <PageTitle text=move || t_string!(i18n, login.title).to_string() />
        <main id="main" class="page narrow">
            <h1>{t!(i18n, login.title)}</h1>
            <p>{t!(i18n, login.intro)}</p>
            <ActionForm action attr:class="form">
                <input type="hidden" name="next" value=next />
                <label for="login-email">{t!(i18n, login.email)}</label>
                <input
                    id="login-email"
                    name="email"
                    type="email"
                    autocomplete="username"
                    aria-required="true"
                />
                <label for="login-password">{t!(i18n, login.password)}</label>
                <input
                    id="login-password"
                    name="password"
                    type="password"
                    autocomplete="current-password"
                    aria-required="true"
                />
                <ErrorAlert error />
                <button type="submit" class="primary">
                    {t!(i18n, login.submit)}
                </button>
            </ActionForm>
        </main>
    }
}

#[cfg(test)]
mod tests {
    use super::local_path_or_default;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(local_path_or_default("/accounts"), "/accounts");
        for bad in [
            "",
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "/\t/evil.example",
            "/\n",
            "/ /evil.example",
            "programme",
        ] {
            assert_eq!(local_path_or_default(bad), "/programme", "{bad}");
        }
    }
}
