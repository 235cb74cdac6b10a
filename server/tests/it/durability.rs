//! An acknowledged post is never lost: the real `samskap` binary is killed with SIGKILL
//! while twenty phones post, started again on the same database, and every card it
//! acknowledged is there. On SQLite (WAL, synchronous FULL) and on PostgreSQL
//! (`synchronous_commit = on`).

use crate::support::board::{board_json, join};
use crate::support::http::{client, login, PASSWORD};
use crate::support::{TestPostgres, TestSqlite};
use reqwest::{header, Client, StatusCode};
use samskap_store::database_url::DatabaseUrl;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use uuid::Uuid;

const PHONES: usize = 20;
/// Acknowledged posts before the kill; each phone may post 10 a minute, so the phones
/// are still posting when it comes.
const KILL_AFTER: usize = 60;

struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts the binary on a free port and waits until it answers.
async fn start(url: &DatabaseUrl) -> Server {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(env!("CARGO_BIN_EXE_samskap"))
        .env("DATABASE_URL", url.secret())
        .env("SAMSKAP_LOG", "warn")
        .args(["--listen", &format!("127.0.0.1:{port}"), "--demo"])
        .args(["--demo-password", PASSWORD])
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start samskap");
    let server = Server {
        child,
        base: format!("http://127.0.0.1:{port}"),
    };
    let probe = Client::new();
    let mut server = server;
    for _ in 0..600 {
        if let Some(status) = server.child.try_wait().unwrap() {
            panic!("samskap exited at start-up: {status}");
        }
        if let Ok(response) = probe.get(format!("{}/readyz", server.base)).send().await {
            if response.status() == StatusCode::OK {
                return server;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("samskap did not become ready on {} in 60 s", server.base);
}

/// Posts until the server stops answering or the phone's allowance is spent; returns
/// the ids of the cards the server acknowledged.
async fn keep_posting(
    phone: Client,
    base: String,
    board: Uuid,
    n: usize,
    acked: Arc<Mutex<Vec<Uuid>>>,
) {
    for i in 0.. {
        let sent = phone
            .post(format!("{base}/api/cards/post"))
            .header(header::ACCEPT, "application/json")
            .form(&[
                ("board_id", board.to_string()),
                ("kind", "insight".to_string()),
                ("body", format!("Telefon {n} melder {i}")),
            ])
            .send()
            .await;
        let Ok(response) = sent else { return };
        if response.status() != StatusCode::OK {
            return;
        }
        // An acknowledgement is the whole answer with the stored card.
        let Ok(body) = response.text().await else {
            return;
        };
        let card: serde_json::Value = serde_json::from_str(&body).expect("a card");
        let id = card["id"].as_str().unwrap().parse().unwrap();
        acked.lock().unwrap().push(id);
    }
}

async fn acknowledged_posts_survive_sigkill(url: &DatabaseUrl) {
    let mut server = start(url).await;
    let mut phones = Vec::new();
    let mut board = Uuid::nil();
    for n in 0..PHONES {
        let phone = client();
        board = join(&phone, &server.base, &format!("Telefon {n}")).await.0;
        phones.push(phone);
    }
    let acked = Arc::new(Mutex::new(Vec::new()));
    let posting: Vec<_> = phones
        .into_iter()
        .enumerate()
        .map(|(n, phone)| {
            tokio::spawn(keep_posting(
                phone,
                server.base.clone(),
                board,
                n,
                acked.clone(),
            ))
        })
        .collect();
    tokio::time::timeout(Duration::from_secs(30), async {
        while acked.lock().unwrap().len() < KILL_AFTER {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
    })
    .await
    .expect("the phones got their posts acknowledged");
    server.child.kill().expect("SIGKILL");
    server.child.wait().unwrap();
    for task in posting {
        task.await.unwrap();
    }
    let acked = acked.lock().unwrap().clone();
    assert!(acked.len() >= KILL_AFTER);

    let server = start(url).await;
    let staff = client();
    login(&staff, &server.base, "fasilitator@halden.demo").await;
    let cards = board_json(&staff, &server.base, board).await["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().parse::<Uuid>().unwrap())
        .collect::<Vec<_>>();
    let lost: Vec<_> = acked.iter().filter(|id| !cards.contains(id)).collect();
    assert!(
        lost.is_empty(),
        "{} of {} acknowledged posts lost",
        lost.len(),
        acked.len()
    );
}

#[tokio::test]
async fn sqlite_keeps_every_acknowledged_post_through_sigkill() {
    let db = TestSqlite::new();
    acknowledged_posts_survive_sigkill(&db.url).await;
}

#[tokio::test]
async fn postgres_keeps_every_acknowledged_post_through_sigkill() {
    let db = TestPostgres::new().await;
    acknowledged_posts_survive_sigkill(&db.url).await;
    db.drop_db().await;
}
