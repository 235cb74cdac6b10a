//! The plan as a Word document (A4 landscape) laid out like the municipality's yearly
//! activity plan: activity list per focus area, budget table, owners and indicators,
//! risk table, and a short evidence summary per measure.
use super::labels as l;
use docx_rs::{
    AlignmentType, Docx, PageOrientationType, Paragraph, Run, RunFonts, Shading, Style, StyleType,
    Table, TableCell, TableRow,
};
use samskap_domain::plan::model::{Funding, PlanSnapshot};

/// A4 landscape in twentieths of a point.
pub(super) const PAGE_WIDTH: u32 = 16_838;
pub(super) const PAGE_HEIGHT: u32 = 11_906;

pub fn plan_docx(plan: &PlanSnapshot) -> Result<Vec<u8>, String> {
    let mut doc = Docx::new()
        .page_size(PAGE_WIDTH, PAGE_HEIGHT)
        .page_orient(PageOrientationType::Landscape)
        .default_fonts(
            RunFonts::new()
                .ascii("Calibri")
                .hi_ansi("Calibri")
                .cs("Calibri"),
        )
        .default_size(20)
        .add_style(heading("Heading1", "heading 1", 36))
        .add_style(heading("Heading2", "heading 2", 28))
        .add_style(heading("Heading3", "heading 3", 24))
        .add_paragraph(styled("Heading1", &l::title(plan)))
        .add_paragraph(text(&l::version_line(plan)));

    doc = doc.add_paragraph(styled("Heading2", "Aktivitetsliste"));
    if plan.sections.is_empty() {
        doc = doc.add_paragraph(text("Ingen prioriterte tiltak."));
    }
    for section in &plan.sections {
        doc = doc.add_paragraph(styled("Heading3", l::focus_area(&section.focus_area)));
        let mut rows = vec![header_row(&[
            l::ACTIVITY,
            l::WHAT,
            l::EXPECTED,
            l::COST,
            l::TIME_FRAME,
            l::PARTNERS,
            l::CONTRIBUTION,
        ])];
        for m in &section.measures {
            let mut contribution = m.contribution.clone();
            if !m.goals.is_empty() {
                contribution = format!("{contribution}\nMål: {}", m.goals.join("; "));
            }
            rows.push(TableRow::new(vec![
                cell(&format!("{} {}", m.number, m.title)),
                cell(&m.what),
                cell(&m.expected_result),
                cell(&l::cost(&m.funding)),
                cell(&l::period(m.starts_on, m.ends_on)),
                cell(&m.partners),
                cell(contribution.trim()),
            ]));
        }
        doc = doc.add_table(Table::new(rows));
    }

    doc = doc.add_paragraph(styled("Heading2", &format!("Budsjett {}", plan.year)));
    let mut rows = vec![header_row(&[
        l::YEAR,
        l::ACTIVITY,
        l::TOTAL_COST,
        l::GRANT,
        l::MUNICIPALITY,
        l::OTHER_GRANTS,
        l::CARRIED_OVER,
    ])];
    for m in plan.measures() {
        rows.push(budget_row(
            &plan.year.to_string(),
            &format!("{} {}", m.number, m.title),
            &m.funding,
            false,
        ));
    }
    rows.push(budget_row("", l::TOTAL, &plan.totals(), true));
    rows.push(TableRow::new(vec![
        cell(""),
        bold_cell(l::FRAME),
        number_cell(&l::nok(plan.frame_nok), true),
        cell(""),
        cell(""),
        cell(""),
        cell(""),
    ]));
    if plan.carried_in_nok > 0 {
        rows.push(TableRow::new(vec![
            cell(""),
            cell(l::CARRIED_IN),
            number_cell(&l::nok(plan.carried_in_nok), false),
            cell(""),
            cell(""),
            cell(""),
            cell(""),
        ]));
    }
    doc = doc.add_table(Table::new(rows));
    if let Some(warning) = l::over_frame(plan) {
        doc = doc.add_paragraph(
            Paragraph::new().add_run(Run::new().add_text(warning).bold().color("B00020")),
        );
    }

    doc = doc.add_paragraph(styled("Heading2", "Ansvar, resultatindikatorer og status"));
    let mut rows = vec![header_row(&[
        l::MEASURE,
        l::OWNER,
        l::INDICATORS,
        l::STATUS,
    ])];
    for m in plan.measures() {
        rows.push(TableRow::new(vec![
            cell(&format!("{} {}", m.number, m.title)),
            cell(&m.owner),
            cell(&m.indicators),
            cell(l::measure_status(m.status)),
        ]));
    }
    doc = doc.add_table(Table::new(rows));

    doc = doc.add_paragraph(styled("Heading2", "Risikovurdering"));
    let risks: Vec<_> = plan
        .measures()
        .flat_map(|m| m.risks.iter().map(move |r| (m, r)))
        .collect();
    if risks.is_empty() {
        doc = doc.add_paragraph(text("Ingen risikoer er registrert."));
    } else {
        let mut rows = vec![header_row(&[
            l::MEASURE,
            l::RISK,
            l::PROBABILITY,
            l::CONSEQUENCE,
            l::MITIGATION,
        ])];
        for (m, r) in risks {
            rows.push(TableRow::new(vec![
                cell(&m.number),
                cell(&r.risk),
                cell(l::level(r.probability)),
                cell(l::level(r.consequence)),
                cell(&r.mitigation),
            ]));
        }
        doc = doc.add_table(Table::new(rows));
    }

    doc = doc.add_paragraph(styled("Heading2", "Kunnskapsgrunnlag"));
    for m in plan.measures() {
        doc = doc
            .add_paragraph(
                Paragraph::new().add_run(
                    Run::new()
                        .add_text(format!("{} {}", m.number, m.title))
                        .bold(),
                ),
            )
            .add_paragraph(text(&l::evidence(&m.evidence)));
        for round in &m.evidence.rounds {
            doc = doc.add_paragraph(text(&format!("• {}", l::round(round))));
        }
    }

    let mut out = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut out).map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}

pub(super) fn heading(id: &str, name: &str, size: usize) -> Style {
    Style::new(id, StyleType::Paragraph)
        .name(name)
        .size(size)
        .bold()
}

pub(super) fn styled(style: &str, s: &str) -> Paragraph {
    Paragraph::new()
        .add_run(Run::new().add_text(s))
        .style(style)
}

/// A paragraph; line breaks in `s` stay line breaks.
pub(super) fn text(s: &str) -> Paragraph {
    let mut run = Run::new();
    for (i, line) in s.lines().enumerate() {
        if i > 0 {
            run = run.add_break(docx_rs::BreakType::TextWrapping);
        }
        run = run.add_text(line);
    }
    Paragraph::new().add_run(run)
}

pub(super) fn cell(s: &str) -> TableCell {
    TableCell::new().add_paragraph(text(s))
}

pub(super) fn bold_cell(s: &str) -> TableCell {
    TableCell::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text(s).bold()))
}

pub(super) fn number_cell(s: &str, bold: bool) -> TableCell {
    let run = Run::new().add_text(s);
    let run = if bold { run.bold() } else { run };
    TableCell::new().add_paragraph(Paragraph::new().add_run(run).align(AlignmentType::Right))
}

pub(super) fn header_row(titles: &[&str]) -> TableRow {
    TableRow::new(
        titles
            .iter()
            .map(|t| bold_cell(t).shading(Shading::new().fill("D9E2F3")))
            .collect(),
    )
}

fn budget_row(year: &str, activity: &str, f: &Funding, bold: bool) -> TableRow {
    let first = if bold {
        bold_cell(activity)
    } else {
        cell(activity)
    };
    TableRow::new(vec![
        cell(year),
        first,
        number_cell(&l::nok(f.total()), bold),
        number_cell(&l::nok(f.grant), bold),
        number_cell(&l::nok(f.municipality), bold),
        number_cell(&l::nok(f.other_grants), bold),
        number_cell(&l::nok(f.carried_over), bold),
    ])
}
