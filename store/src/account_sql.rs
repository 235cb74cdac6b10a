//! The accounts' and memberships' SQL (`calls/accounts.rs` binds and runs it).
use samskap_domain::store::Item;

/// The columns `AccountRow` decodes.
pub(crate) const ACCOUNT_COLUMNS: &str =
    "SELECT id, email, display_name, active, operator, password_hash, session_epoch FROM users";

/// The columns `UserRow` decodes: an account as a member of programme `$1`.
pub(crate) const MEMBER_COLUMNS: &str =
    "SELECT u.id, u.email, u.display_name, m.role, u.active, u.session_epoch
     FROM users u JOIN memberships m ON m.user_id = u.id AND m.programme_id = $1";

pub(crate) const INSERT_ACCOUNT: &str =
    "INSERT INTO users (id, email, display_name, password_hash, active, operator, created_at)
     VALUES ($1, $2, $3, $4, TRUE, $5, $6)";

/// Binds account `$1`, programme `$2`, role `$3`, time `$4`; no row if either is missing.
pub(crate) const INSERT_MEMBERSHIP: &str =
    "INSERT INTO memberships (user_id, programme_id, role, created_at)
     SELECT u.id, p.id, $3, $4 FROM users u JOIN programmes p ON p.id = $2 WHERE u.id = $1";

/// How many of the programmes `$1` is a member of have no active lead.
pub(crate) const LEADERLESS_OF_USER: &str = "SELECT COUNT(*) FROM memberships mine
     WHERE mine.user_id = $1 AND NOT EXISTS (
         SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.programme_id = mine.programme_id AND m.role = 'lead' AND u.active = TRUE)";

/// The programme of what `item` names, bound as `$1`.
pub(crate) fn programme_of(item: Item) -> (&'static str, uuid::Uuid) {
    match item {
        Item::Programme(id) => ("SELECT id FROM programmes WHERE id = $1", id),
        Item::Goal(id) => ("SELECT programme_id FROM goals WHERE id = $1", id),
        Item::Workshop(id) => ("SELECT programme_id FROM workshops WHERE id = $1", id),
        Item::Board(id) => (
            "SELECT w.programme_id FROM boards b JOIN workshops w ON w.id = b.workshop_id
             WHERE b.id = $1",
            id,
        ),
        Item::Card(id) => (
            "SELECT w.programme_id FROM cards c JOIN boards b ON b.id = c.board_id
             JOIN workshops w ON w.id = b.workshop_id WHERE c.id = $1",
            id,
        ),
        Item::Theme(id) => (
            "SELECT w.programme_id FROM themes t JOIN boards b ON b.id = t.board_id
             JOIN workshops w ON w.id = b.workshop_id WHERE t.id = $1",
            id,
        ),
        Item::Prototype(id) => ("SELECT programme_id FROM prototypes WHERE id = $1", id),
        Item::Round(id) => (
            "SELECT p.programme_id FROM test_rounds r JOIN prototypes p ON p.id = r.prototype_id
             WHERE r.id = $1",
            id,
        ),
        Item::Measure(id) => ("SELECT programme_id FROM measures WHERE id = $1", id),
        Item::Report(id) => ("SELECT programme_id FROM reports WHERE id = $1", id),
        Item::Indicator(id) => ("SELECT programme_id FROM indicators WHERE id = $1", id),
    }
}
