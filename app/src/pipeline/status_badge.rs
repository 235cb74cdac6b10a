//! A prototype's status, as a badge and as a name.
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use samskap_domain::pipeline::model::PrototypeStatus;

/// A prototype's status as a badge.
#[component]
pub fn StatusBadge(status: PrototypeStatus) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class=format!("status status-{}", status.as_str())>{status_name(i18n, status)}</span>
    }
}

/// The translated name of a prototype status.
pub fn status_name(i18n: I18nContext<Locale>, status: PrototypeStatus) -> &'static str {
    match status {
        PrototypeStatus::Open => t_string!(i18n, pipeline.status_open),
        PrototypeStatus::Iterated => t_string!(i18n, pipeline.status_iterated),
        PrototypeStatus::Proceed => t_string!(i18n, pipeline.status_proceed),
        PrototypeStatus::Dropped => t_string!(i18n, pipeline.status_dropped),
    }
}
