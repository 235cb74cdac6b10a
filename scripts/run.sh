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
if [ "${SAMSKAP_PROFILE:-release}" = debug ]; then
  exec cargo leptos serve
fi
if ! source ./scripts/wasm-opt.sh; then
  echo "run: wasm-opt is needed for a release build and could not be installed from npm;" >&2
  echo "     install Node.js 20+ (or binaryen's wasm-opt), or run" >&2
  echo "     SAMSKAP_PROFILE=debug make run (a 30 MB bundle: fine on this computer, not for phones)" >&2
  exit 1
fi
exec cargo leptos serve --release --precompress
