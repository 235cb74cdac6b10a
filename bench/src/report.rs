//! The report: a table on stdout and the same as Markdown, with the design's targets.
use crate::cli::RunArgs;
use crate::rows::{quantile_ms, rows, Row};
use crate::run::Measurement;

/// The design's targets: p99 at most 100 ms, and at most twice the baseline's.
const TARGET_P99_MS: f64 = 100.0;
const TARGET_RATIO: f64 = 2.0;

/// Prints the table and the Markdown block.
pub fn print(args: &RunArgs, samskap: &Measurement, baseline: Option<&Measurement>) {
    let rows = rows(samskap, baseline);
    let backend = if args.postgres.is_some() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    let title = format!(
        "{} subscribers, {} posts/s for {} s ({} posts), grace {} s; Samskap on {backend}, {} instance(s)",
        args.subscribers,
        args.rate,
        args.duration,
        args.posts(),
        args.grace,
        args.instances
    );
    let verdict = verdict(samskap, baseline);
    println!("\n{title}\n");
    println!("{}", text_table(&rows));
    println!("{verdict}\n");
    println!(
        "Markdown:\n\n**{title}**\n\n{}\n\n{}",
        markdown_table(&rows),
        verdict.replace('\n', "  \n")
    );
    for m in std::iter::once(samskap).chain(baseline) {
        let problems = &m.resources.log_problems;
        if !problems.is_empty() {
            println!(
                "\n{} server log: {} warning/error lines, first ones:",
                m.name,
                problems.len()
            );
            for line in problems.iter().take(10) {
                println!("  {line}");
            }
        }
    }
}

fn verdict(samskap: &Measurement, baseline: Option<&Measurement>) -> String {
    let p99 = quantile_ms(samskap, 0.99);
    let mut lines = vec![format!(
        "Target p99 <= {TARGET_P99_MS} ms: {} (samskap p99 {p99:.1} ms).",
        if p99 <= TARGET_P99_MS {
            "met"
        } else {
            "MISSED"
        }
    )];
    if let Some(baseline) = baseline {
        let ratio = p99 / quantile_ms(baseline, 0.99);
        lines.push(format!(
            "Target p99 <= {TARGET_RATIO}x baseline: {} (ratio {ratio:.2}).",
            if ratio <= TARGET_RATIO {
                "met"
            } else {
                "MISSED"
            }
        ));
    }
    if samskap.figures.missing > 0 || baseline.is_some_and(|b| b.figures.missing > 0) {
        lines.push("Deliveries are MISSING (must be 0).".into());
    }
    lines.join("\n")
}

const HEADER: [&str; 4] = ["", "samskap", "baseline", "samskap/baseline"];

fn text_table(rows: &[Row]) -> String {
    let widths: Vec<usize> = (0..4)
        .map(|c| {
            rows.iter()
                .map(|r| r[c].chars().count())
                .chain([HEADER[c].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: [&str; 4]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(c, (cell, w))| {
                if c == 0 {
                    format!("{cell:<w$}")
                } else {
                    format!("{cell:>w$}")
                }
            })
            .collect();
        padded.join("  ").trim_end().to_string()
    };
    let mut out = vec![line(HEADER)];
    out.push(
        widths
            .iter()
            .map(|w| "-".repeat(*w))
            .collect::<Vec<_>>()
            .join("  "),
    );
    out.extend(rows.iter().map(|r| line([&r[0], &r[1], &r[2], &r[3]])));
    out.join("\n")
}

fn markdown_table(rows: &[Row]) -> String {
    let mut out = vec![
        format!("| {} |", HEADER.join(" | ")),
        "|---|---:|---:|---:|".to_string(),
    ];
    out.extend(rows.iter().map(|r| format!("| {} |", r.join(" | "))));
    out.join("\n")
}
