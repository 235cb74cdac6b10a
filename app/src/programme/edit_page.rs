//! Editing a programme's facts (its lead only).
use super::view_page::{get_programme, ProgrammePageData};
use crate::error::{AppError, ErrorAlert};
use crate::i18n::*;
use crate::inclusion::settings::{get_inclusion_settings, InclusionSettingsForm};
use crate::ui::guard::Loaded;
use crate::ui::page::PageTitle;
use crate::ui::programme_path::{programme_path, use_programme, ProgrammeField};
use crate::ui::refresh::last_error;
use leptos::prelude::*;
use samskap_domain::programme::model::ProgrammeFields;

#[cfg(feature = "ssr")]
/// Earliest and latest year a programme period may name.
const YEARS: std::ops::RangeInclusive<i64> = 2000..=2100;
#[cfg(feature = "ssr")]
/// Largest accepted yearly budget frame: one billion kroner.
const MAX_BUDGET: i64 = 1_000_000_000;

/// Saves the programme's facts (lead only) and returns to the programme page.
/// Numbers arrive as typed, so that "5 000 000" and mistakes get a clear answer.
#[server(endpoint = "programme/save", output = crate::JsonText)]
pub async fn save_programme(
    programme: String,
    name: String,
    area: String,
    start_year: String,
    end_year: String,
    yearly_budget_nok: String,
) -> Result<(), AppError> {
    use crate::server::context::{app, programme_named, require_role};
    use samskap_domain::account::model::Role;
    let item = programme_named(&programme).await?;
    let (_, id) = require_role(item, Role::can_edit_programme).await?;
    let fields = checked(&name, &area, &start_year, &end_year, &yearly_budget_nok)?;
    app()?.store.update_programme(id, fields).await?;
    leptos_axum::redirect(&crate::ui::programme_path::programme_path(&programme, ""));
    Ok(())
}

#[cfg(feature = "ssr")]
/// The programme's facts as typed, trimmed and within their limits (the form's and the
/// command line's).
pub fn checked(
    name: &str,
    area: &str,
    start: &str,
    end: &str,
    budget: &str,
) -> Result<ProgrammeFields, AppError> {
    use crate::error::Field;
    use samskap_domain::validate::{number, required, MAX_NAME};
    let fields = ProgrammeFields {
        name: required(Field::Name, name, MAX_NAME)?,
        area: required(Field::Area, area, MAX_NAME)?,
        start_year: number(Field::StartYear, start, YEARS)? as i32,
        end_year: number(Field::EndYear, end, YEARS)? as i32,
        yearly_budget_nok: number(Field::Budget, budget, 0..=MAX_BUDGET)?,
    };
    if fields.end_year < fields.start_year {
        return Err(AppError::PeriodReversed);
    }
    Ok(fields)
}

#[component]
pub fn ProgrammeEditPage() -> impl IntoView {
    let slug = use_programme();
    let settings = Resource::new(|| (), {
        let slug = slug.clone();
        move |_| get_inclusion_settings(slug.clone())
    });
    let data = Resource::new(
        || (),
        move |_| {
            let slug = slug.clone();
            async move {
                let data = get_programme(slug).await?;
                if data.can_edit {
                    Ok(data)
                } else {
                    Err(AppError::Forbidden)
                }
            }
        },
    );
    view! {
        <main id="main" class="page narrow">
            <Loaded resource=data let:data>
                <EditForm data />
                <InclusionSettingsForm settings />
            </Loaded>
        </main>
    }
}

#[component]
fn EditForm(data: ProgrammePageData) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SaveProgramme>::new();
    let error = Signal::derive(move || last_error(action));
    let back = programme_path(&data.programme.slug, "");
    let f = data.programme.fields;
    let value = |get: fn(&ProgrammeFields) -> String| get(&f);
    let (name, area) = (value(|f| f.name.clone()), value(|f| f.area.clone()));
    let (start, end) = (
        value(|f| f.start_year.to_string()),
        value(|f| f.end_year.to_string()),
    );
    let budget = value(|f| f.yearly_budget_nok.to_string());
    view! {
        <PageTitle text=move || t_string!(i18n, programme.edit).to_string() />
        <h1>{t!(i18n, programme.edit)}</h1>
        <ActionForm action attr:class="form">
            <ProgrammeField />
            <label for="p-name">{t!(i18n, programme.name)}</label>
            <input id="p-name" name="name" value=name aria-required="true" />
            <label for="p-area">{t!(i18n, programme.area)}</label>
            <input id="p-area" name="area" value=area aria-required="true" />
            <div class="row">
                <div>
                    <label for="p-start">{t!(i18n, programme.start_year)}</label>
                    <input id="p-start" name="start_year" inputmode="numeric" value=start />
                </div>
                <div>
                    <label for="p-end">{t!(i18n, programme.end_year)}</label>
                    <input id="p-end" name="end_year" inputmode="numeric" value=end />
                </div>
            </div>
            <label for="p-budget">{t!(i18n, programme.budget_field)}</label>
            <input id="p-budget" name="yearly_budget_nok" inputmode="numeric" value=budget />
            <ErrorAlert error />
            <div class="actions">
                <button type="submit" class="primary">
                    {t!(i18n, programme.save)}
                </button>
                <a href=back>{t!(i18n, programme.cancel)}</a>
            </div>
        </ActionForm>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::error::Field;

    #[test]
    fn programme_fields_are_checked() {
        let ok = checked(" Halden sentrum ", "Halden", "2024", "2028", "5 000 000").unwrap();
        assert_eq!(ok.name, "Halden sentrum");
        assert_eq!(ok.yearly_budget_nok, 5_000_000);
        assert_eq!(
            checked("", "a", "2024", "2028", "1"),
            Err(AppError::Empty(Field::Name))
        );
        assert_eq!(
            checked("a", "a", "2028", "2024", "1"),
            Err(AppError::PeriodReversed)
        );
        assert_eq!(
            checked("a", "a", "2024", "2028", "-5"),
            Err(AppError::OutOfRange(Field::Budget))
        );
        assert_eq!(
            checked("a", "a", "tjue", "2028", "1"),
            Err(AppError::NotANumber(Field::StartYear))
        );
    }
}
