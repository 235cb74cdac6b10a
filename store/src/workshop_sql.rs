//! `WorkshopStore` for both backends, written once like `sql.rs`: workshops, boards,
//! participants, cards and the per-board event log.

/// Links a workshop to its focus areas (of `programme`) and facilitators inside a
/// transaction; an unknown one is `NotFound` and rolls the transaction back.
macro_rules! link_workshop {
    ($tx:expr, $id:expr, $programme:expr, $fields:expr) => {
        for fa in distinct(&$fields.focus_area_ids) {
            let done = sqlx::query(
                "INSERT INTO workshop_focus_areas (workshop_id, focus_area_id)
                 SELECT $1, f.id FROM focus_areas f WHERE f.id = $2 AND f.programme_id = $3",
            )
            .bind($id)
            .bind(fa)
            .bind($programme)
            .execute(&mut **$tx)
            .await?;
            found(done.rows_affected())?;
        }
        for user in distinct(&$fields.facilitator_ids) {
            let done = sqlx::query(
                // Only a role that may run workshops can facilitate one (not the viewer).
                "INSERT INTO workshop_facilitators (workshop_id, user_id)
                 SELECT $1, u.id FROM users u WHERE u.id = $2 AND u.role <> 'viewer'",
            )
            .bind($id)
            .bind(user)
            .execute(&mut **$tx)
            .await?;
            found(done.rows_affected())?;
        }
    };
}

/// Bumps the board's sequence number inside a transaction and logs an entry under it;
/// evaluates to the number. The row lock this takes keeps one board's entries in order.
/// Locks a card's row (if it exists) before its board's: every transaction that changes a
/// card or what hangs on it takes the card first, so two of them cannot each hold the
/// lock the other waits for (PostgreSQL; SQLite has one writer anyway).
macro_rules! lock_card {
    ($tx:expr, $card:expr) => {
        sqlx::query("UPDATE cards SET status = status WHERE id = $1")
            .bind($card)
            .execute(&mut **$tx)
            .await?;
    };
}

macro_rules! log_event {
    ($tx:expr, $board:expr, $subject:expr, $card:expr) => {{
        let seq: i64 = sqlx::query_scalar(
            "UPDATE boards SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq",
        )
        .bind($board)
        .fetch_optional(&mut **$tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        sqlx::query(
            "INSERT INTO board_events (board_id, seq, subject, card_id) VALUES ($1, $2, $3, $4)",
        )
        .bind($board)
        .bind(seq)
        .bind($subject)
        .bind($card)
        .execute(&mut **$tx)
        .await?;
        seq
    }};
}

/// The card's total and the voter's dots after a vote change, inside the transaction.
macro_rules! vote_change {
    ($tx:expr, $seq:expr, $board:expr, $card:expr, $voter:expr, $round:expr) => {{
        let (total, on_card, used): (i64, i64, i64) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM votes WHERE card_id = $1 AND round = $3),
                    (SELECT COUNT(*) FROM votes WHERE card_id = $1 AND round = $3 AND voter_id = $4),
                    (SELECT COUNT(*) FROM votes WHERE board_id = $2 AND round = $3 AND voter_id = $4)",
        )
        .bind($card)
        .bind($board)
        .bind($round)
        .bind($voter)
        .fetch_one(&mut **$tx)
        .await?;
        VoteChange { seq: $seq, total: total as u32, on_card: on_card as u32, used: used as u32 }
    }};
}

/// Reads a card inside a transaction.
macro_rules! card_in {
    ($tx:expr, $id:expr) => {
        sqlx::query_as::<_, CardRow>(&format!("{CARD_COLUMNS} WHERE c.id = $1"))
            .bind($id)
            .fetch_one(&mut **$tx)
            .await
            .map_err(StoreError::from)
            .and_then(CardRow::into_card)
    };
}

/// The columns `BoardRow` decodes.
pub(crate) const BOARD_COLUMNS: &str = "SELECT id, workshop_id, prompt, phase, posting_open, allowed_kinds, hide_others, timer_ends_at,
        vote_budget, votes_visible, vote_round FROM boards";

/// The columns `CardRow` decodes, with the author's nickname or staff name.
pub(crate) const CARD_COLUMNS: &str = "SELECT c.id, c.board_id, c.kind, c.body, c.focus_area_id, c.participant_id, c.user_id,
        COALESCE(p.nickname, u.display_name, '') AS author_name, c.created_at, c.status, c.moderation_note, c.theme_id,
        (SELECT ph.id FROM photos ph WHERE ph.card_id = c.id ORDER BY ph.created_at DESC LIMIT 1) AS photo_id
     FROM cards c LEFT JOIN participants p ON p.id = c.participant_id LEFT JOIN users u ON u.id = c.user_id";

/// The ids without repeats, in the order given.
pub(crate) fn distinct(ids: &[uuid::Uuid]) -> Vec<uuid::Uuid> {
    let mut seen = Vec::with_capacity(ids.len());
    for id in ids {
        if !seen.contains(id) {
            seen.push(*id);
        }
    }
    seen
}
