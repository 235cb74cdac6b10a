//! Drawing A4 pages of text and tables in the embedded DejaVu Sans Condensed (subset),
//! so Sámi, Polish and every other Latin letter prints: a top-down cursor that wraps,
//! breaks pages (repeating a table's header) and adds the footers.
use printpdf::{
    Color, FontId, Line, LinePoint, Mm, OffsetDateTime, Op, PaintMode, ParsedFont, PdfDocument,
    PdfFontHandle, PdfPage, PdfParseErrorSeverity, PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem,
};
use std::sync::LazyLock;

/// The fonts shipped in `server/fonts/` (licence beside them), parsed once per process.
static FONTS: LazyLock<Result<(ParsedFont, ParsedFont), String>> = LazyLock::new(|| {
    let parse = |bytes: &[u8], name: &str| {
        ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).ok_or_else(|| format!("font {name}"))
    };
    Ok((
        parse(
            include_bytes!("../../fonts/DejaVuSansCondensed.ttf"),
            "DejaVuSansCondensed",
        )?,
        parse(
            include_bytes!("../../fonts/DejaVuSansCondensed-Bold.ttf"),
            "DejaVuSansCondensed-Bold",
        )?,
    ))
});

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN: f32 = 56.0;
const TOP: f32 = PAGE_H - MARGIN;
const BOTTOM: f32 = MARGIN;
pub(super) const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN;
pub(super) const INDENT: f32 = 10.0;
pub(super) const NUM_COL: f32 = 68.0;
const CELL_PAD: f32 = 3.0;

#[derive(Clone, Copy)]
pub(super) struct Style {
    pub bold: bool,
    pub size: f32,
}

impl Style {
    fn lead(self) -> f32 {
        self.size * 1.3
    }
}

pub(super) const fn bold(size: f32) -> Style {
    Style { bold: true, size }
}

pub(super) const fn plain(size: f32) -> Style {
    Style { bold: false, size }
}

pub(super) const TITLE: Style = bold(18.0);
pub(super) const H1: Style = bold(14.0);
pub(super) const H2: Style = bold(12.0);
pub(super) const H3: Style = bold(10.5);
pub(super) const LABEL: Style = bold(9.0);
pub(super) const BODY: Style = plain(9.5);
pub(super) const CELL: Style = plain(8.0);
pub(super) const CELL_BOLD: Style = bold(8.0);
const FOOTER: Style = plain(8.0);

/// Whether the embedded font (regular or bold) draws `c` (for the tests).
#[cfg(test)]
pub(super) fn has_glyph(c: char, bold: bool) -> bool {
    FONTS.as_ref().is_ok_and(|(regular, b)| {
        let font = if bold { b } else { regular };
        font.lookup_glyph_index(u32::from(c))
            .is_some_and(|g| g != 0)
    })
}

/// The widths of a table's columns and which of them are right-aligned amounts.
#[derive(Clone)]
pub(super) struct Columns {
    pub widths: Vec<f32>,
    pub right: Vec<bool>,
}

impl Columns {
    /// `n` columns: the first wide, the others amounts `NUM_COL` wide.
    pub(super) fn budget(n: usize) -> Self {
        let mut widths = vec![CONTENT_W - (n - 1) as f32 * NUM_COL];
        widths.extend(std::iter::repeat_n(NUM_COL, n - 1));
        let mut right = vec![false];
        right.extend(std::iter::repeat_n(true, n - 1));
        Columns { widths, right }
    }

    /// Amount columns `NUM_COL` wide, text columns sharing the rest.
    pub(super) fn of(amounts: &[bool]) -> Self {
        let texts = amounts.iter().filter(|a| !**a).count().max(1);
        let numbers = amounts.len() - amounts.iter().filter(|a| !**a).count();
        let text_w = (CONTENT_W - numbers as f32 * NUM_COL) / texts as f32;
        Columns {
            widths: amounts
                .iter()
                .map(|&a| if a { NUM_COL } else { text_w })
                .collect(),
            right: amounts.to_vec(),
        }
    }
}

/// A top-down cursor over pages of drawing operations.
pub(super) struct Layout {
    doc: PdfDocument,
    regular: ParsedFont,
    bold: ParsedFont,
    regular_id: FontId,
    bold_id: FontId,
    /// Finished pages, and the operations of the page being drawn.
    done: Vec<Vec<Op>>,
    ops: Vec<Op>,
    /// Top of the next line, in points from the bottom of the page.
    pub(super) y: f32,
    /// Repeated at the top of each new page while a table is being drawn.
    pub(super) table_header: Option<(Vec<String>, Columns)>,
}

impl Layout {
    pub(super) fn new(title: &str) -> Result<Self, String> {
        let (regular, bold) = FONTS.as_ref().map_err(Clone::clone)?.clone();
        let mut doc = PdfDocument::new(title);
        let (regular_id, bold_id) = (doc.add_font(&regular), doc.add_font(&bold));
        Ok(Self {
            doc,
            regular,
            bold,
            regular_id,
            bold_id,
            done: Vec::new(),
            ops: Vec::new(),
            y: TOP,
            table_header: None,
        })
    }

    /// The parsed font a style is drawn in.
    fn font(&self, style: Style) -> &ParsedFont {
        if style.bold {
            &self.bold
        } else {
            &self.regular
        }
    }

    /// `text` with each character the font lacks (emoji, say) as U+FFFD, which it has: a
    /// missing glyph gets no width in the PDF, and viewers would draw it a full em wide.
    fn printable(&self, text: &str, style: Style) -> String {
        let font = self.font(style);
        text.chars()
            .map(|c| match font.lookup_glyph_index(u32::from(c)) {
                Some(g) if g != 0 => c,
                _ if c.is_control() => c,
                _ => char::REPLACEMENT_CHARACTER,
            })
            .collect()
    }

    /// Advance width from the font.
    fn char_width(&self, c: char, style: Style) -> f32 {
        let font = self.font(style);
        let glyph = font.lookup_glyph_index(u32::from(c)).unwrap_or(0);
        let em = f32::from(font.get_horizontal_advance(glyph))
            / f32::from(font.pdf_font_metrics.units_per_em.max(1));
        em * style.size
    }

    fn width(&self, text: &str, style: Style) -> f32 {
        text.chars().map(|c| self.char_width(c, style)).sum()
    }

    /// Greedy word wrap; words wider than a line are cut between characters.
    fn wrap(&self, text: &str, style: Style, max: f32) -> Vec<String> {
        let text = self.printable(text, style);
        let space = self.char_width(' ', style);
        let mut lines = Vec::new();
        for para in text.lines() {
            let (mut line, mut used) = (String::new(), 0.0);
            for word in para.split_whitespace() {
                let (mut start, mut piece_w) = (0, 0.0);
                let mut pieces = Vec::new();
                for (i, c) in word.char_indices() {
                    let w = self.char_width(c, style);
                    if piece_w + w > max && i > start {
                        pieces.push((&word[start..i], piece_w));
                        (start, piece_w) = (i, 0.0);
                    }
                    piece_w += w;
                }
                pieces.push((&word[start..], piece_w));
                for (piece, w) in pieces {
                    if !line.is_empty() && used + space + w > max {
                        lines.push(std::mem::take(&mut line));
                        used = 0.0;
                    }
                    if !line.is_empty() {
                        line.push(' ');
                        used += space;
                    }
                    line.push_str(piece);
                    used += w;
                }
            }
            lines.push(line);
        }
        lines
    }

    fn new_page(&mut self) {
        self.done.push(std::mem::take(&mut self.ops));
        self.y = TOP;
        if let Some((header, columns)) = self.table_header.take() {
            self.row(&header, CELL_BOLD, &columns);
            self.table_header = Some((header, columns));
        }
    }

    /// Breaks the page unless `height` fits; never on a fresh page, so nothing loops.
    fn room(&mut self, height: f32) {
        if self.y - height < BOTTOM && self.y < TOP {
            self.new_page();
        }
    }

    fn text_at(&mut self, x: f32, baseline: f32, text: &str, style: Style) {
        if text.is_empty() {
            return;
        }
        let id = if style.bold {
            &self.bold_id
        } else {
            &self.regular_id
        };
        let (font, size) = (PdfFontHandle::External(id.clone()), Pt(style.size));
        let pos = Point {
            x: Pt(x),
            y: Pt(baseline),
        };
        let items = vec![TextItem::Text(text.to_owned())];
        self.ops.extend([
            Op::StartTextSection,
            Op::SetFont { font, size },
            Op::SetTextCursor { pos },
            Op::ShowText { items },
            Op::EndTextSection,
        ]);
    }

    pub(super) fn paragraph(&mut self, text: &str, style: Style, indent: f32) {
        for line in self.wrap(text, style, CONTENT_W - indent) {
            self.room(style.lead());
            self.text_at(MARGIN + indent, self.y - style.size, &line, style);
            self.y -= style.lead();
        }
    }

    /// A heading kept on the same page as the next `keep` points of content.
    pub(super) fn heading(&mut self, text: &str, style: Style, keep: f32) {
        self.y -= style.size * 0.6;
        self.room(style.lead() + keep);
        self.paragraph(text, style, 0.0);
    }

    /// A bold label over its indented value; skipped when the value is empty.
    pub(super) fn field(&mut self, label: &str, value: &str) {
        if value.trim().is_empty() {
            return;
        }
        self.room(LABEL.lead() + BODY.lead());
        self.paragraph(label, LABEL, 0.0);
        self.paragraph(value, BODY, INDENT);
        self.y -= 3.0;
    }

    /// A table row: each cell wraps in its column, amounts right-aligned; a rule below.
    pub(super) fn row<S: AsRef<str>>(&mut self, cells: &[S], style: Style, columns: &Columns) {
        let widths = &columns.widths;
        let wrapped: Vec<Vec<String>> = cells
            .iter()
            .zip(widths.iter().copied())
            .map(|(c, w)| self.wrap(c.as_ref(), style, w - 2.0 * CELL_PAD))
            .collect();
        let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let height = lines as f32 * style.lead() + 2.0 * CELL_PAD;
        self.room(height);
        let mut x = MARGIN;
        for (col, (cell, &w)) in wrapped.iter().zip(widths.iter()).enumerate() {
            for (i, line) in cell.iter().enumerate() {
                let baseline = self.y - CELL_PAD - style.size - i as f32 * style.lead();
                let left = if columns.right.get(col).copied().unwrap_or(false) {
                    x + w - CELL_PAD - self.width(line, style)
                } else {
                    x + CELL_PAD
                };
                self.text_at(left, baseline, line, style);
            }
            x += w;
        }
        self.y -= height;
        let y = self.y;
        let point = |x: f32| LinePoint {
            p: Point { x: Pt(x), y: Pt(y) },
            bezier: false,
        };
        self.ops.push(Op::SetOutlineThickness { pt: Pt(0.5) });
        self.ops.push(Op::DrawLine {
            line: Line {
                points: vec![point(MARGIN), point(PAGE_W - MARGIN)],
                is_closed: false,
            },
        });
    }

    /// A horizontal bar chart: each row's name, then a light bar (the first amount) over a
    /// dark one (the second), scaled to the largest amount, each followed by its label and
    /// amount as text, so the chart reads without colour and extracts as text.
    pub(super) fn bars(&mut self, rows: &[(String, i64, i64)], labels: (&str, &str)) {
        const LABEL_W: f32 = 150.0;
        const AMOUNT_W: f32 = 120.0;
        const BAR: f32 = 7.0;
        const GAP: f32 = 2.5;
        let largest = rows
            .iter()
            .map(|(_, a, b)| (*a).max(*b))
            .max()
            .unwrap_or(0)
            .max(1) as f32;
        let bar_max = CONTENT_W - LABEL_W - AMOUNT_W;
        let rgb = |r, g, b| Color::Rgb(Rgb::new(r, g, b, None));
        for (name, first, second) in rows {
            let height = 2.0 * BAR + 4.0 * GAP;
            self.room(height);
            let top = self.y;
            if let Some(line) = self.wrap(name, CELL, LABEL_W - CELL_PAD).first() {
                self.text_at(MARGIN, top - GAP - CELL.size, line, CELL);
            }
            let bars = [
                (*first, rgb(0.75, 0.8, 0.88), labels.0),
                (*second, rgb(0.12, 0.3, 0.55), labels.1),
            ];
            for (i, (amount, colour, label)) in bars.into_iter().enumerate() {
                let bottom = top - GAP - (i as f32 + 1.0) * (BAR + GAP);
                let width = (amount.max(0) as f32 / largest * bar_max).max(0.5);
                let x = MARGIN + LABEL_W;
                self.ops.push(Op::SetFillColor { col: colour });
                self.ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        mode: Some(PaintMode::Fill),
                        ..Rect::from_xywh(Pt(x), Pt(bottom), Pt(width), Pt(BAR))
                    },
                });
                self.ops.push(Op::SetFillColor {
                    col: rgb(0.0, 0.0, 0.0),
                });
                let text = format!(
                    "{label} {} kr",
                    samskap_domain::programme::model::format_nok(amount, ' ')
                );
                self.text_at(x + width + 4.0, bottom + 1.0, &text, CELL);
            }
            self.y -= height;
        }
    }

    /// Adds the footers (title left, "Side n av N" right) and serialises the document.
    pub(super) fn finish(mut self, title: &str) -> Result<Vec<u8>, String> {
        self.done.push(std::mem::take(&mut self.ops));
        let count = self.done.len();
        let short_title = self
            .wrap(title, FOOTER, CONTENT_W - 80.0)
            .into_iter()
            .next()
            .unwrap_or_default();
        let pages: Vec<PdfPage> = std::mem::take(&mut self.done)
            .into_iter()
            .enumerate()
            .map(|(n, ops)| {
                self.ops = ops;
                let side = format!("Side {} av {count}", n + 1);
                self.text_at(MARGIN, BOTTOM / 2.0, &short_title, FOOTER);
                self.text_at(
                    PAGE_W - MARGIN - self.width(&side, FOOTER),
                    BOTTOM / 2.0,
                    &side,
                    FOOTER,
                );
                PdfPage::new(Mm(210.0), Mm(297.0), std::mem::take(&mut self.ops))
            })
            .collect();
        let mut doc = std::mem::replace(&mut self.doc, PdfDocument::new(title));
        let now = OffsetDateTime::now_utc();
        doc.metadata.info.creation_date = now;
        doc.metadata.info.modification_date = now;
        doc.metadata.info.metadata_date = now;
        let mut warnings = Vec::new();
        let bytes = doc
            .with_pages(pages)
            .save(&PdfSaveOptions::default(), &mut warnings);
        match warnings
            .into_iter()
            .find(|w| w.severity == PdfParseErrorSeverity::Error)
        {
            Some(w) => Err(format!("PDF: {}", w.msg)),
            None => Ok(bytes),
        }
    }
}
