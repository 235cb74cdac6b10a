//! Measures (*tiltak*), the yearly action plan (*handlingsplan*) and its frozen versions,
//! as the app, the exports and the API see them.
use crate::workshop::model::named_enum;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Longest accepted activity name, in characters.
pub const MAX_MEASURE_TITLE: usize = 200;
/// Longest accepted free text of a measure field, in characters.
pub const MAX_MEASURE_TEXT: usize = 4000;
/// Largest accepted amount of one funding source, in whole kroner (1 000 MNOK).
pub const MAX_AMOUNT_NOK: i64 = 1_000_000_000;

named_enum!(
    /// A measure's life: candidate → prioritised → adopted → in progress → done, or
    /// dropped with a reason.
    MeasureStatus {
        Candidate = "candidate",
        Prioritised = "prioritised",
        Adopted = "adopted",
        InProgress = "in_progress",
        Done = "done",
        Dropped = "dropped",
    }
);

named_enum!(
    /// A plan year's status: drafted and proposed by the core team, adopted by the
    /// steering group (recorded by the lead), then sent to the ministry.
    PlanStatus { Draft = "draft", Proposed = "proposed", Adopted = "adopted", Sent = "sent" }
);

impl MeasureStatus {
    /// The moves a user may make. Adoption happens with the plan; a dropped measure can
    /// become a candidate again.
    pub fn can_become(self, next: MeasureStatus) -> bool {
        use MeasureStatus as S;
        matches!(
            (self, next),
            (S::Candidate, S::Prioritised)
                | (S::Prioritised, S::Candidate)
                | (S::Adopted, S::InProgress)
                | (S::InProgress, S::Done)
                | (S::Dropped, S::Candidate)
        ) || (next == S::Dropped && !matches!(self, S::Dropped | S::Done))
    }

    /// Whether the measure is written into its year's plan.
    pub fn in_plan(self) -> bool {
        !matches!(self, MeasureStatus::Candidate | MeasureStatus::Dropped)
    }

    /// Whether moving from this status to `next` follows an adopted plan up rather than
    /// changes it (so it is allowed while the plan is frozen): starting, finishing, and
    /// stopping a measure that was adopted.
    pub fn is_follow_up(self, next: MeasureStatus) -> bool {
        use MeasureStatus as S;
        matches!(
            (self, next),
            (S::Adopted, S::InProgress)
                | (S::InProgress, S::Done)
                | (S::Adopted | S::InProgress, S::Dropped)
        )
    }

    /// Whether dropping from this status stops a measure already under way.
    pub fn stops(self) -> bool {
        matches!(self, MeasureStatus::Adopted | MeasureStatus::InProgress)
    }
}

impl PlanStatus {
    /// Whether the plan's current version is frozen: changing it needs a new version.
    pub fn is_frozen(self) -> bool {
        matches!(self, PlanStatus::Adopted | PlanStatus::Sent)
    }
}

/// The cost estimate by funding source (the template's budget columns), in whole kroner.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Funding {
    /// *Tilskudd fra områdesatsingen* (the state grant).
    pub grant: i64,
    pub municipality: i64,
    pub other_grants: i64,
    /// *Overførte disponible midler fra året før*.
    pub carried_over: i64,
}

impl Funding {
    pub fn total(&self) -> i64 {
        self.grant + self.municipality + self.other_grants + self.carried_over
    }

    pub fn add(&mut self, other: &Funding) {
        self.grant += other.grant;
        self.municipality += other.municipality;
        self.other_grants += other.other_grants;
        self.carried_over += other.carried_over;
    }
}

/// What the core team fills in for a measure, following the activity-plan template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeasureFields {
    /// *Aktivitet (prosjekt)*.
    pub title: String,
    /// *HVA skal vi gjøre for å nå målet?*
    pub what: String,
    /// *Forventet resultat*.
    pub expected_result: String,
    pub funding: Funding,
    /// *Anslått tidsramme*.
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// *Hvilke samarbeidspartnere er involvert?*
    pub partners: String,
    /// *Hvordan skal prosjektet bidra til å nå hovedmål og delmål?*
    pub contribution: String,
    /// The municipal unit or organisation that owns it.
    pub owner: String,
    /// Result indicators, one per line.
    pub indicators: String,
    /// The programme year whose plan it belongs to.
    pub year: i32,
    /// The focus area it is grouped and ranked under.
    pub focus_area_id: Option<Uuid>,
    /// The goals it serves, in the programme's order.
    pub goal_ids: Vec<Uuid>,
}

named_enum!(
    /// A rating in the template's risk table.
    RiskLevel { Low = "low", Medium = "medium", High = "high" }
);

impl RiskLevel {
    pub fn weight(self) -> u8 {
        match self {
            RiskLevel::Low => 1,
            RiskLevel::Medium => 2,
            RiskLevel::High => 3,
        }
    }
}

/// One row of a measure's risk table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Risk {
    pub id: Uuid,
    pub risk: String,
    pub probability: RiskLevel,
    pub consequence: RiskLevel,
    pub mitigation: String,
}

impl Risk {
    /// Probability × consequence (1–9); the template writes up those above 5.
    pub fn score(&self) -> u8 {
        self.probability.weight() * self.consequence.weight()
    }
}

/// Where a measure comes from: a prototype version decided *proceed*, or an idea the
/// core team promoted directly with a written justification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MeasureSource {
    Prototype {
        prototype_id: Uuid,
    },
    Idea {
        card_id: Uuid,
        justification: String,
    },
}

/// A candidate or planned measure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Measure {
    pub id: Uuid,
    pub fields: MeasureFields,
    pub status: MeasureStatus,
    /// Why it was dropped; empty otherwise.
    pub drop_reason: String,
    /// Its place among the measures of its year and focus area, from 1.
    pub rank: i32,
    /// `None` when the prototype or idea it came from was deleted.
    pub source: Option<MeasureSource>,
    /// Dropped after adoption (stopped): it stays in its adopted plan and is followed up.
    #[serde(default)]
    pub stopped: bool,
    pub risks: Vec<Risk>,
    pub created_at: DateTime<Utc>,
}

/// A plan year as it stands now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub year: i32,
    pub status: PlanStatus,
    /// The version being worked on, or the frozen one while adopted or sent.
    pub version: u32,
}

/// How a plan version was adopted and sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Adoption {
    pub adopted_on: NaiveDate,
    /// The body that adopted it, e.g. the steering group.
    pub adopted_by: String,
    pub sent_on: Option<NaiveDate>,
}

/// A frozen (adopted) version of a plan year, with the plan exactly as adopted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanVersion {
    pub version: u32,
    pub adoption: Adoption,
    pub frozen_at: DateTime<Utc>,
    pub frozen_by: String,
    pub snapshot: PlanSnapshot,
}

/// The plan of a year as a document: what the page, every export and the version diff
/// are made from. Frozen versions store it as JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanSnapshot {
    pub programme: String,
    pub year: i32,
    pub version: u32,
    pub status: PlanStatus,
    pub adoption: Option<Adoption>,
    /// The year's budget frame, in whole kroner, with `carried_in_nok` included.
    pub frame_nok: i64,
    /// What the lead confirmed as carried over from the year before (part of the frame).
    #[serde(default)]
    pub carried_in_nok: i64,
    /// In the programme's order; measures without a focus area come last.
    pub sections: Vec<PlanSection>,
}

/// The measures of one focus area, in rank order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanSection {
    /// Empty for measures without a focus area.
    pub focus_area: String,
    pub measures: Vec<PlannedMeasure>,
}

/// A measure as written into the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlannedMeasure {
    pub id: Uuid,
    /// Hierarchical number, e.g. "2.1": focus area, then rank.
    pub number: String,
    pub status: MeasureStatus,
    pub title: String,
    pub what: String,
    pub expected_result: String,
    pub funding: Funding,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub partners: String,
    pub contribution: String,
    pub owner: String,
    pub indicators: String,
    pub goals: Vec<String>,
    pub risks: Vec<Risk>,
    pub evidence: EvidenceSummary,
}

/// The evidence behind a measure, without anyone's identity.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EvidenceSummary {
    /// Distinct participants who posted a card of the chain or answered a test.
    pub participants: u32,
    /// Those of them who said they are young (under 20, or youth).
    pub youth: u32,
    pub insights: u32,
    pub ideas: u32,
    /// Versions of the prototype.
    pub versions: u32,
    pub rounds: Vec<RoundBrief>,
    /// The participants by the age band they gave and by role (codes, or
    /// `library::model::NOT_SAID`), exact, for the library to suppress before it
    /// publishes them. Never serialized: a plan (public once adopted) does not carry
    /// them.
    #[serde(skip)]
    pub age_bands: Vec<(String, u32)>,
    #[serde(skip)]
    pub roles: Vec<(String, u32)>,
}

/// One test round in an evidence summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundBrief {
    pub version: u32,
    pub place: String,
    pub target_group: String,
    pub date: NaiveDate,
    pub answers: u32,
    pub mean_rating: Option<f64>,
}

impl PlanSnapshot {
    pub fn measures(&self) -> impl Iterator<Item = &PlannedMeasure> {
        self.sections.iter().flat_map(|s| s.measures.iter())
    }

    /// The sum of every measure's cost estimate, by funding source.
    pub fn totals(&self) -> Funding {
        let mut total = Funding::default();
        for m in self.measures() {
            total.add(&m.funding);
        }
        total
    }

    /// The plan as the steering group adopts it: its prioritised measures adopted.
    pub fn adopted(mut self, adoption: Adoption) -> Self {
        self.status = PlanStatus::Adopted;
        self.adoption = Some(adoption);
        for m in self.sections.iter_mut().flat_map(|s| s.measures.iter_mut()) {
            if m.status == MeasureStatus::Prioritised {
                m.status = MeasureStatus::Adopted;
            }
        }
        self
    }

    /// How much the plan's total cost exceeds the year's frame, if it does.
    pub fn over_frame(&self) -> Option<i64> {
        let total = self.totals().total();
        (total > self.frame_nok).then(|| total - self.frame_nok)
    }
}
