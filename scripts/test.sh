#!/usr/bin/env bash
# Runs every test: formatting, lints (server and wasm), import cycles, then one build for
# all of them, then unit tests, the store suite on SQLite and PostgreSQL, the HTTP API
# and CLI tests side by side with the browser tests in both modes. Every test binary
# runs even when an earlier one fails.
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
# Ctrl-C or a kill ends the runners in the background too (they ignore SIGINT).
trap 'trap - INT TERM; kill 0' INT TERM
build_failed() {
  echo "test: $1 (see above)" >&2
  echo "total: 0 passed, 1 failed"
  exit 1
}

./scripts/lint.sh || build_failed "the static checks failed"

. scripts/debug-flags.sh
cargo_tests=(-p samskap-domain -p samskap-store -p samskap -p samskap-app -p samskap-bench
  --features samskap-app/ssr)
status=0

echo "== build: the tests and the server (one build), the staff's and the participant's bundles"
# The tests' build makes the server binary too (target/debug/samskap, which the CLI tests
# and the browser tests run); cargo-leptos builds only the two wasm bundles, at the same
# time (in build directories of their own: front/ and front-participant/). Warnings fail.
(
  env -u RUSTFLAGS cargo leptos build --frontend-only &&
    env -u RUSTFLAGS ./scripts/participant-bundle.sh
) > "$logs/bundles.log" 2>&1 &
bundles=$!
cargo test --no-run "${cargo_tests[@]}" 2>&1 | tee "$logs/build.log" || {
  wait "$bundles" || true
  cat "$logs/bundles.log"
  build_failed "the tests' build failed"
}
bundles_status=0
wait "$bundles" || bundles_status=$?
tee -a "$logs/build.log" <"$logs/bundles.log"
[ "$bundles_status" = 0 ] || build_failed "the wasm bundles did not build"
if grep -q '^warning' "$logs/build.log"; then
  build_failed "the build has warnings"
fi

echo "== tests: unit, store, API and CLI, and the browser tests (hydrated and without JavaScript), side by side"
# Three runners at once: the cargo tests, and one Playwright runner per project, each
# with its own server and database. Their output is printed when all three have ended.
cargo test --no-fail-fast "${cargo_tests[@]}" > "$logs/cargo-test.log" 2>&1 &
pids=($!)
for project in hydrated nojs; do
  (
    cd end2end
    SAMSKAP_E2E_PROJECT=$project SAMSKAP_BIN="$target_dir/debug/samskap" \
      PLAYWRIGHT_JSON_OUTPUT_NAME="$logs/e2e-$project.json" \
      npx playwright test --reporter=list,json
  ) > "$logs/e2e-$project.log" 2>&1 &
  pids+=($!)
done
for pid in "${pids[@]}"; do
  wait "$pid" || status=1
done
for log in cargo-test e2e-hydrated e2e-nojs; do
  echo "== $log"
  cat "$logs/$log.log"
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
# A runner that failed without a count (a test binary killed by a signal) is one failure.
if [ "$status" != 0 ] && [ $((failed + e2e_failed)) = 0 ]; then
  failed=1
fi
if [ "$e2e_failed" != 0 ]; then
  echo "A failed browser test's trace and screenshot: end2end/test-results/<project>/;" \
    "end2end/README.md says how to run it again with the page's DOM at each step."
fi
echo "cargo tests: $passed passed, $failed failed; browser tests: $e2e_passed passed, $e2e_failed failed"
echo "total: $((passed + e2e_passed)) passed, $((failed + e2e_failed)) failed"
exit "$status"
