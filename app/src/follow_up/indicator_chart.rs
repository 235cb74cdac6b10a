//! An indicator's readings against its baseline and target, drawn on the server as SVG
//! (so it shows without JavaScript and in documents): the planned path from baseline to
//! target dashed, the readings as a line with dots.
use crate::i18n::*;
use chrono::NaiveDate;
use leptos::prelude::*;
use samskap_domain::follow_up::indicator::{format_value, Indicator, Point};

const WIDTH: f64 = 480.0;
const HEIGHT: f64 = 200.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 26.0;

/// Where everything of a chart goes, in SVG units.
#[derive(Debug, Clone, PartialEq)]
pub struct Geometry {
    /// The lowest and highest value on the vertical axis.
    pub low: f64,
    pub high: f64,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub baseline: (f64, f64),
    pub target: (f64, f64),
    /// The readings, oldest first.
    pub readings: Vec<(f64, f64)>,
}

/// Places the baseline, target and readings: time runs from the earliest to the latest
/// of their dates, values from the lowest to the highest with a tenth as margin.
pub fn geometry(indicator: &Indicator) -> Geometry {
    let f = &indicator.fields;
    let points: Vec<Point> = [f.baseline, f.target]
        .into_iter()
        .chain(indicator.readings.iter().map(|r| Point {
            value: r.value,
            on: r.measured_on,
        }))
        .collect();
    let first_day = points.iter().map(|p| p.on).min().unwrap_or(f.baseline.on);
    let last_day = points.iter().map(|p| p.on).max().unwrap_or(f.target.on);
    let min = points.iter().map(|p| p.value).fold(f64::INFINITY, f64::min);
    let max = points
        .iter()
        .map(|p| p.value)
        .fold(f64::NEG_INFINITY, f64::max);
    let margin = if max > min {
        (max - min) / 10.0
    } else {
        min.abs().max(1.0) / 10.0
    };
    // Figures that cannot be negative (none is) get no negative axis.
    let low = if min >= 0.0 {
        (min - margin).max(0.0)
    } else {
        min - margin
    };
    let high = max + margin;
    let days = (last_day - first_day).num_days().max(1) as f64;
    let place = |p: &Point| {
        let x = LEFT + (p.on - first_day).num_days() as f64 / days * (WIDTH - LEFT - RIGHT);
        let y = TOP + (high - p.value) / (high - low) * (HEIGHT - TOP - BOTTOM);
        ((x * 10.0).round() / 10.0, (y * 10.0).round() / 10.0)
    };
    Geometry {
        low,
        high,
        first_day,
        last_day,
        baseline: place(&f.baseline),
        target: place(&f.target),
        readings: points[2..].iter().map(place).collect(),
    }
}

/// The chart, with a text alternative that says what it shows.
#[component]
pub fn IndicatorChart(indicator: Indicator) -> impl IntoView {
    let i18n = use_i18n();
    let dec = super::indicators::decimal(i18n);
    let g = geometry(&indicator);
    let f = &indicator.fields;
    let show = |value: f64| super::indicators::with_unit(value, &f.unit, dec);
    let latest = indicator.latest().map(|r| {
        format!(
            ", {} {} ({})",
            t_string!(i18n, follow.latest),
            show(r.value),
            r.measured_on.format("%d.%m.%Y")
        )
    });
    let summary = format!(
        "{}: {} {} ({}), {} {} ({}){}",
        f.name,
        t_string!(i18n, follow.baseline),
        show(f.baseline.value),
        f.baseline.on.format("%d.%m.%Y"),
        t_string!(i18n, follow.target),
        show(f.target.value),
        f.target.on.format("%d.%m.%Y"),
        latest.unwrap_or_default(),
    );
    let line: String = std::iter::once(g.baseline)
        .chain(g.readings.iter().copied())
        .map(|(x, y)| format!("{x},{y}"))
        .collect::<Vec<_>>()
        .join(" ");
    let dots = g
        .readings
        .iter()
        .map(|(x, y)| view! { <circle class="reading" cx=*x cy=*y r="4" /> })
        .collect_view();
    let bottom = HEIGHT - BOTTOM;
    let title_id = format!("chart-{}", indicator.id);
    let title_id_ref = title_id.clone();
    view! {
        <svg
            class="indicator-chart"
            viewBox=format!("0 0 {WIDTH} {HEIGHT}")
            role="img"
            aria-labelledby=title_id_ref
        >
            <title id=title_id>{summary}</title>
            <line class="axis" x1=LEFT y1=TOP x2=LEFT y2=bottom />
            <line class="axis" x1=LEFT y1=bottom x2=WIDTH - RIGHT y2=bottom />
            <text class="tick" x=LEFT - 6.0 y=TOP + 4.0 text-anchor="end">
                {format_value(g.high, dec)}
            </text>
            <text class="tick" x=LEFT - 6.0 y=bottom text-anchor="end">
                {format_value(g.low, dec)}
            </text>
            <text class="tick" x=LEFT y=HEIGHT - 6.0>
                {g.first_day.format("%m.%Y").to_string()}
            </text>
            <text class="tick" x=WIDTH - RIGHT y=HEIGHT - 6.0 text-anchor="end">
                {g.last_day.format("%m.%Y").to_string()}
            </text>
            <line class="planned" x1=g.baseline.0 y1=g.baseline.1 x2=g.target.0 y2=g.target.1 />
            <circle class="target" cx=g.target.0 cy=g.target.1 r="6" />
            <circle class="baseline" cx=g.baseline.0 cy=g.baseline.1 r="4" />
            <polyline class="actual" points=line />
            {dots}
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use samskap_domain::follow_up::indicator::{
        IndicatorFields, IndicatorOf, Reading, ReadingSource,
    };

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn baseline_and_target_span_the_chart_and_readings_fall_between() {
        let reading = |on: &str, value| Reading {
            id: uuid::Uuid::nil(),
            measured_on: day(on),
            value,
            source: ReadingSource::Survey,
            link: String::new(),
            note: String::new(),
            recorded_by: String::new(),
            recorded_at: chrono::Utc::now(),
        };
        let indicator = Indicator {
            id: uuid::Uuid::nil(),
            of: IndicatorOf::Goal(uuid::Uuid::nil()),
            fields: IndicatorFields {
                name: "Trygge unge".into(),
                unit: "%".into(),
                baseline: Point {
                    value: 50.0,
                    on: day("2024-01-01"),
                },
                target: Point {
                    value: 70.0,
                    on: day("2028-12-31"),
                },
            },
            readings: vec![reading("2025-12-01", 60.0)],
        };
        let g = geometry(&indicator);
        assert_eq!((g.low, g.high), (48.0, 72.0));
        assert_eq!(g.baseline.0, LEFT, "the baseline is the first day");
        assert_eq!(g.target.0, WIDTH - RIGHT, "the target the last");
        assert!(g.target.1 < g.baseline.1, "a higher value is drawn higher");
        let (x, y) = g.readings[0];
        assert!(g.baseline.0 < x && x < g.target.0);
        assert_eq!(y, ((g.baseline.1 + g.target.1) / 2.0 * 10.0).round() / 10.0);
    }
}
