//! One measured run against one started server: subscribe, post, wait, count.
use crate::cli::RunArgs;
use crate::load::{post_all, Poster};
use crate::process::Server;
use crate::procfs::{cpu_seconds, machine_busy_seconds, status_kb, RssSampler};
use crate::stats::{compute, Figures};
use crate::subscribers::Subscribers;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Pause after the last stream opened, so that connecting is over before posting.
const SETTLE: Duration = Duration::from_secs(1);

/// The started servers (Samskap instances on one database, or the baseline) and how to
/// subscribe and post to them.
pub struct Target {
    pub name: &'static str,
    pub servers: Vec<Started>,
    /// One per server; subscribers are spread over them.
    pub events_urls: Vec<String>,
    pub cookie: Option<String>,
    pub poster: Poster,
    /// `--flood`: what to flood the first server with.
    pub flood: Option<crate::flood::Flood>,
}

/// One started server process, its memory sampler and its output.
pub struct Started {
    pub server: Server,
    pub rss: RssSampler,
    pub log: PathBuf,
}

/// The servers' resource use; CPU over the posting window (posting plus grace).
pub struct Resources {
    /// Per server.
    pub rss_peak_kb: Vec<u64>,
    pub hwm_kb: Vec<u64>,
    pub window_s: f64,
    pub server_cpu_s: f64,
    pub bench_cpu_s: f64,
    /// CPU used by everything else on the machine meanwhile (should be near 0).
    pub other_cpu_s: f64,
    /// CPU used by the whole machine meanwhile.
    pub machine_cpu_s: f64,
    /// Warning and error lines in the server's output.
    pub log_problems: Vec<String>,
}

pub struct Measurement {
    pub name: &'static str,
    pub figures: Figures,
    /// With several servers: the figures of the subscribers of each.
    pub per_server: Vec<Figures>,
    pub resources: Resources,
    pub flood: Option<crate::flood::FloodReport>,
}

pub async fn measure(
    target: Target,
    args: &RunArgs,
    epoch: Instant,
) -> Result<Measurement, String> {
    let pids: Vec<String> = target
        .servers
        .iter()
        .map(|s| s.server.pid().to_string())
        .collect();
    let name = target.name;
    let subscribers = Subscribers::open(
        &target.events_urls,
        target.cookie.as_deref(),
        args.subscribers,
        epoch,
    )
    .await?;
    eprintln!("{name}: {} streams open; posting", args.subscribers);
    tokio::time::sleep(SETTLE).await;
    let cpu = || {
        let server = pids.iter().map(|pid| cpu_seconds(pid)).sum::<Option<f64>>();
        (server, cpu_seconds("self"), machine_busy_seconds())
    };
    let (server_before, bench_before, machine_before) = cpu();
    let started = Instant::now();
    let flood = target.flood.map(|flood| {
        let deadline = Instant::now() + Duration::from_secs(args.duration);
        tokio::spawn(crate::flood::run(flood, deadline))
    });
    let acks = post_all(Arc::new(target.poster), args.rate, args.duration, epoch).await;
    let flood = match flood {
        Some(task) => Some(task.await.map_err(|e| e.to_string())?),
        None => None,
    };
    tokio::time::sleep(Duration::from_secs(args.grace)).await;
    let window_s = started.elapsed().as_secs_f64();
    let (server_after, bench_after, machine_after) = cpu();
    let server_cpu_s = difference(server_before, server_after);
    let bench_cpu_s = difference(bench_before, bench_after);
    let machine_cpu_s = difference(machine_before, machine_after);
    let arrivals = subscribers.stop().await;
    let resources = Resources {
        rss_peak_kb: target
            .servers
            .iter()
            .map(|s| {
                let pid = s.server.pid();
                s.rss.peak_kb().max(status_kb(pid, "VmRSS").unwrap_or(0))
            })
            .collect(),
        hwm_kb: target
            .servers
            .iter()
            .map(|s| status_kb(s.server.pid(), "VmHWM").unwrap_or(0))
            .collect(),
        window_s,
        server_cpu_s,
        bench_cpu_s,
        other_cpu_s: machine_cpu_s - server_cpu_s - bench_cpu_s,
        machine_cpu_s,
        log_problems: target
            .servers
            .iter()
            .flat_map(|s| problems(&s.log))
            .collect(),
    };
    let servers = target.servers.len();
    drop(target.servers);
    let figures = compute(&acks, &arrivals);
    let per_server = if servers > 1 {
        (0..servers)
            .map(|i| {
                let mine: Vec<_> = arrivals
                    .iter()
                    .filter(|a| a.instance == i)
                    .cloned()
                    .collect();
                compute(&acks, &mine)
            })
            .collect()
    } else {
        Vec::new()
    };
    eprintln!(
        "{name}: {} of {} posts acknowledged, {} deliveries missing",
        figures.acked, figures.posts, figures.missing
    );
    Ok(Measurement {
        name,
        figures,
        per_server,
        resources,
        flood,
    })
}

fn difference(before: Option<f64>, after: Option<f64>) -> f64 {
    after.zip(before).map(|(a, b)| a - b).unwrap_or(f64::NAN)
}

fn problems(log: &std::path::Path) -> Vec<String> {
    std::fs::read_to_string(log)
        .unwrap_or_default()
        .lines()
        .filter(|line| line.contains("WARN") || line.contains("ERROR") || line.contains("panic"))
        .map(str::to_string)
        .collect()
}
