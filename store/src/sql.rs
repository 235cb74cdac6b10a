//! The `Store` implementation shared by both backends. The SQL is written once in the
//! dialect both understand (`$n` parameters, `ON DELETE CASCADE`, no vendor functions)
//! and expanded for each concrete pool type, which avoids sqlx's generic-database
//! bounds. What truly differs per backend (schema types, pragmas, sessions) lives in
//! `sqlite.rs` and `postgres.rs`.

/// `LastLead` (the transaction rolls back when dropped) if a change inside it left no
/// active lead.
macro_rules! still_has_a_lead {
    ($tx:expr) => {{
        let leads: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE role = 'lead' AND active = TRUE")
                .fetch_one(&mut **$tx)
                .await?;
        if leads == 0 {
            return Err(samskap_domain::store::StoreError::LastLead);
        }
    }};
}

/// Links a goal to focus areas of its own programme inside a transaction; an id of
/// another programme's (or no) focus area is `NotFound` and rolls the transaction back.
/// Evaluates to the linked ids, without duplicates, in the order given.
macro_rules! link_focus_areas {
    ($tx:expr, $goal:expr, $focus_areas:expr) => {{
        let mut linked: Vec<Uuid> = Vec::new();
        for fa in $focus_areas.iter().copied() {
            if linked.contains(&fa) {
                continue;
            }
            let done = sqlx::query(
                "INSERT INTO goal_focus_areas (goal_id, focus_area_id)
                 SELECT g.id, f.id FROM goals g JOIN focus_areas f ON f.programme_id = g.programme_id
                 WHERE g.id = $1 AND f.id = $2",
            )
            .bind($goal)
            .bind(fa)
            .execute(&mut **$tx)
            .await?;
            found(done.rows_affected())?;
            linked.push(fa);
        }
        linked
    }};
}

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
