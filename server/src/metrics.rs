//! `GET /metrics` on its own listener (`--metrics-listen`, kept off the public port),
//! and the middleware that times every request by route template.
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use samskap_app::server::metrics::{Metrics, RequestLabels};
use std::collections::HashSet;
use std::sync::{Arc, LazyLock};
use std::time::Instant;

/// The server functions' fixed paths: an API call is labelled by its own path, while
/// anything else under /api/ shares one label (so made-up paths add no series).
static SERVER_FNS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_string())
        .collect()
});

/// The router of the metrics listener.
pub fn metrics_router(metrics: Arc<Metrics>) -> Router {
    Router::new()
        .route("/metrics", get(scrape))
        .with_state(metrics)
}

async fn scrape(State(metrics): State<Arc<Metrics>>) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        metrics.encode(),
    )
        .into_response()
}

pub async fn time_request(
    State(metrics): State<Arc<Metrics>>,
    request: Request,
    next: Next,
) -> Response {
    let started = Instant::now();
    // Known methods only: any token is a valid method, and each would be a new series.
    let method = match *request.method() {
        Method::GET
        | Method::HEAD
        | Method::POST
        | Method::PUT
        | Method::PATCH
        | Method::DELETE
        | Method::OPTIONS => request.method().as_str(),
        _ => "OTHER",
    }
    .to_string();
    let path = request.uri().path();
    let route = if path.starts_with("/api/") {
        if SERVER_FNS.contains(path) {
            path.to_string()
        } else {
            "/api/{unknown}".to_string()
        }
    } else {
        request.extensions().get::<MatchedPath>().map_or_else(
            || "{static or unknown}".to_string(),
            |m| m.as_str().to_string(),
        )
    };
    let response = next.run(request).await;
    let status = format!("{}xx", response.status().as_u16() / 100);
    metrics.request(
        RequestLabels {
            method,
            route,
            status,
        },
        started.elapsed(),
    );
    response
}
