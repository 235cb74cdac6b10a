//! The one error type of the API: a closed set of cases the UI translates.
use crate::i18n::*;
use leptos::prelude::*;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use leptos_i18n::I18nContext;
use serde::{Deserialize, Serialize};

/// A form field an error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Field {
    Name,
    Area,
    Title,
    Description,
    Email,
    Password,
    StartYear,
    EndYear,
    Budget,
    Place,
    StartsAt,
    Prompt,
    Text,
    Nickname,
    Minutes,
    Dots,
    Reason,
    ReportThreshold,
    Assumption,
    Learning,
    TargetGroup,
    Rating,
    Photo,
    Justification,
    WhatToDo,
    ExpectedResult,
    Grant,
    Municipality,
    OtherGrants,
    CarriedOver,
    EndsOn,
    Partners,
    Contribution,
    Owner,
    Indicators,
    Year,
    Risk,
    Mitigation,
    AdoptedBy,
    Date,
    RetentionDays,
    TargetShare,
    ParticipantCap,
    Amount,
    Note,
    Done,
    Results,
    Barriers,
    NextSteps,
    StaleDays,
    IndicatorName,
    Unit,
    Baseline,
    Target,
    TargetDate,
    Value,
    Link,
}

/// Every failure a server function can report. Internals (SQL errors and the like) are
/// logged on the server and reach the client only as `Internal`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not signed in")]
    Unauthenticated,
    #[error("not allowed for this role")]
    Forbidden,
    #[error("wrong email or password")]
    InvalidCredentials,
    #[error("too many attempts")]
    TooManyAttempts,
    #[error("the request is larger than {0} kB")]
    RequestTooLarge(usize),
    #[error("too busy right now")]
    Busy,
    #[error("too many open event streams")]
    TooManyStreams,
    #[error("the workshop is full")]
    WorkshopFull,
    #[error("the nickname is reserved for staff")]
    NameReserved,
    #[error("{0:?} is empty")]
    Empty(Field),
    #[error("{0:?} is longer than {1} characters")]
    TooLong(Field, usize),
    #[error("{0:?} is not a valid number")]
    NotANumber(Field),
    #[error("{0:?} is out of range")]
    OutOfRange(Field),
    #[error("the period ends before it starts")]
    PeriodReversed,
    #[error("not a valid email address")]
    InvalidEmail,
    #[error("the email address is already in use")]
    EmailTaken,
    #[error("the last active programme lead cannot be changed")]
    LastLead,
    #[error("not found")]
    NotFound,
    #[error("the current password is wrong")]
    WrongPassword,
    #[error("the two new passwords differ")]
    PasswordMismatch,
    #[error("the password is shorter than {0} characters")]
    PasswordTooShort(usize),
    #[error("join the workshop first")]
    NotJoined,
    #[error("no live workshop has this code")]
    JoinCodeInvalid,
    #[error("the workshop is not live")]
    WorkshopNotLive,
    #[error("the board is closed for posting")]
    BoardClosed,
    #[error("this kind of card is not allowed in this phase")]
    KindNotAllowed,
    #[error("consent is required to join")]
    ConsentRequired,
    #[error("too many posts; wait a minute")]
    TooManyPosts,
    #[error("only the author can change this card")]
    NotYourCard,
    #[error("no voting round is open")]
    VotingClosed,
    #[error("all dots are used")]
    VoteBudgetSpent,
    #[error("the card is hidden")]
    CardHidden,
    #[error("the test round is closed")]
    RoundClosed,
    #[error("this version is already decided")]
    AlreadyDecided,
    #[error("test the prototype before deciding")]
    NotTested,
    #[error("the file is not a JPEG, PNG or WebP image that can be read")]
    NotAnImage,
    #[error("the photo is larger than {0} MB")]
    PhotoTooLarge(usize),
    #[error("the photo has too many pixels")]
    TooManyPixels,
    #[error("photos are not taken in this phase")]
    PhotosNotAllowed,
    #[error("{0:?} cannot be negative")]
    NegativeAmount(Field),
    #[error("{0:?} is not a valid date")]
    InvalidDate(Field),
    #[error("only a prototype decided proceed can become a measure")]
    NotProceeded,
    #[error("no receipt has this code")]
    ReceiptUnknown,
    #[error("tick the box to confirm")]
    ConfirmRequired,
    #[error("the card key belongs to another card")]
    ClientKeyTaken,
    #[error("only an idea card can be promoted directly")]
    NotAnIdea,
    #[error("this prototype version is a measure already")]
    AlreadyPromoted,
    #[error("the adopted plan version is frozen; start a new version to change it")]
    PlanFrozen,
    #[error("the plan changed while you looked at it; review it and try again")]
    PlanChanged,
    #[error("this report version is frozen already; reload the page")]
    ReportVersionTaken,
    #[error("the year is not over yet")]
    YearNotOver,
    #[error("the plan's status does not allow this step")]
    WrongPlanStatus,
    #[error("this status change is not allowed")]
    StatusNotAllowed,
    #[error("follow-up starts when the plan with this measure is adopted")]
    NotAdopted,
    #[error("{0:?} is a date in the future")]
    DateInFuture(Field),
    #[error("a link must start with https://, http:// or /")]
    InvalidLink,
    #[error("the request was malformed")]
    BadRequest,
    #[error("internal error")]
    Internal,
    #[error("request failed: {0}")]
    Transport(String),
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // Arguments that do not decode are bad input, not a transport failure.
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::Deserialization(_) => {
                AppError::BadRequest
            }
            other => AppError::Transport(other.to_string()),
        }
    }
}

impl AppError {
    /// The message shown to the user, in the current language.
    pub fn message(&self, i18n: I18nContext<Locale>) -> String {
        let text = self.bare_message(i18n);
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

    fn bare_message(&self, i18n: I18nContext<Locale>) -> String {
        let s = match self {
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
            AppError::NotYourCard => t_string!(i18n, errors.not_your_card),
            AppError::VotingClosed => t_string!(i18n, errors.voting_closed),
            AppError::VoteBudgetSpent => t_string!(i18n, errors.vote_budget_spent),
            AppError::CardHidden => t_string!(i18n, errors.card_hidden),
            AppError::RoundClosed => t_string!(i18n, errors.round_closed),
            AppError::AlreadyDecided => t_string!(i18n, errors.already_decided),
            AppError::NotTested => t_string!(i18n, errors.not_tested),
            AppError::NotAnImage => t_string!(i18n, errors.not_an_image),
            AppError::PhotoTooLarge(max) => {
                return t_string!(i18n, errors.photo_too_large, max = *max).to_string()
            }
            AppError::TooManyPixels => t_string!(i18n, errors.too_many_pixels),
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
        error
            .get()
            .map(|e| view! { <p class="alert" role="alert">{e.message(i18n)}</p> })
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
