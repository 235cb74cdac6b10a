//! `/programme/indicators`: the programme's goals with the indicators they are followed
//! by (e.g. the share of young people who feel safe in the centre), their readings and
//! charts; the lead and the core team define them and record readings.
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::guard::Loaded;
use crate::ui::page::PageTitle;
use leptos::prelude::*;
use samskap_domain::follow_up::indicator::{Indicator, IndicatorOf};
use samskap_domain::programme::model::Goal;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GoalIndicatorsData {
    /// The goals in the programme's order, each with its indicators.
    pub goals: Vec<(Goal, Vec<Indicator>)>,
    pub can_record: bool,
    pub today: chrono::NaiveDate,
}

/// The goals and their indicators; any staff role.
#[server(endpoint = "indicators/goals", output = crate::JsonText)]
pub async fn get_goal_indicators(programme: String) -> Result<GoalIndicatorsData, AppError> {
    use samskap_domain::store::follow_up_store::IndicatorScope;
    let (store, user, programme) =
        crate::pipeline::access::reader(crate::server::context::programme_named(&programme).await?)
            .await?;
    let programme = crate::plan::access::programme(store.as_ref(), programme).await?;
    let indicators = store
        .indicators(programme.id, IndicatorScope::Goals)
        .await?;
    let goals = samskap_domain::follow_up::indicator::by_goal(programme.goals, indicators);
    Ok(GoalIndicatorsData {
        goals,
        can_record: user.role.can_plan(),
        today: crate::ui::time::oslo_today(),
    })
}

#[component]
pub fn GoalIndicatorsPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = crate::ui::programme_path::use_programme();
    let data = Resource::new(|| (), move |_| get_goal_indicators(slug.clone()));
    view! {
        <PageTitle text=move || t_string!(i18n, follow.goals_title).to_string() />
        <main id="main" class="page">
            <p class="crumbs">
                <a href=crate::ui::programme_path::here("")>{t!(i18n, nav.programme)}</a>
            </p>
            <h1>{t!(i18n, follow.goals_title)}</h1>
            <p>{t!(i18n, follow.goals_intro)}</p>
            <Loaded resource=data let:data>
                {data
                    .goals
                    .into_iter()
                    .map(|(goal, indicators)| {
                        let heading = format!("goal-{}", goal.id);
                        let heading_ref = heading.clone();
                        view! {
                            <section aria-labelledby=heading_ref class="follow-up">
                                <h2 id=heading dir="auto">
                                    {goal.title.clone()}
                                </h2>
                                <h3 class="visually-hidden">{t!(i18n, follow.indicators)}</h3>
                                <super::indicators::IndicatorList
                                    of=IndicatorOf::Goal(goal.id)
                                    indicators
                                    can_record=data.can_record
                                    today=data.today
                                />
                            </section>
                        }
                    })
                    .collect_view()}
            </Loaded>
        </main>
    }
}
