#!/usr/bin/env bash
# The static checks both `make check` and `make test` start with: formatting (rustfmt and
# leptosfmt), clippy on the server build and on both wasm builds (warnings fail), no
# import cycle among the modules of any crate, and the domain and store crates free of
# Leptos.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

echo "== formatting (rustfmt, and leptosfmt for the views)"
cargo fmt --all --check
leptosfmt --quiet --check app/src

echo "== lints (server build)"
cargo clippy -p samskap-domain -p samskap-store -p samskap -p samskap-app -p samskap-bench --all-targets --features samskap-app/ssr -- -D warnings

echo "== lints (wasm builds: the staff's bundle, the participant's)"
cargo clippy -p samskap-app --features hydrate,staff --target wasm32-unknown-unknown -- -D warnings
cargo clippy -p samskap-app --features hydrate --target wasm32-unknown-unknown -- -D warnings

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
