#!/usr/bin/env bash
# Builds the npm package: wasm-pack for browsers and bundlers (no top-level await),
# wasm-opt -Oz from npm's binaryen (Debian's older one breaks the module in Chromium),
# then the wrapper entries and the package manifest.
#   bash scripts/build-pkg.sh                          # the published package, in pkg/
#   bash scripts/build-pkg.sh target/pkg-trap test-trap  # a test build with cargo features
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-pkg}
features=${2:-}
# A feature build gets its own target folder: cargo does not copy a fresh artifact over
# the other build's, so sharing one could ship the test build's module.
[ -z "$features" ] || export CARGO_TARGET_DIR="$PWD/target/features-$features"
wasm-pack build --target web --release --out-dir "$PWD/$out" -- ${features:+--features "$features"}
[ -x node_modules/.bin/wasm-opt ] || npm install --no-audit --no-fund --loglevel=error
node_modules/.bin/wasm-opt -Oz "$out/guided_checklist_bg.wasm" -o "$out/guided_checklist_bg.wasm"
node scripts/assemble-pkg.mjs "$out"
