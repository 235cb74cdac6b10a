//! Who a change is recorded under in the audit trail.
use uuid::Uuid;

/// The staff user a change is recorded under in the audit trail.
#[derive(Debug, Clone)]
pub struct Actor {
    pub id: Uuid,
    pub name: String,
}
