//! The library's translated names of kinds and outcomes, and of why a feed was refused.
use crate::i18n::*;
use leptos_i18n::I18nContext;
use samskap_domain::library::model::{EntryKind, EntryOutcome};
use samskap_domain::library::subscription::FeedProblem;

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

/// What a feed problem means, translated.
pub fn problem_text(i18n: I18nContext<Locale>, problem: FeedProblem) -> String {
    match problem {
        FeedProblem::InvalidAddress => t_string!(i18n, library.feed_invalid_address).to_string(),
        FeedProblem::PrivateAddress => t_string!(i18n, library.feed_private_address).to_string(),
        FeedProblem::Unreachable => t_string!(i18n, library.feed_unreachable).to_string(),
        FeedProblem::TimedOut => t_string!(i18n, library.feed_timed_out).to_string(),
        FeedProblem::BadStatus(code) => {
            t_string!(i18n, library.feed_bad_status, code = code).to_string()
        }
        FeedProblem::TooLarge => t_string!(i18n, library.feed_too_large).to_string(),
        FeedProblem::Malformed => t_string!(i18n, library.feed_malformed).to_string(),
        FeedProblem::WrongSchema => t_string!(i18n, library.feed_wrong_schema).to_string(),
        FeedProblem::TooMany => t_string!(i18n, library.feed_too_many).to_string(),
    }
}
