//! Participation over time, drawn on the server as SVG: one bar per workshop in date
//! order, as high as its turnout, its young share filled in where it may be shown.
use crate::i18n::*;
use leptos::prelude::*;
use samskap_domain::inclusion::model::Turnout;

const HEIGHT: f64 = 180.0;
const BOTTOM: f64 = 24.0;
const TOP: f64 = 16.0;
const LEFT: f64 = 8.0;
const SLOT: f64 = 28.0;
const BAR: f64 = 18.0;

/// Each workshop's bar: its x, the height of all and of the young.
pub fn bars(turnout: &[Turnout]) -> Vec<(f64, f64, f64)> {
    let most = turnout
        .iter()
        .map(|t| t.participants)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let room = HEIGHT - TOP - BOTTOM;
    turnout
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let all = t.participants as f64 / most * room;
            let young = t
                .youth_share()
                .map(|s| all * f64::from(s) / 100.0)
                .unwrap_or(0.0);
            let round = |v: f64| (v * 10.0).round() / 10.0;
            (LEFT + i as f64 * SLOT, round(all), round(young))
        })
        .collect()
}

/// The chart, with a title that gives every figure.
#[component]
pub fn TurnoutChart(turnout: Vec<Turnout>) -> impl IntoView {
    let i18n = use_i18n();
    let lines = turnout
        .iter()
        .map(|t| {
            let share = t
                .youth_share()
                .map(|s| t_string!(i18n, follow.turnout_youth, share = s).to_string())
                .unwrap_or_default();
            format!(
                "{} {}: {}{share}",
                t.starts_at.format("%d.%m.%Y"),
                t.title,
                t_string!(i18n, follow.turnout_people, count = t.participants)
            )
        })
        .collect::<Vec<_>>();
    let summary = std::iter::once(t_string!(i18n, follow.turnout_title).to_string())
        .chain(lines)
        .collect::<Vec<_>>()
        .join(". ");
    let width = (LEFT * 2.0 + turnout.len() as f64 * SLOT).max(200.0);
    let base = HEIGHT - BOTTOM;
    let drawn = bars(&turnout)
        .into_iter()
        .zip(turnout.iter())
        .map(|((x, all, young), t)| {
            view! {
                <rect class="all" x=x y=base - all width=BAR height=all />
                <rect class="young" x=x y=base - young width=BAR height=young />
                <text class="count" x=x + BAR / 2.0 y=base - all - 3.0 text-anchor="middle">
                    {t.participants}
                </text>
            }
        })
        .collect_view();
    let first = turnout
        .first()
        .map(|t| t.starts_at.format("%m.%Y").to_string())
        .unwrap_or_default();
    let last = turnout
        .last()
        .map(|t| t.starts_at.format("%m.%Y").to_string())
        .unwrap_or_default();
    view! {
        <svg
            class="turnout-chart"
            viewBox=format!("0 0 {width} {HEIGHT}")
            role="img"
            aria-labelledby="turnout-title"
        >
            <title id="turnout-title">{summary}</title>
            <line class="axis" x1=LEFT y1=base x2=width - LEFT y2=base />
            {drawn}
            <text class="tick" x=LEFT y=HEIGHT - 6.0>
                {first}
            </text>
            <text class="tick" x=width - LEFT y=HEIGHT - 6.0 text-anchor="end">
                {last}
            </text>
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn turnout(participants: u32, young: u32) -> Turnout {
        Turnout {
            workshop_id: uuid::Uuid::nil(),
            title: "Verksted".into(),
            starts_at: chrono::NaiveDate::from_ymd_opt(2025, 3, 1)
                .unwrap()
                .and_hms_opt(18, 0, 0)
                .unwrap(),
            participants,
            young,
        }
    }

    #[test]
    fn the_busiest_workshop_fills_the_height_and_few_young_are_not_drawn() {
        let room = HEIGHT - TOP - BOTTOM;
        let drawn = bars(&[turnout(40, 20), turnout(20, 2), turnout(0, 0)]);
        assert_eq!(drawn[0], (LEFT, room, room / 2.0));
        assert_eq!(drawn[1].1, room / 2.0);
        assert_eq!(
            drawn[1].2, 0.0,
            "two young people are too few to show as a share"
        );
        assert_eq!(drawn[2], (LEFT + 2.0 * SLOT, 0.0, 0.0));
    }
}
