//! The action plan as files: DOCX laid out like the municipality's activity plan, PDF,
//! and CSV and JSON open data; served live to staff and, once adopted, to everyone.
//! Also a workshop's pseudonymised evaluation export (CSV). Every CSV cell that would
//! start a spreadsheet formula is neutralised (`csv_safe`).
mod csv_data;
mod csv_safe;
mod docx;
mod evaluation;
mod labels;
mod pdf;
#[cfg(test)]
mod pdf_tests;
mod routes;

pub(crate) use routes::routes;

use samskap_app::plan::model::PlanSnapshot;

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
