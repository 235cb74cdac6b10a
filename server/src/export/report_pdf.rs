//! A report as an A4 PDF: title and period, then each section's generated paragraphs
//! and tables (amounts right-aligned, the header repeated on a new page) followed by the
//! municipality's own text; the money section also as a bar chart per focus area.
use super::pdf_layout::{Columns, Layout, BODY, CELL, CELL_BOLD, H1, H3, TITLE};
use samskap_domain::report::model::{Cell, ReportDocument, SectionKey};

pub fn report_pdf(doc: &ReportDocument) -> Result<Vec<u8>, String> {
    let title = format!("{} – {}", doc.title, doc.programme);
    let mut l = Layout::new(&title)?;
    l.paragraph(&doc.title, TITLE, 0.0);
    l.paragraph(&doc.programme, BODY, 0.0);
    l.paragraph(&super::report_labels::status_line(doc), BODY, 0.0);
    for section in &doc.sections {
        l.heading(&section.heading, H1, 60.0);
        for p in &section.paragraphs {
            l.paragraph(p, BODY, 0.0);
        }
        for table in &section.tables {
            l.heading(&table.caption, H3, 40.0);
            let amounts: Vec<bool> = (0..table.columns.len())
                .map(|i| {
                    table
                        .rows
                        .iter()
                        .any(|r| matches!(r.cells.get(i), Some(Cell::Nok(_))))
                })
                .collect();
            let columns = Columns::of(&amounts);
            l.row(&table.columns, CELL_BOLD, &columns);
            l.table_header = Some((table.columns.clone(), columns.clone()));
            for row in &table.rows {
                let cells: Vec<String> = row.cells.iter().map(|c| c.printed(' ')).collect();
                l.row(&cells, if row.total { CELL_BOLD } else { CELL }, &columns);
            }
            l.table_header = None;
        }
        if section.key == SectionKey::Money && !doc.figures.by_area.is_empty() {
            l.heading("Planlagt og brukt etter innsatsområde (diagram)", H3, 40.0);
            let rows: Vec<(String, i64, i64)> = doc
                .figures
                .by_area
                .iter()
                .map(|a| {
                    let name = samskap_app::plan::nb::focus_area(&a.name).to_string();
                    (name, a.planned.total(), a.spent.total())
                })
                .collect();
            l.bars(&rows, ("Planlagt", "Brukt"));
        }
        if !section.text.trim().is_empty() {
            l.y -= BODY.size * 0.5;
            l.paragraph(&section.text, BODY, 0.0);
        }
    }
    l.finish(&title)
}
