//! The audit trail: who changed what, written in the same transaction as the change.
use samskap_domain::store::actor::Actor;
use samskap_domain::store::StoreResult;
use uuid::Uuid;

/// The programme of audit subject `$7` of kind `$6`: a plan's and a programme's subject
/// is the programme itself.
const PROGRAMME_OF_SUBJECT: &str = "CASE $6
    WHEN 'measure' THEN (SELECT programme_id FROM measures WHERE id = $7)
    WHEN 'goal' THEN (SELECT programme_id FROM goals WHERE id = $7)
    WHEN 'prototype' THEN (SELECT programme_id FROM prototypes WHERE id = $7)
    WHEN 'library_entry' THEN (SELECT programme_id FROM library_entries WHERE id = $7)
    WHEN 'library_feed' THEN (SELECT programme_id FROM library_feeds WHERE id = $7)
    WHEN 'report' THEN (SELECT programme_id FROM reports WHERE id = $7)
    WHEN 'card' THEN (SELECT w.programme_id FROM cards c JOIN boards b ON b.id = c.board_id
                      JOIN workshops w ON w.id = b.workshop_id WHERE c.id = $7)
    ELSE (SELECT id FROM programmes WHERE id = $7) END";

/// Writes an audit entry inside a transaction, in the programme of its subject. A
/// subject whose programme is not found is a bug (an entry nobody would ever see): the
/// call fails and the change rolls back with it.
pub(super) async fn audit(
    tx: &mut super::Tx<'_>,
    actor: &Actor,
    action: &str,
    kind: &str,
    subject: Uuid,
    detail: impl Into<String>,
) -> StoreResult<()> {
    let done = sqlx::query(&format!(
            "INSERT INTO audit_events (id, at, actor_id, actor_name, action, subject_kind, subject_id, detail, programme_id)
             SELECT $1, $2, $3, $4, $5, $6, $7, $8, x.programme_id
             FROM (SELECT {PROGRAMME_OF_SUBJECT} AS programme_id) x WHERE x.programme_id IS NOT NULL"
        ))
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
    if done.rows_affected() == 0 {
        return Err(samskap_domain::store::StoreError::Backend(format!(
            "no programme found for the audit subject {kind} {subject}"
        )));
    }
    Ok(())
}
