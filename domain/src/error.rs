//! The one error type of the API: a closed set of cases the app translates
//! (`samskap_app::error`), with the form field an error is about.
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
    Summary,
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
    #[error("a web address is lower-case letters, digits and hyphens, 2 to 40 long")]
    InvalidSlug,
    #[error("another programme has this web address")]
    SlugTaken,
    #[error("no active account has this email address")]
    NoSuchAccount,
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
    /// Searches of the library, or fetches of feeds, asked for too often.
    #[error("too many requests in a short time; wait a minute")]
    TooManyRequests,
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
    #[error("the photo did not arrive within {0} seconds")]
    UploadTooSlow(u64),
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
    #[error("only a decided prototype or a finished measure goes into the library")]
    NotFinished,
    #[error("the feed was refused: {0:?}")]
    FeedRefused(crate::library::subscription::FeedProblem),
    #[error("a programme subscribes to at most {0} feeds")]
    TooManyFeeds(usize),
    #[error("the programme subscribes to this feed already")]
    AlreadySubscribed,
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

/// How a server function's transport failure becomes an `AppError` (feature
/// `server-fn`, which the app turns on; the stores do without it).
#[cfg(feature = "server-fn")]
impl server_fn::error::FromServerFnError for AppError {
    type Encoder = crate::json_text::JsonTextEncoding;

    fn from_server_fn_error(value: server_fn::error::ServerFnErrorErr) -> Self {
        use server_fn::error::ServerFnErrorErr;
        match value {
            // Arguments that do not decode are bad input, not a transport failure.
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::Deserialization(_) => {
                AppError::BadRequest
            }
            other => AppError::Transport(other.to_string()),
        }
    }
}
