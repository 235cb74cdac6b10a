//! Posting at a fixed rate, round-robin over many clients, recording each acknowledgement.
use crate::sse::TAG;
use reqwest::{header, Client};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Where and how to post: the URL, the form fields besides `body`, and the clients.
pub struct Poster {
    pub url: String,
    pub fields: Vec<(&'static str, String)>,
    pub clients: Vec<Client>,
}

/// What the posting saw.
pub struct Acks {
    /// Per post number: when its 2xx response arrived (µs after the epoch).
    pub acked_at: Vec<Option<i64>>,
    /// Per post number: request sent to response headers (µs), when acknowledged.
    pub round_trip: Vec<Option<i64>>,
    /// Failed posts by reason (status or error).
    pub failures: BTreeMap<String, usize>,
    /// How far the last post started behind its schedule (ms).
    pub behind_schedule_ms: f64,
}

enum Outcome {
    Acked { at: i64, round_trip: i64 },
    Failed(String),
}

/// Sends `rate` posts a second for `seconds`, post `n` from client `n % clients`.
pub async fn post_all(poster: Arc<Poster>, rate: u32, seconds: u64, epoch: Instant) -> Acks {
    let total = rate as usize * seconds as usize;
    let period = Duration::from_secs(1) / rate.max(1);
    let start = tokio::time::Instant::now();
    let mut tasks = Vec::with_capacity(total);
    let mut behind = Duration::ZERO;
    for n in 0..total {
        let due = start + period * n as u32;
        tokio::time::sleep_until(due).await;
        behind = tokio::time::Instant::now() - due;
        tasks.push(tokio::spawn(post_one(poster.clone(), n, epoch)));
    }
    let mut acks = Acks {
        acked_at: vec![None; total],
        round_trip: vec![None; total],
        failures: BTreeMap::new(),
        behind_schedule_ms: behind.as_secs_f64() * 1000.0,
    };
    for (n, task) in tasks.into_iter().enumerate() {
        match task.await {
            Ok(Outcome::Acked { at, round_trip }) => {
                acks.acked_at[n] = Some(at);
                acks.round_trip[n] = Some(round_trip);
            }
            Ok(Outcome::Failed(reason)) => *acks.failures.entry(reason).or_default() += 1,
            Err(err) => *acks.failures.entry(err.to_string()).or_default() += 1,
        }
    }
    acks
}

async fn post_one(poster: Arc<Poster>, n: usize, epoch: Instant) -> Outcome {
    let client = &poster.clients[n % poster.clients.len()];
    let mut form = poster.fields.clone();
    form.push(("body", format!("{TAG}{n}")));
    let sent = epoch.elapsed().as_micros() as i64;
    let response = client
        .post(&poster.url)
        .header(header::ACCEPT, "application/json")
        .form(&form)
        .timeout(Duration::from_secs(30))
        .send()
        .await;
    let at = epoch.elapsed().as_micros() as i64;
    match response {
        Ok(response) => {
            let status = response.status();
            let _ = response.bytes().await;
            if status.is_success() {
                Outcome::Acked {
                    at,
                    round_trip: at - sent,
                }
            } else {
                Outcome::Failed(format!("HTTP {}", status.as_u16()))
            }
        }
        Err(err) if err.is_timeout() => Outcome::Failed("timeout".into()),
        Err(err) => Outcome::Failed(format!("error: {err}")),
    }
}
