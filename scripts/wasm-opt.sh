#!/usr/bin/env bash
# Sourced: puts binaryen's wasm-opt (npm, pinned in tools/package.json) on PATH for
# cargo-leptos's release build. Returns non-zero when npm is not there to install it.
tools="$(cd "$(dirname "${BASH_SOURCE[0]}")/../tools" && pwd)"
if [ ! -x "$tools/node_modules/.bin/wasm-opt" ]; then
  command -v npm >/dev/null || return 1
  echo "setup: installing wasm-opt (npm's binaryen) into tools/"
  (cd "$tools" && npm ci --no-audit --no-fund --silent)
fi
export PATH="$tools/node_modules/.bin:$PATH"
