#!/usr/bin/env bash
# Builds the participant's wasm bundle beside the staff's one that `cargo leptos build`
# made: the same app crate with `hydrate` alone (no `staff` feature), so a phone that
# joins a workshop downloads none of the staff's board tools (app/src/ui/staff_only.rs).
# Pages load it for everyone not signed in (server/src/http.rs, pages_by_session).
#
#   scripts/participant-bundle.sh [--release] [--precompress]
#
# Writes target/site/pkg/participant.<hash>.{js,wasm} and, beside the server binary,
# hash-participant.txt naming the hashes (as cargo-leptos's hash.txt does for the
# staff's bundle). --release optimises it with wasm-opt (on PATH; scripts/wasm-opt.sh);
# --precompress writes the .br and .gz copies the server sends as they are.
set -euo pipefail
cd "$(dirname "$0")/.."
release=false
precompress=false
for arg in "$@"; do
  case "$arg" in
    --release) release=true ;;
    --precompress) precompress=true ;;
    *) echo "participant-bundle: unknown argument $arg" >&2; exit 2 ;;
  esac
done
target_dir="${CARGO_TARGET_DIR:-$(pwd)/target}"
# The same environment and target directory as cargo-leptos's own front build, so the
# two share every compiled dependency and only the app crate is built again.
export LEPTOS_OUTPUT_NAME=samskap LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg \
  LEPTOS_SITE_ADDR=127.0.0.1:3000 LEPTOS_RELOAD_PORT=3001 LEPTOS_LIB_DIR=app \
  LEPTOS_BIN_DIR=server LEPTOS_HASH_FILES=true LEPTOS_HASH_FILE_NAME=hash.txt
if $release; then
  profile=(--profile wasm-release); wasm_dir=wasm-release; bin_dir=release
  export LEPTOS_JS_MINIFY=true
else
  profile=(); wasm_dir=debug; bin_dir=debug
  export LEPTOS_JS_MINIFY=false RUSTFLAGS="--cfg erase_components"
fi
cargo build --package=samskap-app --lib --target-dir="$target_dir/front" \
  --target=wasm32-unknown-unknown --no-default-features --features=hydrate "${profile[@]}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
wasm-bindgen --target=web --no-typescript --out-name=participant --out-dir="$work" \
  "$target_dir/front/wasm32-unknown-unknown/$wasm_dir/samskap_app.wasm"
if $release; then
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    "$work/participant_bg.wasm" -o "$work/participant_bg.wasm"
fi

pkg=target/site/pkg
mkdir -p "$pkg"
hash_of() { sha256sum "$1" | cut -c1-20; }
js_hash=$(hash_of "$work/participant.js")
wasm_hash=$(hash_of "$work/participant_bg.wasm")
rm -f "$pkg"/participant.*
cp "$work/participant.js" "$pkg/participant.$js_hash.js"
cp "$work/participant_bg.wasm" "$pkg/participant.$wasm_hash.wasm"
if $precompress; then
  node tools/precompress.mjs "$pkg/participant.$js_hash.js" "$pkg/participant.$wasm_hash.wasm"
fi
mkdir -p "$target_dir/$bin_dir"
printf 'js: %s\nwasm: %s\n' "$js_hash" "$wasm_hash" >"$target_dir/$bin_dir/hash-participant.txt"
echo "participant-bundle: $pkg/participant.$wasm_hash.wasm ($(du -k "$pkg/participant.$wasm_hash.wasm" | cut -f1) KB)"
