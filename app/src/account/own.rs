//! The signed-in user's own account: who they are, and changing their password.
use super::manage::role_name;
use super::me::use_current_user;
use crate::error::{AppError, ErrorAlert};
use crate::i18n::*;
use crate::ui::page::PageTitle;
use crate::ui::refresh::{last_error, on_success, reset};
use leptos::html::Form;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Changes the caller's password after checking the current one.
#[server(endpoint = "account/password", output = crate::JsonText)]
pub async fn change_password(current: String, new: String, repeat: String) -> Result<(), AppError> {
    use crate::server::context::{app, require_account};
    use crate::server::{password, session};
    let user = require_account().await?;
    let new = samskap_domain::validate::new_password(&new)?;
    if new != repeat {
        return Err(AppError::PasswordMismatch);
    }
    let ctx = app()?;
    let store = ctx.store.clone();
    let (_, hash) = store
        .account_with_hash(&user.email)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let (matches, new_hash) = ctx
        .passwords
        .run(move || (password::verify(&current, &hash), password::hash(&new)))
        .await?;
    if !matches {
        return Err(AppError::WrongPassword);
    }
    store.set_password_hash(user.id, &new_hash).await?;
    ctx.access_changes.notify(user.id);
    // The change ended every session of the user (a new epoch); continue in a new one.
    let user = store
        .account(user.id)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    session::sign_in(&user).await?;
    tracing::info!(user = %user.id, "password changed");
    // The confirmation survives the redirect of a plain form post (no JavaScript).
    leptos_axum::redirect("/account?changed=1");
    Ok(())
}

#[component]
pub fn OwnAccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let user = use_current_user();
    view! {
        <main id="main" class="page narrow">
            <PageTitle text=move || t_string!(i18n, own.title).to_string() />
            <h1>{t!(i18n, own.title)}</h1>
            <Transition>
                {move || {
                    user.0
                        .get()
                        .and_then(Result::ok)
                        .flatten()
                        .map(|u| {
                            view! {
                                <dl class="facts single">
                                    <div>
                                        <dt>{t!(i18n, accounts.name)}</dt>
                                        <dd>{u.user.display_name}</dd>
                                    </div>
                                    <div>
                                        <dt>{t!(i18n, accounts.email)}</dt>
                                        <dd>{u.user.email}</dd>
                                    </div>
                                    <div>
                                        <dt>{t!(i18n, accounts.role)}</dt>
                                        <dd>{role_name(i18n, u.user.role)}</dd>
                                    </div>
                                </dl>
                            }
                        })
                }}
            </Transition>
            <PasswordForm />
        </main>
    }
}

#[component]
fn PasswordForm() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ChangePassword>::new();
    let form = NodeRef::<Form>::new();
    on_success(action, move || reset(form));
    let error = Signal::derive(move || last_error(action));
    let query = use_query_map();
    let done = move || {
        let failed = action.value().with(|v| matches!(v, Some(Err(_))));
        !failed
            && (action.value().with(|v| matches!(v, Some(Ok(_))))
                || query.read().get("changed").is_some())
    };
    view! {
        <ActionForm
            action
            node_ref=form
            attr:class="form add"
            attr:aria-labelledby="password-heading"
        >
            <h2 id="password-heading">{t!(i18n, own.change_password)}</h2>
            <label for="pw-current">{t!(i18n, own.current)}</label>
            <input id="pw-current" name="current" type="password" autocomplete="current-password" />
            <label for="pw-new">{t!(i18n, own.new)}</label>
            <input
                id="pw-new"
                name="new"
                type="password"
                autocomplete="new-password"
                aria-describedby="pw-hint"
            />
            <p id="pw-hint" class="hint">
                {t!(i18n, own.hint, min = samskap_domain::validate::MIN_PASSWORD)}
            </p>
            <label for="pw-repeat">{t!(i18n, own.repeat)}</label>
            <input id="pw-repeat" name="repeat" type="password" autocomplete="new-password" />
            <ErrorAlert error />
            <Show when=done>
                <p class="notice" role="status">
                    {t!(i18n, own.changed)}
                </p>
            </Show>
            <button type="submit" class="primary">
                {t!(i18n, own.submit)}
            </button>
        </ActionForm>
    }
}
