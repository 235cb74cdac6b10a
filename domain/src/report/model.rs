//! Reports to the steering group and the ministry: their kinds, sections and periods,
//! and the document a report is generated, shown, frozen and exported as.
use crate::plan::model::Funding;
use crate::workshop::model::named_enum;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Longest accepted free text of one section, in characters.
pub const MAX_SECTION_TEXT: usize = 20_000;

named_enum!(
    /// Which report: the steering group's status report for a period, or the report to
    /// the ministry for half a year or a year.
    ReportKind { Status = "status", HalfYear = "half_year", Annual = "annual" }
);

named_enum!(
    /// A report's sections; each kind has its own (`ReportKind::sections`).
    SectionKey {
        Summary = "summary",
        Changes = "changes",
        Money = "money",
        Decisions = "decisions",
        Risks = "risks",
        Measures = "measures",
        Indicators = "indicators",
        Participation = "participation",
        Barriers = "barriers",
        Learning = "learning",
        OrdinaryServices = "ordinary_services",
    }
);

impl ReportKind {
    /// The sections of this kind of report, in order.
    pub fn sections(self) -> &'static [SectionKey] {
        use SectionKey as S;
        match self {
            ReportKind::Status => &[S::Summary, S::Changes, S::Money, S::Decisions, S::Risks],
            ReportKind::HalfYear | ReportKind::Annual => &[
                S::Summary,
                S::Money,
                S::Measures,
                S::Indicators,
                S::Participation,
                S::Barriers,
                S::Learning,
                S::OrdinaryServices,
            ],
        }
    }

    /// The period a report on `year` covers by default: the year, its first half, or
    /// for a status report from `since` (the day after the last one ended) to `today`.
    pub fn default_period(
        self,
        year: i32,
        since: Option<NaiveDate>,
        today: NaiveDate,
    ) -> (NaiveDate, NaiveDate) {
        let day = |m, d| NaiveDate::from_ymd_opt(year, m, d).unwrap_or(today);
        match self {
            ReportKind::Annual => (day(1, 1), day(12, 31)),
            ReportKind::HalfYear => (day(1, 1), day(6, 30)),
            ReportKind::Status => {
                let from = since.filter(|d| d.year() == year).unwrap_or(day(1, 1));
                let to = if today.year() == year {
                    today
                } else {
                    day(12, 31)
                };
                (from, to.max(from))
            }
        }
    }
}

/// A report as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub id: Uuid,
    pub kind: ReportKind,
    /// The programme year it reports on.
    pub year: i32,
    pub from: NaiveDate,
    /// Inclusive.
    pub to: NaiveDate,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    /// How many versions have been frozen (the newest is this number).
    pub versions: u32,
}

/// A frozen version as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionInfo {
    pub version: u32,
    pub frozen_at: DateTime<Utc>,
    pub frozen_by: String,
}

/// A frozen version: the document exactly as it was frozen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportVersion {
    pub version: u32,
    pub frozen_at: DateTime<Utc>,
    pub frozen_by: String,
    pub document: ReportDocument,
}

/// Who froze a version and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Frozen {
    pub version: u32,
    pub at: DateTime<Utc>,
    pub by: String,
}

/// A report as a document: what its page, every export and a frozen version are made of.
/// `figures` are the numbers behind the tables, for the JSON export; the sections are
/// the text and tables as printed, in Norwegian (bokmål), the language it is sent in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportDocument {
    pub programme: String,
    pub kind: ReportKind,
    pub title: String,
    pub year: i32,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// `None` for a draft.
    pub frozen: Option<Frozen>,
    pub figures: Figures,
    pub sections: Vec<Section>,
}

/// The numbers of a report, each from the ledger, the measures, the indicators or the
/// workshops (`docs/REPORTS.md` says which).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    /// What the plan of the year puts on its followed-up measures, by source.
    pub planned: Funding,
    /// Spending entries dated in the period, by source.
    pub spent: Funding,
    /// Spending entries dated from 1 January of the year to the end of the period.
    pub spent_year_to_date: Funding,
    pub by_area: Vec<AreaFigures>,
    pub measures: Vec<MeasureFigures>,
    pub indicators: Vec<IndicatorFigures>,
    pub participation: Participation,
    /// The day the measures' statuses were read (when the document was generated).
    #[serde(default)]
    pub status_on: NaiveDate,
}

/// A focus area's money (`focus_area_id` `None`, `name` empty: measures without one).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AreaFigures {
    #[serde(default)]
    pub focus_area_id: Option<Uuid>,
    pub name: String,
    pub planned: Funding,
    /// In the period.
    pub spent: Funding,
    /// From 1 January to the period's end.
    #[serde(default)]
    pub spent_year_to_date: Funding,
}

/// A followed-up measure's figures in the period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeasureFigures {
    pub id: Uuid,
    pub title: String,
    #[serde(default)]
    pub focus_area_id: Option<Uuid>,
    pub focus_area: String,
    /// As on `Figures::status_on`.
    pub status: crate::plan::model::MeasureStatus,
    pub stopped: bool,
    pub planned: Funding,
    pub spent: Funding,
    pub progress_notes: u32,
}

/// An indicator with its newest reading up to the end of the period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorFigures {
    pub name: String,
    pub unit: String,
    /// The goal or measure it follows.
    pub of: String,
    pub baseline: f64,
    pub baseline_on: NaiveDate,
    pub target: f64,
    pub target_on: NaiveDate,
    pub latest: Option<f64>,
    pub latest_on: Option<NaiveDate>,
}

/// Who took part in the period's workshops.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Participation {
    pub workshops: u32,
    pub participants: u32,
    /// Young participants in whole percent (never as a count); `None` where so few are young that a share would point them out.
    pub youth_share: Option<u8>,
}

/// One section: generated paragraphs and tables, then the municipality's own text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub key: SectionKey,
    pub heading: String,
    pub paragraphs: Vec<String>,
    pub tables: Vec<Table>,
    /// Written by the lead or the core team; may be empty.
    pub text: String,
}

/// A table as printed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    pub caption: String,
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
}

/// A row; `total` rows are printed bold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub total: bool,
}

/// A cell: text, or an amount in whole kroner (printed "180 700 kr", exported as 180700).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cell {
    Text(String),
    Nok(i64),
}

impl Cell {
    /// As printed in a document, with `space` between groups of digits.
    pub fn printed(&self, space: char) -> String {
        match self {
            Cell::Text(text) => text.clone(),
            Cell::Nok(n) => format!("{} kr", crate::programme::model::format_nok(*n, space)),
        }
    }

    /// As written to CSV: amounts as plain integers.
    pub fn raw(&self) -> String {
        match self {
            Cell::Text(text) => text.clone(),
            Cell::Nok(n) => n.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn default_periods() {
        let today = day("2025-09-10");
        assert_eq!(
            ReportKind::Annual.default_period(2025, None, today),
            (day("2025-01-01"), day("2025-12-31"))
        );
        assert_eq!(
            ReportKind::HalfYear.default_period(2025, None, today),
            (day("2025-01-01"), day("2025-06-30"))
        );
        assert_eq!(
            ReportKind::Status.default_period(2025, None, today),
            (day("2025-01-01"), today)
        );
        // Since the day after the last status report; another year's is ignored.
        assert_eq!(
            ReportKind::Status.default_period(2025, Some(day("2025-06-01")), today),
            (day("2025-06-01"), today)
        );
        assert_eq!(
            ReportKind::Status.default_period(2025, Some(day("2024-12-01")), today),
            (day("2025-01-01"), today)
        );
        assert_eq!(
            ReportKind::Status.default_period(2024, None, today),
            (day("2024-01-01"), day("2024-12-31"))
        );
    }

    #[test]
    fn figures_frozen_before_later_fields_still_read() {
        let old = r#"{"planned":{"grant":1,"municipality":0,"other_grants":0,"carried_over":0},
            "spent":{"grant":1,"municipality":0,"other_grants":0,"carried_over":0},
            "spent_year_to_date":{"grant":1,"municipality":0,"other_grants":0,"carried_over":0},
            "by_area":[{"name":"","planned":{"grant":1,"municipality":0,"other_grants":0,"carried_over":0},
                        "spent":{"grant":1,"municipality":0,"other_grants":0,"carried_over":0}}],
            "measures":[],"indicators":[],
            "participation":{"workshops":0,"participants":0,"youth_share":null}}"#;
        let figures: Figures = serde_json::from_str(old).unwrap();
        assert_eq!(figures.by_area[0].spent_year_to_date, Funding::default());
        assert_eq!(figures.status_on, NaiveDate::default());
    }

    #[test]
    fn every_kind_begins_with_a_summary() {
        for kind in ReportKind::ALL {
            assert_eq!(kind.sections()[0], SectionKey::Summary);
        }
    }
}
