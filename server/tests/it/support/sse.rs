//! Test support for server-sent event streams: subscribing to a board, reading until
//! something arrives, and the event ids received.
use reqwest::{header, Client, StatusCode};
use std::time::Duration;
use uuid::Uuid;

/// Opens a board's event stream, resuming after `last_event_id` when given.
pub async fn subscribe(
    client: &Client,
    base: &str,
    board: Uuid,
    last_event_id: Option<i64>,
) -> reqwest::Response {
    let mut request = client.get(format!("{base}/events/boards/{board}"));
    if let Some(id) = last_event_id {
        request = request.header("Last-Event-ID", id.to_string());
    }
    let response = request.send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        "text/event-stream"
    );
    response
}

/// Reads a server-sent event stream until `wanted` shows up (or fails after 10 s).
pub async fn read_until(response: &mut reqwest::Response, seen: &mut String, wanted: &str) {
    let found = tokio::time::timeout(Duration::from_secs(10), async {
        while !seen.contains(wanted) {
            match response.chunk().await.unwrap() {
                Some(chunk) => seen.push_str(&String::from_utf8_lossy(&chunk)),
                None => return false,
            }
        }
        true
    })
    .await;
    assert!(
        matches!(found, Ok(true)),
        "{wanted:?} not in the stream: {seen}"
    );
}

/// Reads until the server ends the stream (or fails after 10 s).
pub async fn read_to_end(response: &mut reqwest::Response, seen: &mut String) {
    let ended = tokio::time::timeout(Duration::from_secs(10), async {
        while let Ok(Some(chunk)) = response.chunk().await {
            seen.push_str(&String::from_utf8_lossy(&chunk));
        }
    })
    .await;
    assert!(ended.is_ok(), "the stream did not end: {seen}");
}

/// The ids of the events received, in order.
pub fn event_ids(seen: &str) -> Vec<i64> {
    seen.lines()
        .filter_map(|l| l.strip_prefix("id:"))
        .filter_map(|id| id.trim().parse().ok())
        .collect()
}
