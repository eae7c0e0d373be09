#!/usr/bin/env bash
# Runs a command with a fresh reference server (test controls on, any CORS origin) on a
# free loopback port; the command sees GC_API_URL and GC_API_TOKEN. The server stops after.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q -p guided-checklist-server
work=$(mktemp -d)
target/debug/guided-checklist-server --addr 127.0.0.1:0 --db "$work/test.sqlite" --admin-token test-admin-token \
  --cors-origin '*' --test-controls --quiet > "$work/stdout" 2> "$work/stderr" &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 100); do grep -q 'listening on' "$work/stdout" && break; sleep 0.1; done
GC_API_URL=$(sed -n 's/.*listening on //p' "$work/stdout")
[ -n "$GC_API_URL" ] || { echo "the test server did not start:"; cat "$work/stderr"; exit 1; }
export GC_API_URL GC_API_TOKEN=test-admin-token
"$@"
