#!/usr/bin/env bash
# Builds and serves Samskap with the Halden sentrum demo on an embedded SQLite file.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
export DATABASE_URL="${DATABASE_URL:-sqlite://data/samskap.db}"
export SAMSKAP_DEMO="${SAMSKAP_DEMO:-true}"
export SAMSKAP_LISTEN="${SAMSKAP_LISTEN:-127.0.0.1:3000}"
exec cargo leptos serve
