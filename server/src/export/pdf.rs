//! The year's action plan as an A4 PDF: activity list, budget table and evidence, in
//! DejaVu Sans Condensed (embedded, subset), so Sámi, Polish and every other Latin letter prints.
use super::labels;
use super::pdf_layout::{bold, Columns, Layout, BODY, CELL, CELL_BOLD, H1, H2, H3, TITLE};
use samskap_domain::plan::model::{Funding, PlanSnapshot, PlannedMeasure};

const BUDGET_HEADER: [&str; 6] = [
    "Aktivitet",
    "Totalt",
    "Tilskudd områdesatsing",
    "Kommunen",
    "Andre tilskudd",
    "Overført fra året før",
];

/// The plan as PDF bytes.
pub fn plan_pdf(plan: &PlanSnapshot) -> Result<Vec<u8>, String> {
    let title = labels::title(plan);
    let mut l = Layout::new(&title)?;
    l.paragraph(&title, TITLE, 0.0);
    l.paragraph(&labels::version_line(plan), BODY, 0.0);

    l.heading("Aktivitetsliste", H1, 140.0);
    if plan.measures().next().is_none() {
        l.paragraph("Ingen prioriterte tiltak.", BODY, 0.0);
    }
    for section in plan.sections.iter().filter(|s| !s.measures.is_empty()) {
        l.heading(labels::focus_area(&section.focus_area), H2, 100.0);
        for m in &section.measures {
            measure(&mut l, m);
        }
    }

    l.heading(&format!("Budsjett {}", plan.year), H1, 60.0);
    let columns = Columns::budget(BUDGET_HEADER.len());
    let header = BUDGET_HEADER.map(String::from).to_vec();
    l.row(&header, CELL_BOLD, &columns);
    l.table_header = Some((header, columns.clone()));
    for m in plan.measures() {
        l.row(
            &budget_cells(format!("{} {}", m.number, m.title), &m.funding),
            CELL,
            &columns,
        );
    }
    let totals = plan.totals();
    l.row(
        &budget_cells(labels::TOTAL.into(), &totals),
        CELL_BOLD,
        &columns,
    );
    l.row(
        &[labels::FRAME.into(), labels::nok(plan.frame_nok)],
        CELL,
        &columns,
    );
    if plan.carried_in_nok > 0 {
        let row = [labels::CARRIED_IN.into(), labels::nok(plan.carried_in_nok)];
        l.row(&row, CELL, &columns);
    }
    l.table_header = None;
    if let Some(warning) = labels::over_frame(plan) {
        l.y -= BODY.size;
        l.paragraph(&warning, bold(BODY.size), 0.0);
    }
    l.finish(&title)
}

fn measure(l: &mut Layout, m: &PlannedMeasure) {
    l.heading(format!("{} {}", m.number, m.title).trim(), H3, 60.0);
    l.field(labels::WHAT, &m.what);
    l.field(labels::EXPECTED, &m.expected_result);
    l.field(labels::COST, &labels::cost(&m.funding));
    l.field(labels::TIME_FRAME, &labels::period(m.starts_on, m.ends_on));
    l.field(labels::PARTNERS, &m.partners);
    let contribution: Vec<String> = std::iter::once(m.contribution.clone())
        .chain(m.goals.iter().map(|g| format!("• {g}")))
        .filter(|s| !s.trim().is_empty())
        .collect();
    l.field(labels::CONTRIBUTION, &contribution.join("\n"));
    l.field(labels::OWNER, &m.owner);
    l.field(labels::INDICATORS, &m.indicators);
    let risks: Vec<String> = m
        .risks
        .iter()
        .map(|r| {
            let (p, c) = (labels::level(r.probability), labels::level(r.consequence));
            let line = format!("{} (sannsynlighet: {p}, konsekvens: {c})", r.risk);
            match r.mitigation.trim() {
                "" => line,
                mitigation => format!("{line}: {mitigation}"),
            }
        })
        .collect();
    l.field(labels::RISK, &risks.join("\n"));
    let evidence: Vec<String> = std::iter::once(labels::evidence(&m.evidence))
        .chain(m.evidence.rounds.iter().map(labels::round))
        .collect();
    l.field("Kunnskapsgrunnlag", &evidence.join("\n"));
}

fn budget_cells(activity: String, f: &Funding) -> Vec<String> {
    let amounts = [
        f.total(),
        f.grant,
        f.municipality,
        f.other_grants,
        f.carried_over,
    ];
    std::iter::once(activity)
        .chain(amounts.map(labels::nok))
        .collect()
}
