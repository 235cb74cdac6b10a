//! The audit trail of a prototype or a measure, and the names of audited actions.
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use samskap_domain::pipeline::model::AuditEntry;

/// What happened to a prototype or a measure, oldest first.
#[component]
pub fn History(entries: Vec<AuditEntry>) -> impl IntoView {
    let i18n = use_i18n();
    let items = entries
        .into_iter()
        .map(|e| {
            let at = crate::ui::time::oslo(e.at);
            view! {
                <li>
                    <time datetime=e.at.to_rfc3339()>{at}</time>
                    " · "
                    {e.actor}
                    " · "
                    {action_name(i18n, &e.action)}
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="history-heading">
            <h2 id="history-heading">{t!(i18n, pipeline.history)}</h2>
            <ol class="history">{items}</ol>
        </section>
    }
}

/// The translated name of an audited action.
pub fn action_name(i18n: I18nContext<Locale>, action: &str) -> &'static str {
    match action {
        "prototype_created" => t_string!(i18n, pipeline.audit_prototype_created),
        "version_created" => t_string!(i18n, pipeline.audit_version_created),
        "round_started" => t_string!(i18n, pipeline.audit_round_started),
        "round_opened" => t_string!(i18n, pipeline.audit_round_opened),
        "round_closed" => t_string!(i18n, pipeline.audit_round_closed),
        "decision_recorded" => t_string!(i18n, pipeline.audit_decision_recorded),
        "insight_linked" => t_string!(i18n, pipeline.audit_insight_linked),
        "insight_unlinked" => t_string!(i18n, pipeline.audit_insight_unlinked),
        "measure_promoted" => t_string!(i18n, pipeline.audit_measure_promoted),
        "measure_updated" => t_string!(i18n, pipeline.audit_measure_updated),
        "measure_status" => t_string!(i18n, pipeline.audit_measure_status),
        "measure_ranked" => t_string!(i18n, pipeline.audit_measure_ranked),
        "risk_added" => t_string!(i18n, pipeline.audit_risk_added),
        "risk_removed" => t_string!(i18n, pipeline.audit_risk_removed),
        "spending_recorded" => t_string!(i18n, pipeline.audit_spending_recorded),
        "spending_removed" => t_string!(i18n, pipeline.audit_spending_removed),
        "progress_recorded" => t_string!(i18n, pipeline.audit_progress_recorded),
        "responsible_set" => t_string!(i18n, pipeline.audit_responsible_set),
        "indicator_added" => t_string!(i18n, pipeline.audit_indicator_added),
        "indicator_removed" => t_string!(i18n, pipeline.audit_indicator_removed),
        "reading_recorded" => t_string!(i18n, pipeline.audit_reading_recorded),
        "plan_proposed" => t_string!(i18n, pipeline.audit_plan_proposed),
        "plan_withdrawn" => t_string!(i18n, pipeline.audit_plan_withdrawn),
        "plan_adopted" => t_string!(i18n, pipeline.audit_plan_adopted),
        "plan_sent" => t_string!(i18n, pipeline.audit_plan_sent),
        "plan_reopened" => t_string!(i18n, pipeline.audit_plan_reopened),
        "plan_carry_over" => t_string!(i18n, pipeline.audit_plan_carry_over),
        "report_created" => t_string!(i18n, pipeline.audit_report_created),
        "report_text_saved" => t_string!(i18n, pipeline.audit_report_text_saved),
        "report_frozen" => t_string!(i18n, pipeline.audit_report_frozen),
        _ => t_string!(i18n, pipeline.audit_other),
    }
}
