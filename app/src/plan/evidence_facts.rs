//! A measure's evidence summary in plain words, on its page and in the plan document.
use crate::i18n::*;
use leptos::prelude::*;
use samskap_domain::plan::model::EvidenceSummary;

/// The evidence summary in plain words: people, cards and test rounds.
#[component]
pub fn EvidenceFacts(evidence: EvidenceSummary) -> impl IntoView {
    let i18n = use_i18n();
    let rounds = evidence
        .rounds
        .iter()
        .map(|r| {
            let mean = r
                .mean_rating
                .map(|m| format!("{m:.1}"))
                .unwrap_or_else(|| "–".into());
            view! {
                <li>
                    {format!(
                        "v{} · {} · {} · {}",
                        r.version,
                        r.date.format("%d.%m.%Y"),
                        r.place,
                        r.target_group,
                    )} " · "
                    {t_string!(i18n, pipeline.feedback_count, count = r.answers).to_string()} " · "
                    {t!(i18n, pipeline.mean_rating)} " " {mean}
                </li>
            }
        })
        .collect_view();
    view! {
        <p>
            {t_string!(
                i18n, plan.evidence_people, participants = evidence.participants, youth = evidence.youth
            )
                .to_string()}
        </p>
        <p>
            {t_string!(
                i18n, plan.evidence_cards, insights = evidence.insights, ideas = evidence.ideas, versions = evidence.versions
            )
                .to_string()}
        </p>
        {(!evidence.rounds.is_empty())
            .then(|| {
                view! {
                    <h3>{t!(i18n, plan.tests_run)}</h3>
                    <ul>{rounds}</ul>
                }
            })}
    }
}
