#!/usr/bin/env bash
# Builds the participant's wasm bundle beside the staff's one that `cargo leptos build`
# made: the same app crate with `hydrate` alone (no `staff` feature), so a phone that
# joins a workshop downloads none of the staff's board tools (app/src/ui/staff_only.rs).
# Pages load it for everyone not signed in (server/src/http.rs, pages_by_session).
#
#   scripts/participant-bundle.sh [--release] [--precompress]
#
# Run it after `cargo leptos build` of the same profile. Writes
# target/site/pkg/participant.<hash>.{js,wasm} and, beside the server binary,
# hash-participant.txt naming their hashes (as cargo-leptos's hash.txt does for the
# staff's bundle) and the staff's wasm hash it was built with: the server uses the
# participant's bundle only beside that very build (server/src/static_files.rs).
# --release optimises it with wasm-opt (on PATH; scripts/wasm-opt.sh); --precompress
# writes the .br and .gz copies the server sends as they are.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
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
# The environment cargo-leptos gives its own front build (none of it changes this
# bundle; a different value would only rebuild the crates that read it). A target
# directory of its own: the app is a cdylib, whose one output and fingerprint the two
# feature sets would otherwise take turns rebuilding.
export LEPTOS_OUTPUT_NAME=samskap LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg \
  LEPTOS_SITE_ADDR=127.0.0.1:3000 LEPTOS_RELOAD_PORT=3001 LEPTOS_LIB_DIR=app \
  LEPTOS_BIN_DIR=server LEPTOS_HASH_FILES=true LEPTOS_HASH_FILE_NAME=hash.txt
if $release; then
  profile=(--profile wasm-release); wasm_dir=wasm-release; bin_dir=release
  export LEPTOS_JS_MINIFY=true # as cargo-leptos sets it; nothing here minifies
else
  profile=(); wasm_dir=debug; bin_dir=debug
  export LEPTOS_JS_MINIFY=false RUSTFLAGS="${RUSTFLAGS:+$RUSTFLAGS }--cfg erase_components"
fi
staff_hash_file="$target_dir/$bin_dir/hash.txt"
staff_wasm=$(sed -n 's/^wasm: *//p' "$staff_hash_file" 2>/dev/null || true)
if [ -z "$staff_wasm" ]; then
  echo "participant-bundle: no $staff_hash_file; run cargo leptos build of the same profile first" >&2
  exit 1
fi
wasm_target="$target_dir/front-participant"
cargo build --package=samskap-app --lib --target-dir="$wasm_target" \
  --target=wasm32-unknown-unknown --no-default-features --features=hydrate "${profile[@]}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
wasm-bindgen --target=web --no-typescript --out-name=participant --out-dir="$work" \
  "$wasm_target/wasm32-unknown-unknown/$wasm_dir/samskap_app.wasm"
if $release; then
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    "$work/participant_bg.wasm" -o "$work/participant_bg.wasm"
fi

pkg=target/site/pkg
mkdir -p "$pkg"
hash_of() { sha256sum "$1" | cut -c1-20; }
js_hash=$(hash_of "$work/participant.js")
wasm_hash=$(hash_of "$work/participant_bg.wasm")
# The new files first, then the hash file (moved into place in one step: a running
# server reads it for every page), then the files no build's hash file names any more.
cp "$work/participant.js" "$pkg/participant.$js_hash.js"
cp "$work/participant_bg.wasm" "$pkg/participant.$wasm_hash.wasm"
if $precompress; then
  node tools/precompress.mjs "$pkg/participant.$js_hash.js" "$pkg/participant.$wasm_hash.wasm"
fi
hash_file="$target_dir/$bin_dir/hash-participant.txt"
printf 'js: %s\nwasm: %s\nstaff: %s\n' "$js_hash" "$wasm_hash" "$staff_wasm" >"$hash_file.new"
mv "$hash_file.new" "$hash_file"
# Each profile's hash file, where that profile was built (a new machine has only one).
named=$(for built in "$target_dir"/{debug,release}/hash-participant.txt; do
  if [ -f "$built" ]; then sed -n 's/^\(js\|wasm\): *//p' "$built"; fi
done)
for file in "$pkg"/participant.*; do
  hash=$(basename "$file" | cut -d. -f2)
  grep -qxF "$hash" <<<"$named" || rm -f "$file"
done
echo "participant-bundle: $pkg/participant.$wasm_hash.wasm ($(du -k "$pkg/participant.$wasm_hash.wasm" | cut -f1) KB)"
