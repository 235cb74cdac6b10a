//! Two installations, each with its own database, exchange their library feeds over real
//! HTTP: one subscribes to the other's feed and searches its entries beside its own;
//! a feed that times out, one that is malformed, one too large and one inside the
//! network are refused with a clear reason and break nothing; a fetch that fails keeps
//! what was fetched before.
use crate::support::http::*;
use reqwest::{Client, StatusCode};
use samskap_app::error::AppError;
use samskap_app::library::search::SearchResults;
use samskap_app::server::feeds::FeedFetcher;
use samskap_app::server::throttle::SEARCHES_PER_MINUTE;
use samskap_domain::library::subscription::{FeedProblem, MAX_FEED_BYTES};
use samskap_server::feed_client::FeedClient;
use std::sync::Arc;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const LEAD: &str = "leder@halden.demo";
const CORE: &str = "kjerneteam@halden.demo";

async fn staff_search(c: &Client, base: &str, text: &str) -> SearchResults {
    crate::library_api::search(c, base, "library/search", &[("text", text)]).await
}

/// A one-connection-at-a-time server answering every request with `answer` (raw HTTP),
/// or, for `None`, accepting and never answering.
async fn fake_feed(answer: Option<Vec<u8>>) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut request = [0u8; 4096];
            let _ = socket.read(&mut request).await;
            match &answer {
                Some(bytes) => {
                    let _ = socket.write_all(bytes).await;
                    let _ = socket.shutdown().await;
                }
                None => held.push(socket),
            }
        }
    });
    format!("http://{address}/feed.json")
}

fn ok_json(body: &[u8]) -> Vec<u8> {
    let mut answer = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    answer.extend_from_slice(body);
    answer
}

async fn refused(c: &Client, base: &str, url: &str) -> AppError {
    let (code, body) = call(
        c,
        base,
        "library/feeds/add",
        &[("programme", "halden-sentrum"), ("url", url)],
    )
    .await;
    assert!(!code.is_success(), "{url}: {code} {body}");
    error_of(&body)
}

#[tokio::test]
async fn two_installations_exchange_feeds_and_bad_feeds_break_nothing() {
    // Elsewhere: its own database, its own shared entry with a word only it has.
    let (_db_b, elsewhere, stop_b, task_b) = demo_server().await;
    let b_lead = signed_in(&elsewhere, LEAD).await;
    let measure = crate::library_api::ours(&b_lead, &elsewhere)
        .await
        .entries
        .into_iter()
        .find(|e| e.entry.facts.kind == samskap_domain::library::model::EntryKind::Measure)
        .expect("the demo's finished measure")
        .entry
        .source_id
        .to_string();
    let (code, body) = call(
        &b_lead,
        &elsewhere,
        "library/save",
        &[
            ("kind", "measure"),
            ("source_id", &measure),
            (
                "summary",
                "Fargerike refleksvester gjorde natteravnene synlige.",
            ),
            ("shared", "on"),
        ],
    )
    .await;
    assert_eq!(code, StatusCode::OK, "{body}");

    // Here: a second installation that may fetch from this machine.
    let (_db_a, here, _stop_a, _task_a) = demo_server_with(|c| {
        c.feeds = Some(Arc::new(FeedClient::new(true, None).unwrap()));
    })
    .await;
    let lead = signed_in(&here, LEAD).await;
    assert!(staff_search(&lead, &here, "refleksvester")
        .await
        .entries
        .is_empty());

    // The core team may not subscribe; the lead may.
    let core = signed_in(&here, CORE).await;
    let feed_url = format!("{elsewhere}/public/library/feed.json");
    assert_eq!(refused(&core, &here, &feed_url).await, AppError::Forbidden);
    let (code, body) = call(
        &lead,
        &here,
        "library/feeds/add",
        &[("programme", "halden-sentrum"), ("url", &feed_url)],
    )
    .await;
    assert_eq!(code, StatusCode::OK, "{body}");
    let feed_id = body.trim_matches('"').to_string();
    assert_eq!(
        refused(&lead, &here, &feed_url).await,
        AppError::AlreadySubscribed
    );

    // Its entries are searched with ours, with where they came from; the public search
    // and our own feed do not republish them.
    let found = staff_search(&lead, &here, "refleksvester").await;
    assert_eq!(found.entries.len(), 1, "{:?}", found.entries);
    let origin = elsewhere.trim_start_matches("http://");
    assert_eq!(found.entries[0].origin, origin);
    assert_eq!(found.entries[0].facts.title, "Natteravner i sentrum");
    let (_, body) = call(
        &client(),
        &here,
        "public/library",
        &[("text", "refleksvester")],
    )
    .await;
    assert!(serde_json::from_str::<SearchResults>(&body)
        .unwrap()
        .entries
        .is_empty());
    let ours = client()
        .get(format!("{here}/public/library/feed.json"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!ours.contains("refleksvester"));
    let subs = crate::library_api::ours(&lead, &here).await.subscriptions;
    assert_eq!(subs.len(), 1);
    assert_eq!(subs[0].url, feed_url);
    assert_eq!(subs[0].problem, None);
    let shared_there = subs[0].entries;
    assert!(
        shared_there >= 3,
        "the demo's two and the measure: {shared_there}"
    );

    // Bad feeds are refused with their reason, and nothing is subscribed.
    let slow = fake_feed(None).await;
    let malformed = fake_feed(Some(ok_json(b"<html>Not a feed</html>"))).await;
    let wrong = fake_feed(Some(ok_json(br#"{"schema":"other/9","entries":[]}"#))).await;
    let huge = fake_feed(Some(ok_json(&vec![b' '; MAX_FEED_BYTES + 1]))).await;
    let missing = fake_feed(Some(
        b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n".to_vec(),
    ))
    .await;
    let moved = fake_feed(Some(
        b"HTTP/1.1 302 Found\r\nlocation: http://169.254.169.254/\r\ncontent-length: 0\r\n\r\n"
            .to_vec(),
    ))
    .await;
    for (url, want) in [
        (slow.as_str(), FeedProblem::TimedOut),
        (&malformed, FeedProblem::Malformed),
        (&wrong, FeedProblem::WrongSchema),
        (&huge, FeedProblem::TooLarge),
        (&missing, FeedProblem::BadStatus(404)),
        (&moved, FeedProblem::BadStatus(302)),
        ("ftp://example.org/feed.json", FeedProblem::InvalidAddress),
    ] {
        assert_eq!(
            refused(&lead, &here, url).await,
            AppError::FeedRefused(want),
            "{url}"
        );
    }
    assert_eq!(
        crate::library_api::ours(&lead, &here)
            .await
            .subscriptions
            .len(),
        1
    );

    // The source stops sharing the entry: the next fetch replaces the entries whole.
    let (code, body) = call(
        &b_lead,
        &elsewhere,
        "library/save",
        &[
            ("kind", "measure"),
            ("source_id", &measure),
            ("summary", ""),
        ],
    )
    .await;
    assert_eq!(code, StatusCode::OK, "{body}");
    let (code, body) = call(
        &lead,
        &here,
        "library/feeds/fetch",
        &[("programme", "halden-sentrum"), ("feed_id", &feed_id)],
    )
    .await;
    assert_eq!(code, StatusCode::OK, "{body}");
    assert_eq!(body.trim(), (shared_there - 1).to_string());
    assert!(staff_search(&lead, &here, "refleksvester")
        .await
        .entries
        .is_empty());

    // The source goes down: the fetch is refused, noted, and the entries stay.
    stop_b.send(()).ok();
    // Stopped, its port closed (a fixed pause was a guess on a slow machine).
    tokio::time::timeout(std::time::Duration::from_secs(30), task_b)
        .await
        .expect("the other installation stops")
        .unwrap();
    let (code, body) = call(
        &lead,
        &here,
        "library/feeds/fetch",
        &[("programme", "halden-sentrum"), ("feed_id", &feed_id)],
    )
    .await;
    assert!(!code.is_success(), "{body}");
    assert_eq!(
        error_of(&body),
        AppError::FeedRefused(FeedProblem::Unreachable)
    );
    let subs = crate::library_api::ours(&lead, &here).await.subscriptions;
    assert_eq!(subs[0].problem, Some(FeedProblem::Unreachable));
    assert_eq!(subs[0].entries, shared_there - 1);
    let kept = staff_search(&lead, &here, "").await;
    assert!(kept.entries.iter().any(|e| e.origin == origin));

    // Unsubscribing takes its entries out of the library.
    let (code, body) = call(
        &lead,
        &here,
        "library/feeds/remove",
        &[("programme", "halden-sentrum"), ("feed_id", &feed_id)],
    )
    .await;
    assert_eq!(code, StatusCode::OK, "{body}");
    assert!(crate::library_api::ours(&lead, &here)
        .await
        .subscriptions
        .is_empty());
    let after = staff_search(&lead, &here, "").await;
    assert!(after.entries.iter().all(|e| e.origin.is_empty()));
}

#[tokio::test]
async fn a_feed_inside_the_network_is_refused_unless_allowed() {
    let url = fake_feed(Some(ok_json(b"{}"))).await;
    let port = url
        .split(':')
        .nth(2)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_string();
    let guarded = FeedClient::new(false, None).unwrap();
    for address in [
        url.clone(),
        // A name is refused when it resolves inside (on a web port: any other is
        // refused before it is resolved).
        "http://localhost/feed.json".to_string(),
        format!("http://[::1]:{port}/feed.json"),
        "http://169.254.169.254/latest/meta-data/".to_string(),
        "http://10.0.0.1/feed.json".to_string(),
        // Other spellings of 127.0.0.1, which the URL parser writes out.
        format!("http://2130706433:{port}/feed.json"),
        format!("http://0x7f.1:{port}/feed.json"),
        format!("http://[::ffff:127.0.0.1]:{port}/feed.json"),
    ] {
        assert_eq!(
            guarded.fetch(&address).await.unwrap_err(),
            FeedProblem::PrivateAddress,
            "{address}"
        );
    }
    // On the internet, only the web's own ports (refused before anything is sent).
    for address in [
        "https://93.184.215.14:8443/feed.json",
        "http://example.org:25/feed.json",
        "https://example.org:22/",
    ] {
        assert_eq!(
            guarded.fetch(address).await.unwrap_err(),
            FeedProblem::InvalidAddress,
            "{address}"
        );
    }
    // Allowed, the same address is fetched (and this one is not a feed).
    let open = FeedClient::new(true, None).unwrap();
    assert_eq!(open.fetch(&url).await.unwrap_err(), FeedProblem::Malformed);
    // The demo's exception is its own address and port, and nothing else of the network.
    let own: std::net::SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    let demo = FeedClient::new(false, Some(own)).unwrap();
    assert_eq!(demo.fetch(&url).await.unwrap_err(), FeedProblem::Malformed);
    for elsewhere in [
        format!("http://127.0.0.1:{}/feed.json", own.port() ^ 1),
        "http://localhost/feed.json".to_string(),
    ] {
        assert_eq!(
            demo.fetch(&elsewhere).await.unwrap_err(),
            FeedProblem::PrivateAddress,
            "{elsewhere}"
        );
    }
}

#[tokio::test]
async fn fetches_and_searches_are_limited() {
    let (_db, base, _stop, _task) = demo_server().await;
    let lead = signed_in(&base, LEAD).await;
    // Each fetch asked for is counted against the programme, even one that fails (here
    // every one: this server fetches no feeds).
    for n in 1..=10 {
        let got = refused(&lead, &base, "https://example.org/feed.json").await;
        assert!(
            matches!(got, AppError::FeedRefused(_)),
            "fetch {n}: {got:?}"
        );
    }
    assert_eq!(
        refused(&lead, &base, "https://example.org/feed.json").await,
        AppError::TooManyRequests
    );
    // Searches: 120 a minute from one network (the public search) or one account: a
    // burst of 120, and one more each half second it took (the bucket refills steadily,
    // and a loaded machine makes the burst slow).
    let anyone = client();
    let limit = (SEARCHES_PER_MINUTE, SEARCHES_PER_MINUTE, 1);
    let (code, body) =
        crate::support::until_refused(std::time::Instant::now(), limit, 0, || async {
            let answer = call(&anyone, &base, "public/library", &[("text", "lys")]).await;
            (answer.0 != StatusCode::OK).then_some(answer)
        })
        .await;
    assert_eq!(code, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert_eq!(error_of(&body), AppError::TooManyRequests);
    // Staff are counted by account, not by the network they share with the public.
    let (code, body) = call(&lead, &base, "library/search", &[("text", "lys")]).await;
    assert_eq!(code, StatusCode::OK, "{body}");
}
