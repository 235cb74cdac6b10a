//! A measure's risk table (the template's *Risiko | Sannsynlighet | Konsekvenser |
//! Tiltak for å redusere risiko*): listed with their score, added and removed.
use crate::error::{AppError, ErrorAlert};
use crate::i18n::*;
use crate::ui::refresh::refreshing;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use samskap_domain::plan::model::{Risk, RiskLevel, MAX_MEASURE_TEXT};
use uuid::Uuid;

/// Adds a row to a measure's risk table; the lead and the core team.
#[server(endpoint = "measures/risks/add", output = crate::JsonText)]
pub async fn add_risk(
    measure_id: Uuid,
    risk: String,
    probability: String,
    consequence: String,
    #[server(default)] mitigation: String,
) -> Result<Uuid, AppError> {
    use crate::error::Field;
    use samskap_domain::store::plan_store::NewRisk;
    use samskap_domain::validate::{optional, required};
    let (store, actor, _) =
        super::access::planner(samskap_domain::store::Item::Measure(measure_id)).await?;
    let level = |s: &str| s.parse::<RiskLevel>().map_err(|_| AppError::BadRequest);
    let risk = NewRisk {
        risk: required(Field::Risk, &risk, MAX_MEASURE_TEXT)?,
        probability: level(&probability)?,
        consequence: level(&consequence)?,
        mitigation: optional(Field::Mitigation, &mitigation, MAX_MEASURE_TEXT)?,
    };
    store
        .add_risk(measure_id, &risk, &actor)
        .await
        .map_err(AppError::from)
}

/// Removes a row of a measure's risk table; the lead and the core team.
#[server(endpoint = "measures/risks/remove", output = crate::JsonText)]
pub async fn remove_risk(measure_id: Uuid, risk_id: Uuid) -> Result<(), AppError> {
    let (store, actor, _) =
        super::access::planner(samskap_domain::store::Item::Measure(measure_id)).await?;
    store
        .remove_risk(measure_id, risk_id, &actor)
        .await
        .map_err(AppError::from)
}

/// The translated name of a risk level.
pub fn level_name(i18n: I18nContext<Locale>, level: RiskLevel) -> &'static str {
    match level {
        RiskLevel::Low => t_string!(i18n, plan.level_low),
        RiskLevel::Medium => t_string!(i18n, plan.level_medium),
        RiskLevel::High => t_string!(i18n, plan.level_high),
    }
}

#[component]
pub fn RiskTable(measure_id: Uuid, risks: Vec<Risk>, editable: bool) -> impl IntoView {
    let i18n = use_i18n();
    let (remove, _, remove_error) = refreshing::<RemoveRisk>();
    let rows = risks
        .clone()
        .into_iter()
        .map(|r| {
            let delete = editable.then(|| {
                view! {
                    <td>
                        <ActionForm action=remove attr:class="inline">
                            <input type="hidden" name="measure_id" value=measure_id.to_string() />
                            <input type="hidden" name="risk_id" value=r.id.to_string() />
                            <button type="submit" class="link">
                                {t!(i18n, plan.remove_risk)}
                            </button>
                        </ActionForm>
                    </td>
                }
            });
            view! {
                <tr>
                    <td dir="auto">{r.risk.clone()}</td>
                    <td>{level_name(i18n, r.probability)}</td>
                    <td>{level_name(i18n, r.consequence)}</td>
                    <td class="num">{r.score()}</td>
                    <td dir="auto">{r.mitigation.clone()}</td>
                    {delete}
                </tr>
            }
        })
        .collect_view();
    let table = (!risks.is_empty()).then(|| {
        view! {
            <table class="risks">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, plan.risk)}</th>
                        <th scope="col">{t!(i18n, plan.probability)}</th>
                        <th scope="col">{t!(i18n, plan.consequence)}</th>
                        <th scope="col">{t!(i18n, plan.score)}</th>
                        <th scope="col">{t!(i18n, plan.mitigation)}</th>
                        {editable
                            .then(|| {
                                view! {
                                    <th scope="col">
                                        <span class="visually-hidden">
                                            {t!(i18n, plan.remove_risk)}
                                        </span>
                                    </th>
                                }
                            })}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
    });
    view! {
        <section aria-labelledby="risks-heading">
            <h2 id="risks-heading">{t!(i18n, plan.risks)}</h2>
            {if risks.is_empty() { Some(view! { <p>{t!(i18n, plan.no_risks)}</p> }) } else { None }}
            {table}
            <ErrorAlert error=remove_error />
            {editable.then(|| view! { <NewRiskForm measure_id /> })}
        </section>
    }
}

#[component]
fn NewRiskForm(measure_id: Uuid) -> impl IntoView {
    let i18n = use_i18n();
    let (action, form, error) = refreshing::<AddRisk>();
    let levels = move || {
        RiskLevel::ALL
            .iter()
            .map(|l| view! { <option value=l.as_str()>{level_name(i18n, *l)}</option> })
            .collect_view()
    };
    view! {
        <details class="editor">
            <summary>{t!(i18n, plan.add_risk)}</summary>
            <ActionForm action node_ref=form attr:class="form">
                <input type="hidden" name="measure_id" value=measure_id.to_string() />
                <label for="risk-text">{t!(i18n, plan.risk)}</label>
                <input id="risk-text" name="risk" required maxlength=MAX_MEASURE_TEXT.to_string() />
                <label for="risk-probability">{t!(i18n, plan.probability)}</label>
                <select id="risk-probability" name="probability">
                    {levels()}
                </select>
                <label for="risk-consequence">{t!(i18n, plan.consequence)}</label>
                <select id="risk-consequence" name="consequence">
                    {levels()}
                </select>
                <label for="risk-mitigation">{t!(i18n, plan.mitigation)}</label>
                <textarea
                    id="risk-mitigation"
                    name="mitigation"
                    rows="2"
                    maxlength=MAX_MEASURE_TEXT.to_string()
                ></textarea>
                <ErrorAlert error />
                <button type="submit">{t!(i18n, plan.add_risk)}</button>
            </ActionForm>
        </details>
    }
}
