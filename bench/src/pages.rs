//! `samskap-bench pages`: what a phone downloads to open the participant's board page
//! (HTML, CSS, JS and wasm as served, compressed), and the server-side rendering time of
//! a board page holding N cards; served in-process over real HTTP from a fresh SQLite
//! file, with the built site (`cargo leptos build --release`) as its static files.
use reqwest::{header, Client};
use samskap_domain::store::workshop_store::{AuthorRef, NewCard};
use samskap_domain::store::Store;
use samskap_domain::workshop::model::{CardKind, CardStatus};
use samskap_server::http::{router, HttpConfig};
use samskap_store::database_url::DatabaseUrl;
use std::path::Path;
use std::time::Instant;
use uuid::Uuid;

const PASSWORD: &str = "bench-passord-123";

pub async fn measure(cards: usize, repeat: usize, site_root: &Path) -> Result<(), String> {
    if !site_root.join("pkg").is_dir() {
        return Err(format!(
            "{}/pkg not found: build the site with `cargo leptos build --release` or pass --site-root",
            site_root.display()
        ));
    }
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let url = DatabaseUrl::parse(&format!("sqlite://{}/samskap.db", dir.path().display()))?;
    let opened = samskap_store::open(&url).await?;
    let store = opened.store.clone();
    samskap_server::demo::seed(store.as_ref(), PASSWORD)
        .await
        .map_err(|e| e.to_string())?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .map_err(|e| e.to_string())?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let options = leptos::config::LeptosOptions::builder()
        .output_name("samskap")
        .site_root(site_root.to_string_lossy().into_owned())
        .site_pkg_dir("pkg")
        .site_addr(addr)
        .build();
    let app = router(HttpConfig::new(options, opened));
    tokio::spawn(async move {
        let service = app.into_make_service_with_connect_info::<std::net::SocketAddr>();
        axum::serve(listener, service).await
    });
    let base = format!("http://{addr}");
    let phone = cookie_client()?;
    let board = join(&phone, &base).await?;
    page_weight(&phone, &base, board, site_root).await?;

    seed_cards(store.as_ref(), board, cards).await?;
    let staff = cookie_client()?;
    let login = staff
        .post(format!("{base}/api/auth/login"))
        .header(header::ACCEPT, "application/json")
        .form(&[("email", "fasilitator@halden.demo"), ("password", PASSWORD)])
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if !login.status().is_success() {
        return Err(format!("login: {}", login.status()));
    }
    println!("\nServer-side rendering of /boards/<id> with {cards} more cards ({repeat} requests each, uncompressed):\n");
    println!("| viewer | min ms | median ms | max ms | HTML KB |");
    println!("|---|---:|---:|---:|---:|");
    for (viewer, client) in [("facilitator", &staff), ("participant", &phone)] {
        let mut times = Vec::with_capacity(repeat);
        let mut size = 0;
        for _ in 0..repeat {
            let started = Instant::now();
            size = fetch(client, &format!("{base}/boards/{board}"), "identity").await?;
            times.push(started.elapsed());
        }
        crate::seeding::print_row(viewer, &mut times, size);
    }
    Ok(())
}

/// Without decompression (reqwest here has none), so sizes are as sent.
fn cookie_client() -> Result<Client, String> {
    Client::builder()
        .cookie_store(true)
        .build()
        .map_err(|e| e.to_string())
}

/// Joins the demo workshop; its first board.
async fn join(phone: &Client, base: &str) -> Result<Uuid, String> {
    let join = phone
        .post(format!("{base}/api/join/join"))
        .header(header::ACCEPT, "application/json")
        .form(&[
            ("code", "SENTRUM2"),
            ("consent", "yes"),
            ("nickname", "Måler"),
        ])
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if !join.status().is_success() {
        return Err(format!("join: {}", join.status()));
    }
    let lookup: serde_json::Value = phone
        .post(format!("{base}/api/join/lookup"))
        .header(header::ACCEPT, "application/json")
        .form(&[("code", "SENTRUM2")])
        .send()
        .await
        .map_err(|e| e.to_string())?
        .json()
        .await
        .map_err(|e| e.to_string())?;
    lookup["boards"][0][0]
        .as_str()
        .and_then(|id| id.parse().ok())
        .ok_or_else(|| format!("no board in {lookup}"))
}

/// Bytes of the body as sent with `encoding` (br, gzip or identity).
async fn fetch(client: &Client, url: &str, encoding: &str) -> Result<usize, String> {
    let response = client
        .get(url)
        .header(header::ACCEPT_ENCODING, encoding)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if !response.status().is_success() {
        return Err(format!("{url}: {}", response.status()));
    }
    Ok(response.bytes().await.map_err(|e| e.to_string())?.len())
}

/// The page and every /pkg/ file it links, in each encoding.
async fn page_weight(
    phone: &Client,
    base: &str,
    board: Uuid,
    site_root: &Path,
) -> Result<(), String> {
    let page = format!("{base}/boards/{board}");
    // The bundle's names carry a hash from hash.txt beside the server binary, which the
    // bench does not have; the files the site holds are the ones a browser gets.
    let pkg = std::fs::read_dir(site_root.join("pkg")).map_err(|e| e.to_string())?;
    let mut files: Vec<String> = pkg
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            [".wasm", ".js", ".css"]
                .iter()
                .any(|ext| name.ends_with(ext))
                .then(|| format!("/pkg/{name}"))
        })
        .collect();
    files.sort();
    files.dedup();
    println!("\nWhat a phone downloads to open the participant's board page (the demo board):\n");
    println!("| file | brotli KB | gzip KB | uncompressed KB |");
    println!("|---|---:|---:|---:|");
    let mut totals = [0usize; 3];
    let urls = std::iter::once(("page HTML".to_string(), page.clone()))
        .chain(files.iter().map(|f| (f.clone(), format!("{base}{f}"))));
    for (name, url) in urls {
        let mut sizes = [0usize; 3];
        for (size, encoding) in sizes.iter_mut().zip(["br", "gzip", "identity"]) {
            *size = fetch(phone, &url, encoding).await?;
        }
        for (total, size) in totals.iter_mut().zip(sizes) {
            *total += size;
        }
        let kb = |b: usize| b as f64 / 1024.0;
        println!(
            "| {name} | {:.1} | {:.1} | {:.1} |",
            kb(sizes[0]),
            kb(sizes[1]),
            kb(sizes[2])
        );
    }
    let kb = |b: usize| b as f64 / 1024.0;
    println!(
        "| **total** | **{:.1}** | **{:.1}** | **{:.1}** |",
        kb(totals[0]),
        kb(totals[1]),
        kb(totals[2])
    );
    Ok(())
}

async fn seed_cards(store: &dyn Store, board: Uuid, cards: usize) -> Result<(), String> {
    let (staff, _) = store
        .account_with_hash("fasilitator@halden.demo")
        .await
        .map_err(|e| e.to_string())?
        .ok_or("no facilitator")?;
    let kinds = [CardKind::Insight, CardKind::Idea];
    for n in 0..cards {
        store
            .post_card(NewCard {
                board_id: board,
                kind: kinds[n % kinds.len()],
                body: format!("Kort {n}: det trengs flere benker og lys langs elva, og et sted å være etter skolen"),
                focus_area_id: None,
                author: AuthorRef::User(staff.id),
                status: CardStatus::Visible,
                moderation_note: String::new(),
                client_key: None,
            })
            .await
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}
