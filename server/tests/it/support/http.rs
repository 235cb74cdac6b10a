//! Test support for the API over real HTTP: a server on a free port, a cookie-keeping
//! client, form calls to server functions.
use super::TestSqlite;
use reqwest::{header, redirect, Client, StatusCode};
use samskap_app::error::AppError;
use samskap_server::demo;
use samskap_server::http::{router, HttpConfig};
use samskap_server::listener::ConnectionLimits;
use samskap_store::Opened;

pub const PASSWORD: &str = "demo-passord-123";

/// A form body as name/value pairs.
pub type Form<'a> = &'a [(&'a str, &'a str)];

/// Serves the app on a free port until the returned sender is dropped or used.
pub async fn serve(
    opened: Opened,
) -> (
    String,
    tokio::sync::oneshot::Sender<()>,
    tokio::task::JoinHandle<()>,
) {
    serve_with(opened, |_| {}).await
}

/// Like `serve`, with the router's settings changed by `configure` first.
pub async fn serve_with(
    opened: Opened,
    configure: impl FnOnce(&mut HttpConfig),
) -> (
    String,
    tokio::sync::oneshot::Sender<()>,
    tokio::task::JoinHandle<()>,
) {
    serve_limited(opened, configure, ConnectionLimits::default()).await
}

/// Like `serve_with`, with the listener's limits given.
pub async fn serve_limited(
    opened: Opened,
    configure: impl FnOnce(&mut HttpConfig),
    limits: ConnectionLimits,
) -> (
    String,
    tokio::sync::oneshot::Sender<()>,
    tokio::task::JoinHandle<()>,
) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let leptos_options = leptos::config::LeptosOptions::builder()
        .output_name("samskap")
        .site_addr(addr)
        .build();
    let mut config = HttpConfig::new(leptos_options, opened);
    configure(&mut config);
    let shutdown = config.shutdown.clone();
    let app = router(config);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(samskap_server::listener::serve(
        listener,
        app,
        limits,
        async move {
            let _ = stopped.await;
            shutdown.cancel();
        },
    ));
    (format!("http://{addr}"), stop, task)
}

pub fn client() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(redirect::Policy::none())
        .read_timeout(super::ANSWER_DEADLINE)
        .build()
        .unwrap()
}

pub async fn call(
    client: &Client,
    base: &str,
    endpoint: &str,
    form: &[(&str, &str)],
) -> (StatusCode, String) {
    let response = client
        .post(format!("{base}/api/{endpoint}"))
        .header(header::ACCEPT, "application/json")
        .form(form)
        .send()
        .await
        .unwrap();
    (response.status(), response.text().await.unwrap())
}

pub fn error_of(body: &str) -> AppError {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("not an AppError ({e}): {body}"))
}

pub async fn login(client: &Client, base: &str, email: &str) {
    let (status, body) = call(
        client,
        base,
        "auth/login",
        &[("email", email), ("password", PASSWORD)],
    )
    .await;
    assert!(
        status.is_success() || status.is_redirection(),
        "login as {email}: {status} {body}"
    );
}

/// A client signed in as `email` (with the test password).
pub async fn signed_in(base: &str, email: &str) -> Client {
    let c = client();
    login(&c, base, email).await;
    c
}

pub async fn demo_server() -> (
    TestSqlite,
    String,
    tokio::sync::oneshot::Sender<()>,
    tokio::task::JoinHandle<()>,
) {
    demo_server_with(|_| {}).await
}

/// The demo behind a reverse proxy on 127.0.0.1, so a test names each request's
/// client address in `X-Forwarded-For` (see `from`).
pub async fn demo_server_behind_proxy() -> (
    TestSqlite,
    String,
    tokio::sync::oneshot::Sender<()>,
    tokio::task::JoinHandle<()>,
) {
    demo_server_with(|c| c.trusted_proxies = vec!["127.0.0.1".parse().unwrap()]).await
}

pub async fn demo_server_with(
    configure: impl FnOnce(&mut HttpConfig),
) -> (
    TestSqlite,
    String,
    tokio::sync::oneshot::Sender<()>,
    tokio::task::JoinHandle<()>,
) {
    let db = TestSqlite::new();
    let opened = db.open().await;
    demo::seed(opened.store.as_ref(), PASSWORD).await.unwrap();
    let (base, stop, task) = serve_with(opened, configure).await;
    (db, base, stop, task)
}

/// A form call to a server function as if from the client at `address` (behind the
/// trusted proxy of `demo_server_behind_proxy`).
pub async fn call_from(
    client: &Client,
    base: &str,
    address: &str,
    endpoint: &str,
    form: &[(&str, &str)],
) -> (StatusCode, String) {
    let response = client
        .post(format!("{base}/api/{endpoint}"))
        .header(header::ACCEPT, "application/json")
        .header("x-forwarded-for", address)
        .form(form)
        .send()
        .await
        .unwrap();
    (response.status(), response.text().await.unwrap())
}
