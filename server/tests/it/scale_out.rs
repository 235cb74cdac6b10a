//! Two server instances on one PostgreSQL database, each with its own bus: a post
//! through one reaches the other's subscribers, presence adds up across them, and a
//! subscriber whose instance stops resumes on the other without a gap or a repeat.

use crate::support::board::{join, post};
use crate::support::http::{client, login, serve, PASSWORD};
use crate::support::sse::{event_ids, read_to_end, read_until, subscribe};
use crate::support::TestPostgres;
use reqwest::StatusCode;
use samskap_app::server::bus::Viewer;
use samskap_app::server::context::AppContext;
use samskap_server::{demo, fanout};
use sqlx::Connection;
use tokio_util::sync::CancellationToken;

#[tokio::test]
async fn two_instances_share_live_boards() {
    let db = TestPostgres::new().await;
    let first = db.open().await;
    demo::seed(first.store.as_ref(), PASSWORD).await.unwrap();
    let (a, stop_a, task_a) = serve(first).await;
    let (b, _stop_b, _task_b) = serve(db.open().await).await;

    let phone = client();
    let (board, _) = join(&phone, &a, "Phone on A").await;
    let staff = client();
    login(&staff, &b, "fasilitator@halden.demo").await;
    let mut projector = subscribe(&staff, &b, board, None).await;
    let mut on_b = String::new();
    read_until(&mut projector, &mut on_b, "\"participants\":0").await;

    let mut phone_stream = subscribe(&phone, &a, board, None).await;
    read_until(&mut projector, &mut on_b, "\"participants\":1").await;

    let (status, body) = post(&phone, &a, board, "insight", "Benker ved elva").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    read_until(&mut projector, &mut on_b, "Benker ved elva").await;
    let mut on_a = String::new();
    read_until(&mut phone_stream, &mut on_a, "Benker ved elva").await;

    // A shuts down: its streams end instead of holding the shutdown up, and the
    // projector on B stops counting A's phone.
    stop_a.send(()).unwrap();
    read_to_end(&mut phone_stream, &mut on_a).await;
    task_a.await.unwrap();
    read_until(&mut projector, &mut on_b, "\"participants\":0").await;
    let last = *event_ids(&on_a).last().expect("the phone saw an event id");

    // While the phone is away, others post through B.
    let other = client();
    join(&other, &b, "Phone on B").await;
    for text in ["Lys i smuget", "Mer grønt på torget"] {
        let (status, body) = post(&other, &b, board, "insight", text).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }

    // The phone reconnects to B where it left off.
    let mut resumed = subscribe(&phone, &b, board, Some(last)).await;
    let mut after = String::new();
    read_until(&mut resumed, &mut after, "Mer grønt på torget").await;
    let ids = event_ids(&after);
    assert_eq!(
        ids,
        vec![last + 1, last + 2],
        "no gap and no repeat: {after}"
    );
    assert!(after.find("Lys i smuget") < after.find("Mer grønt på torget"));
    assert!(
        !after.contains("Benker ved elva"),
        "nothing seen is sent again"
    );
    db.drop_db().await;
}

/// A test round's feedback changed through one instance: the other's followers hear.
#[tokio::test]
async fn feedback_changes_reach_the_other_instance() {
    let db = TestPostgres::new().await;
    let first = db.open().await;
    demo::seed(first.store.as_ref(), PASSWORD).await.unwrap();
    let other = db.open().await;
    let context = AppContext::new(other.store.clone(), false, Default::default());
    let shutdown = CancellationToken::new();
    fanout::spawn(
        context.clone(),
        other.fanout.unwrap().into(),
        shutdown.clone(),
    );
    let admin_url = db.url.secret().to_string();
    let mut conn = sqlx::PgConnection::connect(&admin_url).await.unwrap();
    let round: uuid::Uuid = sqlx::query_scalar("SELECT round_id FROM feedback LIMIT 1")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    let mut following = context.bus.subscribe(round, Viewer::Staff);
    // The listener starts in the background: change the feedback until it is heard
    // (a change made before it listens is not told).
    let mut heard = false;
    for _ in 0..30 {
        sqlx::query("UPDATE feedback SET rating = rating WHERE round_id = $1")
            .bind(round)
            .execute(&mut conn)
            .await
            .unwrap();
        let wait = std::time::Duration::from_millis(300);
        if let Ok(received) = tokio::time::timeout(wait, following.events.recv()).await {
            received.expect("the subscription is open");
            heard = true;
            break;
        }
    }
    assert!(heard, "the other instance's follower heard nothing");
    shutdown.cancel();
    conn.close().await.ok();
    db.drop_db().await;
}
