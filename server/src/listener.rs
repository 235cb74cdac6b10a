//! The HTTP listener around the router, with what a server on the open internet needs:
//! a deadline for a request's headers and for each piece of its body, a cap on open
//! connections, and a shutdown that waits for open requests only so long.
use axum::body::Body;
use axum::extract::Request;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use tower::{Service, ServiceExt};
use tower_http::timeout::TimeoutBody;

/// Default: how long a client may take to send a request's headers, and how long a
/// kept-alive connection may wait for the next request. A phone on 2G sends a few
/// kilobytes of headers in a second or two; a slow-loris client is cut off here.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(15);
/// Default: the longest pause between two pieces of a request body (a photo upload
/// on a bad connection keeps sending; a client that stops is cut off).
pub const BODY_IDLE_TIMEOUT: Duration = Duration::from_secs(30);
/// Default: connections open at once (room for every event stream, `STREAMS_TOTAL`,
/// and the requests beside them); further ones wait in the listen queue.
pub const MAX_CONNECTIONS: usize = 25_000;
/// Default: how long a shutdown waits for open requests before it closes them.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// The listener's limits.
#[derive(Clone, Copy, Debug)]
pub struct ConnectionLimits {
    pub header_read: Duration,
    pub body_idle: Duration,
    pub max_connections: usize,
    pub shutdown_grace: Duration,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        Self {
            header_read: HEADER_READ_TIMEOUT,
            body_idle: BODY_IDLE_TIMEOUT,
            max_connections: MAX_CONNECTIONS,
            shutdown_grace: SHUTDOWN_GRACE,
        }
    }
}

/// Serves `app` over HTTP/1.1 (a reverse proxy speaks HTTP/2 to browsers) until
/// `shutdown` resolves; then stops accepting, lets open requests finish for
/// `shutdown_grace` and closes what is left.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()>,
) {
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_read);
    let graceful = GracefulShutdown::new();
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    let mut connections = JoinSet::new();
    let mut make_service = app.into_make_service_with_connect_info::<SocketAddr>();
    tokio::pin!(shutdown);
    loop {
        while let Some(ended) = connections.try_join_next() {
            if ended.is_err_and(|e| e.is_panic()) {
                tracing::error!("a connection's task panicked");
            }
        }
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => slot.expect("the slots are never closed"),
            () = &mut shutdown => break,
        };
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(err) => {
                    if accept_failed(err) {
                        tokio::select! {
                            () = tokio::time::sleep(Duration::from_secs(1)) => {}
                            () = &mut shutdown => break,
                        }
                    }
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let Ok(router) = make_service.call(remote).await;
        let body_idle = limits.body_idle;
        let service = router.map_request(move |req: Request<Incoming>| {
            req.map(|body| Body::new(TimeoutBody::new(body_idle, body)))
        });
        let connection = graceful
            .watch(http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service)));
        connections.spawn(async move {
            let _slot = slot;
            if let Err(err) = connection.await {
                tracing::debug!(%err, "connection ended with an error");
            }
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(limits.shutdown_grace) => {
            tracing::warn!(
                open = connections.len(),
                "connections still open after the shutdown grace; closing them"
            );
        }
    }
    connections.shutdown().await;
}

/// Whether to pause accepting after a failed accept: a client that went away is
/// nothing; anything else (such as running out of file descriptors) is logged, and
/// accepting pauses a second so the loop does not spin.
fn accept_failed(err: std::io::Error) -> bool {
    use std::io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset};
    if matches!(
        err.kind(),
        ConnectionAborted | ConnectionRefused | ConnectionReset
    ) {
        return false;
    }
    tracing::error!(%err, "accepting a connection failed; trying again in a second");
    true
}
