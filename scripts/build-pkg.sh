#!/usr/bin/env bash
# Builds the npm package: wasm-pack for browsers and bundlers (no top-level await),
# wasm-opt -Oz from npm's binaryen (Debian's older one breaks the module in Chromium),
# then the engine-only module for `guided-checklist/core` (no `client` feature), the
# wrapper entries and the package manifest.
#   bash scripts/build-pkg.sh                          # the published package, in pkg/
#   bash scripts/build-pkg.sh target/pkg-trap test-trap  # a test build with cargo features
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-pkg}
features=${2:-}
[ -x node_modules/.bin/wasm-opt ] || npm install --no-audit --no-fund --loglevel=error
# A feature build gets its own target folder: cargo does not copy a fresh artifact over
# the other build's, so sharing one could ship the other build's module.
build() { # out-dir target-dir cargo-args...
  local dir=$1 target=$2
  shift 2
  CARGO_TARGET_DIR="$PWD/$target" wasm-pack build --target web --release --out-dir "$PWD/$dir" -- "$@"
  # Rust's data and stack start at 1 MiB, and a fresh instance's memory is zeros: both
  # assumptions hold for this module and let wasm-opt drop a little more. The passes run
  # until they stop shrinking it (--converge), then once more with the names between the
  # module and its glue shortened, which must happen once: the glue is rewritten from the
  # mapping (scripts/minify-boundary.mjs). The producers and target-features sections are
  # for tools, not for the browser.
  local wasm="$dir/guided_checklist_bg.wasm" flags=(-Oz --low-memory-unused --zero-filled-memory)
  node_modules/.bin/wasm-opt "${flags[@]}" --converge "$wasm" -o "$wasm"
  node_modules/.bin/wasm-opt "${flags[@]}" --minify-imports-and-exports-and-modules --strip-producers \
    --strip-target-features "$wasm" -o "$wasm" > "$target/boundary.json"
  node scripts/minify-boundary.mjs "$dir" "$target/boundary.json"
}
if [ -z "$features" ]; then
  build "$out" target
else
  build "$out" "target/features-$features" --features "$features"
fi
build "$out/core" target/features-core --no-default-features
node scripts/assemble-pkg.mjs "$out"
