//! `PipelineStore`'s SQL and rows: evidence links, prototypes, test rounds, feedback,
//! decisions, photos and the audit trail (`calls/pipeline.rs` binds and runs them).
use chrono::{DateTime, NaiveDateTime, Utc};
use samskap_domain::pipeline::model::{
    AuditEntry, Decision, Feedback, FeedbackFields, Prototype, PrototypeFields, RoundFields,
    TestRound,
};
use samskap_domain::store::StoreError;
use uuid::Uuid;

pub(crate) const PROTOTYPE_COLUMNS: &str =
    "SELECT p.id, p.lineage_id, p.version, p.previous_id, p.idea_id, p.theme_id, p.title, p.description,
            p.assumption, p.learning, p.status, p.created_at FROM prototypes p";

/// The columns `FeedbackRow` decodes.
pub(crate) const FEEDBACK_COLUMNS: &str =
    "SELECT id, round_id, user_id, worked, not_worked, suggestion, rating, created_at FROM feedback";

pub(crate) const ROUND_COLUMNS: &str =
    "SELECT id, prototype_id, workshop_id, place, target_group, starts_at, open FROM test_rounds";

#[derive(sqlx::FromRow)]
pub(crate) struct PrototypeRow {
    id: Uuid,
    lineage_id: Uuid,
    version: i32,
    previous_id: Option<Uuid>,
    idea_id: Option<Uuid>,
    theme_id: Option<Uuid>,
    title: String,
    description: String,
    assumption: String,
    learning: String,
    status: String,
    created_at: DateTime<Utc>,
}

impl PrototypeRow {
    /// The prototype, with its photos picked from `(prototype, photo)` pairs.
    pub(crate) fn into_prototype(self, photos: &[(Uuid, Uuid)]) -> Result<Prototype, StoreError> {
        Ok(Prototype {
            photos: photos
                .iter()
                .filter(|(p, _)| *p == self.id)
                .map(|(_, photo)| *photo)
                .collect(),
            id: self.id,
            lineage_id: self.lineage_id,
            version: self.version as u32,
            previous_id: self.previous_id,
            idea_id: self.idea_id,
            theme_id: self.theme_id,
            fields: PrototypeFields {
                title: self.title,
                description: self.description,
                assumption: self.assumption,
            },
            learning: self.learning,
            status: self.status.parse().map_err(|_| {
                StoreError::Backend(format!("unknown prototype status {:?}", self.status))
            })?,
            created_at: self.created_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct RoundRow {
    id: Uuid,
    prototype_id: Uuid,
    workshop_id: Uuid,
    place: String,
    target_group: String,
    starts_at: NaiveDateTime,
    open: bool,
}

impl RoundRow {
    pub(crate) fn into_round(self) -> TestRound {
        TestRound {
            id: self.id,
            prototype_id: self.prototype_id,
            workshop_id: self.workshop_id,
            fields: RoundFields {
                place: self.place,
                target_group: self.target_group,
                starts_at: self.starts_at,
            },
            open: self.open,
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct FeedbackRow {
    id: Uuid,
    round_id: Uuid,
    user_id: Option<Uuid>,
    worked: String,
    not_worked: String,
    suggestion: String,
    rating: i32,
    created_at: DateTime<Utc>,
}

impl FeedbackRow {
    pub(crate) fn into_feedback(self) -> Feedback {
        Feedback {
            id: self.id,
            round_id: self.round_id,
            fields: FeedbackFields {
                worked: self.worked,
                not_worked: self.not_worked,
                suggestion: self.suggestion,
                rating: self.rating.clamp(1, 5) as u8,
            },
            interview: self.user_id.is_some(),
            created_at: self.created_at,
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct DecisionRow {
    id: Uuid,
    prototype_id: Uuid,
    outcome: String,
    reason: String,
    learning: String,
    next_prototype_id: Option<Uuid>,
    decider_name: String,
    decided_at: DateTime<Utc>,
}

impl DecisionRow {
    pub(crate) fn into_decision(self) -> Result<Decision, StoreError> {
        Ok(Decision {
            id: self.id,
            prototype_id: self.prototype_id,
            outcome: self.outcome.parse().map_err(|_| {
                StoreError::Backend(format!("unknown decision outcome {:?}", self.outcome))
            })?,
            reason: self.reason,
            learning: self.learning,
            next_prototype_id: self.next_prototype_id,
            decided_by: self.decider_name,
            decided_at: self.decided_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct AuditRow {
    at: DateTime<Utc>,
    actor_name: String,
    action: String,
    subject_kind: String,
    subject_id: Uuid,
    detail: String,
}

impl AuditRow {
    pub(crate) fn into_entry(self) -> AuditEntry {
        AuditEntry {
            at: self.at,
            actor: self.actor_name,
            action: self.action,
            subject_kind: self.subject_kind,
            subject_id: self.subject_id,
            detail: self.detail,
        }
    }
}
