//! The lines every format of a report opens with.
use super::labels as l;
use samskap_domain::report::model::ReportDocument;

/// "Periode 01.01.2025 – 31.12.2025 · Versjon 1, frosset 15.01.2026 av Demo Leder", or
/// "… · Utkast" for a draft.
pub fn status_line(doc: &ReportDocument) -> String {
    let state = match &doc.frozen {
        Some(f) => format!(
            "Versjon {}, frosset {} av {}",
            f.version,
            samskap_app::ui::time::oslo(f.at),
            f.by
        ),
        None => "Utkast".to_string(),
    };
    format!("Periode {} · {state}", l::period(doc.from, doc.to))
}
