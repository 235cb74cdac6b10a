//! Which wasm bundle a page loads: the participant's for everyone not signed in, the
//! staff's for signed-in staff (and for anything that is not a page request).
use crate::support::board::join;
use crate::support::http::{client, demo_server_with, login};
use reqwest::header;

/// A browser's `Accept` for a page.
const HTML: &str = "text/html,application/xhtml+xml,*/*;q=0.8";

/// The page at `path` as `client` gets it (any status but a server error).
async fn page(client: &reqwest::Client, base: &str, path: &str, accept: &str) -> String {
    let response = client
        .get(format!("{base}{path}"))
        .header(header::ACCEPT, accept)
        .send()
        .await
        .unwrap();
    let status = response.status();
    assert!(!status.is_server_error(), "{path}: {status}");
    response.text().await.unwrap()
}

#[tokio::test]
async fn phones_get_the_participants_bundle_and_staff_the_full_one() {
    let (_db, base, _stop, _task) = demo_server_with(|config| {
        let mut participant = config.leptos_options.clone();
        participant.output_name = "participant".into();
        config.participant_bundle = Some(participant);
    })
    .await;
    let phone = client();
    let (board, _) = join(&phone, &base, "Pia").await;
    let board_page = format!("/boards/{board}");
    let projector = format!("{board_page}/projector");
    let pages = ["/", "/join", "/receipt", "/privacy", "/no/such/page"];
    for path in pages
        .iter()
        .copied()
        .chain([board_page.as_str(), projector.as_str()])
    {
        let body = page(&phone, &base, path, HTML).await;
        assert!(body.contains("/pkg/participant.js"), "{path}: {body}");
        assert!(
            !body.contains("/pkg/samskap.js"),
            "{path} loads the staff's bundle"
        );
        // No island the participant's bundle lacks, and no staff part of the board's.
        for staff_only in [
            "LiveAggregate",
            "LiveDiversity",
            "class=\"controls\"",
            "class=\"join-code\"",
        ] {
            assert!(!body.contains(staff_only), "{path} shows {staff_only}");
        }
    }
    assert!(page(&phone, &base, &board_page, HTML)
        .await
        .contains("BoardLive"));

    let staff = client();
    login(&staff, &base, "fasilitator@halden.demo").await;
    for path in [
        "/",
        "/join",
        "/p/halden-sentrum/workshops",
        board_page.as_str(),
    ] {
        let body = page(&staff, &base, path, HTML).await;
        assert!(body.contains("/pkg/samskap.js"), "{path}: {body}");
        assert!(!body.contains("/pkg/participant.js"), "{path} for staff");
    }
    // The facilitator's board has the parts the participant's bundle leaves out.
    let body = page(&staff, &base, &board_page, HTML).await;
    assert!(body.contains("class=\"controls\"") && body.contains("class=\"join-code\""));

    // Not a browser's page request: the session is not read, and the full bundle runs
    // whatever page this is.
    let body = page(&phone, &base, "/join", "*/*").await;
    assert!(body.contains("/pkg/samskap.js"), "{body}");
}
