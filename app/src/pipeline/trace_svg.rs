//! The traceability picture of one chain, drawn as an SVG string: insights, then the
//! idea (or theme), then each version with its test rounds and decision below it.
//! Pure and deterministic, so server and browser draw the same.
use samskap_domain::pipeline::trace_model::Chain;

const BOX_W: i32 = 200;
const BOX_H: i32 = 58;
const COL: i32 = 240;
const ROW: i32 = 74;
const PAD: i32 = 10;
/// Characters per line of a box; two lines at most.
const LINE: usize = 26;

/// Translated words the picture uses.
pub struct Words {
    pub title: String,
    pub insight: String,
    pub idea: String,
    pub theme: String,
    pub feedback: String,
    /// Outcome names: iterate, proceed, drop.
    pub outcomes: [String; 3],
    pub undecided: String,
}

struct Node {
    col: i32,
    row: i32,
    class: &'static str,
    head: String,
    text: String,
}

/// The chain as an `<svg>` element with a text alternative.
pub fn chain_svg(chain: &Chain, words: &Words) -> String {
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    for (row, card) in chain.insights.iter().enumerate() {
        nodes.push(Node {
            col: 0,
            row: row as i32,
            class: "n-insight",
            head: words.insight.clone(),
            text: card.body.clone(),
        });
    }
    let origin_col = if chain.insights.is_empty() { 0 } else { 1 };
    let origin = match (&chain.idea, &chain.theme) {
        (Some(idea), _) => Some((words.idea.clone(), idea.body.clone())),
        (None, Some(theme)) => Some((words.theme.clone(), theme.clone())),
        _ => None,
    };
    let mut next_col = origin_col;
    if let Some((head, text)) = origin {
        nodes.push(Node {
            col: origin_col,
            row: 0,
            class: "n-idea",
            head,
            text,
        });
        for row in 0..chain.insights.len() {
            edges.push(((0, row as i32), (origin_col, 0)));
        }
        next_col = origin_col + 1;
    }
    for (i, v) in chain.versions.iter().enumerate() {
        let col = next_col + i as i32;
        nodes.push(Node {
            col,
            row: 0,
            class: "n-prototype",
            head: format!("v{}", v.prototype.version),
            text: v.prototype.fields.title.clone(),
        });
        if col > 0 {
            edges.push(((col - 1, 0), (col, 0)));
        }
        let mut row = 1;
        for r in &v.rounds {
            let mean = r
                .summary
                .mean()
                .map(|m| format!(" · {m:.1}/5"))
                .unwrap_or_default();
            nodes.push(Node {
                col,
                row,
                class: "n-round",
                head: format!("{} {}{}", r.summary.count, words.feedback, mean),
                text: r.round.fields.place.clone(),
            });
            row += 1;
        }
        let (class, head, text) = match &v.decision {
            Some(d) => {
                let i = samskap_domain::pipeline::model::Outcome::ALL
                    .iter()
                    .position(|o| *o == d.outcome)
                    .unwrap_or(0);
                (
                    outcome_class(i),
                    words.outcomes[i].clone(),
                    d.reason.clone(),
                )
            }
            None => ("n-open", words.undecided.clone(), String::new()),
        };
        nodes.push(Node {
            col,
            row,
            class,
            head,
            text,
        });
    }
    let cols = nodes.iter().map(|n| n.col).max().unwrap_or(0) + 1;
    let rows = nodes.iter().map(|n| n.row).max().unwrap_or(0) + 1;
    let width = cols * COL - (COL - BOX_W) + 2 * PAD;
    let height = rows * ROW - (ROW - BOX_H) + 2 * PAD;
    let mut svg = format!(
        r#"<svg class="trace-svg" role="img" aria-labelledby="{id}-t" viewBox="0 0 {width} {height}" width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg"><title id="{id}-t">{title}</title>"#,
        id = chain.key,
        title = esc(&summary(chain, words)),
    );
    svg.push_str(&format!(r#"<defs><marker id="{}-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" class="arrowhead"/></marker></defs>"#, chain.key));
    for ((c1, r1), (c2, r2)) in edges {
        let (x1, y1) = (x(c1) + BOX_W, y(r1) + BOX_H / 2);
        let (x2, y2) = (x(c2), y(r2) + BOX_H / 2);
        svg.push_str(&format!(r#"<line class="edge" x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" marker-end="url(#{}-arrow)"/>"#, chain.key));
    }
    // Rounds and the decision hang under their version.
    for n in nodes.iter().filter(|n| n.row > 0 && n.class != "n-insight") {
        let cx = x(n.col) + BOX_W / 2;
        svg.push_str(&format!(
            r#"<line class="edge" x1="{cx}" y1="{}" x2="{cx}" y2="{}"/>"#,
            y(n.row - 1) + BOX_H,
            y(n.row)
        ));
    }
    for n in &nodes {
        let (bx, by) = (x(n.col), y(n.row));
        svg.push_str(&format!(r#"<g class="node {}"><rect x="{bx}" y="{by}" width="{BOX_W}" height="{BOX_H}" rx="6"/>"#, n.class));
        svg.push_str(&format!(
            r#"<text x="{}" y="{}" class="head">{}</text>"#,
            bx + 8,
            by + 17,
            esc(&clip(&n.head, LINE + 4))
        ));
        for (i, line) in lines(&n.text).iter().enumerate() {
            svg.push_str(&format!(
                r#"<text x="{}" y="{}">{}</text>"#,
                bx + 8,
                by + 34 + 15 * i as i32,
                esc(line)
            ));
        }
        svg.push_str("</g>");
    }
    svg.push_str("</svg>");
    svg
}

fn outcome_class(i: usize) -> &'static str {
    ["n-iterate", "n-proceed", "n-drop"][i.min(2)]
}

fn x(col: i32) -> i32 {
    PAD + col * COL
}

fn y(row: i32) -> i32 {
    PAD + row * ROW
}

/// A one-sentence text alternative for the picture.
fn summary(chain: &Chain, words: &Words) -> String {
    let mut parts = vec![words.title.clone()];
    if !chain.insights.is_empty() {
        parts.push(format!("{} × {}", chain.insights.len(), words.insight));
    }
    if let Some(idea) = &chain.idea {
        parts.push(format!("{}: {}", words.idea, clip(&idea.body, 60)));
    }
    for v in &chain.versions {
        let outcome = match &v.decision {
            Some(d) => {
                let i = samskap_domain::pipeline::model::Outcome::ALL
                    .iter()
                    .position(|o| *o == d.outcome)
                    .unwrap_or(0);
                words.outcomes[i].clone()
            }
            None => words.undecided.clone(),
        };
        parts.push(format!(
            "v{} {} ({})",
            v.prototype.version, v.prototype.fields.title, outcome
        ));
    }
    parts.join(" → ")
}

/// Up to two lines of about `LINE` characters, broken at spaces, the rest cut with "…".
fn lines(text: &str) -> Vec<String> {
    let mut out: Vec<String> = vec![String::new()];
    for word in text.split_whitespace() {
        let current = out.last_mut().expect("one line at least");
        if current.is_empty() || current.chars().count() + 1 + word.chars().count() <= LINE {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        } else if out.len() == 2 {
            let last = out.last_mut().expect("two lines");
            *last = clip(&format!("{last} {word}"), LINE);
            break;
        } else {
            out.push(word.to_string());
        }
    }
    out.into_iter().map(|l| clip(&l, LINE)).collect()
}

fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

fn esc(text: &str) -> String {
    html_escape::encode_text(text).replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_becomes_two_clipped_lines() {
        let l = lines("Et sted å være etter skolen som ikke koster penger og er åpent sent");
        assert_eq!(l.len(), 2);
        assert!(l.iter().all(|l| l.chars().count() <= LINE));
        assert!(l[1].ends_with('…'));
        assert_eq!(lines("Kort"), vec!["Kort".to_string()]);
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            esc("<script>\"x\" & y"),
            "&lt;script&gt;&quot;x&quot; &amp; y"
        );
    }
}
