# The two commands of the README, and the quick loop. Each installs what is missing first.
.PHONY: run test check setup

## Build and serve the app with the Halden demo on http://127.0.0.1:3000
run:
	./scripts/run.sh

## Run every test: formatting, lints, unit, store (SQLite + PostgreSQL), API, CLI, browser
test:
	./scripts/test.sh

## The quick loop: formatting, clippy (server and wasm), import cycles, unit tests
check:
	./scripts/check.sh

## Install the toolchain pieces only (wasm target, cargo-leptos, wasm-bindgen-cli, cargo-cycles)
setup:
	./scripts/setup.sh
