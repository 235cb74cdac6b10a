#!/usr/bin/env bash
# The static checks both `make check` and `make test` start with: formatting (rustfmt and
# leptosfmt), clippy on the server build and on both wasm builds (warnings fail), no
# import cycle among the modules of any crate, and the domain and store crates free of
# Leptos.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
. scripts/debug-flags.sh

echo "== formatting (rustfmt, and leptosfmt for the views)"
cargo fmt --all --check
leptosfmt --quiet --check app/src

echo "== lints (the server build, and the wasm builds of the staff's and the participant's bundles)"
# The three at once: each mostly waits on one rustc checking the app crate, which uses
# one core. A build directory is locked while cargo uses it, so each wasm check has its
# own beside the main one.
target_dir="${CARGO_TARGET_DIR:-target}"
logs=$(mktemp -d)
clippy=(cargo clippy)
"${clippy[@]}" -p samskap-domain -p samskap-store -p samskap -p samskap-app -p samskap-bench \
  --all-targets --features samskap-app/ssr -- -D warnings > "$logs/server" 2>&1 &
server=$!
"${clippy[@]}" -p samskap-app --features hydrate,staff --target wasm32-unknown-unknown \
  --target-dir "$target_dir/lint-staff" -- -D warnings > "$logs/staff" 2>&1 &
staff=$!
"${clippy[@]}" -p samskap-app --features hydrate --target wasm32-unknown-unknown \
  --target-dir "$target_dir/lint-participant" -- -D warnings > "$logs/participant" 2>&1 &
participant=$!
failed=0
for lint in server staff participant; do
  wait "${!lint}" || failed=1
  cat "$logs/$lint"
done
rm -rf "$logs"
if [ "$failed" = 1 ]; then
  echo "lint: clippy found problems (see above)" >&2
  exit 1
fi

echo "== import cycles"
cargo-cycles

echo "== layers: the domain and the stores build without Leptos"
# The compiler already keeps the store crate from importing the app (no dependency);
# this keeps a dependency from bringing Leptos (or its server-function crate) back in.
for crate in samskap-domain samskap-store; do
  if cargo tree -p "$crate" -e normal --prefix none | grep -E '^(leptos|server_fn|samskap-app) '; then
    echo "lint: $crate depends on the crates above; it must build without Leptos" >&2
    exit 1
  fi
done
