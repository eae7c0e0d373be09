#!/usr/bin/env bash
# Fuzzes every target for the given seconds each (default 30) with cargo-fuzz on nightly,
# starting from the seed corpus in fuzz/corpus (new inputs go to a temporary copy).
# Prints the executions of each target and their total.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
total=0
for target in ingest_checklist ingest_user_properties operations merge_patch; do
  mkdir -p "$work/$target"
  (cd fuzz && cargo +nightly fuzz run "$target" "$work/$target" "corpus/$target" -- \
      -max_total_time="$seconds" -max_len=8192 -print_final_stats=1) > "$work/$target.log" 2>&1 || {
    tail -40 "$work/$target.log"; echo "fuzz target $target failed"; exit 1; }
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$target.log" | tail -1)
  echo "fuzz $target: ${runs:-0} executions in ${seconds}s, no crash"
  total=$((total + ${runs:-0}))
done
echo "fuzz total: $total executions"
