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

/// The participant's bundle (`scripts/participant-bundle.sh`): its files' base name in
/// `pkg/`, and the file beside the binary that names their hashes as `hash.txt` does.
pub const PARTICIPANT_OUTPUT: &str = "participant";
pub const PARTICIPANT_HASH_FILE: &str = "hash-participant.txt";

/// The hashes `hash.txt` and `hash-participant.txt` name (`js: …`, `wasm: …`, `css: …`):
/// only files carrying one of them are kept a year.
pub fn hashes_beside_exe() -> Vec<String> {
    let Ok(exe) = std::env::current_exe() else {
        return Vec::new();
    };
    [HASH_FILE, PARTICIPANT_HASH_FILE]
        .into_iter()
        .flat_map(|name| hash_lines(&exe, name).unwrap_or_default())
        .map(|(_, hash)| hash)
        .collect()
}

/// The participant's bundle as hydration options, when a hashed build has it beside
/// the staff's: its hash file names both its files, they are there, and it was built
/// with this very staff's bundle (`staff: …`, the wasm hash of `hash.txt`), so from the
/// same source as this binary. Otherwise `Err` says why, and every page loads the
/// staff's bundle, which runs them all.
pub fn participant_bundle(options: &LeptosOptions, exe: &Path) -> Result<LeptosOptions, String> {
    if !options.hash_files {
        return Err("the build has no hashed file names".into());
    }
    let mut participant = options.clone();
    participant.output_name = PARTICIPANT_OUTPUT.into();
    participant.hash_file = PARTICIPANT_HASH_FILE.into();
    let file = beside(exe, PARTICIPANT_HASH_FILE);
    let lines =
        hash_lines(exe, PARTICIPANT_HASH_FILE).map_err(|e| format!("{}: {e}", file.display()))?;
    let named = |kind: &str| {
        lines
            .iter()
            .find(|(k, _)| k == kind)
            .map(|(_, h)| h.clone())
    };
    if named("js").is_none() || named("wasm").is_none() {
        return Err(format!("{} does not name both files", file.display()));
    }
    let staff = hash_lines(exe, HASH_FILE).unwrap_or_default();
    let staff_wasm = staff
        .iter()
        .find(|(k, _)| k == "wasm")
        .map(|(_, h)| h.clone());
    if named("staff").is_none() || named("staff") != staff_wasm {
        return Err(format!(
            "{} was built beside another build than {}; run scripts/participant-bundle.sh again",
            file.display(),
            beside(exe, HASH_FILE).display()
        ));
    }
    bundle_files_present(&participant, &lines, ["js", "wasm"])
        .map_err(|missing| format!("{} is not there", missing.display()))?;
    Ok(participant)
}

/// `(kind, hash)` for each line of the hash file `name` beside `exe` (`js: …`,
/// `wasm: …`, `css: …`, …).
fn hash_lines(exe: &Path, name: &str) -> std::io::Result<Vec<(String, String)>> {
    Ok(std::fs::read_to_string(beside(exe, name))?
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
    let lines = hash_lines(exe, HASH_FILE).map_err(|e| e.to_string())?;
    bundle_files_present(options, &lines, ["js", "wasm", "css"]).map_err(|file| {
        format!(
            "{} names {}, which is not there: the site was built by another build \
             (debug and release share it); build this one again (cargo leptos build)",
            beside(exe, HASH_FILE).display(),
            file.display()
        )
    })
}

/// That each of `kinds` the hash lines name is in the site's `pkg/` as
/// `{output_name}.{hash}.{kind}`; else the first one missing.
fn bundle_files_present<const N: usize>(
    options: &LeptosOptions,
    lines: &[(String, String)],
    kinds: [&str; N],
) -> Result<(), PathBuf> {
    let pkg = Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    for (kind, hash) in lines {
        if !kinds.contains(&kind.as_str()) {
            continue;
        }
        let file = pkg.join(format!("{}.{hash}.{kind}", options.output_name));
        if !file.is_file() {
            return Err(file);
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
        && beside(exe, HASH_FILE).is_file()
}

/// cargo-leptos's hash file of the staff's bundle.
const HASH_FILE: &str = "hash.txt";

fn beside(exe: &Path, name: &str) -> PathBuf {
    exe.parent().unwrap_or(Path::new(".")).join(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A site and a binary's folder in a temporary directory, with the staff's bundle.
    fn site(dir: &Path) -> (LeptosOptions, PathBuf) {
        let site = dir.join("site");
        std::fs::create_dir_all(site.join("pkg")).unwrap();
        let options = LeptosOptions::builder()
            .output_name("samskap")
            .site_root(site.to_string_lossy().to_string())
            .hash_files(true)
            .build();
        (options, dir.join("samskap"))
    }

    #[test]
    fn the_participant_bundle_is_used_only_beside_its_own_build() {
        let dir = tempfile::tempdir().unwrap();
        let (options, exe) = site(dir.path());
        std::fs::write(dir.path().join(HASH_FILE), "js: s1\nwasm: s2\ncss: s3\n").unwrap();
        let written = |hashes: &str| {
            std::fs::write(dir.path().join(PARTICIPANT_HASH_FILE), hashes).unwrap();
        };
        assert!(
            participant_bundle(&options, &exe).is_err(),
            "no hash file yet"
        );

        let pkg = dir.path().join("site/pkg");
        std::fs::write(pkg.join("participant.aaa111.js"), "").unwrap();
        written("js: aaa111\nstaff: s2\n");
        assert!(participant_bundle(&options, &exe).is_err(), "no wasm named");
        written("js: aaa111\nwasm: bbb222\nstaff: s2\n");
        assert!(
            participant_bundle(&options, &exe).is_err(),
            "its wasm is missing"
        );

        std::fs::write(pkg.join("participant.bbb222.wasm"), "").unwrap();
        written("js: aaa111\nwasm: bbb222\nstaff: old\n");
        let refused = participant_bundle(&options, &exe).unwrap_err();
        assert!(refused.contains("another build"), "{refused}");
        written("js: aaa111\nwasm: bbb222\n");
        assert!(participant_bundle(&options, &exe).is_err(), "no staff hash");

        written("js: aaa111\nwasm: bbb222\nstaff: s2\n");
        let bundle = participant_bundle(&options, &exe).expect("both files, the same build");
        assert_eq!(&*bundle.output_name, PARTICIPANT_OUTPUT);
        assert_eq!(&*bundle.hash_file, PARTICIPANT_HASH_FILE);
        assert_eq!(bundle.site_root, options.site_root);

        let mut unhashed = options;
        unhashed.hash_files = false;
        assert!(
            participant_bundle(&unhashed, &exe).is_err(),
            "an unhashed build"
        );
    }
}
