# Sourced (not run): puts binaryen's wasm-opt (npm, pinned in tools/package.json) on
# PATH for cargo-leptos's release build. Returns non-zero when it cannot.
tools="$(cd "$(dirname "${BASH_SOURCE[0]}")/../tools" && pwd)"
pinned="$(sed -n 's/.*"binaryen": "\([0-9]*\)\..*/\1/p' "$tools/package.json")"
if ! "$tools/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "version $pinned\b"; then
  if command -v wasm-opt >/dev/null; then
    return 0 # one installed another way
  fi
  command -v npm >/dev/null || return 1
  echo "setup: installing wasm-opt $pinned (npm's binaryen) into tools/"
  (cd "$tools" && npm ci --no-audit --no-fund --silent) || return 1
fi
export PATH="$tools/node_modules/.bin:$PATH"
