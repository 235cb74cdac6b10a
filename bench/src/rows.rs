//! The report's rows: each figure of a run, side by side with the baseline's.
use crate::run::Measurement;
use std::collections::BTreeMap;

/// Label, Samskap, baseline, ratio.
pub type Row = [String; 4];

pub fn ms(us: u64) -> f64 {
    us as f64 / 1000.0
}

pub fn quantile_ms(m: &Measurement, q: f64) -> f64 {
    ms(m.figures.latency_us.value_at_quantile(q))
}

/// One row's label, its value for a run, and the number behind it when it has a ratio.
type Cell = (&'static str, String, Option<f64>);

fn cells(m: &Measurement) -> Vec<Cell> {
    let f = &m.figures;
    let r = &m.resources;
    let mb = |kb: u64| kb as f64 / 1024.0;
    // Per server ("a + b" with several instances); the ratio compares the sums.
    let memory = |kbs: &[u64]| {
        let each: Vec<String> = kbs.iter().map(|kb| format!("{:.1}", mb(*kb))).collect();
        (
            each.join(" + "),
            Some(kbs.iter().map(|kb| mb(*kb)).sum::<f64>()),
        )
    };
    let (rss, rss_sum) = memory(&r.rss_peak_kb);
    let (hwm, hwm_sum) = memory(&r.hwm_kb);
    let cpu = |s: f64| format!("{s:.1} s ({:.0}% of a core)", 100.0 * s / r.window_s);
    let rt = &f.round_trip_us;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut cells: Vec<Cell> = vec![
        ("subscribers", f.subscribers.to_string(), None),
        ("posts sent", f.posts.to_string(), None),
        ("posts acknowledged", f.acked.to_string(), None),
        ("posts failed", counted(&f.failures), None),
        (
            "deliveries / expected",
            format!("{} / {}", f.delivered, f.expected),
            None,
        ),
        ("missing deliveries", f.missing.to_string(), None),
        (
            "duplicate / unacked deliveries",
            format!("{} / {}", f.duplicates, f.unacked_deliveries),
            None,
        ),
        ("arrived before ack (as 0)", f.negative.to_string(), None),
    ];
    for (label, q) in [
        ("latency p50 ms", 0.5),
        ("latency p95 ms", 0.95),
        ("latency p99 ms", 0.99),
    ] {
        let v = quantile_ms(m, q);
        cells.push((label, format!("{v:.1}"), Some(v)));
    }
    let max = ms(f.latency_us.max());
    cells.extend([
        ("latency max ms", format!("{max:.1}"), Some(max)),
        (
            "post round trip p50 / p99 ms",
            format!(
                "{:.1} / {:.1}",
                ms(rt.value_at_quantile(0.5)),
                ms(rt.value_at_quantile(0.99))
            ),
            None,
        ),
        (
            "last post behind schedule ms",
            format!("{:.1}", f.behind_schedule_ms),
            None,
        ),
        ("server RSS peak MB (500 ms samples)", rss, rss_sum),
        ("server VmHWM MB", hwm, hwm_sum),
        (
            "server CPU while posting",
            cpu(r.server_cpu_s),
            Some(r.server_cpu_s),
        ),
        ("bench CPU while posting", cpu(r.bench_cpu_s), None),
        (
            "other processes' CPU meanwhile",
            cpu(r.other_cpu_s.max(0.0)),
            None,
        ),
        (
            "machine busy while posting",
            format!(
                "{:.0}% of {cores} cores",
                100.0 * r.machine_cpu_s / r.window_s / cores as f64
            ),
            None,
        ),
        ("streams ended early", counted(&f.streams_ended_early), None),
        (
            "server warn/error log lines",
            r.log_problems.len().to_string(),
            None,
        ),
    ]);
    cells
}

pub fn rows(s: &Measurement, b: Option<&Measurement>) -> Vec<Row> {
    let base = b.map(cells);
    let per_server = s.per_server.iter().enumerate().map(|(i, f)| {
        let q = |q| ms(f.latency_us.value_at_quantile(q));
        [
            format!("latency p50 / p95 / p99 ms, subscribers of instance {i}"),
            format!("{:.1} / {:.1} / {:.1}", q(0.5), q(0.95), q(0.99)),
            "-".into(),
            String::new(),
        ]
    });
    let mut rows: Vec<Row> = cells(s)
        .into_iter()
        .enumerate()
        .map(|(i, (label, value, number))| {
            let other = base.as_ref().map(|cells| &cells[i]);
            let ratio = match (number, other.and_then(|c| c.2)) {
                (Some(a), Some(b)) => format!("{:.2}", a / b),
                _ => String::new(),
            };
            let other = other.map(|c| c.1.clone()).unwrap_or_else(|| "-".into());
            [label.to_string(), value, other, ratio]
        })
        .collect();
    rows.extend(per_server);
    rows
}

fn counted(map: &BTreeMap<String, usize>) -> String {
    if map.is_empty() {
        return "0".into();
    }
    let total: usize = map.values().sum();
    let parts: Vec<String> = map.iter().map(|(k, n)| format!("{n}x {k}")).collect();
    format!("{total} ({})", parts.join(", "))
}
