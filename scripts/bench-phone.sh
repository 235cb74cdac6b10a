#!/usr/bin/env bash
# The phone benchmark (bench/phone/phone.mjs) against a release build serving the demo
# on a fresh SQLite file. Builds the release first, with both bundles (wasm-opt from
# tools/, npm's binaryen). Arguments go to the benchmark, e.g. --runs 9.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
source ./scripts/wasm-opt.sh
(cd bench/phone && npm ci --no-audit --no-fund --silent)
cargo leptos build --release --precompress
./scripts/participant-bundle.sh --release --precompress
target_dir="${CARGO_TARGET_DIR:-target}"
data="$(mktemp -d)"
port=3100
LEPTOS_SITE_ROOT=target/site "$target_dir/release/samskap" --demo --demo-password bench-passord-123 \
  --database-url "sqlite://$data/samskap.db" --listen "127.0.0.1:$port" >"$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break
  sleep 0.2
done
curl -fs "http://127.0.0.1:$port/healthz" >/dev/null || {
  echo "bench-phone: the server did not start:" >&2
  cat "$data/server.log" >&2
  exit 1
}
node bench/phone/phone.mjs --base "http://127.0.0.1:$port" "$@"
