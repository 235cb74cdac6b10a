//! The audit trail: who changed what, written in the same transaction as the change.
use samskap_domain::store::actor::Actor;
use samskap_domain::store::StoreResult;
use uuid::Uuid;

/// Writes an audit entry inside a transaction.
pub(super) async fn audit(
    tx: &mut super::Tx<'_>,
    actor: &Actor,
    action: &str,
    kind: &str,
    subject: Uuid,
    detail: impl Into<String>,
) -> StoreResult<()> {
    sqlx::query(
            "INSERT INTO audit_events (id, at, actor_id, actor_name, action, subject_kind, subject_id, detail)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(Uuid::new_v4())
        .bind(crate::rows::now())
        .bind(actor.id)
        .bind(&actor.name)
        .bind(action)
        .bind(kind)
        .bind(subject)
        .bind(detail.into())
        .execute(&mut **tx)
        .await?;
    Ok(())
}
