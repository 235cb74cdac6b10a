//! What a store call can refuse or fail with. Each refusal means one thing wherever it
//! is raised; `From<StoreError> for AppError` below is the one place it becomes the
//! API's error.
use crate::error::AppError;
use crate::library::subscription::MAX_FEEDS_PER_PROGRAMME;

/// Why a store call did not do what it was asked.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The subject (or its parent) does not exist.
    #[error("not found")]
    NotFound,
    /// Another staff account has this email.
    #[error("email taken")]
    EmailTaken,
    /// Another programme has this slug.
    #[error("slug taken")]
    SlugTaken,
    /// The prototype or idea is already a measure.
    #[error("already promoted")]
    AlreadyPromoted,
    /// A generated unique value (a join code, a receipt code, a client key) is taken:
    /// the caller makes a new one or reads what is stored. Never meant for the user.
    #[error("generated value taken")]
    Duplicate,
    /// The change would leave no active programme lead.
    #[error("the change would leave no active programme lead")]
    LastLead,
    /// The voter has placed all their dots this round.
    #[error("vote budget spent")]
    VoteBudgetSpent,
    /// The workshop has as many participants as its cap allows.
    #[error("workshop full")]
    WorkshopFull,
    /// The test round takes no more feedback.
    #[error("round closed")]
    RoundClosed,
    /// The prototype version is decided already (proceed, iterate or drop).
    #[error("already decided")]
    AlreadyDecided,
    /// The prototype has no test round with feedback, so it cannot be decided.
    #[error("not tested")]
    NotTested,
    /// Only a prototype decided "proceed" becomes a measure.
    #[error("not proceeded")]
    NotProceeded,
    /// Only an idea card becomes a measure directly.
    #[error("not an idea")]
    NotAnIdea,
    /// The measure cannot move from its status to the one asked for.
    #[error("status not allowed")]
    StatusNotAllowed,
    /// The measure is not adopted yet (a candidate or prioritised), so nothing is
    /// followed up on it.
    #[error("not adopted")]
    NotAdopted,
    /// The plan is not in the status this step starts from.
    #[error("wrong plan status")]
    WrongPlanStatus,
    /// The plan version the change belongs to is adopted or sent (frozen).
    #[error("the plan version is frozen")]
    Frozen,
    /// The plan changed since the caller read it.
    #[error("changed meanwhile")]
    Stale,
    /// A report's next version was frozen by another request first.
    #[error("that version is frozen already")]
    VersionTaken,
    /// The programme subscribes to as many library feeds as it may.
    #[error("too many feeds")]
    TooManyFeeds,
    /// The database failed; logged, never shown.
    #[error("store backend: {0}")]
    Backend(String),
}

pub type StoreResult<T> = Result<T, StoreError>;

/// A database error: a unique value taken is `Duplicate` (the store turns it into the
/// refusal it means where it can), anything else a backend failure.
#[cfg(feature = "sqlx")]
impl From<sqlx::Error> for StoreError {
    fn from(err: sqlx::Error) -> Self {
        match err.as_database_error() {
            Some(db) if db.is_unique_violation() => StoreError::Duplicate,
            _ => StoreError::Backend(err.to_string()),
        }
    }
}

/// The one place a store refusal becomes the API's error; a backend failure is logged
/// and hidden from the client.
impl From<StoreError> for AppError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::NotFound => AppError::NotFound,
            StoreError::EmailTaken => AppError::EmailTaken,
            StoreError::SlugTaken => AppError::SlugTaken,
            StoreError::AlreadyPromoted => AppError::AlreadyPromoted,
            StoreError::LastLead => AppError::LastLead,
            StoreError::VoteBudgetSpent => AppError::VoteBudgetSpent,
            StoreError::WorkshopFull => AppError::WorkshopFull,
            StoreError::RoundClosed => AppError::RoundClosed,
            StoreError::AlreadyDecided => AppError::AlreadyDecided,
            StoreError::NotTested => AppError::NotTested,
            StoreError::NotProceeded => AppError::NotProceeded,
            StoreError::NotAnIdea => AppError::NotAnIdea,
            StoreError::StatusNotAllowed => AppError::StatusNotAllowed,
            StoreError::WrongPlanStatus => AppError::WrongPlanStatus,
            StoreError::NotAdopted => AppError::NotAdopted,
            StoreError::Frozen => AppError::PlanFrozen,
            StoreError::Stale => AppError::PlanChanged,
            StoreError::VersionTaken => AppError::ReportVersionTaken,
            StoreError::TooManyFeeds => AppError::TooManyFeeds(MAX_FEEDS_PER_PROGRAMME),
            // A generated value the caller did not retry: a bug, not the user's to fix.
            StoreError::Duplicate => {
                tracing::error!("store call refused a generated duplicate value");
                AppError::Internal
            }
            StoreError::Backend(detail) => {
                tracing::error!(%detail, "store call failed");
                AppError::Internal
            }
        }
    }
}
