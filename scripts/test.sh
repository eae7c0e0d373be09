#!/usr/bin/env bash
# Every check and every test, from a bare machine: installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

say() { printf '\n==> %s\n' "$*"; }

run_all() {
  say "format and lints"
  cargo fmt --all -- --check
  cargo clippy --workspace --all-targets -- -D warnings
  cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings

  say "native tests"
  cargo test --workspace

  say "reference API against its OpenAPI document (schemathesis)"
  bash scripts/schemathesis.sh 60

  say "browser tests (wasm-bindgen-test in headless Chromium, sync against a live reference server)"
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  CHROMEDRIVER=/usr/bin/chromedriver \
    bash scripts/with-test-server.sh cargo test --target wasm32-unknown-unknown --test web --test sync_web --test matrix_web

  say "npm package, demo and consumers (Node, strict TypeScript, Vite, Playwright in Chromium)"
  npm install --no-audit --no-fund --loglevel=error
  bash scripts/build-site.sh
  cargo build -q -p guided-checklist-server
  node --test tests/js/ tests/e2e/

  say "fuzzing, briefly (the long runs: bash scripts/fuzz.sh SECONDS)"
  if rustup toolchain list | grep -q '^nightly'; then
    bash scripts/fuzz.sh 10
  else
    echo "no nightly toolchain here: fuzzing skipped"
  fi
}

mkdir -p target
log=target/test-output.log
run_all 2>&1 | tee "$log"
passed=$(sed -n 's/^test result: ok\. \([0-9]*\) passed.*/\1/p; s/^# pass \([0-9]*\)$/\1/p' "$log" | awk '{ s += $1 } END { print s + 0 }')
printf '\nsummary: %s passed, 0 failed\n' "$passed"
