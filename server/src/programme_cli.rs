//! `samskap programme add` and `list`: an operator adds a municipality's programme and
//! its first lead from the command line.
use samskap_domain::programme::model::ProgrammeFields;
use samskap_domain::store::Store;

/// What `programme add` is given.
pub struct NewProgramme<'a> {
    pub fields: ProgrammeFields,
    pub lead_email: &'a str,
    pub lead_name: Option<&'a str>,
}

/// Creates the programme led by the account with `lead_email`, creating that account
/// when there is none (password as for `user add`); returns the lines to print.
pub async fn add(store: &dyn Store, new: NewProgramme<'_>) -> Result<String, String> {
    let fields = new.fields;
    if fields.name.trim().is_empty() || fields.area.trim().is_empty() {
        return Err("a programme needs a --name and an --area".into());
    }
    if fields.end_year < fields.start_year {
        return Err("--end must not be before --start".into());
    }
    if fields.yearly_budget_nok < 0 {
        return Err("--budget must not be negative".into());
    }
    let email = samskap_domain::validate::email(new.lead_email)
        .map_err(|_| format!("{:?} is not a valid email address", new.lead_email))?;
    let failed = |e: samskap_domain::store::StoreError| format!("cannot add the programme: {e}");
    let (lead, created) = match store.account_with_hash(&email).await.map_err(failed)? {
        Some((account, _)) => (account.id, None),
        None => {
            let (account, password) = crate::user_cli::new_account(&email, new.lead_name, false)?;
            let id = store.create_account(account).await.map_err(failed)?.id;
            (id, Some(password))
        }
    };
    let name = fields.name.clone();
    let id = store
        .create_programme(fields, Some(lead))
        .await
        .map_err(failed)?;
    let mut out = format!("Created programme {id} ({name}), led by {email}.");
    match created {
        Some(Some(password)) => {
            out.push_str(&format!(" New account; password (shown once): {password}"))
        }
        Some(None) => out.push_str(" New account with the password from stdin."),
        None => {}
    }
    Ok(out)
}

/// One line per programme: id and name, oldest first.
pub async fn list(store: &dyn Store) -> Result<String, String> {
    let all = store
        .programmes()
        .await
        .map_err(|e| format!("cannot read the programmes: {e}"))?;
    Ok(all
        .iter()
        .map(|p| format!("{}  {}", p.id, p.name))
        .collect::<Vec<_>>()
        .join("\n"))
}
