//! The columns of boards and cards and what the workshop calls share
//! (`calls/workshop.rs` binds and runs them on each backend's pool).

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
