//! The instance's Prometheus metrics: posts, live subscribers, how long a change takes
//! to reach them, and request latencies; served in the OpenMetrics text format.
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;
use std::time::{Duration, SystemTime};

/// A request's labels: method, route template (never raw ids), status class.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RequestLabels {
    pub method: String,
    pub route: String,
    pub status: String,
}

type Requests = Family<RequestLabels, Histogram, fn() -> Histogram>;

pub struct Metrics {
    registry: Registry,
    /// Cards posted by anyone on this instance.
    pub posts: Counter,
    /// Open event streams (boards and test rounds) on this instance.
    pub subscribers: Gauge,
    /// From a change's commit to its event being handed to a subscriber's connection.
    pub delivery: Histogram,
    requests: Requests,
}

/// 0.5 ms to about 8 s.
fn latency_histogram() -> Histogram {
    Histogram::new(exponential_buckets(0.0005, 2.0, 15))
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::with_prefix("samskap");
        let posts = Counter::default();
        let subscribers = Gauge::default();
        let delivery = latency_histogram();
        let requests: Requests = Family::new_with_constructor(latency_histogram);
        registry.register("posts", "Cards posted", posts.clone());
        registry.register(
            "event_subscribers",
            "Open event streams (live boards and test rounds)",
            subscribers.clone(),
        );
        registry.register(
            "delivery_latency_seconds",
            "From a change's commit to its event being sent to a subscriber",
            delivery.clone(),
        );
        registry.register(
            "request_duration_seconds",
            "Time to answer an HTTP request (to the response head for streams)",
            requests.clone(),
        );
        Self {
            registry,
            posts,
            subscribers,
            delivery,
            requests,
        }
    }
}

impl Metrics {
    /// Records one delivery of a change committed at `posted`.
    pub fn delivered(&self, posted: SystemTime) {
        let took = SystemTime::now()
            .duration_since(posted)
            .unwrap_or(Duration::ZERO);
        self.delivery.observe(took.as_secs_f64());
    }

    pub fn request(&self, labels: RequestLabels, took: Duration) {
        self.requests
            .get_or_create(&labels)
            .observe(took.as_secs_f64());
    }

    /// Everything, in the OpenMetrics text format.
    pub fn encode(&self) -> String {
        let mut text = String::new();
        // Writing to a String does not fail.
        let _ = prometheus_client::encoding::text::encode(&mut text, &self.registry);
        text
    }
}
