//! Reports generated from the year's records, edited, then frozen: the status report
//! to the steering group for a period, and the half-year and annual reports to the
//! ministry; shown on their page and exported as DOCX, PDF, CSV and JSON.
#[cfg(feature = "ssr")]
pub mod build;
#[cfg(feature = "ssr")]
pub mod figures;
pub mod list_page;
pub mod report_page;
#[cfg(feature = "ssr")]
pub mod sections;
