//! What changed between two versions of a year's plan, measure by measure.
use samskap_domain::plan::model::{PlanSnapshot, PlannedMeasure};
use samskap_domain::workshop::model::named_enum;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

named_enum!(
    /// A part of a planned measure that can change between versions.
    DiffField {
        Number = "number",
        Title = "title",
        What = "what",
        ExpectedResult = "expected_result",
        Funding = "funding",
        TimeFrame = "time_frame",
        Partners = "partners",
        Contribution = "contribution",
        Owner = "owner",
        Indicators = "indicators",
        Goals = "goals",
        Risks = "risks",
        Status = "status",
    }
);

/// A measure in a diff: its number and title (in the newer version when it has one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffEntry {
    pub id: Uuid,
    pub number: String,
    pub title: String,
    /// What changed; empty for added and removed measures.
    pub fields: Vec<DiffField>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanDiff {
    pub from_version: u32,
    pub added: Vec<DiffEntry>,
    pub removed: Vec<DiffEntry>,
    pub changed: Vec<DiffEntry>,
    /// Total cost before and after, in whole kroner.
    pub total_before: i64,
    pub total_after: i64,
}

impl PlanDiff {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// The changes from `old` to `new`, in the newer plan's order.
pub fn diff(old: &PlanSnapshot, new: &PlanSnapshot) -> PlanDiff {
    let entry = |m: &PlannedMeasure, fields| DiffEntry {
        id: m.id,
        number: m.number.clone(),
        title: m.title.clone(),
        fields,
    };
    let mut added = Vec::new();
    let mut changed = Vec::new();
    for m in new.measures() {
        match old.measures().find(|o| o.id == m.id) {
            None => added.push(entry(m, Vec::new())),
            Some(o) => {
                let fields = changed_fields(o, m);
                if !fields.is_empty() {
                    changed.push(entry(m, fields));
                }
            }
        }
    }
    let removed = old
        .measures()
        .filter(|o| !new.measures().any(|m| m.id == o.id))
        .map(|o| entry(o, Vec::new()))
        .collect();
    PlanDiff {
        from_version: old.version,
        added,
        removed,
        changed,
        total_before: old.totals().total(),
        total_after: new.totals().total(),
    }
}

fn changed_fields(a: &PlannedMeasure, b: &PlannedMeasure) -> Vec<DiffField> {
    use DiffField as F;
    [
        (F::Number, a.number != b.number),
        (F::Title, a.title != b.title),
        (F::What, a.what != b.what),
        (F::ExpectedResult, a.expected_result != b.expected_result),
        (F::Funding, a.funding != b.funding),
        (
            F::TimeFrame,
            (a.starts_on, a.ends_on) != (b.starts_on, b.ends_on),
        ),
        (F::Partners, a.partners != b.partners),
        (F::Contribution, a.contribution != b.contribution),
        (F::Owner, a.owner != b.owner),
        (F::Indicators, a.indicators != b.indicators),
        (F::Goals, a.goals != b.goals),
        (F::Risks, a.risks != b.risks),
        (F::Status, a.status != b.status),
    ]
    .into_iter()
    .filter_map(|(f, differs)| differs.then_some(f))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use samskap_domain::plan::model::*;

    fn measure(id: u128, number: &str, grant: i64) -> PlannedMeasure {
        let day = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        PlannedMeasure {
            id: Uuid::from_u128(id),
            number: number.into(),
            status: MeasureStatus::Adopted,
            title: format!("Tiltak {id}"),
            what: "Hva".into(),
            expected_result: "Resultat".into(),
            funding: Funding {
                grant,
                ..Funding::default()
            },
            starts_on: day,
            ends_on: day,
            partners: String::new(),
            contribution: String::new(),
            owner: "Kultur".into(),
            indicators: String::new(),
            goals: vec![],
            risks: vec![],
            evidence: EvidenceSummary::default(),
        }
    }

    fn plan(version: u32, measures: Vec<PlannedMeasure>) -> PlanSnapshot {
        PlanSnapshot {
            programme: "P".into(),
            year: 2026,
            version,
            status: PlanStatus::Draft,
            adoption: None,
            frame_nok: 100,
            carried_in_nok: 0,
            sections: vec![PlanSection {
                focus_area: "A".into(),
                measures,
            }],
        }
    }

    #[test]
    fn added_removed_and_changed_measures_are_found() {
        let old = plan(1, vec![measure(1, "1.1", 10), measure(2, "1.2", 20)]);
        let mut kept = measure(2, "1.1", 25);
        kept.title = "Nytt navn".into();
        let new = plan(2, vec![kept, measure(3, "1.2", 5)]);
        let d = diff(&old, &new);
        assert_eq!(d.from_version, 1);
        assert_eq!(
            d.added.iter().map(|e| e.id).collect::<Vec<_>>(),
            [Uuid::from_u128(3)]
        );
        assert_eq!(
            d.removed.iter().map(|e| e.id).collect::<Vec<_>>(),
            [Uuid::from_u128(1)]
        );
        assert_eq!(d.changed.len(), 1);
        assert_eq!(
            d.changed[0].fields,
            [DiffField::Number, DiffField::Title, DiffField::Funding]
        );
        assert_eq!((d.total_before, d.total_after), (30, 30));
        assert!(diff(&new, &new).is_empty());
    }

    #[test]
    fn the_frame_warning_counts_every_source() {
        let mut m = measure(1, "1.1", 60);
        m.funding.municipality = 50;
        let p = plan(1, vec![m]);
        assert_eq!(p.totals().total(), 110);
        assert_eq!(p.over_frame(), Some(10));
        assert_eq!(plan(1, vec![measure(1, "1.1", 100)]).over_frame(), None);
    }
}
