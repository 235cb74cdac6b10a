//! Event-stream subscribers: opens N streams, then records when each tagged card arrives.
use crate::sse::SseParser;
use reqwest::{header, Client};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, watch, Semaphore};
use tokio::task::JoinHandle;

/// Streams being opened at once.
const OPENING_AT_ONCE: usize = 100;

/// What one subscriber saw: post numbers with their arrival time (µs after the epoch).
#[derive(Default, Clone)]
pub struct Arrivals {
    /// Which of the servers' URLs it followed.
    pub instance: usize,
    pub seen: Vec<(u32, i64)>,
    /// The stream ended or failed before it was stopped.
    pub ended_early: Option<String>,
}

/// N open streams; `stop` ends them and hands back what each saw.
pub struct Subscribers {
    tasks: Vec<JoinHandle<Arrivals>>,
    stop: watch::Sender<bool>,
}

impl Subscribers {
    /// Opens `count` streams, spread evenly over `urls`, and returns once every one has
    /// its 200 headers.
    pub async fn open(
        urls: &[String],
        cookie: Option<&str>,
        count: usize,
        epoch: Instant,
    ) -> Result<Self, String> {
        let client = Client::builder()
            .http1_only()
            .connect_timeout(Duration::from_secs(10))
            .build()
            .map_err(|e| e.to_string())?;
        let (stop, stopped) = watch::channel(false);
        let (ready_tx, mut ready) = mpsc::channel(count.max(1));
        let opening = Arc::new(Semaphore::new(OPENING_AT_ONCE));
        let mut tasks = Vec::with_capacity(count);
        for i in 0..count {
            let instance = i % urls.len();
            let mut request = client
                .get(&urls[instance])
                .header(header::ACCEPT, "text/event-stream");
            if let Some(cookie) = cookie {
                request = request.header(header::COOKIE, cookie);
            }
            let subscriber = Subscriber {
                request,
                opening: opening.clone(),
                ready: ready_tx.clone(),
                stopped: stopped.clone(),
                epoch,
                instance,
            };
            tasks.push(tokio::spawn(subscriber.run()));
        }
        let subscribers = Self { tasks, stop };
        for _ in 0..count {
            match tokio::time::timeout(Duration::from_secs(120), ready.recv()).await {
                Ok(Some(Ok(()))) => {}
                Ok(Some(Err(err))) => return Err(format!("a subscriber failed: {err}")),
                Ok(None) | Err(_) => return Err("subscribers did not all connect".into()),
            }
        }
        Ok(subscribers)
    }

    /// Ends every stream and collects what they saw.
    pub async fn stop(self) -> Vec<Arrivals> {
        let _ = self.stop.send(true);
        let mut all = Vec::with_capacity(self.tasks.len());
        for task in self.tasks {
            all.push(task.await.unwrap_or_else(|err| Arrivals {
                ended_early: Some(err.to_string()),
                ..Arrivals::default()
            }));
        }
        all
    }
}

struct Subscriber {
    request: reqwest::RequestBuilder,
    opening: Arc<Semaphore>,
    ready: mpsc::Sender<Result<(), String>>,
    stopped: watch::Receiver<bool>,
    epoch: Instant,
    instance: usize,
}

impl Subscriber {
    async fn run(self) -> Arrivals {
        let Self {
            request,
            opening,
            ready,
            mut stopped,
            epoch,
            instance,
        } = self;
        let mut arrivals = Arrivals {
            instance,
            ..Arrivals::default()
        };
        let permit = opening.acquire().await;
        let response = match request.send().await {
            Ok(response) if response.status().is_success() => Ok(response),
            Ok(response) => Err(response.status().to_string()),
            Err(err) => Err(err.to_string()),
        };
        drop(permit);
        match response {
            Ok(response) => {
                let _ = ready.send(Ok(())).await;
                read(response, &mut stopped, epoch, &mut arrivals).await;
            }
            Err(err) => {
                let _ = ready.send(Err(err.clone())).await;
                arrivals.ended_early = Some(err);
            }
        }
        arrivals
    }
}

/// Reads the stream until it is stopped, noting when each tagged card arrives.
async fn read(
    mut response: reqwest::Response,
    stopped: &mut watch::Receiver<bool>,
    epoch: Instant,
    arrivals: &mut Arrivals,
) {
    let mut parser = SseParser::default();
    loop {
        tokio::select! {
            chunk = response.chunk() => {
                let at = epoch.elapsed().as_micros() as i64;
                match chunk {
                    Ok(Some(bytes)) => parser.feed(&bytes, |n| arrivals.seen.push((n, at))),
                    Ok(None) => {
                        arrivals.ended_early = Some("the stream ended".into());
                        return;
                    }
                    Err(err) => {
                        arrivals.ended_early = Some(err.to_string());
                        return;
                    }
                }
            }
            _ = stopped.changed() => return,
        }
    }
}
