# The two commands of the README. Both install what is missing first.
.PHONY: run test setup

## Build and serve the app with the Halden demo on http://127.0.0.1:3000
run:
	./scripts/run.sh

## Run every test: formatting, lints, unit, store (SQLite + PostgreSQL), API, CLI, browser
test:
	./scripts/test.sh

## Install the toolchain pieces only (wasm target, cargo-leptos, wasm-bindgen-cli)
setup:
	./scripts/setup.sh
