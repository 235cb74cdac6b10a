//! Which wasm bundle a page loads: the participant's for everyone not signed in, the
//! staff's for signed-in staff (and for anything that is not a page request).
use crate::support::http::{client, demo_server_with, login};
use reqwest::header;

/// The page at `path` as `client` gets it, asking for HTML as a browser does.
async fn page(client: &reqwest::Client, base: &str, path: &str, accept: &str) -> String {
    let response = client
        .get(format!("{base}{path}"))
        .header(header::ACCEPT, accept)
        .send()
        .await
        .unwrap();
    assert!(
        response.status().is_success(),
        "{path}: {}",
        response.status()
    );
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
    let html = "text/html,application/xhtml+xml,*/*;q=0.8";
    let phone = client();
    for path in ["/", "/join", "/receipt", "/privacy"] {
        let body = page(&phone, &base, path, html).await;
        assert!(body.contains("/pkg/participant.js"), "{path}: {body}");
        assert!(
            !body.contains("/pkg/samskap.js"),
            "{path} loads the staff's bundle"
        );
    }

    let staff = client();
    login(&staff, &base, "fasilitator@halden.demo").await;
    for path in ["/", "/join", "/workshops"] {
        let body = page(&staff, &base, path, html).await;
        assert!(body.contains("/pkg/samskap.js"), "{path}: {body}");
        assert!(!body.contains("/pkg/participant.js"), "{path} for staff");
    }

    // Not a browser's page request: the session is not read, and the full bundle runs
    // whatever page this is.
    let body = page(&phone, &base, "/join", "*/*").await;
    assert!(body.contains("/pkg/samskap.js"), "{body}");
}
