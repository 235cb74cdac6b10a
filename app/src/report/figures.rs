//! The numbers of a report from what is recorded: the year's plan, the spending ledger,
//! the indicators' readings and the workshops' turnout, for the report's period.
use chrono::NaiveDate;
use samskap_domain::follow_up::indicator::{Indicator, IndicatorOf};
use samskap_domain::follow_up::model::{is_followed_up, ProgressNote, Spending};
use samskap_domain::inclusion::model::Turnout;
use samskap_domain::pipeline::model::AuditEntry;
use samskap_domain::plan::model::{Funding, Measure};
use samskap_domain::programme::model::Programme;
use samskap_domain::report::model::{
    AreaFigures, Figures, IndicatorFigures, MeasureFigures, Participation, Report,
};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// Everything a report is generated from, read in a fixed number of queries.
pub struct Sources<'a> {
    pub programme: &'a Programme,
    pub measures: &'a [Measure],
    pub ledger: &'a [Spending],
    pub notes: &'a [ProgressNote],
    pub indicators: &'a [Indicator],
    pub turnout: &'a [Turnout],
    /// The audit trail's status moves of the programme's measures around the period
    /// (a day either side; `day_of` tells which are in it), oldest first.
    pub status_moves: &'a [AuditEntry],
    /// Whether `status_moves` was cut at its limit (the newest kept).
    pub moves_cut: bool,
    /// The day the measures' statuses are read: today (the audit trail cannot tell a
    /// status on an earlier day for data moved in bulk, such as the demo's).
    pub today: NaiveDate,
}

/// Whether `day` is in the report's period.
pub fn in_period(report: &Report, day: NaiveDate) -> bool {
    (report.from..=report.to).contains(&day)
}

/// The first day of the report's year.
pub fn year_start(report: &Report) -> NaiveDate {
    NaiveDate::from_ymd_opt(report.year, 1, 1).unwrap_or(report.from)
}

/// The day in Norway of an audit entry.
pub fn day_of(entry: &AuditEntry) -> NaiveDate {
    crate::ui::time::oslo_date(entry.at)
}

/// The report's measures: those of its year's plan that are followed up, and any other
/// with spending or a note in the period, by focus area and rank.
pub fn measures_of<'a>(report: &Report, src: &Sources<'a>) -> Vec<&'a Measure> {
    let active: HashSet<Uuid> = src
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

/// The focus area a measure is grouped under: its own if the programme has it, else none.
fn area_of(programme: &Programme, id: Option<Uuid>) -> Option<Uuid> {
    id.filter(|id| programme.focus_areas.iter().any(|fa| fa.id == *id))
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
    let mut year_by_measure: HashMap<Uuid, Funding> = HashMap::new();
    let mut figures = Figures::default();
    for entry in src.ledger {
        let (source, amount) = (entry.source, entry.amount_nok);
        if in_period(report, entry.spent_on) {
            source.add_to(&mut figures.spent, amount);
            source.add_to(
                spent_by_measure.entry(entry.measure_id).or_default(),
                amount,
            );
        }
        if (year_start..=report.to).contains(&entry.spent_on) {
            source.add_to(&mut figures.spent_year_to_date, amount);
            source.add_to(year_by_measure.entry(entry.measure_id).or_default(), amount);
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
        let area = area_of(src.programme, m.fields.focus_area_id);
        figures.measures.push(MeasureFigures {
            id: m.id,
            title: m.fields.title.clone(),
            focus_area_id: area,
            focus_area: area_name(src.programme, area),
            status: m.status,
            stopped: m.stopped,
            planned: planned_of(m),
            spent: spent_by_measure.get(&m.id).copied().unwrap_or_default(),
            progress_notes: notes as u32,
        });
    }
    let areas = src
        .programme
        .focus_areas
        .iter()
        .map(|fa| Some(fa.id))
        .chain([None]);
    let listed: HashSet<Uuid> = measures.iter().map(|m| m.id).collect();
    let area_by_measure: HashMap<Uuid, Option<Uuid>> = src
        .measures
        .iter()
        .map(|m| (m.id, m.fields.focus_area_id))
        .collect();
    for id in areas {
        let mut area = AreaFigures {
            focus_area_id: id,
            name: area_name(src.programme, id),
            ..Default::default()
        };
        let mut any = false;
        for m in figures.measures.iter().filter(|m| m.focus_area_id == id) {
            area.planned.add(&m.planned);
            area.spent.add(&m.spent);
            if let Some(year) = year_by_measure.get(&m.id) {
                area.spent_year_to_date.add(year);
            }
            any = true;
        }
        // Spending on a measure the report does not list (another year's that spent
        // this year before the period, say) still counts, under its own area.
        let unlisted_here = |mid: &Uuid| {
            let own = area_by_measure.get(mid).copied().flatten();
            !listed.contains(mid) && area_of(src.programme, own) == id
        };
        for (mid, spent) in &spent_by_measure {
            if unlisted_here(mid) {
                area.spent.add(spent);
                any = true;
            }
        }
        for (mid, spent) in &year_by_measure {
            if unlisted_here(mid) {
                area.spent_year_to_date.add(spent);
                any = true;
            }
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
    figures.status_on = src.today;
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

/// The workshops that began in the period.
pub fn workshops_of<'a>(
    report: &'a Report,
    turnout: &'a [Turnout],
) -> impl Iterator<Item = &'a Turnout> {
    turnout
        .iter()
        .filter(|t| in_period(report, t.starts_at.date()))
}

/// The period's participation. The young share of the whole is left out when any
/// workshop's is (so few young that it would point them out): the whole's share less
/// the shown ones would give the hidden workshop's count.
fn participation(report: &Report, turnout: &[Turnout]) -> Participation {
    let mut whole = Turnout {
        workshop_id: Uuid::nil(),
        title: String::new(),
        starts_at: report.from.and_hms_opt(0, 0, 0).unwrap_or_default(),
        participants: 0,
        young: 0,
    };
    let (mut workshops, mut any_hidden) = (0, false);
    for t in workshops_of(report, turnout) {
        workshops += 1;
        whole.participants += t.participants;
        whole.young += t.young;
        any_hidden |= t.participants > 0 && t.youth_share().is_none();
    }
    Participation {
        workshops,
        participants: whole.participants,
        youth_share: whole.youth_share().filter(|_| !any_hidden),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use samskap_domain::report::model::ReportKind;

    fn turnout(day: &str, participants: u32, young: u32) -> Turnout {
        Turnout {
            workshop_id: Uuid::new_v4(),
            title: day.into(),
            starts_at: day
                .parse::<NaiveDate>()
                .unwrap()
                .and_hms_opt(18, 0, 0)
                .unwrap(),
            participants,
            young,
        }
    }

    fn report() -> Report {
        Report {
            id: Uuid::nil(),
            kind: ReportKind::Annual,
            year: 2025,
            from: "2025-01-01".parse().unwrap(),
            to: "2025-12-31".parse().unwrap(),
            created_by: String::new(),
            created_at: chrono::Utc::now(),
            versions: 0,
        }
    }

    #[test]
    fn the_young_share_of_the_whole_is_hidden_when_a_workshops_is() {
        let shown = [turnout("2025-03-01", 30, 10), turnout("2025-05-01", 20, 6)];
        let p = participation(&report(), &shown);
        assert_eq!(
            (p.workshops, p.participants, p.youth_share),
            (2, 50, Some(32))
        );
        // 3 young of 20 are too few to show; the whole's share would give them away
        // (13 of 50 less 10 of 30).
        let one_hidden = [turnout("2025-03-01", 30, 10), turnout("2025-05-01", 20, 3)];
        let p = participation(&report(), &one_hidden);
        assert_eq!((p.workshops, p.participants, p.youth_share), (2, 50, None));
        // Workshops outside the period do not count.
        let outside = [turnout("2024-12-31", 30, 10), turnout("2026-01-01", 20, 3)];
        assert_eq!(participation(&report(), &outside).workshops, 0);
    }
}
