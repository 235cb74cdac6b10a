//! The API's error (`samskap_domain::error`) in the user's language, and the alert
//! that shows it under a form.
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;

pub use samskap_domain::error::{AppError, Field};

/// The text of an `AppError` for the user (the error type lives in the domain crate,
/// which knows no languages).
pub trait ErrorMessage {
    /// The message shown to the user, in the current language.
    fn message(&self, i18n: I18nContext<Locale>) -> String;
}

impl ErrorMessage for AppError {
    fn message(&self, i18n: I18nContext<Locale>) -> String {
        let text = bare_message(self, i18n);
        let field = match self {
            AppError::Empty(f)
            | AppError::TooLong(f, _)
            | AppError::NotANumber(f)
            | AppError::OutOfRange(f)
            | AppError::NegativeAmount(f)
            | AppError::InvalidDate(f)
            | AppError::DateInFuture(f) => field_label(i18n, *f),
            _ => None,
        };
        match field {
            Some(label) => format!("{label}: {text}"),
            None => text,
        }
    }
}

fn bare_message(error: &AppError, i18n: I18nContext<Locale>) -> String {
    let s = match error {
        AppError::Unauthenticated => t_string!(i18n, errors.unauthenticated),
        AppError::Forbidden => t_string!(i18n, errors.forbidden),
        AppError::InvalidCredentials => t_string!(i18n, errors.invalid_credentials),
        AppError::TooManyAttempts => t_string!(i18n, errors.too_many_attempts),
        AppError::RequestTooLarge(max) => {
            return t_string!(i18n, errors.request_too_large, max = *max).to_string()
        }
        AppError::Busy => t_string!(i18n, errors.busy),
        AppError::TooManyStreams => t_string!(i18n, errors.too_many_streams),
        AppError::WorkshopFull => t_string!(i18n, errors.workshop_full),
        AppError::NameReserved => t_string!(i18n, errors.name_reserved),
        AppError::Empty(field) => return empty_message(i18n, *field),
        AppError::TooLong(field, max) => {
            return format!(
                "{} {}",
                too_long_message(i18n, *field),
                max_chars(i18n, *max)
            )
        }
        AppError::NotANumber(_) => t_string!(i18n, errors.not_a_number),
        AppError::OutOfRange(_) => t_string!(i18n, errors.out_of_range),
        AppError::PeriodReversed => t_string!(i18n, errors.period_reversed),
        AppError::InvalidEmail => t_string!(i18n, errors.invalid_email),
        AppError::EmailTaken => t_string!(i18n, errors.email_taken),
        AppError::InvalidSlug => t_string!(i18n, errors.invalid_slug),
        AppError::SlugTaken => t_string!(i18n, errors.slug_taken),
        AppError::NoSuchAccount => t_string!(i18n, errors.no_such_account),
        AppError::LastLead => t_string!(i18n, errors.last_lead),
        AppError::NotFound => t_string!(i18n, errors.not_found),
        AppError::PasswordTooShort(min) => {
            return t_string!(i18n, errors.password_too_short, min = *min).to_string()
        }
        AppError::NotJoined => t_string!(i18n, errors.not_joined),
        AppError::JoinCodeInvalid => t_string!(i18n, errors.join_code_invalid),
        AppError::WorkshopNotLive => t_string!(i18n, errors.workshop_not_live),
        AppError::BoardClosed => t_string!(i18n, errors.board_closed),
        AppError::KindNotAllowed => t_string!(i18n, errors.kind_not_allowed),
        AppError::ConsentRequired => t_string!(i18n, errors.consent_required),
        AppError::TooManyPosts => t_string!(i18n, errors.too_many_posts),
        AppError::TooManyRequests => t_string!(i18n, errors.too_many_requests),
        AppError::NotYourCard => t_string!(i18n, errors.not_your_card),
        AppError::VotingClosed => t_string!(i18n, errors.voting_closed),
        AppError::VoteBudgetSpent => t_string!(i18n, errors.vote_budget_spent),
        AppError::CardHidden => t_string!(i18n, errors.card_hidden),
        AppError::RoundClosed => t_string!(i18n, errors.round_closed),
        AppError::AlreadyDecided => t_string!(i18n, errors.already_decided),
        AppError::NotTested => t_string!(i18n, errors.not_tested),
        AppError::NotFinished => t_string!(i18n, errors.not_finished),
        AppError::FeedRefused(problem) => {
            return crate::library::labels::problem_text(i18n, *problem)
        }
        AppError::TooManyFeeds(max) => {
            return t_string!(i18n, errors.too_many_feeds, max = *max).to_string()
        }
        AppError::AlreadySubscribed => t_string!(i18n, errors.already_subscribed),
        AppError::NotAnImage => t_string!(i18n, errors.not_an_image),
        AppError::PhotoTooLarge(max) => {
            return t_string!(i18n, errors.photo_too_large, max = *max).to_string()
        }
        AppError::TooManyPixels => t_string!(i18n, errors.too_many_pixels),
        AppError::UploadTooSlow(seconds) => {
            return t_string!(i18n, errors.upload_too_slow, seconds = *seconds).to_string()
        }
        AppError::PhotosNotAllowed => t_string!(i18n, errors.photos_not_allowed),
        AppError::NegativeAmount(_) => t_string!(i18n, errors.negative_amount),
        AppError::InvalidDate(_) => t_string!(i18n, errors.invalid_date),
        AppError::NotProceeded => t_string!(i18n, errors.not_proceeded),
        AppError::AlreadyPromoted => t_string!(i18n, errors.already_promoted),
        AppError::PlanFrozen => t_string!(i18n, errors.plan_frozen),
        AppError::PlanChanged => t_string!(i18n, errors.plan_changed),
        AppError::ReportVersionTaken => t_string!(i18n, errors.report_version_taken),
        AppError::YearNotOver => t_string!(i18n, errors.year_not_over),
        AppError::WrongPlanStatus => t_string!(i18n, errors.wrong_plan_status),
        AppError::StatusNotAllowed => t_string!(i18n, errors.status_not_allowed),
        AppError::NotAdopted => t_string!(i18n, errors.not_adopted),
        AppError::DateInFuture(_) => t_string!(i18n, errors.date_in_future),
        AppError::InvalidLink => t_string!(i18n, errors.invalid_link),
        AppError::NotAnIdea => t_string!(i18n, errors.not_an_idea),
        AppError::ReceiptUnknown => t_string!(i18n, errors.receipt_unknown),
        AppError::ConfirmRequired => t_string!(i18n, errors.confirm_required),
        AppError::ClientKeyTaken => t_string!(i18n, errors.client_key_taken),
        AppError::BadRequest => t_string!(i18n, errors.bad_request),
        AppError::WrongPassword => t_string!(i18n, errors.wrong_password),
        AppError::PasswordMismatch => t_string!(i18n, errors.password_mismatch),
        AppError::Internal => t_string!(i18n, errors.internal),
        AppError::Transport(_) => t_string!(i18n, errors.transport),
    };
    s.to_string()
}

fn empty_message(i18n: I18nContext<Locale>, field: Field) -> String {
    match field {
        Field::Name => t_string!(i18n, errors.name_empty),
        Field::Area => t_string!(i18n, errors.area_empty),
        Field::Title => t_string!(i18n, errors.title_empty),
        Field::Email => t_string!(i18n, errors.email_empty),
        Field::Password => t_string!(i18n, errors.password_empty),
        Field::Text => t_string!(i18n, errors.text_empty),
        Field::Prompt => t_string!(i18n, errors.prompt_empty),
        Field::Place => t_string!(i18n, errors.place_empty),
        Field::StartsAt => t_string!(i18n, errors.starts_at_empty),
        Field::Reason => t_string!(i18n, errors.reason_empty),
        Field::Learning => t_string!(i18n, errors.learning_empty),
        Field::Photo => t_string!(i18n, errors.photo_empty),
        Field::Rating => t_string!(i18n, errors.rating_empty),
        _ => t_string!(i18n, errors.field_empty),
    }
    .to_string()
}

fn too_long_message(i18n: I18nContext<Locale>, field: Field) -> String {
    match field {
        Field::Name => t_string!(i18n, errors.name_too_long),
        Field::Area => t_string!(i18n, errors.area_too_long),
        Field::Title => t_string!(i18n, errors.title_too_long),
        Field::Password => t_string!(i18n, errors.password_too_long),
        Field::Text => t_string!(i18n, errors.text_too_long),
        Field::Nickname => t_string!(i18n, errors.nickname_too_long),
        Field::Prompt => t_string!(i18n, errors.prompt_too_long),
        _ => t_string!(i18n, errors.field_too_long),
    }
    .to_string()
}

fn max_chars(i18n: I18nContext<Locale>, max: usize) -> String {
    t_string!(i18n, errors.max_chars, max).to_string()
}

/// Shows the error of the last submission of a form, if any, as an alert.
#[component]
pub fn ErrorAlert(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        error.get().map(|e| {
            view! {
                <p class="alert" role="alert">
                    {e.message(i18n)}
                </p>
            }
        })
    }
}

/// The label of a form field, named before an error message about it (the plan's and
/// the settings' fields; the other forms have one field an error can be about).
pub fn field_label(i18n: I18nContext<Locale>, field: Field) -> Option<&'static str> {
    Some(match field {
        Field::Justification => t_string!(i18n, plan.justification),
        Field::WhatToDo => t_string!(i18n, plan.what),
        Field::ExpectedResult => t_string!(i18n, plan.expected_result),
        Field::Grant => t_string!(i18n, plan.grant),
        Field::Municipality => t_string!(i18n, plan.municipality),
        Field::OtherGrants => t_string!(i18n, plan.other_grants),
        Field::CarriedOver => t_string!(i18n, plan.carried_over),
        Field::EndsOn => t_string!(i18n, plan.ends_on),
        Field::Partners => t_string!(i18n, plan.partners),
        Field::Contribution => t_string!(i18n, plan.contribution),
        Field::Owner => t_string!(i18n, plan.owner),
        Field::Indicators => t_string!(i18n, plan.indicators),
        Field::Year => t_string!(i18n, plan.year),
        Field::Risk => t_string!(i18n, plan.risk),
        Field::Mitigation => t_string!(i18n, plan.mitigation),
        Field::AdoptedBy => t_string!(i18n, plan.adopted_by),
        Field::Date => t_string!(i18n, plan.date),
        Field::RetentionDays => t_string!(i18n, inclusion.retention_days),
        Field::TargetShare => t_string!(i18n, inclusion.target_share),
        Field::ParticipantCap => t_string!(i18n, moderation.participant_cap),
        Field::Amount => t_string!(i18n, follow.amount),
        Field::Note => t_string!(i18n, follow.note),
        Field::Done => t_string!(i18n, follow.done),
        Field::Results => t_string!(i18n, follow.results),
        Field::Summary => t_string!(i18n, library.summary),
        Field::Barriers => t_string!(i18n, follow.barriers),
        Field::NextSteps => t_string!(i18n, follow.next_steps),
        Field::StaleDays => t_string!(i18n, follow.stale_days),
        Field::IndicatorName => t_string!(i18n, follow.indicator_name),
        Field::Unit => t_string!(i18n, follow.unit),
        Field::Baseline => t_string!(i18n, follow.baseline_value),
        Field::Target => t_string!(i18n, follow.target_value),
        Field::TargetDate => t_string!(i18n, follow.target_on),
        Field::Value => t_string!(i18n, follow.value),
        Field::Link => t_string!(i18n, follow.link_field),
        _ => return None,
    })
}
