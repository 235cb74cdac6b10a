//! The bare baseline: axum with one broadcast channel, `POST /post` and `GET /events`.
use axum::extract::{Form, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use std::convert::Infallible;
use std::sync::Arc;
use tokio::sync::broadcast;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::{Stream, StreamExt};

/// Same depth as a Samskap board's channel.
const CHANNEL_CAPACITY: usize = 1024;

#[derive(Deserialize)]
struct Post {
    body: String,
}

type Bus = broadcast::Sender<Arc<str>>;

/// Serves until killed.
pub async fn serve(port: u16) -> std::io::Result<()> {
    let bus: Bus = broadcast::channel(CHANNEL_CAPACITY).0;
    let app = Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/post", post(publish))
        .route("/events", get(events))
        .with_state(bus);
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    axum::serve(listener, app).await
}

/// Broadcasts the text as a card event shaped like Samskap's, so both are parsed alike.
async fn publish(State(bus): State<Bus>, Form(post): Form<Post>) -> Json<serde_json::Value> {
    let event = serde_json::json!({"type": "card", "card": {"body": post.body}}).to_string();
    let _ = bus.send(Arc::from(event));
    Json(serde_json::json!({}))
}

async fn events(State(bus): State<Bus>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let stream = BroadcastStream::new(bus.subscribe())
        .filter_map(|received| received.ok())
        .map(|data| Ok(Event::default().data(&*data)));
    Sse::new(stream).keep_alive(KeepAlive::default())
}
