//! The lead's account management: list, create (with a one-time password), change role,
//! deactivate and reactivate.
use crate::error::{AppError, ErrorAlert};
use crate::i18n::*;
use crate::ui::guard::Loaded;
use crate::ui::page::PageTitle;
use crate::ui::refresh::{refreshing, Refresh};
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use samskap_domain::account::model::{Role, User};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Session key of the account created last, whose password is shown once.
#[cfg(feature = "ssr")]
const CREATED: &str = "created_account";

/// A new account and its generated password.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CreatedAccount {
    pub email: String,
    pub password: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AccountsPageData {
    pub users: Vec<User>,
    pub me: Uuid,
    /// Set once, on the first load after creating an account.
    pub created: Option<CreatedAccount>,
}

/// All staff accounts (lead only), and the password of the account just created.
#[server(endpoint = "accounts/list", output = crate::JsonText)]
pub async fn list_accounts(programme: String) -> Result<AccountsPageData, AppError> {
    use crate::server::context::{app, require_role};
    let (me, programme) = require_role(
        crate::server::context::programme_named(&programme).await?,
        Role::can_manage_accounts,
    )
    .await?;
    let users = app()?.store.members(programme).await?;
    let created = crate::server::session::take_flash(CREATED).await?;
    Ok(AccountsPageData {
        users,
        me: me.id,
        created,
    })
}

/// Creates a staff account with a generated password (lead only).
#[server(endpoint = "accounts/create", output = crate::JsonText)]
pub async fn create_account(
    programme: String,
    email: String,
    display_name: String,
    role: String,
) -> Result<(), AppError> {
    use crate::error::Field;
    use crate::server::context::{app, require_role};
    use crate::server::{password, session};
    use samskap_domain::store::NewAccount;
    use samskap_domain::validate::{required, MAX_NAME};
    let (lead, programme) = require_role(
        crate::server::context::programme_named(&programme).await?,
        Role::can_manage_accounts,
    )
    .await?;
    let email = samskap_domain::validate::email(&email)?;
    let display_name = required(Field::Name, &display_name, MAX_NAME)?;
    let role: Role = role.parse().map_err(|_| AppError::BadRequest)?;
    let generated = password::generate();
    let hash = {
        let generated = generated.clone();
        app()?
            .passwords
            .run(move || password::hash(&generated))
            .await?
    };
    let user = app()?
        .store
        .create_member(
            programme,
            NewAccount {
                email: email.clone(),
                display_name,
                password_hash: hash,
                operator: false,
            },
            role,
        )
        .await?;
    tracing::info!(by = %lead.id, user = %user.id, role = role.as_str(), "account created");
    session::set_flash(
        CREATED,
        &CreatedAccount {
            email,
            password: generated,
        },
    )
    .await
}

/// Changes an account's role (lead only); the store refuses to leave no active lead.
#[server(endpoint = "accounts/role", output = crate::JsonText)]
pub async fn change_role(programme: String, id: Uuid, role: String) -> Result<(), AppError> {
    use crate::server::context::{app, require_role};
    let (lead, programme) = require_role(
        crate::server::context::programme_named(&programme).await?,
        Role::can_manage_accounts,
    )
    .await?;
    let role: Role = role.parse().map_err(|_| AppError::BadRequest)?;
    app()?.store.set_role(programme, id, role).await?;
    tracing::info!(by = %lead.id, user = %id, role = role.as_str(), "role changed");
    Ok(())
}

/// Deactivates (no sign-in, sessions end) or reactivates an account (lead only).
#[server(endpoint = "accounts/active", output = crate::JsonText)]
pub async fn set_account_active(programme: String, id: Uuid, active: bool) -> Result<(), AppError> {
    use crate::server::context::{app, require_role};
    let (lead, programme) = require_role(
        crate::server::context::programme_named(&programme).await?,
        Role::can_manage_accounts,
    )
    .await?;
    let store = app()?.store;
    // A lead manages the accounts of their own programme's members only, and an account
    // that is also in a programme they do not lead is not theirs to switch off.
    store
        .member(programme, id)
        .await?
        .ok_or(AppError::NotFound)?;
    for elsewhere in store.memberships(id).await? {
        let leads_it = store
            .member(elsewhere.programme, lead.id)
            .await?
            .is_some_and(|me| me.role.can_manage_accounts());
        if !leads_it {
            return Err(AppError::Forbidden);
        }
    }
    store.set_active(id, active).await?;
    if !active {
        app()?.access_changes.notify(id);
    }
    tracing::info!(by = %lead.id, user = %id, active, "account activity changed");
    Ok(())
}

/// Takes a member out of the lead's programme; their account and other programmes stay
/// (lead only). `LastLead` when it would leave no active lead.
#[server(endpoint = "accounts/remove", output = crate::JsonText)]
pub async fn remove_member(programme: String, id: Uuid) -> Result<(), AppError> {
    use crate::server::context::{app, require_role};
    let (lead, programme) = require_role(
        crate::server::context::programme_named(&programme).await?,
        Role::can_manage_accounts,
    )
    .await?;
    let context = app()?;
    context.store.remove_member(programme, id).await?;
    context.access_changes.notify(id);
    tracing::info!(by = %lead.id, user = %id, %programme, "member removed");
    Ok(())
}

/// The translated name of a role.
pub fn role_name(i18n: I18nContext<Locale>, role: Role) -> &'static str {
    match role {
        Role::Lead => t_string!(i18n, roles.lead),
        Role::Core => t_string!(i18n, roles.core),
        Role::Facilitator => t_string!(i18n, roles.facilitator),
        Role::Viewer => t_string!(i18n, roles.viewer),
        Role::Evaluator => t_string!(i18n, roles.evaluator),
    }
}

#[component]
pub fn AccountsPage() -> impl IntoView {
    let i18n = use_i18n();
    let refresh = Refresh::provide();
    let slug = crate::ui::programme_path::use_programme();
    let data = Resource::new(
        move || refresh.track(),
        move |_| list_accounts(slug.clone()),
    );
    view! {
        <main id="main" class="page">
            <PageTitle text=move || t_string!(i18n, accounts.title).to_string() />
            <Loaded resource=data let:data>
                <h1>{t!(i18n, accounts.title)}</h1>
                {data
                    .created
                    .map(|c| {
                        view! {
                            <p class="notice" role="status">
                                {t!(i18n, accounts.created, email = c.email)}
                                " "
                                <code>{c.password}</code>
                            </p>
                        }
                    })}
                <AccountTable users=data.users me=data.me />
                <CreateAccountForm />
            </Loaded>
        </main>
    }
}

#[component]
fn AccountTable(users: Vec<User>, me: Uuid) -> impl IntoView {
    let i18n = use_i18n();
    let rows = users
        .into_iter()
        .map(|user| {
            let is_me = user.id == me;
            view! { <AccountRow user is_me /> }
        })
        .collect_view();
    view! {
        <div
            class="table-wrap"
            tabindex="0"
            role="region"
            aria-label=move || t_string!(i18n, accounts.title)
        >
            <table class="stack">
                <caption class="visually-hidden">{t!(i18n, accounts.title)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, accounts.email)}</th>
                        <th scope="col">{t!(i18n, accounts.name)}</th>
                        <th scope="col">{t!(i18n, accounts.role)}</th>
                        <th scope="col">{t!(i18n, accounts.status)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

#[component]
fn AccountRow(user: User, is_me: bool) -> impl IntoView {
    let i18n = use_i18n();
    let (role_action, role_form, role_error) = refreshing::<ChangeRole>();
    let (active_action, active_form, active_error) = refreshing::<SetAccountActive>();
    let (remove_action, remove_form, remove_error) = refreshing::<RemoveMember>();
    let error = Signal::derive(move || {
        role_error
            .get()
            .or_else(|| active_error.get())
            .or_else(|| remove_error.get())
    });
    let id = user.id.to_string();
    let id_for_toggle = id.clone();
    let id_for_remove = id.clone();
    let remove_label = user.email.clone();
    let email = user.email.clone();
    let role_button_label = email.clone();
    let role_label = t_string!(i18n, accounts.role_of, email = email.clone()).to_string();
    let select_id = format!("role-{id}");
    let options = Role::ALL
        .into_iter()
        .map(|r| {
            view! {
                <option value=r.as_str() selected=r == user.role>
                    {role_name(i18n, r)}
                </option>
            }
        })
        .collect_view();
    let status = if user.active {
        t_string!(i18n, accounts.active)
    } else {
        t_string!(i18n, accounts.inactive)
    };
    let toggle = if user.active {
        t_string!(i18n, accounts.deactivate)
    } else {
        t_string!(i18n, accounts.reactivate)
    };
    view! {
        <tr>
            <td data-label=t_string!(
                i18n, accounts.email
            )>
                {user.email.clone()}
                {is_me
                    .then(|| {
                        view! {
                            " "
                            <span class="tag">{t!(i18n, accounts.you)}</span>
                        }
                    })}
            </td>
            <td data-label=t_string!(i18n, accounts.name)>{user.display_name.clone()}</td>
            <td data-label=t_string!(i18n, accounts.role)>
                <ActionForm action=role_action node_ref=role_form attr:class="inline">
                    <crate::ui::programme_path::ProgrammeField />
                    <input type="hidden" name="id" value=id />
                    <label for=select_id.clone() class="visually-hidden">
                        {role_label}
                    </label>
                    <select id=select_id name="role">
                        {options}
                    </select>
                    <button type="submit">
                        {t!(i18n, accounts.change_role)}
                        <span class="visually-hidden">{role_button_label}</span>
                    </button>
                </ActionForm>
            </td>
            <td data-label=t_string!(
                i18n, accounts.status
            )>
                {status} " "
                <ActionForm action=active_action node_ref=active_form attr:class="inline">
                    <crate::ui::programme_path::ProgrammeField />
                    <input type="hidden" name="id" value=id_for_toggle />
                    <input type="hidden" name="active" value=(!user.active).to_string() />
                    <button type="submit">
                        {toggle} <span class="visually-hidden">{email}</span>
                    </button>
                </ActionForm> " "
                <ActionForm action=remove_action node_ref=remove_form attr:class="inline">
                    <crate::ui::programme_path::ProgrammeField />
                    <input type="hidden" name="id" value=id_for_remove />
                    <button type="submit">
                        {t!(i18n, accounts.remove)}
                        <span class="visually-hidden">{remove_label}</span>
                    </button>
                </ActionForm> <ErrorAlert error />
            </td>
        </tr>
    }
}

#[component]
fn CreateAccountForm() -> impl IntoView {
    let i18n = use_i18n();
    let (action, form, error) = refreshing::<CreateAccount>();
    let options = Role::ALL
        .into_iter()
        .map(|r| {
            view! {
                <option value=r.as_str() selected=r == Role::Facilitator>
                    {role_name(i18n, r)}
                </option>
            }
        })
        .collect_view();
    view! {
        <ActionForm
            action
            node_ref=form
            attr:class="form add"
            attr:aria-labelledby="new-account-heading"
        >
            <crate::ui::programme_path::ProgrammeField />
            <h2 id="new-account-heading">{t!(i18n, accounts.new)}</h2>
            <label for="acc-email">{t!(i18n, accounts.email)}</label>
            <input
                id="acc-email"
                name="email"
                type="email"
                autocomplete="off"
                aria-required="true"
            />
            <label for="acc-name">{t!(i18n, accounts.name)}</label>
            <input id="acc-name" name="display_name" autocomplete="off" aria-required="true" />
            <label for="acc-role">{t!(i18n, accounts.role)}</label>
            <select id="acc-role" name="role">
                {options}
            </select>
            <ErrorAlert error />
            <button type="submit" class="primary">
                {t!(i18n, accounts.create)}
            </button>
        </ActionForm>
    }
}
