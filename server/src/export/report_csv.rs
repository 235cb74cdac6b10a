//! A report as CSV open data, one row per figure or text: the section, the table, the
//! row's first cell, the column and the value (amounts in whole kroner). The sections'
//! paragraphs and own text are rows too, so nothing printed is missing.
use super::csv_safe::SafeCsv;
use samskap_app::report::model::ReportDocument;

const COLUMNS: [&str; 7] = ["report", "from", "to", "section", "table", "row", "column"];

pub fn report_csv(doc: &ReportDocument) -> Result<Vec<u8>, String> {
    let mut out = SafeCsv::default();
    out.row(COLUMNS.iter().copied().chain(["value"]))?;
    let head = [
        doc.kind.as_str().to_string(),
        doc.from.to_string(),
        doc.to.to_string(),
    ];
    let line =
        |out: &mut SafeCsv, rest: [&str; 5]| out.row(head.iter().map(String::as_str).chain(rest));
    for section in &doc.sections {
        let key = section.key.as_str();
        for p in &section.paragraphs {
            line(&mut out, [key, "", "", "paragraph", p])?;
        }
        for table in &section.tables {
            for row in &table.rows {
                let label = row.cells.first().map(|c| c.raw()).unwrap_or_default();
                for (column, cell) in table.columns.iter().zip(&row.cells).skip(1) {
                    line(&mut out, [key, &table.caption, &label, column, &cell.raw()])?;
                }
            }
        }
        if !section.text.trim().is_empty() {
            line(&mut out, [key, "", "", "text", &section.text])?;
        }
    }
    out.finish()
}
