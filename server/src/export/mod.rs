//! The action plan as files: DOCX laid out like the municipality's activity plan, PDF,
//! and CSV and JSON open data; served live to staff and, once adopted, to everyone.
//! Also the reports in the same four formats, and a workshop's pseudonymised evaluation
//! export (CSV). Every CSV cell that would
//! start a spreadsheet formula is neutralised (`csv_safe`).
mod csv_data;
mod csv_safe;
mod docx;
mod evaluation;
mod library_feed;
use samskap_app::plan::nb as labels;
mod pdf;
mod pdf_layout;
#[cfg(test)]
mod pdf_tests;
mod report_csv;
mod report_docx;
mod report_labels;
mod report_pdf;
mod report_routes;
mod routes;

pub(crate) use routes::routes;

use samskap_domain::plan::model::PlanSnapshot;
use samskap_domain::report::model::ReportDocument;

/// A file format the plan is exported in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Docx,
    Pdf,
    Csv,
    Json,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Docx, Format::Pdf, Format::Csv, Format::Json];

    pub fn extension(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Pdf => "pdf",
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            Format::Pdf => "application/pdf",
            Format::Csv => "text/csv; charset=utf-8",
            Format::Json => "application/json",
        }
    }
}

/// The plan in `format`.
pub fn render(plan: &PlanSnapshot, format: Format) -> Result<Vec<u8>, String> {
    match format {
        Format::Docx => docx::plan_docx(plan),
        Format::Pdf => pdf::plan_pdf(plan),
        Format::Csv => csv_data::plan_csv(plan),
        Format::Json => serde_json::to_vec_pretty(plan).map_err(|e| e.to_string()),
    }
}

/// The report in `format`.
pub fn render_report(report: &ReportDocument, format: Format) -> Result<Vec<u8>, String> {
    match format {
        Format::Docx => report_docx::report_docx(report),
        Format::Pdf => report_pdf::report_pdf(report),
        Format::Csv => report_csv::report_csv(report),
        Format::Json => serde_json::to_vec_pretty(report).map_err(|e| e.to_string()),
    }
}
