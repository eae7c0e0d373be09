#!/usr/bin/env bash
# Builds the npm package into pkg/ for browsers and bundlers (no top-level await).
set -euo pipefail
cd "$(dirname "$0")/.."
wasm-pack build --target web --release --out-dir pkg
