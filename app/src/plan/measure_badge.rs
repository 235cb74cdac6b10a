//! A measure's status, as a badge and as a name, and a link to a measure with its badge.
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use samskap_domain::plan::model::MeasureStatus;

/// A measure's status as a badge.
#[component]
pub fn MeasureBadge(status: MeasureStatus) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class=format!("status status-{}", status.as_str())>{status_name(i18n, status)}</span>
    }
}

/// A link to a measure's page, named by its title, and its status badge.
#[component]
pub fn MeasureLink(id: uuid::Uuid, title: String, status: MeasureStatus) -> impl IntoView {
    view! {
        <a href=format!("/measures/{id}") dir="auto">
            {title}
        </a>
        " "
        <MeasureBadge status />
    }
}

/// The translated name of a measure status.
pub fn status_name(i18n: I18nContext<Locale>, status: MeasureStatus) -> &'static str {
    match status {
        MeasureStatus::Candidate => t_string!(i18n, plan.status_candidate),
        MeasureStatus::Prioritised => t_string!(i18n, plan.status_prioritised),
        MeasureStatus::Adopted => t_string!(i18n, plan.status_adopted),
        MeasureStatus::InProgress => t_string!(i18n, plan.status_in_progress),
        MeasureStatus::Done => t_string!(i18n, plan.status_done),
        MeasureStatus::Dropped => t_string!(i18n, plan.status_dropped),
    }
}
