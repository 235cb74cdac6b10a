//! A report as CSV open data, one row per figure or text: the report, its version (0:
//! the draft) and period, the section, the table, the row's number in its table and its
//! first cell, the column and the value (amounts in whole kroner). The sections'
//! paragraphs and own text are rows too, so nothing printed is missing.
use super::csv_safe::SafeCsv;
use samskap_domain::report::model::ReportDocument;

const COLUMNS: [&str; 10] = [
    "report",
    "version",
    "from",
    "to",
    "section",
    "table",
    "row_number",
    "row",
    "column",
    "value",
];

pub fn report_csv(doc: &ReportDocument) -> Result<Vec<u8>, String> {
    let mut out = SafeCsv::default();
    out.row(COLUMNS)?;
    let version = doc.frozen.as_ref().map_or(0, |f| f.version);
    let head = [
        doc.kind.as_str().to_string(),
        version.to_string(),
        doc.from.to_string(),
        doc.to.to_string(),
    ];
    let line =
        |out: &mut SafeCsv, rest: [&str; 6]| out.row(head.iter().map(String::as_str).chain(rest));
    for section in &doc.sections {
        let key = section.key.as_str();
        for (n, p) in section.paragraphs.iter().enumerate() {
            line(
                &mut out,
                [key, "", &(n + 1).to_string(), "", "paragraph", p],
            )?;
        }
        for table in &section.tables {
            for (n, row) in table.rows.iter().enumerate() {
                let number = (n + 1).to_string();
                let label = row.cells.first().map(|c| c.raw()).unwrap_or_default();
                for (column, cell) in table.columns.iter().zip(&row.cells).skip(1) {
                    let cells = [key, &table.caption, &number, &label, column, &cell.raw()];
                    line(&mut out, cells)?;
                }
            }
        }
        if !section.text.trim().is_empty() {
            line(&mut out, [key, "", "", "", "text", &section.text])?;
        }
    }
    out.finish()
}
