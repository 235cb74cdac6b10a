//! The library's translated names of kinds and outcomes.
use crate::i18n::*;
use leptos_i18n::I18nContext;
use samskap_domain::library::model::{EntryKind, EntryOutcome};

pub fn outcome_name(i18n: I18nContext<Locale>, outcome: EntryOutcome) -> &'static str {
    match outcome {
        EntryOutcome::Proceeded => t_string!(i18n, library.proceeded),
        EntryOutcome::Dropped => t_string!(i18n, library.dropped),
        EntryOutcome::Completed => t_string!(i18n, library.completed),
    }
}

pub fn kind_name(i18n: I18nContext<Locale>, kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Prototype => t_string!(i18n, library.prototype),
        EntryKind::Measure => t_string!(i18n, library.measure),
    }
}
