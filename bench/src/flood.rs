//! The hostile load of `--flood`, run beside the posting: nine participants upload a
//! 7000×7000 RGBA PNG each, all at once and again until the posting ends, and one
//! client streams a 1 GB multipart body without signing in, again and again. What the
//! server answered and how much of each stream it read before answering are counted.
use reqwest::{header, Client};
use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Participants uploading at once.
pub const UPLOADERS: usize = 9;
/// Side of each uploaded image, in pixels.
pub const SIDE: u32 = 7000;
/// Size of the unauthenticated stream.
const STREAM_BYTES: u64 = 1 << 30;
const BOUNDARY: &str = "samskapbenchboundary";

/// What to flood a server with: its base URL, the uploaders with their cards, the PNG.
pub struct Flood {
    pub base: String,
    pub uploaders: Vec<(Client, String)>,
    pub png: Vec<u8>,
}

/// What the flood saw.
#[derive(Default)]
pub struct FloodReport {
    pub png_bytes: usize,
    /// Upload answers by status, and how long each took (ms).
    pub uploads: BTreeMap<String, usize>,
    pub upload_ms: Vec<f64>,
    /// Unauthenticated streams: the answer's status line, bytes sent before it.
    pub streams: BTreeMap<String, usize>,
    pub stream_sent_max: u64,
    pub stream_ms: Vec<f64>,
}

/// A 7000×7000 RGBA PNG: smooth enough to stay under the 10 MB upload limit, and
/// 196 MB once decoded.
pub fn big_png() -> Result<Vec<u8>, String> {
    let image = image::RgbaImage::from_fn(SIDE, SIDE, |x, y| {
        image::Rgba([(x / 28) as u8, (y / 28) as u8, ((x + y) / 56) as u8, 255])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    image
        .write_to(&mut out, image::ImageFormat::Png)
        .map_err(|e| e.to_string())?;
    let bytes = out.into_inner();
    if bytes.len() > 10 * 1024 * 1024 {
        return Err(format!("the test PNG is {} bytes, over 10 MB", bytes.len()));
    }
    Ok(bytes)
}

/// Joins `UPLOADERS` participants and posts a card for each; their clients and cards.
pub async fn prepare(base: &str, board: &str) -> Result<Vec<(Client, String)>, String> {
    let mut uploaders = Vec::new();
    for i in 0..UPLOADERS {
        let client = Client::builder()
            .cookie_store(true)
            .http1_only()
            .local_address(IpAddr::V4(Ipv4Addr::new(127, 0, 1, 2 + i as u8)))
            .build()
            .map_err(|e| e.to_string())?;
        let nickname = format!("opplaster {i}");
        let joined = client
            .post(format!("{base}/api/join/join"))
            .header(header::ACCEPT, "application/json")
            .form(&[
                ("code", crate::samskap::JOIN_CODE),
                ("consent", "yes"),
                ("nickname", &nickname),
            ])
            .send()
            .await
            .map_err(|e| e.to_string())?;
        if !joined.status().is_success() {
            return Err(format!("flood join: {}", joined.status()));
        }
        let posted = client
            .post(format!("{base}/api/cards/post"))
            .header(header::ACCEPT, "application/json")
            .form(&[("board_id", board), ("kind", "insight"), ("body", "bilde")])
            .send()
            .await
            .map_err(|e| e.to_string())?;
        let card: serde_json::Value = posted.json().await.map_err(|e| e.to_string())?;
        let id = card["id"]
            .as_str()
            .ok_or_else(|| format!("flood post: {card}"))?
            .to_string();
        uploaders.push((client, id));
    }
    Ok(uploaders)
}

/// Runs the flood until `deadline`.
pub async fn run(flood: Flood, deadline: Instant) -> FloodReport {
    let Flood {
        base,
        uploaders,
        png,
    } = flood;
    let mut report = FloodReport {
        png_bytes: png.len(),
        ..FloodReport::default()
    };
    let png = std::sync::Arc::new(png);
    let mut tasks = Vec::new();
    for (client, card) in uploaders {
        let (base, png) = (base.clone(), png.clone());
        tasks.push(tokio::spawn(async move {
            let mut seen = Vec::new();
            while Instant::now() < deadline {
                let started = Instant::now();
                let status = upload(&client, &base, &card, &png).await;
                seen.push((status, started.elapsed().as_secs_f64() * 1000.0));
                if seen.last().is_some_and(|(s, _)| s == "429") {
                    tokio::time::sleep(Duration::from_secs(2)).await;
                }
            }
            seen
        }));
    }
    let stream_task = tokio::spawn({
        let base = base.clone();
        async move {
            let mut seen = Vec::new();
            while Instant::now() < deadline {
                let started = Instant::now();
                let (status, sent) = stream_unauthenticated(&base).await;
                seen.push((status, sent, started.elapsed().as_secs_f64() * 1000.0));
            }
            seen
        }
    });
    for task in tasks {
        for (status, ms) in task.await.unwrap_or_default() {
            *report.uploads.entry(status).or_default() += 1;
            report.upload_ms.push(ms);
        }
    }
    for (status, sent, ms) in stream_task.await.unwrap_or_default() {
        *report.streams.entry(status).or_default() += 1;
        report.stream_sent_max = report.stream_sent_max.max(sent);
        report.stream_ms.push(ms);
    }
    report
}

async fn upload(client: &Client, base: &str, card: &str, png: &[u8]) -> String {
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"card_id\"\r\n\r\n{card}\r\n\
         --{BOUNDARY}\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"stor.png\"\r\n\
         Content-Type: image/png\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(png);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    match client
        .post(format!("{base}/api/photos/card"))
        .header(header::ACCEPT, "application/json")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(body)
        .send()
        .await
    {
        Ok(response) => response.status().as_u16().to_string(),
        Err(err) => format!("error: {err}"),
    }
}

/// Streams up to 1 GB of multipart (a made-up card id, then "photo" bytes) chunked,
/// with no session or participant cookie, until the server answers or closes; the
/// status line and the bytes sent before that.
async fn stream_unauthenticated(base: &str) -> (String, u64) {
    let address = base.trim_start_matches("http://");
    let Ok(mut socket) = tokio::net::TcpStream::connect(address).await else {
        return ("connect failed".into(), 0);
    };
    let head = format!(
        "POST /api/photos/card HTTP/1.1\r\nHost: {address}\r\nAccept: application/json\r\n\
         Content-Type: multipart/form-data; boundary={BOUNDARY}\r\nTransfer-Encoding: chunked\r\n\r\n"
    );
    if socket.write_all(head.as_bytes()).await.is_err() {
        return ("write failed".into(), 0);
    }
    let first = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"card_id\"\r\n\r\n{}\r\n\
         --{BOUNDARY}\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"x.png\"\r\n\r\n",
        uuid::Uuid::new_v4()
    );
    let filler = vec![b'P'; 64 * 1024];
    let (mut reader, mut writer) = socket.into_split();
    let answer = tokio::spawn(async move {
        let mut buf = vec![0u8; 4096];
        let n = reader.read(&mut buf).await.unwrap_or(0);
        String::from_utf8_lossy(&buf[..n])
            .lines()
            .next()
            .unwrap_or("closed")
            .to_string()
    });
    let mut sent = 0u64;
    let chunk = |data: &[u8]| {
        let mut out = format!("{:x}\r\n", data.len()).into_bytes();
        out.extend_from_slice(data);
        out.extend_from_slice(b"\r\n");
        out
    };
    if writer.write_all(&chunk(first.as_bytes())).await.is_ok() {
        sent += first.len() as u64;
        let piece = chunk(&filler);
        while sent < STREAM_BYTES && !answer.is_finished() {
            if writer.write_all(&piece).await.is_err() {
                break;
            }
            sent += filler.len() as u64;
        }
    }
    let status = tokio::time::timeout(Duration::from_secs(30), answer)
        .await
        .ok()
        .and_then(Result::ok)
        .unwrap_or_else(|| "no answer".into());
    (status, sent)
}

/// The flood's lines of the report.
pub fn print(report: &FloodReport) {
    let median = |v: &[f64]| {
        let mut v = v.to_vec();
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
    };
    println!(
        "flood: {UPLOADERS} participants uploading a {SIDE}×{SIDE} RGBA PNG ({:.1} MB) at once, repeatedly",
        report.png_bytes as f64 / 1e6
    );
    println!(
        "  uploads by status: {:?}; median {:.0} ms, slowest {:.0} ms",
        report.uploads,
        median(&report.upload_ms),
        report.upload_ms.iter().copied().fold(0.0, f64::max)
    );
    println!(
        "  unauthenticated 1 GB multipart streams: {:?}; at most {:.1} MB sent before the answer; median {:.0} ms to it",
        report.streams,
        report.stream_sent_max as f64 / 1e6,
        median(&report.stream_ms)
    );
}
