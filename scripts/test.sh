#!/usr/bin/env bash
# Runs every test: formatting, lints (server and wasm), import cycles, unit tests, the
# store suite on SQLite and PostgreSQL, the HTTP API and CLI tests, then the browser
# tests in both modes. Every test binary runs even when an earlier one fails.
# Ends with one summary line: "total: N passed, M failed".
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
./scripts/setup.sh
./scripts/test-env.sh
export PATH="$HOME/.cargo/bin:$PATH"
export SAMSKAP_TEST_PG_URL="${SAMSKAP_TEST_PG_URL:-postgres://samskap_test:samskap_test@127.0.0.1:5432/postgres}"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
logs=$(mktemp -d)

./scripts/lint.sh

echo "== unit, store, API and CLI tests"
status=0
cargo test --no-fail-fast -p samskap-domain -p samskap-store -p samskap -p samskap-app -p samskap-bench --features samskap-app/ssr 2>&1 | tee "$logs/cargo-test.log" || status=1

echo "== build (server, the staff's and the participant's bundles), warnings fail"
cargo leptos build 2>&1 | tee "$logs/leptos-build.log"
./scripts/participant-bundle.sh 2>&1 | tee -a "$logs/leptos-build.log"
if grep -q '^warning' "$logs/leptos-build.log"; then
  echo "test: the build has warnings (see above)" >&2
  exit 1
fi

echo "== browser tests (hydrated and without JavaScript, side by side)"
# One runner per project, at once: each has its own server and database. The tests
# mostly wait on pages, so on two cores the two together took 16.9 minutes where one
# after the other took 23 (README, "The two commands").
e2e_pids=()
for project in hydrated nojs; do
  (
    cd end2end
    SAMSKAP_E2E_PROJECT=$project SAMSKAP_BIN="$target_dir/debug/samskap" \
      PLAYWRIGHT_JSON_OUTPUT_NAME="$logs/e2e-$project.json" \
      npx playwright test --reporter=list,json
  ) &
  e2e_pids+=($!)
done
for pid in "${e2e_pids[@]}"; do
  wait "$pid" || status=1
done

# One summary line, also when something failed above.
# (A log without a count, as after a build error, counts none.)
passed=$({ grep -Eo '[0-9]+ passed' "$logs/cargo-test.log" || true; } | awk '{s+=$1} END {print s+0}')
failed=$({ grep -Eo '[0-9]+ failed' "$logs/cargo-test.log" || true; } | awk '{s+=$1} END {print s+0}')
# A report that is missing or unreadable (its runner never got going, or was cut off)
# counts as one failure; so does each error outside a test (a server that did not start).
e2e_passed=0
e2e_failed=0
for project in hydrated nojs; do
  e2e=$(node -e 'const r=require(process.argv[1]); console.log(r.stats.expected, r.stats.unexpected + r.stats.flaky + (r.errors || []).length)' \
    "$logs/e2e-$project.json" 2>/dev/null) || e2e="0 1"
  e2e_passed=$((e2e_passed + ${e2e% *}))
  e2e_failed=$((e2e_failed + ${e2e#* }))
done
echo "cargo tests: $passed passed, $failed failed; browser tests: $e2e_passed passed, $e2e_failed failed"
echo "total: $((passed + e2e_passed)) passed, $((failed + e2e_failed)) failed"
exit "$status"
