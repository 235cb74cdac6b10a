//! One library entry as a reader sees it: what it was, how it ended and what was
//! learnt, with the evidence behind it folded away.
use super::labels::{kind_name, outcome_name};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use samskap_domain::library::model::{Breakdown, LibraryEntry, NOT_SAID};

#[component]
pub fn EntryCard(entry: LibraryEntry, public: bool) -> impl IntoView {
    let i18n = use_i18n();
    let f = entry.facts.clone();
    let text = |label: String, value: String| {
        (!value.is_empty()).then(|| {
            view! {
                <dt>{label}</dt>
                <dd class="prose" dir="auto">
                    {value}
                </dd>
            }
        })
    };
    let figure = |label: String, value: String| {
        view! {
            <dt>{label}</dt>
            <dd>{value}</dd>
        }
    };
    let programme = if !entry.origin.is_empty() {
        view! {
            <span>
                {entry.programme_name.clone()} " (" {t!(i18n, library.from_elsewhere)} " "
                {entry.origin.clone()} ")"
            </span>
        }
        .into_any()
    } else if public {
        view! { <span>{entry.programme_name.clone()}</span> }.into_any()
    } else {
        view! { <a href=format!("/p/{}/library", entry.programme_slug)>{entry.programme_name.clone()}</a> }
        .into_any()
    };
    let by_age = breakdown(i18n, &f.age_bands, |code| {
        code.parse()
            .ok()
            .map(|b| crate::join::page::age_band_name(i18n, b))
    });
    let by_role = breakdown(i18n, &f.roles, |code| {
        code.parse()
            .ok()
            .map(|r| crate::join::page::participant_role_name(i18n, r))
    });
    let by_age =
        (!by_age.is_empty()).then(|| figure(t_string!(i18n, library.by_age).to_string(), by_age));
    let by_role = (!by_role.is_empty())
        .then(|| figure(t_string!(i18n, library.by_role).to_string(), by_role));
    let outcome_class = format!("badge outcome-{}", f.outcome.as_str());
    let rating = f
        .mean_rating
        .map_or_else(|| "–".to_string(), |r| format!("{r:.1}"));
    let cost = f.cost_nok.map(|n| {
        figure(
            t_string!(i18n, library.cost).to_string(),
            samskap_domain::programme::model::format_nok(n, '\u{a0}'),
        )
    });
    view! {
        <article
            class="library-entry"
            id=format!("entry-{}", entry.id)
            aria-labelledby=format!("entry-{}-title", entry.id)
        >
            <h2 id=format!("entry-{}-title", entry.id) dir="auto">
                {f.title.clone()}
            </h2>
            <p class="meta">
                <span class=outcome_class>{outcome_name(i18n, f.outcome)}</span>
                " "
                {kind_name(i18n, f.kind)}
                " · "
                {programme}
                " · "
                {f.year}
                {(!f.focus_area.is_empty())
                    .then(|| {
                        view! {
                            " · "
                            {f.focus_area.clone()}
                        }
                    })}
            </p>
            {(!entry.summary.is_empty())
                .then(|| {
                    view! {
                        <p class="prose" dir="auto">
                            {entry.summary.clone()}
                        </p>
                    }
                })}
            <details>
                <summary>{t!(i18n, library.details)}</summary>
                <dl class="facts">
                    {text(t_string!(i18n, library.question).to_string(), f.question.clone())}
                    {text(t_string!(i18n, library.description).to_string(), f.description.clone())}
                    {text(t_string!(i18n, library.assumption).to_string(), f.assumption.clone())}
                    {text(t_string!(i18n, library.reason).to_string(), f.reason.clone())}
                    {text(t_string!(i18n, library.learning).to_string(), f.learning.clone())}
                    {text(
                        t_string!(i18n, library.target_group).to_string(),
                        f.target_group.clone(),
                    )} {text(t_string!(i18n, library.results).to_string(), f.results.clone())}
                    {figure(t_string!(i18n, library.versions).to_string(), f.versions.to_string())}
                    {figure(t_string!(i18n, library.insights).to_string(), f.insights.to_string())}
                    {figure(t_string!(i18n, library.rounds).to_string(), f.rounds.to_string())}
                    {figure(t_string!(i18n, library.answers).to_string(), f.answers.shown())}
                    {figure(t_string!(i18n, library.mean_rating).to_string(), rating)}
                    {figure(
                        t_string!(i18n, library.participants).to_string(),
                        f.participants.shown(),
                    )} {figure(t_string!(i18n, library.youth).to_string(), f.youth.shown())}
                    {by_age} {by_role} {cost}
                    {figure(
                        t_string!(i18n, library.decided_on).to_string(),
                        f.decided_on.to_string(),
                    )}
                </dl>
            </details>
        </article>
    }
}

/// "16–19: 7 · 20–34: 9 · others: <5", each group by its translated name (a code this
/// installation does not know, from another's feed, as it came); empty when it says
/// nothing.
fn breakdown(
    i18n: I18nContext<Locale>,
    b: &Breakdown,
    name: impl Fn(&str) -> Option<&'static str>,
) -> String {
    if b.is_empty() {
        return String::new();
    }
    let named = b.groups.iter().map(|(code, n)| {
        let label = if code == NOT_SAID {
            t_string!(i18n, diversity.not_given).to_string()
        } else {
            name(code).map_or_else(|| code.clone(), str::to_string)
        };
        format!("{label}: {n}")
    });
    let others = (b.others != samskap_domain::inclusion::model::Count::Exact(0))
        .then(|| format!("{}: {}", t_string!(i18n, library.others), b.others.shown()));
    named.chain(others).collect::<Vec<_>>().join(" · ")
}
