//! The Norwegian words and number formats of the documents Samskap exports, the plan's
//! template columns first (the documents go to the steering group and the ministry in
//! Norwegian); the reports use them too.
use chrono::NaiveDate;
use samskap_domain::plan::model::{
    EvidenceSummary, Funding, MeasureStatus, PlanSnapshot, PlanStatus, RiskLevel, RoundBrief,
};

pub const ACTIVITY: &str = "Aktivitet (prosjekt)";
pub const WHAT: &str = "HVA skal vi gjøre for å nå målet?";
pub const EXPECTED: &str = "Forventet resultat";
pub const COST: &str = "Kostnadsestimat og finansieringskilde";
pub const TIME_FRAME: &str = "Anslått tidsramme (fra dato til dato)";
pub const PARTNERS: &str = "Hvilke samarbeidspartnere er involvert?";
pub const CONTRIBUTION: &str = "Hvordan skal prosjektet bidra til å nå hovedmål og delmål?";
pub const YEAR: &str = "År";
pub const TOTAL_COST: &str = "Totalt budsjetterte kostnader per aktivitet";
pub const GRANT: &str = "Tilskudd fra områdesatsingen";
pub const MUNICIPALITY: &str = "Tilskudd fra kommunen";
pub const OTHER_GRANTS: &str = "Andre tilskuddsmidler";
pub const CARRIED_OVER: &str = "Overførte disponible midler fra året før";
pub const RISK: &str = "Risiko";
pub const PROBABILITY: &str = "Sannsynlighet";
pub const CONSEQUENCE: &str = "Konsekvenser";
pub const MITIGATION: &str = "Tiltak for å redusere risiko";
pub const OWNER: &str = "Ansvarlig";
pub const INDICATORS: &str = "Resultatindikatorer";
pub const STATUS: &str = "Status";
pub const MEASURE: &str = "Tiltak";
pub const TOTAL: &str = "Sum";
pub const FRAME: &str = "Årets ramme";
pub const CARRIED_IN: &str = "Herav overført fra året før";
pub const NO_FOCUS_AREA: &str = "Uten innsatsområde";

pub fn title(plan: &PlanSnapshot) -> String {
    format!("Handlingsplan {} – {}", plan.year, plan.programme)
}

/// "Versjon 2 · Vedtatt av Styringsgruppen 10.12.2026 · Sendt departementet 15.12.2026".
pub fn version_line(plan: &PlanSnapshot) -> String {
    let mut line = format!("Versjon {} · {}", plan.version, plan_status(plan.status));
    if let Some(a) = &plan.adoption {
        line.push_str(&format!(
            " · Vedtatt av {} {}",
            a.adopted_by,
            date(a.adopted_on)
        ));
        if let Some(sent) = a.sent_on {
            line.push_str(&format!(" · Sendt departementet {}", date(sent)));
        }
    }
    line
}

pub fn plan_status(status: PlanStatus) -> &'static str {
    match status {
        PlanStatus::Draft => "Utkast",
        PlanStatus::Proposed => "Foreslått",
        PlanStatus::Adopted => "Vedtatt",
        PlanStatus::Sent => "Sendt departementet",
    }
}

pub fn measure_status(status: MeasureStatus) -> &'static str {
    match status {
        MeasureStatus::Candidate => "Kandidat",
        MeasureStatus::Prioritised => "Prioritert",
        MeasureStatus::Adopted => "Vedtatt",
        MeasureStatus::InProgress => "I gang",
        MeasureStatus::Done => "Fullført",
        MeasureStatus::Dropped => "Lagt bort",
    }
}

pub fn level(level: RiskLevel) -> &'static str {
    match level {
        RiskLevel::Low => "Liten",
        RiskLevel::Medium => "Middels",
        RiskLevel::High => "Høy",
    }
}

pub fn focus_area(name: &str) -> &str {
    if name.is_empty() {
        NO_FOCUS_AREA
    } else {
        name
    }
}

pub fn date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

pub fn period(from: NaiveDate, to: NaiveDate) -> String {
    format!("{} – {}", date(from), date(to))
}

/// Whole kroner grouped by thousands: "300 000 kr".
pub fn nok(amount: i64) -> String {
    format!(
        "{} kr",
        samskap_domain::programme::model::format_nok(amount, ' ')
    )
}

/// The template's cost column: the total and each source that contributes.
pub fn cost(f: &Funding) -> String {
    let mut lines = vec![format!("Totalt {}", nok(f.total()))];
    for (name, amount) in [
        (GRANT, f.grant),
        (MUNICIPALITY, f.municipality),
        (OTHER_GRANTS, f.other_grants),
        (CARRIED_OVER, f.carried_over),
    ] {
        if amount > 0 {
            lines.push(format!("{name}: {}", nok(amount)));
        }
    }
    lines.join("\n")
}

/// How many people and cards a measure builds on, in one sentence.
pub fn evidence(e: &EvidenceSummary) -> String {
    format!(
        "{} deltakere bidro, {} av dem unge. Bygger på {} innsikter og {} idéer, med {} prototypeversjoner.",
        e.participants, e.youth, e.insights, e.ideas, e.versions
    )
}

pub fn round(r: &RoundBrief) -> String {
    let mean = r
        .mean_rating
        .map(|m| format!(", snitt {m:.1} av 5"))
        .unwrap_or_default();
    format!(
        "Test av versjon {} {} på {} ({}): {} svar{mean}",
        r.version,
        date(r.date),
        r.place,
        r.target_group,
        r.answers
    )
}

/// The warning when the plan costs more than the year's frame.
pub fn over_frame(plan: &PlanSnapshot) -> Option<String> {
    plan.over_frame().map(|over| {
        format!(
            "Advarsel: planen er {} over årets ramme på {}.",
            nok(over),
            nok(plan.frame_nok)
        )
    })
}
