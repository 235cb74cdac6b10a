//! The numbers of a report from what is recorded: the year's plan, the spending ledger,
//! the indicators' readings and the workshops' turnout, for the report's period.
use super::model::{AreaFigures, Figures, IndicatorFigures, MeasureFigures, Participation, Report};
use crate::follow_up::indicator::{Indicator, IndicatorOf};
use crate::follow_up::model::{is_followed_up, ProgressNote, Spending};
use crate::inclusion::model::Turnout;
use crate::plan::model::{Funding, Measure};
use crate::programme::model::Programme;
use chrono::NaiveDate;
use std::collections::HashMap;
use uuid::Uuid;

/// Everything a report is generated from, read in a fixed number of queries.
pub struct Sources<'a> {
    pub programme: &'a Programme,
    pub measures: &'a [Measure],
    pub ledger: &'a [Spending],
    pub notes: &'a [ProgressNote],
    pub indicators: &'a [Indicator],
    pub turnout: &'a [Turnout],
    /// The audit trail's status moves of measures in the period, oldest first.
    pub status_moves: &'a [crate::pipeline::model::AuditEntry],
}

/// Whether `day` is in the report's period.
pub fn in_period(report: &Report, day: NaiveDate) -> bool {
    (report.from..=report.to).contains(&day)
}

/// The report's measures: those of its year's plan that are followed up, and any other
/// with spending or a note in the period, by focus area and rank.
pub fn measures_of<'a>(report: &Report, src: &Sources<'a>) -> Vec<&'a Measure> {
    let active: std::collections::HashSet<Uuid> = src
        .ledger
        .iter()
        .filter(|e| in_period(report, e.spent_on))
        .map(|e| e.measure_id)
        .chain(
            src.notes
                .iter()
                .filter(|n| in_period(report, n.noted_on))
                .map(|n| n.measure_id),
        )
        .collect();
    let area_rank = |m: &Measure| {
        src.programme
            .focus_areas
            .iter()
            .position(|fa| Some(fa.id) == m.fields.focus_area_id)
            .unwrap_or(usize::MAX)
    };
    let mut measures: Vec<&Measure> = src
        .measures
        .iter()
        .filter(|m| is_followed_up(m.status, m.stopped))
        .filter(|m| m.fields.year == report.year || active.contains(&m.id))
        .collect();
    measures.sort_by_key(|m| (area_rank(m), m.fields.year, m.rank));
    measures
}

/// A focus area's name by id; empty for none or an unknown one.
pub fn area_name(programme: &Programme, id: Option<Uuid>) -> String {
    programme
        .focus_areas
        .iter()
        .find(|fa| Some(fa.id) == id)
        .map(|fa| fa.name.clone())
        .unwrap_or_default()
}

/// The report's figures.
pub fn figures(report: &Report, src: &Sources) -> Figures {
    let measures = measures_of(report, src);
    let year_start = year_start(report);
    let mut spent_by_measure: HashMap<Uuid, Funding> = HashMap::new();
    let mut figures = Figures::default();
    for entry in src.ledger {
        if in_period(report, entry.spent_on) {
            entry.source.add_to(&mut figures.spent, entry.amount_nok);
            entry.source.add_to(
                spent_by_measure.entry(entry.measure_id).or_default(),
                entry.amount_nok,
            );
        }
        if (year_start..=report.to).contains(&entry.spent_on) {
            entry
                .source
                .add_to(&mut figures.spent_year_to_date, entry.amount_nok);
        }
    }
    let planned_of = |m: &Measure| {
        if m.fields.year == report.year {
            m.fields.funding
        } else {
            Funding::default()
        }
    };
    for m in &measures {
        let notes = src
            .notes
            .iter()
            .filter(|n| n.measure_id == m.id && in_period(report, n.noted_on))
            .count();
        figures.planned.add(&planned_of(m));
        figures.measures.push(MeasureFigures {
            id: m.id,
            title: m.fields.title.clone(),
            focus_area: area_name(src.programme, m.fields.focus_area_id),
            status: m.status,
            stopped: m.stopped,
            planned: planned_of(m),
            spent: spent_by_measure.get(&m.id).copied().unwrap_or_default(),
            progress_notes: notes as u32,
        });
    }
    // Spending on a measure outside the report's list (none today: only followed-up
    // measures take spending) would still count in the total; give it its own line.
    let listed: std::collections::HashSet<Uuid> = measures.iter().map(|m| m.id).collect();
    let mut unlisted = Funding::default();
    for (id, spent) in &spent_by_measure {
        if !listed.contains(id) {
            unlisted.add(spent);
        }
    }
    let areas = src
        .programme
        .focus_areas
        .iter()
        .map(|fa| fa.name.clone())
        .chain([String::new()]);
    for name in areas {
        let mut area = AreaFigures {
            name: name.clone(),
            ..Default::default()
        };
        let mut any = false;
        for m in figures.measures.iter().filter(|m| m.focus_area == name) {
            area.planned.add(&m.planned);
            area.spent.add(&m.spent);
            any = true;
        }
        if name.is_empty() {
            area.spent.add(&unlisted);
            any |= unlisted.total() > 0;
        }
        if any {
            figures.by_area.push(area);
        }
    }
    figures.indicators = src
        .indicators
        .iter()
        .map(|i| indicator(report, src, i))
        .collect();
    figures.participation = participation(report, src.turnout);
    figures
}

fn indicator(report: &Report, src: &Sources, i: &Indicator) -> IndicatorFigures {
    let of = match i.of {
        IndicatorOf::Goal(id) => src
            .programme
            .goals
            .iter()
            .find(|g| g.id == id)
            .map(|g| format!("Mål: {}", g.title)),
        IndicatorOf::Measure(id) => src
            .measures
            .iter()
            .find(|m| m.id == id)
            .map(|m| format!("Tiltak: {}", m.fields.title)),
    };
    let latest = i
        .readings
        .iter()
        .filter(|r| r.measured_on <= report.to)
        .max_by_key(|r| r.measured_on);
    IndicatorFigures {
        name: i.fields.name.clone(),
        unit: i.fields.unit.clone(),
        of: of.unwrap_or_default(),
        baseline: i.fields.baseline.value,
        baseline_on: i.fields.baseline.on,
        target: i.fields.target.value,
        target_on: i.fields.target.on,
        latest: latest.map(|r| r.value),
        latest_on: latest.map(|r| r.measured_on),
    }
}

fn participation(report: &Report, turnout: &[Turnout]) -> Participation {
    let mut whole = Turnout {
        workshop_id: Uuid::nil(),
        title: String::new(),
        starts_at: report.from.and_hms_opt(0, 0, 0).unwrap_or_default(),
        participants: 0,
        young: 0,
    };
    let mut workshops = 0;
    for t in workshops_of(report, turnout) {
        workshops += 1;
        whole.participants += t.participants;
        whole.young += t.young;
    }
    Participation {
        workshops,
        participants: whole.participants,
        youth_share: whole.youth_share(),
    }
}

/// The workshops that began in the period.
pub fn workshops_of<'a>(
    report: &'a Report,
    turnout: &'a [Turnout],
) -> impl Iterator<Item = &'a Turnout> {
    turnout
        .iter()
        .filter(|t| in_period(report, t.starts_at.date()))
}

/// The first day of the report's year.
pub fn year_start(report: &Report) -> NaiveDate {
    NaiveDate::from_ymd_opt(report.year, 1, 1).unwrap_or(report.from)
}
