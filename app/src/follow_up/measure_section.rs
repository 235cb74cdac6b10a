//! The follow-up part of a measure's page: its responsible, its spending against the
//! plan, and its progress notes; loaded on its own so the plan part stays as it is.
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::guard::Loaded;
use leptos::prelude::*;
use samskap_domain::follow_up::model::{is_followed_up, MeasureRecord, Responsible};
use samskap_domain::plan::model::{Funding, MeasureStatus};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MeasureFollowUpData {
    pub status: MeasureStatus,
    /// Dropped after adoption.
    pub stopped: bool,
    /// The cost estimate in the plan.
    pub planned: Funding,
    pub record: MeasureRecord,
    /// Whether the caller may record spending and progress on it.
    pub can_record: bool,
    /// Who may be made responsible, when the caller may change it.
    pub choices: Option<Vec<Responsible>>,
    /// Its indicators with their readings.
    pub indicators: Vec<samskap_domain::follow_up::indicator::Indicator>,
    /// Whether the caller may define indicators and record readings (also before adoption).
    pub can_define: bool,
    /// The server's date, to prefill and bound the date inputs.
    pub today: chrono::NaiveDate,
}

/// A measure's follow-up; any staff role.
#[server(endpoint = "measures/follow-up", output = crate::JsonText)]
pub async fn get_measure_follow_up(id: Uuid) -> Result<MeasureFollowUpData, AppError> {
    let (store, user, programme) =
        crate::pipeline::access::reader(samskap_domain::store::Item::Measure(id)).await?;
    let measure = store.measure(id).await?.ok_or(AppError::NotFound)?;
    let record = store.measure_record(programme, id).await?;
    let indicators = store
        .indicators(
            programme,
            samskap_domain::store::follow_up_store::IndicatorScope::Of(
                samskap_domain::follow_up::indicator::IndicatorOf::Measure(id),
            ),
        )
        .await?;
    let responsible = record.responsible.as_ref().map(|r| r.user_id) == Some(user.id);
    let can_plan = user.role.can_plan();
    let choices = if can_plan {
        let users = store.members(programme).await?;
        Some(
            users
                .into_iter()
                .filter(|u| u.active && u.role.can_be_responsible())
                .map(|u| Responsible {
                    user_id: u.id,
                    name: u.display_name,
                })
                .collect(),
        )
    } else {
        None
    };
    let may_record = can_plan || (responsible && user.role.can_be_responsible());
    Ok(MeasureFollowUpData {
        status: measure.status,
        stopped: measure.stopped,
        planned: measure.fields.funding,
        can_record: is_followed_up(measure.status, measure.stopped) && may_record,
        can_define: may_record,
        indicators,
        choices,
        record,
        today: crate::ui::time::oslo_today(),
    })
}

/// The section, under the measure's plan fields.
#[component]
pub fn MeasureFollowUp(measure_id: Uuid) -> impl IntoView {
    let data = Resource::new(move || measure_id, get_measure_follow_up);
    view! {
        <Loaded resource=data let:data>
            <FollowUpView measure_id data />
        </Loaded>
    }
}

#[component]
fn FollowUpView(measure_id: Uuid, data: MeasureFollowUpData) -> impl IntoView {
    let i18n = use_i18n();
    let spent = data.record.spent();
    let body = if is_followed_up(data.status, data.stopped) {
        view! {
            <super::spending::SpendingSection
                measure_id
                planned=data.planned
                spent
                entries=data.record.spending.clone()
                can_record=data.can_record
                today=data.today
            />
            <super::progress::ProgressSection
                measure_id
                notes=data.record.progress.clone()
                can_record=data.can_record
                today=data.today
            />
        }
        .into_any()
    } else {
        view! { <p>{t!(i18n, follow.starts_with_adoption)}</p> }.into_any()
    };
    view! {
        <section aria-labelledby="follow-up-heading" class="follow-up">
            <h2 id="follow-up-heading">{t!(i18n, follow.heading)}</h2>
            <super::responsible::ResponsibleLine
                measure_id
                responsible=data.record.responsible.clone()
                choices=data.choices.clone()
            />
            {body}
            <section aria-labelledby="indicators-heading">
                <h3 id="indicators-heading">{t!(i18n, follow.indicators)}</h3>
                <super::indicators::IndicatorList
                    of=samskap_domain::follow_up::indicator::IndicatorOf::Measure(measure_id)
                    indicators=data.indicators.clone()
                    can_record=data.can_define
                    today=data.today
                />
            </section>
        </section>
    }
}
