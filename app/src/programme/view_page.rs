//! The programme page: facts, focus areas and goals; the lead's edit controls inline.
use super::focus_areas::{AddFocusAreaForm, FocusAreaItem};
use super::goals::{AddGoalForm, GoalItem};
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::guard::Loaded;
use crate::ui::page::PageTitle;
use crate::ui::programme_path::{programme_path, use_programme};
use crate::ui::refresh::Refresh;
use leptos::prelude::*;
use samskap_domain::programme::model::{format_nok, Programme};
use serde::{Deserialize, Serialize};

/// The programme and whether the caller may edit it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProgrammePageData {
    pub programme: Programme,
    pub can_edit: bool,
    /// Who takes part in all workshops, small counts suppressed.
    pub diversity: samskap_domain::inclusion::model::DiversityView,
}

/// The programme named `programme` with its focus areas and goals; any staff role there.
#[server(endpoint = "programme/get", output = crate::JsonText)]
pub async fn get_programme(programme: String) -> Result<ProgrammePageData, AppError> {
    use crate::server::context::{app, programme_named, require_member};
    let (user, id) = require_member(programme_named(&programme).await?).await?;
    let programme = app()?
        .store
        .programme(id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(ProgrammePageData {
        diversity: crate::inclusion::diversity::view_of(id, None).await?,
        programme,
        can_edit: user.role.can_edit_programme(),
    })
}

#[component]
pub fn ProgrammePage() -> impl IntoView {
    let refresh = Refresh::provide();
    let slug = use_programme();
    let data = Resource::new(
        move || refresh.track(),
        move |_| get_programme(slug.clone()),
    );
    view! {
        <main id="main" class="page">
            <Loaded resource=data let:data>
                <crate::inclusion::diversity::LiveDiversity
                    workshop=None
                    programme=Some(data.programme.slug.clone())
                    initial=data.diversity.clone()
                />
                <ProgrammeView programme=data.programme can_edit=data.can_edit />
            </Loaded>
        </main>
    }
}

#[component]
fn ProgrammeView(programme: Programme, can_edit: bool) -> impl IntoView {
    let i18n = use_i18n();
    let f = programme.fields.clone();
    let title = f.name.clone();
    let period = format!("{}–{}", f.start_year, f.end_year);
    let group = if i18n.get_locale_untracked() == Locale::en {
        ','
    } else {
        '\u{a0}'
    };
    let budget = format_nok(f.yearly_budget_nok, group);
    let goal_year = f.end_year + 1;
    let focus_areas = programme
        .focus_areas
        .iter()
        .map(|fa| view! { <FocusAreaItem focus_area=fa.clone() goals=programme.goal_titles(fa) can_edit /> })
        .collect_view();
    let goals = programme
        .goals
        .iter()
        .map(|g| {
            view! {
                <GoalItem
                    goal=g.clone()
                    focus_area_names=programme.focus_area_names(g)
                    all_focus_areas=programme.focus_areas.clone()
                    can_edit
                />
            }
        })
        .collect_view();
    let all_focus_areas = programme.focus_areas.clone();
    let slug = programme.slug.clone();
    let edit_href = programme_path(&slug, "/edit");
    let indicators_href = programme_path(&slug, "/indicators");
    view! {
        <PageTitle text=title.clone() />
        <h1>{title}</h1>
        <dl class="facts">
            <div>
                <dt>{t!(i18n, programme.area)}</dt>
                <dd>{f.area}</dd>
            </div>
            <div>
                <dt>{t!(i18n, programme.period)}</dt>
                <dd>{period}</dd>
            </div>
            <div>
                <dt>{t!(i18n, programme.budget)}</dt>
                <dd>{t!(i18n, programme.budget_value, amount = budget)}</dd>
            </div>
        </dl>
        {can_edit
            .then(|| {
                view! {
                    <p>
                        <a class="button" href=edit_href>
                            {t!(i18n, programme.edit)}
                        </a>
                    </p>
                }
            })}
        <section aria-labelledby="focus-areas-heading">
            <h2 id="focus-areas-heading">{t!(i18n, programme.focus_areas)}</h2>
            <ol class="cards">{focus_areas}</ol>
            {can_edit.then(|| view! { <AddFocusAreaForm /> })}
        </section>
        <section aria-labelledby="goals-heading">
            <h2 id="goals-heading">{t!(i18n, programme.goals, year = goal_year)}</h2>
            <ol class="cards">{goals}</ol>
            <p>
                <a href=indicators_href>{t!(i18n, follow.goals_link)}</a>
            </p>
            {can_edit.then(|| view! { <AddGoalForm focus_areas=all_focus_areas /> })}
        </section>
    }
}
