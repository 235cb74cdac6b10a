//! What operators rely on: readiness that turns 503 when shutting down (and event
//! streams that end then), Prometheus metrics of posts, subscribers, delivery and
//! request latencies, and servers in one process that do not stall each other's pages.

use crate::support::board::{join, post};
use crate::support::http::{client, PASSWORD};
use crate::support::sse::{read_to_end, read_until, subscribe};
use crate::support::TestSqlite;
use reqwest::StatusCode;
use samskap_server::demo;
use samskap_server::http::{router, HttpConfig};
use samskap_server::metrics::metrics_router;

async fn serve_on_free_port(app: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(samskap_server::listener::serve(
        listener,
        app,
        samskap_server::listener::ConnectionLimits::default(),
        std::future::pending(),
    ));
    base
}

/// The metrics listener's whole answer.
async fn fetch_metrics(http: &reqwest::Client, metrics_base: &str) -> String {
    let response = http
        .get(format!("{metrics_base}/metrics"))
        .send()
        .await
        .unwrap();
    response.text().await.unwrap()
}

/// A scrape once `name` reads `value`: a stream counts its delivery just after handing the
/// event on, and its end just after it ends, so the client can be a moment ahead. Waits
/// at most 10 s, then returns the last scrape (the caller's assertion says what it read).
async fn metrics_once(
    http: &reqwest::Client,
    metrics_base: &str,
    name: &str,
    value: f64,
) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let scrape = fetch_metrics(http, metrics_base).await;
        if sample(&scrape, name) == value || std::time::Instant::now() > deadline {
            return scrape;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

/// The value of one sample line of the scrape, e.g. `samskap_posts_total`.
fn sample(scrape: &str, name: &str) -> f64 {
    scrape
        .lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(' '))
        .unwrap_or_else(|| panic!("{name} not in {scrape}"))
        .trim()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn readiness_and_metrics() {
    let db = TestSqlite::new();
    let opened = db.open().await;
    demo::seed(opened.store.as_ref(), PASSWORD).await.unwrap();
    let config = HttpConfig::new(
        leptos::config::LeptosOptions::builder()
            .output_name("samskap")
            .build(),
        opened,
    );
    let (shutdown, metrics) = (config.shutdown.clone(), config.metrics.clone());
    let base = serve_on_free_port(router(config)).await;
    let metrics_base = serve_on_free_port(metrics_router(metrics)).await;
    let http = client();
    let ready = http.get(format!("{base}/readyz")).send().await.unwrap();
    assert_eq!(ready.status(), StatusCode::OK);
    let on_public_port = http.get(format!("{base}/metrics")).send().await.unwrap();
    assert_eq!(
        on_public_port.status(),
        StatusCode::NOT_FOUND,
        "metrics stay off the public port"
    );

    let phone = client();
    let (board, _) = join(&phone, &base, "Måler").await;
    let mut stream = subscribe(&phone, &base, board, None).await;
    let mut seen = String::new();
    for text in ["Første", "Andre"] {
        let (status, body) = post(&phone, &base, board, "insight", text).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        read_until(&mut stream, &mut seen, text).await;
    }
    let delivered = "samskap_delivery_latency_seconds_count";
    let scrape = metrics_once(&http, &metrics_base, delivered, 2.0).await;
    assert_eq!(sample(&scrape, "samskap_posts_total"), 2.0);
    assert_eq!(sample(&scrape, "samskap_event_subscribers"), 1.0);
    assert_eq!(sample(&scrape, delivered), 2.0);
    assert!(sample(&scrape, "samskap_delivery_latency_seconds_sum") < 5.0);
    let posts = r#"samskap_request_duration_seconds_count{method="POST",route="/api/cards/post",status="2xx"}"#;
    assert_eq!(sample(&scrape, posts), 2.0);
    let pages =
        r#"samskap_request_duration_seconds_count{method="GET",route="/readyz",status="2xx"}"#;
    assert_eq!(sample(&scrape, pages), 1.0);
    http.post(format!("{base}/api/made-up-{}", uuid::Uuid::new_v4()))
        .send()
        .await
        .unwrap();
    let scrape = fetch_metrics(&http, &metrics_base).await;
    assert!(scrape.contains(r#"route="/api/{unknown}""#), "{scrape}");
    assert!(!scrape.contains("made-up"), "made-up paths add no series");

    // Shutting down: not ready any more (still alive), and open streams end.
    shutdown.cancel();
    read_to_end(&mut stream, &mut seen).await;
    let ready = http.get(format!("{base}/readyz")).send().await.unwrap();
    assert_eq!(ready.status(), StatusCode::SERVICE_UNAVAILABLE);
    let alive = http.get(format!("{base}/healthz")).send().await.unwrap();
    assert_eq!(alive.status(), StatusCode::OK);
    let subscribers = "samskap_event_subscribers";
    let scrape = metrics_once(&http, &metrics_base, subscribers, 0.0).await;
    assert_eq!(sample(&scrape, subscribers), 0.0);
}

/// One wrong code lookup, said to come from `forwarded_for`.
async fn wrong_code(http: &reqwest::Client, base: &str, forwarded_for: &str) -> StatusCode {
    http.post(format!("{base}/api/join/lookup"))
        .header("accept", "application/json")
        .header("x-forwarded-for", forwarded_for)
        .form(&[("code", "ABCD2345")])
        .send()
        .await
        .unwrap()
        .status()
}

/// Wrong code lookups from one address until one is refused: the burst of wrong codes,
/// and at most the refills it took, are let through.
async fn spend_allowance(base: &str, forwarded_for: &str) {
    use samskap_app::server::throttle::{CODE_FAILURES_BURST, CODE_FAILURES_PER_MINUTE};
    let (http, started) = (client(), std::time::Instant::now());
    let limit = (CODE_FAILURES_BURST, CODE_FAILURES_PER_MINUTE, 0);
    let refusal = crate::support::until_refused(started, limit, 0, || async {
        let status = wrong_code(&http, base, forwarded_for).await;
        (status != StatusCode::NOT_FOUND).then_some(status)
    })
    .await;
    assert_eq!(refusal, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn join_limits_follow_the_forwarded_address_only_behind_a_trusted_proxy() {
    for trusted in [true, false] {
        let db = TestSqlite::new();
        let opened = db.open().await;
        demo::seed(opened.store.as_ref(), PASSWORD).await.unwrap();
        let mut config = HttpConfig::new(
            leptos::config::LeptosOptions::builder()
                .output_name("samskap")
                .build(),
            opened,
        );
        if trusted {
            config.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
        }
        let base = serve_on_free_port(router(config)).await;
        spend_allowance(&base, "84.210.1.2").await;
        let other_phone = wrong_code(&client(), &base, "84.210.9.9").await;
        if trusted {
            assert_eq!(
                other_phone,
                StatusCode::NOT_FOUND,
                "another phone has its own allowance"
            );
        } else {
            assert_eq!(
                other_phone,
                StatusCode::TOO_MANY_REQUESTS,
                "X-Forwarded-For is not believed from an untrusted peer"
            );
        }
    }
}

/// Starting a server lists the app's routes by running the app once with resource loads
/// suppressed process-wide (leptos_server's `SuppressResourceLoad`); a page whose first
/// resource read fell in that moment on another thread waited for ever (leptos issue
/// #4773, one CI run of 2026-12-06). Several servers in one process (these tests, or an
/// operator's second listener) must not stall each other's pages.
#[test]
fn pages_render_while_another_server_starts_in_the_process() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    let runtime = || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
    };
    let db = TestSqlite::new();
    runtime().block_on(async {
        let opened = db.open().await;
        demo::seed(opened.store.as_ref(), PASSWORD).await.unwrap();
    });
    let (ready_tx, ready_rx) = std::sync::mpsc::channel();
    let serving = std::thread::spawn({
        let url = db.url.clone();
        move || {
            runtime().block_on(async move {
                let opened = samskap_store::open(&url).await.unwrap();
                let (base, stop, task) = crate::support::http::serve(opened).await;
                ready_tx.send((base, stop)).unwrap();
                task.await.unwrap();
            })
        }
    });
    let (page_base, stop) = ready_rx.recv().unwrap();
    let done = Arc::new(AtomicBool::new(false));
    let starting = std::thread::spawn({
        let (done, url) = (done.clone(), db.url.clone());
        move || {
            runtime().block_on(async move {
                let opened = samskap_store::open(&url).await.unwrap();
                let (store, sessions) = (opened.store, opened.sessions);
                let mut started = 0;
                while !done.load(Ordering::Relaxed) {
                    let config = HttpConfig::new(
                        leptos::config::LeptosOptions::builder()
                            .output_name("samskap")
                            .build(),
                        samskap_store::Opened {
                            store: store.clone(),
                            sessions: sessions.clone(),
                            fanout: None,
                        },
                    );
                    // Each server's background tasks end with it, as on a real stop.
                    let shutdown = config.shutdown.clone();
                    drop(router(config));
                    shutdown.cancel();
                    tokio::task::yield_now().await;
                    started += 1;
                }
                started
            })
        }
    });
    let rendered = runtime().block_on(async {
        let http = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(10))
            .build()
            .unwrap();
        let mut rendered = 0;
        let pages = [
            ("/", StatusCode::OK),
            ("/join", StatusCode::OK),
            ("/public/not-a-page", StatusCode::NOT_FOUND),
            ("/privacy", StatusCode::OK),
        ];
        for (path, status) in pages.repeat(25) {
            let page = http.get(format!("{page_base}{path}")).send().await;
            let page = page.unwrap_or_else(|e| panic!("{path} after {rendered} pages: {e}"));
            assert_eq!(page.status(), status, "{path}");
            page.text()
                .await
                .unwrap_or_else(|e| panic!("{path} after {rendered} pages: {e}"));
            rendered += 1;
        }
        rendered
    });
    done.store(true, Ordering::Relaxed);
    let started = starting.join().unwrap();
    assert_eq!(rendered, 100);
    assert!(started > 0, "no server started meanwhile");
    stop.send(()).unwrap();
    serving.join().unwrap();
}
