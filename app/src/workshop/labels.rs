//! The translated names of the workshop's kinds: card kinds, board phases and
//! workshop statuses.
use crate::i18n::*;
use leptos_i18n::I18nContext;
use samskap_domain::workshop::model::{CardKind, Phase, WorkshopStatus};

/// The translated name of a phase.
pub fn phase_name(i18n: I18nContext<Locale>, phase: Phase) -> &'static str {
    match phase {
        Phase::Explore => t_string!(i18n, phases.explore),
        Phase::Understand => t_string!(i18n, phases.understand),
        Phase::Shape => t_string!(i18n, phases.shape),
        Phase::Test => t_string!(i18n, phases.test),
    }
}

/// The translated name of a card kind.
pub fn kind_name(i18n: I18nContext<Locale>, kind: CardKind) -> &'static str {
    match kind {
        CardKind::Insight => t_string!(i18n, kinds.insight),
        CardKind::Idea => t_string!(i18n, kinds.idea),
        CardKind::Prototype => t_string!(i18n, kinds.prototype),
        CardKind::Feedback => t_string!(i18n, kinds.feedback),
    }
}

/// The translated name of a workshop status.
pub fn workshop_status_name(i18n: I18nContext<Locale>, status: WorkshopStatus) -> &'static str {
    match status {
        WorkshopStatus::Planned => t_string!(i18n, workshops.status_planned),
        WorkshopStatus::Live => t_string!(i18n, workshops.status_live),
        WorkshopStatus::Closed => t_string!(i18n, workshops.status_closed),
    }
}
