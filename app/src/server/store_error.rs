//! What can go wrong in a store call, for the contract and its parts.

/// What can go wrong in a store call.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    /// A unique value (an email, a join code) is taken.
    #[error("duplicate value")]
    Duplicate,
    #[error("the change would leave no active programme lead")]
    LastLead,
    /// A limit the store enforces atomically (a voter's dot budget) is reached.
    #[error("limit reached")]
    LimitReached,
    /// The subject's state forbids the change (a closed round, a decided prototype).
    #[error("closed for this change")]
    Closed,
    /// The plan version the change belongs to is adopted (frozen).
    #[error("the plan version is frozen")]
    Frozen,
    /// The data changed since the caller read it.
    #[error("changed meanwhile")]
    Stale,
    #[error("store backend: {0}")]
    Backend(String),
}

pub type StoreResult<T> = Result<T, StoreError>;
