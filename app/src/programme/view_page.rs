//! The programme page: facts, focus areas and goals; the lead's edit controls inline.
use super::focus_areas::{AddFocusAreaForm, FocusAreaItem};
use super::goals::{AddGoalForm, GoalItem};
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::guard::Loaded;
use crate::ui::page::PageTitle;
use crate::ui::refresh::Refresh;
use leptos::prelude::*;
use samskap_domain::programme::model::{format_nok, Programme};
use serde::{Deserialize, Serialize};

/// The programme and whether the caller may edit it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProgrammePageData {
    pub programme: Option<Programme>,
    pub can_edit: bool,
    /// Who takes part in all workshops, small counts suppressed (with a programme).
    pub diversity: Option<samskap_domain::inclusion::model::DiversityView>,
}

/// The installation's programme with its focus areas and goals; any staff role.
#[server(endpoint = "programme/get")]
pub async fn get_programme() -> Result<ProgrammePageData, AppError> {
    use crate::server::context::{app, home, require_account, require_member};
    let account = require_account().await?;
    let item = match home().await {
        Ok(item) => item,
        // In no programme yet: an operator may set the installation's first one up.
        Err(AppError::NotFound) => {
            let none_yet = app()?.store.programmes().await?.is_empty();
            return Ok(ProgrammePageData {
                programme: None,
                can_edit: account.operator && none_yet,
                diversity: None,
            });
        }
        Err(other) => return Err(other),
    };
    let (user, id) = require_member(item).await?;
    let programme = app()?.store.programme(id).await?;
    Ok(ProgrammePageData {
        diversity: Some(crate::inclusion::diversity::view_of(id, None).await?),
        programme,
        can_edit: user.role.can_edit_programme(),
    })
}

#[component]
pub fn ProgrammePage() -> impl IntoView {
    let refresh = Refresh::provide();
    let data = Resource::new(move || refresh.track(), |_| get_programme());
    view! {
        <main id="main" class="page">
            <Loaded resource=data let:data>
                {match data.programme {
                    Some(programme) => {
                        view! {
                            <ProgrammeView programme can_edit=data.can_edit />
                            {data
                                .diversity
                                .map(|initial| {
                                    view! {
                                        <crate::inclusion::diversity::LiveDiversity
                                            workshop=None
                                            initial
                                        />
                                    }
                                })}
                        }
                            .into_any()
                    }
                    None => view! { <NoProgramme can_edit=data.can_edit /> }.into_any(),
                }}
            </Loaded>
        </main>
    }
}

#[component]
fn NoProgramme(can_edit: bool) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=move || t_string!(i18n, programme.none_title).to_string() />
        <h1>{t!(i18n, programme.none_title)}</h1>
        <p>{t!(i18n, programme.none_text)}</p>
        {can_edit
            .then(|| {
                view! {
                    <a class="button primary" href="/programme/edit">
                        {t!(i18n, programme.set_up)}
                    </a>
                }
            })}
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
                        <a class="button" href="/programme/edit">
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
                <a href="/programme/indicators">{t!(i18n, follow.goals_link)}</a>
            </p>
            {can_edit.then(|| view! { <AddGoalForm focus_areas=all_focus_areas /> })}
        </section>
    }
}
