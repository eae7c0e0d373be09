#!/usr/bin/env bash
# Benchmarks against ajv, zod and plain JS in headless Chromium, sizes and cold start;
# prints the tables and writes BENCHMARKS.md. Not part of the test command.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npm install --no-audit --no-fund --loglevel=error
npm install --prefix bench --no-audit --no-fund --loglevel=error
bash scripts/build-pkg.sh
cargo build -q -p guided-checklist-server
node bench/run.mjs
