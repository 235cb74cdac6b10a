//! What every store call uses (`found`, `placeholders`) and the accounts' and
//! programme's SQL (`calls/store.rs` binds and runs it on each backend's pool).

/// `$from, $from+1, …`: the list of an `IN (…)` for `n` values bound in order. Callers
/// skip the statement for an empty list (`IN ()` is not SQL).
pub(crate) fn placeholders(from: usize, n: usize) -> String {
    // (Lists are deduplicated by their callers: a list binds one variable per id.)
    (from..from + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The installation's programme: the oldest one.
pub(crate) const FIRST_PROGRAMME: &str =
    "SELECT id FROM programmes ORDER BY created_at, id LIMIT 1";

/// The columns `UserRow` decodes.
pub(crate) const USER_COLUMNS: &str =
    "SELECT id, email, display_name, role, active, password_hash, session_epoch FROM users";

/// `NotFound` when a statement touched no row.
pub(crate) fn found(rows_affected: u64) -> samskap_domain::store::StoreResult<()> {
    if rows_affected == 0 {
        Err(samskap_domain::store::StoreError::NotFound)
    } else {
        Ok(())
    }
}
