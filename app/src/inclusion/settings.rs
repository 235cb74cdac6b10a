//! The programme's privacy and participation settings (lead only): how long after a
//! workshop closes its participants keep their nickname and token, and the target share
//! of participants per age band the diversity view compares with.
use crate::error::{AppError, ErrorAlert, ErrorMessage};
use crate::i18n::*;
use crate::join::page::age_band_name;
use crate::ui::refresh::last_error;
use leptos::prelude::*;
use samskap_domain::inclusion::model::InclusionSettings;
use samskap_domain::workshop::model::AgeBand;

/// The programme's settings; any staff role may read them.
#[server(endpoint = "inclusion/settings", output = crate::JsonText)]
pub async fn get_inclusion_settings(programme: String) -> Result<InclusionSettings, AppError> {
    use crate::server::context::{app, programme_named, require_member};
    let (_, programme) = require_member(programme_named(&programme).await?).await?;
    let store = app()?.store;
    store
        .inclusion_settings(programme)
        .await
        .map_err(AppError::from)
}

/// Saves the retention period (1–3650 days) and the targets (0–100 %, empty for none);
/// the lead only.
#[server(endpoint = "inclusion/settings/save", output = crate::JsonText)]
#[allow(clippy::too_many_arguments)]
pub async fn save_inclusion_settings(
    programme: String,
    retention_days: String,
    #[server(default)] target_under_16: String,
    #[server(default)] target_16_19: String,
    #[server(default)] target_20_34: String,
    #[server(default)] target_35_66: String,
    #[server(default)] target_over_66: String,
) -> Result<(), AppError> {
    use crate::error::Field;
    use crate::server::context::require_role;
    use samskap_domain::validate::number;
    let slug = programme;
    let (user, programme) = require_role(
        crate::server::context::programme_named(&slug).await?,
        samskap_domain::account::model::Role::can_edit_programme,
    )
    .await?;
    let retention_days = number(
        Field::RetentionDays,
        &retention_days,
        1..=samskap_domain::inclusion::model::MAX_RETENTION_DAYS as i64,
    )? as u32;
    let typed = [
        target_under_16,
        target_16_19,
        target_20_34,
        target_35_66,
        target_over_66,
    ];
    let mut targets = Vec::new();
    for (band, value) in AgeBand::ALL.iter().zip(typed) {
        if !value.trim().is_empty() {
            targets.push((*band, number(Field::TargetShare, &value, 0..=100)? as u8));
        }
    }
    if targets.iter().map(|(_, p)| *p as u32).sum::<u32>() > 100 {
        return Err(AppError::OutOfRange(Field::TargetShare));
    }
    let store = crate::server::context::app()?.store;
    let settings = InclusionSettings {
        retention_days,
        targets,
    };
    store.save_inclusion_settings(programme, &settings).await?;
    tracing::info!(user = %user.id, retention_days, "inclusion settings saved");
    let edit = crate::ui::programme_path::programme_path(&slug, "/edit");
    leptos_axum::redirect(&format!("{edit}?saved=inclusion#inclusion-heading"));
    Ok(())
}

/// The settings form on the programme's edit page; the page loads `settings` with
/// `get_inclusion_settings`.
#[component]
pub fn InclusionSettingsForm(
    settings: Resource<Result<InclusionSettings, AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SaveInclusionSettings>::new();
    let query = leptos_router::hooks::use_query_map();
    let saved = move || query.with(|q| q.get("saved").as_deref() == Some("inclusion"));
    let error = Signal::derive(move || last_error(action));
    view! {
        <section aria-labelledby="inclusion-heading">
            <h2 id="inclusion-heading">{t!(i18n, inclusion.settings_heading)}</h2>
            <Suspense fallback=move || {
                view! { <p class="loading">{t!(i18n, app.loading)}</p> }
            }>
                {move || {
                    settings
                        .get()
                        .map(|s| match s {
                            Err(err) => {
                                view! {
                                    <p class="alert" role="alert">
                                        {err.message(i18n)}
                                    </p>
                                }
                                    .into_any()
                            }
                            Ok(s) => {
                                let targets = AgeBand::ALL
                                    .iter()
                                    .map(|band| {
                                        let id = format!("target-{}", band.as_str());
                                        let value = s
                                            .target(*band)
                                            .map(|p| p.to_string())
                                            .unwrap_or_default();
                                        view! {
                                            <div class="field-inline">
                                                <label for=id.clone()>{age_band_name(i18n, *band)}</label>
                                                <input
                                                    id=id
                                                    name=format!("target_{}", band.as_str())
                                                    value=value
                                                    inputmode="numeric"
                                                    size="4"
                                                    aria-describedby="targets-hint"
                                                />
                                                " %"
                                            </div>
                                        }
                                    })
                                    .collect_view();
                                view! {
                                    <ActionForm action attr:class="form">
                                        <crate::ui::programme_path::ProgrammeField />
                                        <label for="retention-days">
                                            {t!(i18n, inclusion.retention_days)}
                                        </label>
                                        <input
                                            id="retention-days"
                                            name="retention_days"
                                            inputmode="numeric"
                                            value=s.retention_days.to_string()
                                            aria-describedby="retention-hint"
                                        />
                                        <p id="retention-hint" class="hint">
                                            {t!(i18n, inclusion.retention_hint)}
                                        </p>
                                        <fieldset>
                                            <legend>{t!(i18n, inclusion.targets)}</legend>
                                            <p id="targets-hint" class="hint">
                                                {t!(i18n, inclusion.targets_hint)}
                                            </p>
                                            {targets}
                                        </fieldset>
                                        <ErrorAlert error />
                                        {move || {
                                            saved()
                                                .then(|| {
                                                    view! {
                                                        <p class="notice" role="status">
                                                            {t!(i18n, inclusion.saved)}
                                                        </p>
                                                    }
                                                })
                                        }}
                                        <button type="submit" class="primary">
                                            {t!(i18n, inclusion.save)}
                                        </button>
                                    </ActionForm>
                                }
                                    .into_any()
                            }
                        })
                }}
            </Suspense>
        </section>
    }
}
