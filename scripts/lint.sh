#!/usr/bin/env bash
# The static checks both `make check` and `make test` start with: formatting, clippy on
# the server build and on both wasm builds (warnings fail), and no import cycle
# among the modules of any crate.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

echo "== formatting"
cargo fmt --all --check

echo "== lints (server build)"
cargo clippy -p samskap -p samskap-app -p samskap-bench --all-targets --features samskap-app/ssr -- -D warnings

echo "== lints (wasm builds: the staff's bundle, the participant's)"
cargo clippy -p samskap-app --features hydrate,staff --target wasm32-unknown-unknown -- -D warnings
cargo clippy -p samskap-app --features hydrate --target wasm32-unknown-unknown -- -D warnings

echo "== import cycles"
cargo-cycles
