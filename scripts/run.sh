#!/usr/bin/env bash
# Builds and serves Samskap with the Halden sentrum demo on an embedded SQLite file.
# A release build, as phones in a real room need it: the debug build's wasm is 30 MB.
# SAMSKAP_PROFILE=debug serves the quicker-to-build debug build instead.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
export DATABASE_URL="${DATABASE_URL:-sqlite://data/samskap.db}"
export SAMSKAP_DEMO="${SAMSKAP_DEMO:-true}"
export SAMSKAP_LISTEN="${SAMSKAP_LISTEN:-127.0.0.1:3000}"
target_dir="${CARGO_TARGET_DIR:-target}"
# Both bundles, the staff's (cargo-leptos) and the participant's (the phones'); then
# the server, with its settings from the environment above.
if [ "${SAMSKAP_PROFILE:-release}" = debug ]; then
  cargo leptos build
  ./scripts/participant-bundle.sh
  LEPTOS_SITE_ROOT=target/site exec "$target_dir/debug/samskap"
fi
if ! source ./scripts/wasm-opt.sh; then
  echo "run: wasm-opt is needed for a release build and could not be installed from npm;" >&2
  echo "     install Node.js 20+ (or binaryen's wasm-opt), or run" >&2
  echo "     SAMSKAP_PROFILE=debug make run (a 30 MB bundle: fine on this computer, not for phones)" >&2
  exit 1
fi
cargo leptos build --release --precompress
./scripts/participant-bundle.sh --release --precompress
LEPTOS_SITE_ROOT=target/site exec "$target_dir/release/samskap"
