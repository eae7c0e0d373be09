#!/usr/bin/env bash
# Builds the npm package into pkg/: wasm-pack for browsers and bundlers (no top-level
# await), then the wrapper entries and the package manifest.
set -euo pipefail
cd "$(dirname "$0")/.."
wasm-pack build --target web --release --out-dir pkg
node scripts/assemble-pkg.mjs
