//! What every store call uses: `found` and `placeholders`.

/// `$from, $from+1, …`: the list of an `IN (…)` for `n` values bound in order. Callers
/// skip the statement for an empty list (`IN ()` is not SQL).
pub(crate) fn placeholders(from: usize, n: usize) -> String {
    // (Lists are deduplicated by their callers: a list binds one variable per id.)
    (from..from + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `NotFound` when a statement touched no row.
pub(crate) fn found(rows_affected: u64) -> samskap_domain::store::StoreResult<()> {
    if rows_affected == 0 {
        Err(samskap_domain::store::StoreError::NotFound)
    } else {
        Ok(())
    }
}
