#!/usr/bin/env bash
# The static checks both `make check` and `make test` start with: formatting (rustfmt and
# leptosfmt), clippy on all crates with their tests, on the server alone and on both wasm
# builds (warnings fail), no import cycle among the modules of any crate, the domain
# and store crates free of Leptos, every server function answering with JsonText, and
# every store transaction beginning with begin_write or begin_read.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
# Without `erase_components` (scripts/debug-flags.sh): the views checked as a release
# build compiles them, where a view's type is not erased.

echo "== formatting (rustfmt, and leptosfmt for the views)"
cargo fmt --all --check
leptosfmt --quiet --check app/src

echo "== lints (all crates with their tests; the server as shipped; the staff's and the participant's wasm)"
# The four at once: each mostly waits on one rustc checking the app crate, which uses
# one core. A build directory is locked while cargo uses it, so each check but the first
# has its own beside the main one. The server alone, with only its own features: the
# tests' build unites the features of every crate and of their tests, which could hide
# one the shipped server needs and does not ask for.
target_dir="${CARGO_TARGET_DIR:-target}"
logs=$(mktemp -d)
# Ctrl-C or a kill ends the four checks too (background jobs of a script ignore SIGINT).
trap 'trap - INT TERM; kill 0' INT TERM
clippy=(cargo clippy)
"${clippy[@]}" -p samskap-domain -p samskap-store -p samskap -p samskap-app -p samskap-bench \
  --all-targets --features samskap-app/ssr -- -D warnings > "$logs/server" 2>&1 &
server=$!
"${clippy[@]}" -p samskap --no-default-features --features ssr \
  --target-dir "$target_dir/lint-shipped" -- -D warnings > "$logs/shipped" 2>&1 &
shipped=$!
"${clippy[@]}" -p samskap-app --features hydrate,staff --target wasm32-unknown-unknown \
  --target-dir "$target_dir/lint-staff" -- -D warnings > "$logs/staff" 2>&1 &
staff=$!
"${clippy[@]}" -p samskap-app --features hydrate --target wasm32-unknown-unknown \
  --target-dir "$target_dir/lint-participant" -- -D warnings > "$logs/participant" 2>&1 &
participant=$!
failed=0
for lint in server shipped staff participant; do
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

echo "== server functions answer as JsonText"
# One JSON reader in the browser's bundles (domain/src/json_text.rs): a server function
# left on server_fn's own `Json` would bring a second one back for its answer's types.
# Every `#[server …]` attribute but the arguments' own (`#[server(default)]`, `flatten`).
if grep -rnE --include='*.rs' '#\[(leptos::)?server\b' app/src | grep -vE '#\[server\((default|flatten)\)\]' |
  grep -v 'output = crate::JsonText'; then
  echo "lint: the server functions above must say output = crate::JsonText" >&2
  exit 1
fi

echo "== store transactions begin with begin_write or begin_read"
# On SQLite writers queue for one connection and take the write lock at once; a plain
# `begin()` on the pool would skip the queue, and take the lock only at its first write
# (store/src/sqlite.rs, SqliteStore::begin_write).
if grep -rnE --include='*.rs' '\.begin\(\)|begin_with\(' store/src/calls; then
  echo "lint: store transactions above must start with self.begin_write() (or begin_read)" >&2
  exit 1
fi
