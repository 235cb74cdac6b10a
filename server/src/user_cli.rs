//! `samskap user add`: creates a staff account from the command line, a member of a
//! programme (or, on an installation with no programme yet, its operator).
use samskap_app::server::password;
use samskap_domain::account::model::Role;
use samskap_domain::store::{NewAccount, Store};
use samskap_domain::validate;
use std::io::{IsTerminal, Read};
use uuid::Uuid;

/// Creates the account; returns the line to print. The password comes from stdin when
/// it is piped, else it is generated and included in the returned text. The account
/// joins `programme`, or the only programme there is; with none yet, a lead becomes
/// the installation's operator, who sets the first programme up after signing in.
pub async fn add(
    store: &dyn Store,
    role: Role,
    email: &str,
    name: Option<&str>,
    programme: Option<Uuid>,
) -> Result<String, String> {
    let programme = match programme {
        Some(id) => Some(id),
        None => only_programme(store).await?,
    };
    if programme.is_none() && role != Role::Lead {
        return Err(
            "there is no programme yet: create the first lead (--role lead), who sets it up".into(),
        );
    }
    if let Some(programme) = programme {
        if let Some(line) = join_existing(store, programme, role, email).await? {
            return Ok(line);
        }
    }
    let (account, password) = new_account(email, name, programme.is_none())?;
    let email = account.email.clone();
    match programme {
        Some(programme) => store
            .create_member(programme, account, role)
            .await
            .map(|_| ()),
        None => store.create_account(account).await.map(|_| ()),
    }
    .map_err(|e| format!("cannot create {email}: {e}"))?;
    let what = match programme {
        Some(_) => role.as_str(),
        None => "operator and first lead",
    };
    Ok(match password {
        Some(generated) => format!("Created {what} {email}. Password (shown once): {generated}"),
        None => format!("Created {what} {email} with the password from stdin."),
    })
}

/// Makes the existing account with `email` (if any) a member of `programme` in `role`;
/// its password stays as it is. `None` when there is no such account.
async fn join_existing(
    store: &dyn Store,
    programme: Uuid,
    role: Role,
    email: &str,
) -> Result<Option<String>, String> {
    let email =
        validate::email(email).map_err(|_| format!("{email:?} is not a valid email address"))?;
    let existing = store
        .account_with_hash(&email)
        .await
        .map_err(|e| format!("cannot read the accounts: {e}"))?;
    let Some((account, _)) = existing else {
        return Ok(None);
    };
    match store.add_member(programme, account.id, role).await {
        Ok(()) => Ok(Some(format!(
            "Added the existing account {email} to the programme as {}; its password is unchanged.",
            role.as_str()
        ))),
        Err(samskap_domain::store::StoreError::Duplicate) => Err(format!(
            "{email} is a member of that programme already (change the role in the app)"
        )),
        Err(samskap_domain::store::StoreError::NotFound) => {
            Err("there is no programme with that id (see samskap programme list)".into())
        }
        Err(e) => Err(format!("cannot add {email}: {e}")),
    }
}

/// The programme an account joins when none is named: the only one, or none on an
/// installation without programmes; several need `--programme`.
async fn only_programme(store: &dyn Store) -> Result<Option<Uuid>, String> {
    let all = store
        .programmes()
        .await
        .map_err(|e| format!("cannot read the programmes: {e}"))?;
    match all.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(one.id)),
        several => Err(format!(
            "name the programme with --programme, one of: {}",
            several
                .iter()
                .map(|p| format!("{} ({})", p.id, p.name))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// A new account for `email`, with the password from stdin when it is piped, else a
/// generated one (returned, to be shown once).
pub fn new_account(
    email: &str,
    name: Option<&str>,
    operator: bool,
) -> Result<(NewAccount, Option<String>), String> {
    let email =
        validate::email(email).map_err(|_| format!("{email:?} is not a valid email address"))?;
    let stdin = std::io::stdin();
    let (password, generated) = if stdin.is_terminal() {
        (password::generate(), true)
    } else {
        let mut typed = String::new();
        stdin
            .lock()
            .read_to_string(&mut typed)
            .map_err(|e| format!("cannot read the password from stdin: {e}"))?;
        let typed = typed.trim_end_matches(['\n', '\r']).to_string();
        if typed.is_empty() {
            (password::generate(), true)
        } else {
            (typed, false)
        }
    };
    validate::new_password(&password).map_err(|e| format!("the password is not accepted: {e}"))?;
    let display_name = name
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .unwrap_or_else(|| email.split('@').next().unwrap_or_default().to_string());
    let account = NewAccount {
        email,
        display_name,
        password_hash: password::hash(&password),
        operator,
    };
    Ok((account, generated.then_some(password)))
}
