//! Turning acknowledgements and arrivals into delivery counts and latency histograms.
use crate::load::Acks;
use crate::subscribers::Arrivals;
use hdrhistogram::Histogram;
use std::collections::BTreeMap;

/// The delivery figures of one run; times in µs.
pub struct Figures {
    pub subscribers: usize,
    pub posts: usize,
    pub acked: usize,
    pub failures: BTreeMap<String, usize>,
    pub expected: u64,
    pub delivered: u64,
    pub missing: u64,
    pub duplicates: u64,
    /// Deliveries of posts that were not acknowledged (or of unknown numbers).
    pub unacked_deliveries: u64,
    /// Deliveries that arrived before their acknowledgement (recorded as 0 below).
    pub negative: u64,
    pub latency_us: Histogram<u64>,
    pub round_trip_us: Histogram<u64>,
    pub streams_ended_early: BTreeMap<String, usize>,
    pub behind_schedule_ms: f64,
}

/// Up to 10 minutes in µs, 3 significant digits; larger values are recorded as the top.
fn histogram() -> Histogram<u64> {
    Histogram::new_with_bounds(1, 600_000_000, 3).expect("valid bounds")
}

pub fn compute(acks: &Acks, arrivals: &[Arrivals]) -> Figures {
    let posts = acks.acked_at.len();
    let acked = acks.acked_at.iter().flatten().count();
    let mut figures = Figures {
        subscribers: arrivals.len(),
        posts,
        acked,
        failures: acks.failures.clone(),
        expected: (acked * arrivals.len()) as u64,
        delivered: 0,
        missing: 0,
        duplicates: 0,
        unacked_deliveries: 0,
        negative: 0,
        latency_us: histogram(),
        round_trip_us: histogram(),
        streams_ended_early: BTreeMap::new(),
        behind_schedule_ms: acks.behind_schedule_ms,
    };
    for round_trip in acks.round_trip.iter().flatten() {
        figures
            .round_trip_us
            .saturating_record((*round_trip).max(0) as u64);
    }
    for subscriber in arrivals {
        if let Some(reason) = &subscriber.ended_early {
            *figures
                .streams_ended_early
                .entry(reason.clone())
                .or_default() += 1;
        }
        let mut seen = vec![false; posts];
        for &(n, at) in &subscriber.seen {
            let n = n as usize;
            let Some(ack) = acks.acked_at.get(n).copied().flatten() else {
                figures.unacked_deliveries += 1;
                continue;
            };
            if std::mem::replace(&mut seen[n], true) {
                figures.duplicates += 1;
                continue;
            }
            let latency = at - ack;
            if latency < 0 {
                figures.negative += 1;
            }
            figures.latency_us.saturating_record(latency.max(0) as u64);
            figures.delivered += 1;
        }
    }
    figures.missing = figures.expected - figures.delivered;
    figures
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_missing_duplicates_and_early_arrivals() {
        let acks = Acks {
            acked_at: vec![Some(1_000), None, Some(5_000)],
            round_trip: vec![Some(900), None, Some(800)],
            failures: BTreeMap::from([("HTTP 429".to_string(), 1)]),
            behind_schedule_ms: 0.0,
        };
        let first = Arrivals {
            seen: vec![(0, 3_000), (2, 4_000), (2, 6_000), (1, 2_000)],
            ..Arrivals::default()
        };
        let second = Arrivals {
            seen: vec![(0, 11_000)],
            ended_early: Some("the stream ended".into()),
            instance: 1,
        };
        let figures = compute(&acks, &[first, second]);
        assert_eq!(
            (figures.expected, figures.delivered, figures.missing),
            (4, 3, 1)
        );
        assert_eq!((figures.duplicates, figures.unacked_deliveries), (1, 1));
        assert_eq!(figures.negative, 1);
        let max = figures.latency_us.max();
        assert!((10_000..10_010).contains(&max), "{max}"); // 3 significant digits
        assert_eq!(figures.latency_us.min(), 0);
        let round_trip = figures.round_trip_us.value_at_quantile(0.5);
        assert!((800..810).contains(&round_trip), "{round_trip}");
    }
}
