//! `samskap user add`: creates a staff account from the command line (the first lead).
use samskap_app::server::password;
use samskap_domain::account::model::Role;
use samskap_domain::store::{NewUser, Store};
use samskap_domain::validate;
use std::io::{IsTerminal, Read};

/// Creates the account; returns the line to print. The password comes from stdin when
/// it is piped, else it is generated and included in the returned text.
pub async fn add(
    store: &dyn Store,
    role: Role,
    email: &str,
    name: Option<&str>,
) -> Result<String, String> {
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
    let user = NewUser {
        email: email.clone(),
        display_name,
        role,
        password_hash: password::hash(&password),
    };
    store
        .create_user(user)
        .await
        .map_err(|e| format!("cannot create {email}: {e}"))?;
    Ok(if generated {
        format!(
            "Created {} {email}. Password (shown once): {password}",
            role.as_str()
        )
    } else {
        format!(
            "Created {} {email} with the password from stdin.",
            role.as_str()
        )
    })
}
