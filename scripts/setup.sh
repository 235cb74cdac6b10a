#!/usr/bin/env bash
# Installs the build toolchain pieces that are missing, at the pinned versions:
# the wasm32 target, cargo-leptos and wasm-bindgen-cli (matching Cargo.toml's pin),
# cargo-cycles, which finds import cycles between modules, and leptosfmt, which formats
# the views inside `view!` (rustfmt leaves macro bodies alone).
set -euo pipefail

CARGO_LEPTOS_VERSION=0.3.6
WASM_BINDGEN_VERSION=0.2.130
CARGO_CYCLES_VERSION=0.2.0
LEPTOSFMT_VERSION=0.1.33

export PATH="$HOME/.cargo/bin:$PATH"

# Linking, the bundled SQLite and cargo-leptos's vendored OpenSSL need a C toolchain,
# make and perl.
if ! command -v cc >/dev/null || ! command -v make >/dev/null || ! perl -MIPC::Cmd -e 1 2>/dev/null; then
  echo "setup: installing the C toolchain (build-essential, pkg-config, perl)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq build-essential pkg-config perl
fi

for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$component"; then
    rustup component add "$component"
  fi
done

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "setup: adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! cargo leptos --version 2>/dev/null | grep -q " $CARGO_LEPTOS_VERSION"; then
  echo "setup: installing cargo-leptos $CARGO_LEPTOS_VERSION (about 20 minutes on 2 cores, once per machine)"
  cargo install cargo-leptos@"$CARGO_LEPTOS_VERSION" --locked --features no_downloads
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION"; then
  # Not --locked: its lockfile names a crate the registry no longer has.
  echo "setup: installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo install wasm-bindgen-cli@"$WASM_BINDGEN_VERSION"
fi

if ! cargo-cycles --version 2>/dev/null | grep -q " $CARGO_CYCLES_VERSION"; then
  echo "setup: installing cargo-cycles $CARGO_CYCLES_VERSION (about 2 minutes)"
  cargo install cargo-cycles@"$CARGO_CYCLES_VERSION" --locked
fi

if ! leptosfmt --version 2>/dev/null | grep -q " $LEPTOSFMT_VERSION"; then
  echo "setup: installing leptosfmt $LEPTOSFMT_VERSION (about 3 minutes)"
  cargo install leptosfmt@"$LEPTOSFMT_VERSION" --locked
fi
