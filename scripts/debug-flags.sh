# Sourced by check.sh and test.sh (after lint.sh, which checks without it): the flags
# of every debug build they make, the same as `cargo leptos build` gives its own debug
# builds. With Leptos's `erase_components` the views' types are erased, and the app
# crate builds in about 100 s instead of 235 s (README, "The two commands"); with the
# same flags as cargo-leptos, the server binary the tests' build makes is the one the
# browser tests run.
# cargo-leptos adds the flag itself: run it with `env -u RUSTFLAGS`, or the flag would
# be there twice and every crate built again for the new flags.
export RUSTFLAGS="--cfg erase_components"
