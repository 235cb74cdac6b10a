#!/usr/bin/env bash
# The quick loop (`make check`): the static checks and the unit tests of each crate,
# without the databases' integration tests, the browser build or the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/lint.sh
. scripts/debug-flags.sh
echo "== unit tests"
cargo test -p samskap-domain -p samskap-store -p samskap-app -p samskap -p samskap-bench --features samskap-app/ssr --lib --bins
