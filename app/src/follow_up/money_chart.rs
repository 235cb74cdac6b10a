//! Planned against spent as horizontal bars, drawn on the server as SVG: one row per
//! focus area or funding source, the plan as an outlined bar, what is spent filled in.
use crate::i18n::*;
use crate::plan::document::nok;
use leptos::prelude::*;

const WIDTH: f64 = 680.0;
const LABEL: f64 = 200.0;
const ROW: f64 = 34.0;
const BAR: f64 = 14.0;
const RIGHT: f64 = 180.0;

/// One row: its name, what was planned and what is spent.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub name: String,
    pub planned: i64,
    pub spent: i64,
}

/// The length of each row's planned and spent bar, scaled to the largest amount.
pub fn bar_lengths(rows: &[Row]) -> Vec<(f64, f64)> {
    let largest = rows
        .iter()
        .flat_map(|r| [r.planned, r.spent])
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let room = WIDTH - LABEL - RIGHT;
    let scale = |n: i64| ((n.max(0) as f64 / largest * room) * 10.0).round() / 10.0;
    rows.iter()
        .map(|r| (scale(r.planned), scale(r.spent)))
        .collect()
}

/// The chart; its title says every figure, so a screen reader gets the same.
#[component]
pub fn MoneyChart(
    rows: Vec<Row>,
    #[prop(into)] title: String,
    /// Unique on the page: names the chart's title element.
    id: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let planned = t_string!(i18n, follow.planned);
    let spent = t_string!(i18n, follow.spent);
    let summary = std::iter::once(title)
        .chain(rows.iter().map(|r| {
            format!(
                "{}: {planned} {}, {spent} {}",
                r.name,
                nok(r.planned),
                nok(r.spent)
            )
        }))
        .collect::<Vec<_>>()
        .join(". ");
    let height = rows.len() as f64 * ROW + 8.0;
    let bars = rows
        .iter()
        .zip(bar_lengths(&rows))
        .enumerate()
        .map(|(i, (r, (p, s)))| {
            let y = 4.0 + i as f64 * ROW;
            let name: String = r.name.chars().take(32).collect();
            let over = r.spent > r.planned;
            view! {
                <text class="label" x=LABEL - 8.0 y=y + BAR + 2.0 text-anchor="end">
                    {name}
                </text>
                <rect class="planned" x=LABEL y=y width=p height=BAR />
                <rect
                    class=if over { "spent over" } else { "spent" }
                    x=LABEL
                    y=y + BAR / 2.0 - 3.0
                    width=s
                    height="6"
                />
                <text class="amount" x=LABEL + p.max(s) + 6.0 y=y + BAR - 2.0>
                    {format!("{} / {}", nok(r.spent), nok(r.planned))}
                </text>
            }
        })
        .collect_view();
    let title_id = format!("{id}-title");
    let title_ref = title_id.clone();
    view! {
        <svg
            class="money-chart"
            viewBox=format!("0 0 {WIDTH} {height}")
            role="img"
            aria-labelledby=title_ref
        >
            <title id=title_id>{summary}</title>
            {bars}
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_largest_amount_fills_the_room_and_the_rest_scale() {
        let rows = [
            Row {
                name: "A".into(),
                planned: 200,
                spent: 100,
            },
            Row {
                name: "B".into(),
                planned: 50,
                spent: 250,
            },
        ];
        let room = WIDTH - LABEL - RIGHT;
        let lengths = bar_lengths(&rows);
        assert_eq!(
            lengths[1].1, room,
            "the largest amount (B's spending) fills it"
        );
        assert_eq!(lengths[0], (room * 0.8, room * 0.4));
        assert_eq!(
            bar_lengths(&[Row {
                name: "0".into(),
                planned: 0,
                spent: 0
            }]),
            [(0.0, 0.0)]
        );
    }
}
