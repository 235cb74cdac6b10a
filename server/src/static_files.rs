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
use tower_http::services::ServeDir;

/// Files whose names carry their content's hash never change: a year, never revalidated.
pub const HASHED: &str = "public, max-age=31536000, immutable";
/// Bundle files with fixed names (a build without `hash-files`): asked again every time.
pub const UNHASHED: &str = "no-cache";
/// Everything else (pages, API answers, streams, exports) is the caller's own and
/// current: kept by no shared cache, revalidated on every use.
pub const PRIVATE: &str = "private, no-cache";

/// `/pkg/…` served from the site's `pkg` directory, the precompressed `.br` or `.gz`
/// beside a file preferred when the browser takes it (a release build writes them).
pub fn routes<S: Clone + Send + Sync + 'static>(options: &LeptosOptions) -> Router<S> {
    let dir = Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    let cache = if options.hash_files { HASHED } else { UNHASHED };
    Router::new()
        .nest_service(
            &format!("/{}", options.site_pkg_dir),
            ServeDir::new(dir).precompressed_br().precompressed_gzip(),
        )
        .layer(axum::middleware::map_response(
            move |mut response: Response| async move {
                if response.status().is_success() || response.status().as_u16() == 304 {
                    response
                        .headers_mut()
                        .insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
                }
                response
            },
        ))
}

/// Marks every answer that did not say how long it may be kept as `PRIVATE`.
pub async fn private_by_default(req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    response
        .headers_mut()
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static(PRIVATE));
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
