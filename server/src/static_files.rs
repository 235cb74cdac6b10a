//! The site's built files under `/pkg/` (the app's JavaScript, wasm and CSS) and how
//! long browsers keep them and the pages: hashed bundle names are kept for a year, so a
//! phone that comes back to a workshop downloads only the page.
use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use axum::Router;
use leptos::config::LeptosOptions;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower_http::services::ServeDir;

/// Files whose names carry their content's hash never change: a year, never revalidated.
pub const HASHED: &str = "public, max-age=31536000, immutable";
/// Bundle files with fixed names (a build without `hash-files`): asked again every time.
pub const UNHASHED: &str = "public, no-cache";
/// Everything else (pages, API answers, event streams) is the caller's own and current:
/// kept by no shared cache, revalidated on every use. (Exports say `no-store`, photos
/// `private, max-age=86400`.)
pub const PRIVATE: &str = "private, no-cache";

/// `/pkg/…` served from the site's `pkg` directory, the precompressed `.br` or `.gz`
/// beside a file preferred when the browser takes it (a release build writes them).
pub fn routes<S: Clone + Send + Sync + 'static>(
    options: &LeptosOptions,
    hashes: Vec<String>,
) -> Router<S> {
    let dir = Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    // Searched for in each file name; made once, not per request.
    let hashed: Arc<[String]> = hashes.iter().map(|hash| format!(".{hash}.")).collect();
    Router::new()
        .nest_service(
            &format!("/{}", options.site_pkg_dir),
            ServeDir::new(dir).precompressed_br().precompressed_gzip(),
        )
        .layer(axum::middleware::from_fn(
            move |req: Request, next: Next| {
                let hashed = hashed.clone();
                async move {
                    let name = req.uri().path().rsplit('/').next().unwrap_or_default();
                    let cache = if hashed.iter().any(|needle| name.contains(needle.as_str())) {
                        HASHED
                    } else {
                        UNHASHED
                    };
                    let mut response = next.run(req).await;
                    let found = response.status().is_success()
                        || response.status() == axum::http::StatusCode::NOT_MODIFIED;
                    let headers = response.headers_mut();
                    if found {
                        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
                    }
                    // A shared cache must not hand the brotli copy to a browser without brotli.
                    headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
                    response
                }
            },
        ))
}

/// The hashes `hash.txt` names (`js: …`, `wasm: …`, `css: …`): only files carrying
/// one of them are kept a year.
pub fn hashes_beside_exe() -> Vec<String> {
    let lines = std::env::current_exe().and_then(|exe| hash_lines(&exe));
    lines
        .unwrap_or_default()
        .into_iter()
        .map(|(_, hash)| hash)
        .collect()
}

/// `(kind, hash)` for each line of the `hash.txt` beside `exe` (`js: …`, `wasm: …`,
/// `css: …`, …).
fn hash_lines(exe: &Path) -> std::io::Result<Vec<(String, String)>> {
    Ok(std::fs::read_to_string(hash_file_beside(exe))?
        .lines()
        .filter_map(|line| line.split_once(':'))
        .map(|(kind, hash)| (kind.trim().to_string(), hash.trim().to_string()))
        .filter(|(_, hash)| !hash.is_empty())
        .collect())
}

/// For a hashed build: that the bundle `hash.txt` names is in the site directory (a
/// debug and a release build share `target/site`, each with its own `hash.txt`, and
/// the last build wins). Without it every page loads without script and style, which
/// the server says loudly at start-up.
pub fn check_site(options: &LeptosOptions, exe: &Path) -> Result<(), String> {
    if !options.hash_files {
        return Ok(());
    }
    let lines = hash_lines(exe).map_err(|e| e.to_string())?;
    let pkg = Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    for (kind, hash) in &lines {
        if !matches!(kind.as_str(), "js" | "wasm" | "css") {
            continue;
        }
        let file = pkg.join(format!("{}.{hash}.{kind}", options.output_name));
        if !file.is_file() {
            return Err(format!(
                "{} names {}, which is not there: the site was built by another build \
                 (debug and release share it); build this one again (cargo leptos build)",
                hash_file_beside(exe).display(),
                file.display()
            ));
        }
    }
    Ok(())
}

/// Marks every answer that did not say how long it may be kept as `PRIVATE`, and a
/// bare `no-cache` (the event streams') as private too: no shared cache keeps what
/// depends on the caller.
pub async fn private_by_default(req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    let headers = response.headers_mut();
    let said = headers
        .get(header::CACHE_CONTROL)
        .map(HeaderValue::as_bytes);
    if matches!(said, None | Some(b"no-cache")) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(PRIVATE));
    }
    response
}

/// Whether the site was built with hashed file names: cargo-leptos leaves `hash.txt`
/// beside the binary, where Leptos reads the names from (and panics on every page if
/// told the build is hashed while the file is missing, so the file decides, unless
/// `LEPTOS_HASH_FILES=false`).
pub fn hashed_build(exe: &Path) -> bool {
    std::env::var("LEPTOS_HASH_FILES").map_or(true, |v| v != "false")
        && hash_file_beside(exe).is_file()
}

fn hash_file_beside(exe: &Path) -> PathBuf {
    exe.parent().unwrap_or(Path::new(".")).join("hash.txt")
}
