//! The combined view of several programmes for their evaluators (*følgeevaluering*):
//! the same few figures for each, small counts suppressed as in the diversity view.
use crate::inclusion::model::Count;
use crate::pipeline::model::{Prototype, PrototypeStatus};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use uuid::Uuid;

/// One programme's figures, everything it has recorded so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeFigures {
    pub slug: String,
    pub name: String,
    pub start_year: i32,
    pub end_year: i32,
    pub workshops: u32,
    /// Participants over all workshops, and how many of them were 19 or younger.
    pub participants: Count,
    pub youth_share: Option<u8>,
    pub cards: Count,
    pub prototypes: PrototypeOutcomes,
    /// Measures adopted in a plan and not stopped: adopted, running or done.
    pub measures_adopted: u32,
    /// The yearly budget frame, and what was recorded as spent, in whole kroner.
    pub yearly_budget_nok: i64,
    pub spent_nok: i64,
}

/// What came of a programme's prototypes, one count per lineage (all its versions).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrototypeOutcomes {
    pub lineages: u32,
    /// Lineages with at least one decided version (a decision needs a tested round).
    pub tested: u32,
    /// Lineages whose latest version was decided *proceed*.
    pub proceeded: u32,
    /// Lineages whose latest version was dropped.
    pub dropped: u32,
}

impl PrototypeOutcomes {
    /// The outcomes of `prototypes` (every version of a programme's prototypes).
    pub fn of(prototypes: &[Prototype]) -> PrototypeOutcomes {
        let mut latest: HashMap<Uuid, &Prototype> = HashMap::new();
        let mut decided: HashMap<Uuid, bool> = HashMap::new();
        for p in prototypes {
            let newer = latest
                .get(&p.lineage_id)
                .is_none_or(|l| p.version > l.version);
            if newer {
                latest.insert(p.lineage_id, p);
            }
            *decided.entry(p.lineage_id).or_default() |= p.status != PrototypeStatus::Open;
        }
        let ended = |status| latest.values().filter(|p| p.status == status).count() as u32;
        PrototypeOutcomes {
            lineages: latest.len() as u32,
            tested: decided.values().filter(|d| **d).count() as u32,
            proceeded: ended(PrototypeStatus::Proceed),
            dropped: ended(PrototypeStatus::Dropped),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::model::PrototypeFields;

    fn version(lineage: Uuid, version: u32, status: PrototypeStatus) -> Prototype {
        Prototype {
            id: Uuid::new_v4(),
            lineage_id: lineage,
            version,
            previous_id: None,
            idea_id: None,
            theme_id: None,
            fields: PrototypeFields {
                title: "Lys".into(),
                description: String::new(),
                assumption: String::new(),
            },
            learning: String::new(),
            status,
            created_at: chrono::Utc::now(),
            photos: Vec::new(),
        }
    }

    #[test]
    fn counts_each_lineage_by_its_latest_version() {
        let (a, b, c, d) = (
            Uuid::new_v4(),
            Uuid::new_v4(),
            Uuid::new_v4(),
            Uuid::new_v4(),
        );
        let all = [
            version(a, 1, PrototypeStatus::Iterated),
            version(a, 2, PrototypeStatus::Proceed),
            version(b, 1, PrototypeStatus::Dropped),
            version(c, 1, PrototypeStatus::Open),
            version(d, 2, PrototypeStatus::Open),
            version(d, 1, PrototypeStatus::Iterated),
        ];
        assert_eq!(
            PrototypeOutcomes::of(&all),
            PrototypeOutcomes {
                lineages: 4,
                tested: 3,
                proceeded: 1,
                dropped: 1
            }
        );
    }
}
