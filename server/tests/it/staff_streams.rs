//! Open staff event streams end when their account loses access (deactivated, removed
//! from the programme), at once when the change is made through this instance and
//! within the recheck interval when it is made elsewhere (another instance); a
//! participant's and another member's streams go on.

use crate::support::board::{join, post};
use crate::support::http::*;
use crate::support::sse::{read_to_end, read_until, subscribe};
use reqwest::{Client, StatusCode};
use samskap_domain::store::Store;
use samskap_server::stream_limits::StreamLimits;
use std::time::Duration;
use uuid::Uuid;

async fn account_id(store: &dyn Store, email: &str) -> Uuid {
    store.account_with_hash(email).await.unwrap().unwrap().0.id
}

/// A test round of the demo programme.
async fn a_round(store: &dyn Store) -> Uuid {
    let programme = crate::support::first_programme(store).await.id;
    let prototypes: Vec<Uuid> = store
        .prototypes(programme)
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.id)
        .collect();
    store.rounds_of(&prototypes).await.unwrap()[0].id
}

async fn round_stream(client: &Client, base: &str, round: Uuid) -> reqwest::Response {
    let response = client
        .get(format!("{base}/events/rounds/{round}"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    response
}

/// Whether the stream is still open after `wait`: no end and no error in that time.
async fn still_open(response: &mut reqwest::Response, wait: Duration) -> bool {
    tokio::time::timeout(wait, async {
        while let Ok(Some(_)) = response.chunk().await {}
    })
    .await
    .is_err()
}

#[tokio::test]
async fn a_staff_stream_ends_when_its_account_loses_access_here() {
    let (db, base, _stop, _task) = demo_server().await;
    let store = db.open().await.store;
    let lead = signed_in(&base, "leder@halden.demo").await;
    let facilitator = signed_in(&base, "fasilitator@halden.demo").await;
    let core = signed_in(&base, "kjerneteam@halden.demo").await;
    let phone = client();
    let (board, _) = join(&phone, &base, "Ada").await;
    let round = a_round(store.as_ref()).await;

    let mut facilitator_board = subscribe(&facilitator, &base, board, None).await;
    let mut facilitator_round = round_stream(&facilitator, &base, round).await;
    let mut core_board = subscribe(&core, &base, board, None).await;
    let mut core_round = round_stream(&core, &base, round).await;
    let mut phone_board = subscribe(&phone, &base, board, None).await;
    let mut seen = String::new();
    read_until(&mut facilitator_board, &mut seen, "presence").await;

    let id = account_id(store.as_ref(), "fasilitator@halden.demo")
        .await
        .to_string();
    let (status, body) = call(
        &lead,
        &base,
        "accounts/active",
        &[
            ("programme", "halden-sentrum"),
            ("id", &id),
            ("active", "false"),
        ],
    )
    .await;
    assert!(status.is_success(), "{status} {body}");
    // Well inside the 30 s recheck: only the change's own signal ends them this soon.
    read_to_end(&mut facilitator_board, &mut seen).await;
    read_to_end(&mut facilitator_round, &mut String::new()).await;
    let again = facilitator
        .get(format!("{base}/events/boards/{board}"))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::UNAUTHORIZED);

    // Another member's stream and the phone's go on.
    post(&phone, &base, board, "insight", "Benker ved elva").await;
    read_until(&mut core_board, &mut String::new(), "Benker ved elva").await;
    read_until(&mut phone_board, &mut String::new(), "Benker ved elva").await;

    let core_id = account_id(store.as_ref(), "kjerneteam@halden.demo")
        .await
        .to_string();
    let (status, body) = call(
        &lead,
        &base,
        "accounts/remove",
        &[("programme", "halden-sentrum"), ("id", &core_id)],
    )
    .await;
    assert!(status.is_success(), "{status} {body}");
    read_to_end(&mut core_board, &mut String::new()).await;
    read_to_end(&mut core_round, &mut String::new()).await;
    assert!(still_open(&mut phone_board, Duration::from_millis(500)).await);
}

#[tokio::test]
async fn a_changed_password_ends_the_other_devices_streams() {
    let (_db, base, _stop, _task) = demo_server().await;
    let (laptop, phone) = (client(), client());
    login(&laptop, &base, "fasilitator@halden.demo").await;
    login(&phone, &base, "fasilitator@halden.demo").await;
    let participant = client();
    let (board, _) = join(&participant, &base, "Ada").await;
    let mut on_phone = subscribe(&phone, &base, board, None).await;
    read_until(&mut on_phone, &mut String::new(), "presence").await;

    let new = "et nytt og langt passord";
    let (status, body) = call(
        &laptop,
        &base,
        "account/password",
        &[("current", PASSWORD), ("new", new), ("repeat", new)],
    )
    .await;
    assert!(
        status.is_success() || status.is_redirection(),
        "{status} {body}"
    );
    read_to_end(&mut on_phone, &mut String::new()).await;
    // The device that changed it goes on in its new session.
    let mut on_laptop = subscribe(&laptop, &base, board, None).await;
    read_until(&mut on_laptop, &mut String::new(), "presence").await;
    let again = phone
        .get(format!("{base}/events/boards/{board}"))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_staff_stream_ends_when_its_account_loses_access_elsewhere() {
    let recheck = Duration::from_secs(1);
    let (db, base, _stop, _task) = demo_server_with(|config| {
        config.stream_limits = StreamLimits::default().with_staff_recheck(recheck);
    })
    .await;
    let store = db.open().await.store;
    let facilitator = signed_in(&base, "fasilitator@halden.demo").await;
    let phone = client();
    let (board, _) = join(&phone, &base, "Ada").await;
    let mut stream = subscribe(&facilitator, &base, board, None).await;
    let mut seen = String::new();
    read_until(&mut stream, &mut seen, "presence").await;
    assert!(
        still_open(&mut stream, recheck * 3).await,
        "an account that keeps its access keeps its stream: {seen}"
    );

    // As another instance on the same database would: no signal reaches this one.
    let id = account_id(store.as_ref(), "fasilitator@halden.demo").await;
    store.set_active(id, false).await.unwrap();
    read_to_end(&mut stream, &mut seen).await;
}
