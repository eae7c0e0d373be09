#!/usr/bin/env bash
# Builds the npm package into pkg/: wasm-pack for browsers and bundlers (no top-level
# await), wasm-opt -Oz from npm's binaryen (Debian's older one breaks the module in
# Chromium), then the wrapper entries and the package manifest.
set -euo pipefail
cd "$(dirname "$0")/.."
wasm-pack build --target web --release --out-dir pkg
[ -x node_modules/.bin/wasm-opt ] || npm install --no-audit --no-fund --loglevel=error
node_modules/.bin/wasm-opt -Oz pkg/guided_checklist_bg.wasm -o pkg/guided_checklist_bg.wasm
node scripts/assemble-pkg.mjs
