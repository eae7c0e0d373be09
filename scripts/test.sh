#!/usr/bin/env bash
# Every check and every test, from a bare machine: installs what is missing first.
# Sections run in order and the first failing one stops the run; the last lines name it
# and count what passed and failed, whichever way it ended.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

lints() {
  cargo fmt --all -- --check
  cargo clippy --workspace --all-targets -- -D warnings
  cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings
  cargo clippy --target wasm32-unknown-unknown --no-default-features --lib -- -D warnings
}

native() {
  cargo test --workspace
}

schemathesis() {
  bash scripts/schemathesis.sh 60
}

browser() {
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  CHROMEDRIVER=/usr/bin/chromedriver \
    bash scripts/with-test-server.sh cargo test --target wasm32-unknown-unknown --test web --test sync_web --test matrix_web
}

package() {
  npm install --no-audit --no-fund --loglevel=error
  bash scripts/build-site.sh
  bash scripts/build-pkg.sh target/www/pkg-trap test-trap
  node scripts/size.mjs
  cargo build -q -p guided-checklist-server
  node --test tests/js/ tests/e2e/
}

fuzz() {
  if rustup toolchain list | grep -q '^nightly'; then
    bash scripts/fuzz.sh 10
  else
    echo "no nightly toolchain here: fuzzing skipped"
  fi
}

sections=(
  "lints:format and lints"
  "native:native tests"
  "schemathesis:reference API against its OpenAPI document (schemathesis)"
  "browser:browser tests (wasm-bindgen-test in headless Chromium, sync against a live reference server)"
  "package:npm package, demo, React and bundlers (Node, strict TypeScript, Playwright in Chromium)"
  "fuzz:fuzzing, briefly (the long runs: bash scripts/fuzz.sh SECONDS)"
)

mkdir -p target
log=target/test-output.log
: > "$log"
failed_section=""
for entry in "${sections[@]}"; do
  name=${entry%%:*}
  printf '\n==> %s\n' "${entry#*:}" | tee -a "$log"
  # Its own shell, so that `set -e` stops the section at its first failing command.
  if ! bash -euo pipefail -c "$(declare -f "$name"); $name" 2>&1 | tee -a "$log"; then
    failed_section=${entry#*:}
    break
  fi
done

count() { sed -n "$1" "$log" | awk '{ s += $1 } END { print s + 0 }'; }
passed=$(count 's/^test result: [a-zA-Z]*\. \([0-9]*\) passed.*/\1/p; s/^# pass \([0-9]*\)$/\1/p')
failed=$(count 's/^test result: [a-zA-Z]*\. [0-9]* passed; \([0-9]*\) failed.*/\1/p; s/^# fail \([0-9]*\)$/\1/p')
if [ -n "$failed_section" ]; then
  printf '\nFAILED in section: %s (output in %s)\n' "$failed_section" "$log"
  printf 'summary: %s passed, %s failed\n' "$passed" "$failed"
  exit 1
fi
printf '\nsummary: %s passed, %s failed\n' "$passed" "$failed"
