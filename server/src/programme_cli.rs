//! `samskap programme add` and `list`: an operator adds a municipality's programme and
//! its first lead from the command line.
use samskap_domain::programme::model::ProgrammeFields;
use samskap_domain::store::Store;

/// What `programme add` is given.
pub struct NewProgramme<'a> {
    pub fields: ProgrammeFields,
    pub lead_email: &'a str,
    pub lead_name: Option<&'a str>,
    /// Made from the name when `None`.
    pub slug: Option<&'a str>,
}

/// Creates the programme led by the account with `lead_email`, creating that account
/// when there is none (password as for `user add`); returns the lines to print.
pub async fn add(store: &dyn Store, new: NewProgramme<'_>) -> Result<String, String> {
    let typed = new.fields;
    // The same rules as the programme's form in the app.
    let fields = samskap_app::programme::edit_page::checked(
        &typed.name,
        &typed.area,
        &typed.start_year.to_string(),
        &typed.end_year.to_string(),
        &typed.yearly_budget_nok.to_string(),
    )
    .map_err(|e| format!("the programme is not accepted: {}", refusal(&e)))?;
    let slug = samskap_domain::validate::slug_or_from_name(new.slug.unwrap_or(""), &fields.name)
        .map_err(|_| {
            "--slug is not accepted: use lower-case letters a-z, digits and single hyphens, \
             2 to 40 characters"
                .to_string()
        })?;
    if store
        .programme_by_slug(&slug)
        .await
        .map_err(|e| e.to_string())?
        .is_some()
    {
        return Err(format!(
            "another programme has the slug {slug:?}: choose one with --slug"
        ));
    }
    let email = samskap_domain::validate::email(new.lead_email)
        .map_err(|_| format!("{:?} is not a valid email address", new.lead_email))?;
    let failed = |e: samskap_domain::store::StoreError| format!("cannot add the programme: {e}");
    let (lead, created) = match store.account_with_hash(&email).await.map_err(failed)? {
        Some((account, _)) if !account.active => {
            return Err(format!("{email} is deactivated: reactivate it first"))
        }
        Some((account, _)) => (account.id, None),
        None => {
            let (account, password) = crate::user_cli::new_account(&email, new.lead_name, false)?;
            let id = store.create_account(account).await.map_err(failed)?.id;
            (id, Some(password))
        }
    };
    let name = fields.name.clone();
    let id = store
        .create_programme(&slug, fields, Some(lead))
        .await
        .map_err(failed)?;
    let mut out = format!("Created programme {id} ({name}) at /p/{slug}, led by {email}.");
    match created {
        Some(Some(password)) => {
            out.push_str(&format!(" New account; password (shown once): {password}"))
        }
        Some(None) => out.push_str(" New account with the password from stdin."),
        None => {}
    }
    Ok(out)
}

/// What was wrong with the typed programme, in the command line's words.
fn refusal(err: &samskap_app::error::AppError) -> String {
    use samskap_app::error::{AppError, Field};
    let flag = |field: &Field| match field {
        Field::Name => "--name",
        Field::Area => "--area",
        Field::StartYear => "--start",
        Field::EndYear => "--end",
        Field::Budget => "--budget",
        _ => "a field",
    };
    match err {
        AppError::Empty(f) => format!("{} is empty", flag(f)),
        AppError::TooLong(f, max) => format!("{} is longer than {max} characters", flag(f)),
        AppError::OutOfRange(f) | AppError::NotANumber(f) => {
            format!(
                "{} is out of range (years 2000–2100, budget 0–1 000 000 000)",
                flag(f)
            )
        }
        AppError::PeriodReversed => "--end is before --start".into(),
        other => format!("{other:?}"),
    }
}

/// One line per programme: id and name, oldest first.
pub async fn list(store: &dyn Store) -> Result<String, String> {
    let all = store
        .programmes()
        .await
        .map_err(|e| format!("cannot read the programmes: {e}"))?;
    Ok(all
        .iter()
        .map(|p| format!("{}  {}  {}", p.id, p.slug, p.name))
        .collect::<Vec<_>>()
        .join("\n"))
}
