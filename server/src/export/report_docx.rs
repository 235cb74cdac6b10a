//! A report as a Word document (A4 portrait): title and period, then each section's
//! generated paragraphs and tables followed by the municipality's own text.
use super::docx::{bold_cell, cell, header_row, heading, number_cell, styled, text};
use docx_rs::{Docx, Paragraph, Run, RunFonts, Table, TableRow};
use samskap_domain::report::model::{Cell, ReportDocument};

/// A4 portrait in twentieths of a point.
const PAGE_WIDTH: u32 = 11_906;
const PAGE_HEIGHT: u32 = 16_838;

pub fn report_docx(doc: &ReportDocument) -> Result<Vec<u8>, String> {
    let mut out = Docx::new()
        .page_size(PAGE_WIDTH, PAGE_HEIGHT)
        .default_fonts(
            RunFonts::new()
                .ascii("Calibri")
                .hi_ansi("Calibri")
                .cs("Calibri"),
        )
        .default_size(21)
        .add_style(heading("Heading1", "heading 1", 36))
        .add_style(heading("Heading2", "heading 2", 28))
        .add_paragraph(styled("Heading1", &doc.title))
        .add_paragraph(text(&doc.programme))
        .add_paragraph(text(&super::report_labels::status_line(doc)));
    for section in &doc.sections {
        out = out.add_paragraph(styled("Heading2", &section.heading));
        for p in &section.paragraphs {
            out = out.add_paragraph(text(p));
        }
        for table in &section.tables {
            out = out.add_paragraph(
                Paragraph::new().add_run(Run::new().add_text(&table.caption).italic()),
            );
            let columns: Vec<&str> = table.columns.iter().map(String::as_str).collect();
            let mut rows = vec![header_row(&columns)];
            for row in &table.rows {
                rows.push(TableRow::new(
                    row.cells
                        .iter()
                        .map(|c| match c {
                            Cell::Nok(_) => number_cell(&c.printed(' '), row.total),
                            Cell::Text(t) if row.total => bold_cell(t),
                            Cell::Text(t) => cell(t),
                        })
                        .collect(),
                ));
            }
            out = out.add_table(Table::new(rows));
        }
        if !section.text.trim().is_empty() {
            out = out.add_paragraph(text(&section.text));
        }
    }
    let mut bytes = std::io::Cursor::new(Vec::new());
    out.build().pack(&mut bytes).map_err(|e| e.to_string())?;
    Ok(bytes.into_inner())
}
