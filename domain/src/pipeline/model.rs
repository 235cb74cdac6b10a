//! Prototypes, test rounds, feedback, decisions, photos and audit entries as the app
//! and the API see them.
use crate::workshop::model::{named_enum, Card};
use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

named_enum!(
    /// Where a prototype version stands: being tested, or decided.
    PrototypeStatus { Open = "open", Iterated = "iterated", Proceed = "proceed", Dropped = "dropped" }
);

named_enum!(
    /// What the team decided after testing a version.
    Outcome { Iterate = "iterate", Proceed = "proceed", Drop = "drop" }
);

/// Longest prototype title, in characters.
pub const MAX_PROTOTYPE_TITLE: usize = 120;
/// Longest description, assumption, reason or learning, in characters.
pub const MAX_PIPELINE_TEXT: usize = 2000;
/// Longest answer in a feedback form, in characters.
pub const MAX_FEEDBACK_TEXT: usize = 500;
/// Longest place or target group of a test round, in characters.
pub const MAX_ROUND_FIELD: usize = 200;

/// What a prototype is, as the team writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrototypeFields {
    pub title: String,
    /// What it is.
    pub description: String,
    /// What it is meant to test.
    pub assumption: String,
}

/// One version of a prototype.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prototype {
    pub id: Uuid,
    /// The first version's id, shared by all versions.
    pub lineage_id: Uuid,
    pub version: u32,
    pub previous_id: Option<Uuid>,
    /// The idea card it realises, if it came from one (and the card still exists).
    pub idea_id: Option<Uuid>,
    /// The theme it came from, if any.
    pub theme_id: Option<Uuid>,
    pub fields: PrototypeFields,
    /// What the previous version's test taught (empty for version 1).
    pub learning: String,
    pub status: PrototypeStatus,
    pub created_at: DateTime<Utc>,
    pub photos: Vec<Uuid>,
}

/// Where, with whom and when a prototype is tested.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundFields {
    pub place: String,
    pub target_group: String,
    /// Local (Norwegian) wall-clock time.
    pub starts_at: NaiveDateTime,
}

/// A test round; testers join through its workshop's code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TestRound {
    pub id: Uuid,
    pub prototype_id: Uuid,
    pub workshop_id: Uuid,
    pub fields: RoundFields,
    /// Whether feedback is taken.
    pub open: bool,
}

/// Structured feedback on a prototype from one tester.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackFields {
    pub worked: String,
    pub not_worked: String,
    pub suggestion: String,
    /// 1 (poor) to 5 (very good).
    pub rating: u8,
}

/// Feedback as stored: from a tester's phone, or recorded by staff from an interview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Feedback {
    pub id: Uuid,
    pub round_id: Uuid,
    pub fields: FeedbackFields,
    pub interview: bool,
    pub created_at: DateTime<Utc>,
}

/// Feedback of a round, summed up.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FeedbackSummary {
    pub count: u32,
    /// How many gave each rating, 1 to 5.
    pub ratings: [u32; 5],
}

impl FeedbackSummary {
    pub fn of(feedback: &[Feedback]) -> Self {
        let mut summary = FeedbackSummary::default();
        for f in feedback {
            summary.count += 1;
            if let Some(n) = summary
                .ratings
                .get_mut(usize::from(f.fields.rating.clamp(1, 5)) - 1)
            {
                *n += 1;
            }
        }
        summary
    }

    /// The mean rating, if anyone rated.
    pub fn mean(&self) -> Option<f64> {
        (self.count > 0).then(|| {
            let sum: u32 = self
                .ratings
                .iter()
                .enumerate()
                .map(|(i, n)| (i as u32 + 1) * n)
                .sum();
            f64::from(sum) / f64::from(self.count)
        })
    }
}

/// The team's decision on a tested version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub id: Uuid,
    pub prototype_id: Uuid,
    pub outcome: Outcome,
    pub reason: String,
    pub learning: String,
    /// The version an *iterate* decision created.
    pub next_prototype_id: Option<Uuid>,
    pub decided_by: String,
    pub decided_at: DateTime<Utc>,
}

/// One entry of the audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: DateTime<Utc>,
    pub actor: String,
    /// What happened, e.g. `prototype_created`, `decision_recorded`.
    pub action: String,
    pub subject_kind: String,
    pub subject_id: Uuid,
    /// A short human-readable detail (a title, an outcome).
    pub detail: String,
}

/// A prototype with everything recorded about it, for its page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrototypeDossier {
    pub prototype: Prototype,
    /// Every version of the lineage, oldest first (this one included).
    pub versions: Vec<Prototype>,
    pub idea: Option<Card>,
    /// The insights the idea builds on.
    pub insights: Vec<Card>,
    pub theme_name: Option<String>,
    pub rounds: Vec<RoundSummary>,
    pub decision: Option<Decision>,
    pub history: Vec<AuditEntry>,
}

/// A round with its feedback summed up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundSummary {
    pub round: TestRound,
    pub workshop_title: String,
    pub summary: FeedbackSummary,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feedback(rating: u8) -> Feedback {
        Feedback {
            id: Uuid::new_v4(),
            round_id: Uuid::nil(),
            fields: FeedbackFields {
                worked: String::new(),
                not_worked: String::new(),
                suggestion: String::new(),
                rating,
            },
            interview: false,
            created_at: Utc::now(),
        }
    }

    #[test]
    fn summary_counts_ratings_and_averages_them() {
        let s = FeedbackSummary::of(&[feedback(5), feedback(4), feedback(4), feedback(1)]);
        assert_eq!(s.count, 4);
        assert_eq!(s.ratings, [1, 0, 0, 2, 1]);
        assert_eq!(s.mean(), Some(3.5));
        assert_eq!(FeedbackSummary::of(&[]).mean(), None);
    }
}
