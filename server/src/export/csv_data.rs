//! The plan as CSV open data: one row per measure with every template field, amounts in
//! whole kroner and dates as ISO 8601, for spreadsheets and the open-data portal.
use super::csv_safe::SafeCsv;
use samskap_domain::plan::model::PlanSnapshot;

const COLUMNS: [&str; 24] = [
    "year",
    "version",
    "number",
    "focus_area",
    "activity",
    "what",
    "expected_result",
    "total_nok",
    "grant_nok",
    "municipality_nok",
    "other_grants_nok",
    "carried_over_nok",
    "starts_on",
    "ends_on",
    "partners",
    "contribution",
    "goals",
    "owner",
    "indicators",
    "status",
    "risks",
    "participants",
    "youth",
    "test_rounds",
];

pub fn plan_csv(plan: &PlanSnapshot) -> Result<Vec<u8>, String> {
    let mut out = SafeCsv::default();
    out.row(COLUMNS)?;
    for section in &plan.sections {
        for m in &section.measures {
            let f = &m.funding;
            let risks = m
                .risks
                .iter()
                .map(|r| {
                    format!(
                        "{} ({}/{})",
                        r.risk,
                        r.probability.as_str(),
                        r.consequence.as_str()
                    )
                })
                .collect::<Vec<_>>()
                .join("; ");
            out.row([
                plan.year.to_string(),
                plan.version.to_string(),
                m.number.clone(),
                section.focus_area.clone(),
                m.title.clone(),
                m.what.clone(),
                m.expected_result.clone(),
                f.total().to_string(),
                f.grant.to_string(),
                f.municipality.to_string(),
                f.other_grants.to_string(),
                f.carried_over.to_string(),
                m.starts_on.to_string(),
                m.ends_on.to_string(),
                m.partners.clone(),
                m.contribution.clone(),
                m.goals.join("; "),
                m.owner.clone(),
                m.indicators.clone(),
                m.status.as_str().to_string(),
                risks,
                m.evidence.participants.to_string(),
                m.evidence.youth.to_string(),
                m.evidence.rounds.len().to_string(),
            ])?;
        }
    }
    out.finish()
}
